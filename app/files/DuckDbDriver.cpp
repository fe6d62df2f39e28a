#include "app/files/DuckDbDriver.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <QSqlResult>
#include <QTimeZone>
#include <QVector>

#ifdef ASSAY_HAS_DUCKDB
#include <duckdb.h>
#endif

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::DuckDbDriver)
};

} // namespace

#ifdef ASSAY_HAS_DUCKDB

namespace {

duckdb_connection connectionOf(const DuckDbDriver *driver)
{
    return static_cast<duckdb_connection>(driver->connection());
}

QMetaType::Type metaTypeOf(duckdb_type type)
{
    switch (type) {
    case DUCKDB_TYPE_BOOLEAN:
        return QMetaType::Bool;
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
        return QMetaType::LongLong;
    case DUCKDB_TYPE_UTINYINT:
    case DUCKDB_TYPE_USMALLINT:
    case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_UBIGINT:
        return QMetaType::ULongLong;
    case DUCKDB_TYPE_FLOAT:
    case DUCKDB_TYPE_DOUBLE:
        return QMetaType::Double;
    case DUCKDB_TYPE_DATE:
        return QMetaType::QDate;
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_TZ:
        return QMetaType::QDateTime;
    case DUCKDB_TYPE_BLOB:
        return QMetaType::QByteArray;
    default: // text, decimals (exact), huge integers, times, intervals, nested types
        return QMetaType::QString;
    }
}

// A result: DuckDB materialises it (Profile's and Scan's results are aggregates or LIMITed
// rows), and this reads it by position.
class DuckDbResult : public QSqlResult
{
public:
    explicit DuckDbResult(const DuckDbDriver *driver) : QSqlResult(driver), m_driver(driver) {}
    ~DuckDbResult() override { clear(); }

    QVariant handle() const override { return {}; }

protected:
    QVariant data(int field) override
    {
        const idx_t row = idx_t(at());
        const idx_t column = idx_t(field);
        if (!m_hasResult || field < 0 || field >= m_types.size() || at() < 0)
            return {};
        const QMetaType meta(metaTypeOf(m_types.at(field)));
        if (duckdb_value_is_null(&m_result, column, row))
            return QVariant(meta);
        switch (m_types.at(field)) {
        case DUCKDB_TYPE_BOOLEAN:
            return duckdb_value_boolean(&m_result, column, row);
        case DUCKDB_TYPE_TINYINT:
        case DUCKDB_TYPE_SMALLINT:
        case DUCKDB_TYPE_INTEGER:
        case DUCKDB_TYPE_BIGINT:
            return qlonglong(duckdb_value_int64(&m_result, column, row));
        case DUCKDB_TYPE_UTINYINT:
        case DUCKDB_TYPE_USMALLINT:
        case DUCKDB_TYPE_UINTEGER:
        case DUCKDB_TYPE_UBIGINT:
            return qulonglong(duckdb_value_uint64(&m_result, column, row));
        case DUCKDB_TYPE_FLOAT:
        case DUCKDB_TYPE_DOUBLE:
            return duckdb_value_double(&m_result, column, row);
        case DUCKDB_TYPE_DATE: {
            const duckdb_date d = duckdb_value_date(&m_result, column, row);
            return QDate(1970, 1, 1).addDays(d.days);
        }
        case DUCKDB_TYPE_TIMESTAMP:
        case DUCKDB_TYPE_TIMESTAMP_TZ: {
            const duckdb_timestamp t = duckdb_value_timestamp(&m_result, column, row);
            return QDateTime::fromMSecsSinceEpoch(t.micros / 1000, QTimeZone::utc());
        }
        case DUCKDB_TYPE_BLOB: {
            duckdb_blob blob = duckdb_value_blob(&m_result, column, row);
            const QByteArray bytes(static_cast<const char *>(blob.data), qsizetype(blob.size));
            duckdb_free(blob.data);
            return bytes;
        }
        default: {
            char *text = duckdb_value_varchar(&m_result, column, row);
            const QString value = text ? QString::fromUtf8(text) : QString();
            duckdb_free(text);
            return value;
        }
        }
    }

    bool isNull(int field) override
    {
        if (!m_hasResult || field < 0 || field >= m_types.size() || at() < 0)
            return true;
        return duckdb_value_is_null(&m_result, idx_t(field), idx_t(at()));
    }

    bool reset(const QString &query) override
    {
        if (!prepare(query))
            return false;
        return exec();
    }

    bool prepare(const QString &query) override
    {
        clear();
        setActive(false);
        setAt(QSql::BeforeFirstRow);
        duckdb_connection connection = connectionOf(m_driver);
        if (!connection) {
            setLastError(QSqlError(Text::tr("The database is not open."), QString(),
                                   QSqlError::ConnectionError));
            return false;
        }
        const QByteArray sql = query.toUtf8();
        if (duckdb_prepare(connection, sql.constData(), &m_statement) != DuckDBSuccess) {
            const char *message = duckdb_prepare_error(m_statement);
            setLastError(QSqlError(Text::tr("Unable to prepare the statement"),
                                   QString::fromUtf8(message ? message : ""),
                                   QSqlError::StatementError));
            duckdb_destroy_prepare(&m_statement);
            m_statement = nullptr;
            return false;
        }
        return true;
    }

    bool exec() override
    {
        if (!m_statement)
            return false;
        destroyResult();
        setAt(QSql::BeforeFirstRow);
        const QVariantList values = boundValues();
        const idx_t wanted = duckdb_nparams(m_statement);
        if (idx_t(values.size()) != wanted) {
            setLastError(QSqlError(Text::tr("The statement takes %1 values; %2 were bound.")
                                       .arg(wanted)
                                       .arg(values.size()),
                                   QString(), QSqlError::StatementError));
            return false;
        }
        for (int i = 0; i < values.size(); ++i)
            if (!bind(idx_t(i) + 1, values.at(i))) {
                setLastError(QSqlError(Text::tr("Cannot bind value %1.").arg(i + 1), QString(),
                                       QSqlError::StatementError));
                return false;
            }
        if (duckdb_execute_prepared(m_statement, &m_result) != DuckDBSuccess) {
            const char *message = duckdb_result_error(&m_result);
            setLastError(QSqlError(Text::tr("Unable to execute the statement"),
                                   QString::fromUtf8(message ? message : ""),
                                   QSqlError::StatementError));
            duckdb_destroy_result(&m_result);
            return false;
        }
        m_hasResult = true;
        m_types.clear();
        const idx_t columns = duckdb_column_count(&m_result);
        for (idx_t c = 0; c < columns; ++c)
            m_types << duckdb_column_type(&m_result, c);
        m_rows = qint64(duckdb_row_count(&m_result));
        setSelect(columns > 0 &&
                  duckdb_result_return_type(m_result) == DUCKDB_RESULT_TYPE_QUERY_RESULT);
        setActive(true);
        return true;
    }

    bool fetch(int i) override
    {
        if (!isActive() || i < 0 || qint64(i) >= m_rows)
            return false;
        setAt(i);
        return true;
    }
    bool fetchFirst() override { return fetch(0); }
    bool fetchLast() override { return m_rows > 0 && fetch(int(m_rows - 1)); }
    int size() override { return isSelect() ? int(m_rows) : -1; }
    int numRowsAffected() override { return m_hasResult ? int(duckdb_rows_changed(&m_result)) : 0; }

    QSqlRecord record() const override
    {
        QSqlRecord r;
        if (!m_hasResult)
            return r;
        auto *result = const_cast<duckdb_result *>(&m_result);
        for (int c = 0; c < m_types.size(); ++c)
            r.append(QSqlField(QString::fromUtf8(duckdb_column_name(result, idx_t(c))),
                               QMetaType(metaTypeOf(m_types.at(c)))));
        return r;
    }

    void detachFromResultSet() override { destroyResult(); }

private:
    bool bind(idx_t index, const QVariant &v)
    {
        if (v.isNull())
            return duckdb_bind_null(m_statement, index) == DuckDBSuccess;
        switch (v.typeId()) {
        case QMetaType::Bool:
            return duckdb_bind_boolean(m_statement, index, v.toBool()) == DuckDBSuccess;
        case QMetaType::Int:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
            return duckdb_bind_int64(m_statement, index, v.toLongLong()) == DuckDBSuccess;
        case QMetaType::UInt:
        case QMetaType::ULong:
        case QMetaType::ULongLong:
        case QMetaType::UShort:
            return duckdb_bind_uint64(m_statement, index, v.toULongLong()) == DuckDBSuccess;
        case QMetaType::Double:
        case QMetaType::Float:
            return duckdb_bind_double(m_statement, index, v.toDouble()) == DuckDBSuccess;
        case QMetaType::QByteArray: {
            const QByteArray bytes = v.toByteArray();
            return duckdb_bind_blob(m_statement, index, bytes.constData(), idx_t(bytes.size())) ==
                   DuckDBSuccess;
        }
        case QMetaType::QDate: {
            duckdb_date d;
            d.days = int32_t(QDate(1970, 1, 1).daysTo(v.toDate()));
            return duckdb_bind_date(m_statement, index, d) == DuckDBSuccess;
        }
        case QMetaType::QDateTime: {
            duckdb_timestamp t;
            t.micros = v.toDateTime().toMSecsSinceEpoch() * 1000;
            return duckdb_bind_timestamp(m_statement, index, t) == DuckDBSuccess;
        }
        default: {
            const QByteArray text = v.toString().toUtf8();
            return duckdb_bind_varchar_length(m_statement, index, text.constData(),
                                              idx_t(text.size())) == DuckDBSuccess;
        }
        }
    }

    void destroyResult()
    {
        if (m_hasResult)
            duckdb_destroy_result(&m_result);
        m_hasResult = false;
        m_rows = 0;
        m_types.clear();
    }

    void clear()
    {
        destroyResult();
        if (m_statement)
            duckdb_destroy_prepare(&m_statement);
        m_statement = nullptr;
    }

    const DuckDbDriver *m_driver;
    duckdb_prepared_statement m_statement = nullptr;
    duckdb_result m_result{};
    bool m_hasResult = false;
    qint64 m_rows = 0;
    QVector<duckdb_type> m_types;
};

} // namespace

DuckDbDriver::DuckDbDriver(QObject *parent) : QSqlDriver(parent) {}

DuckDbDriver::~DuckDbDriver()
{
    close();
}

bool DuckDbDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case QuerySize:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case FinishQuery:
    case CancelQuery:
        return true;
    default:
        return false;
    }
}

bool DuckDbDriver::open(const QString &db, const QString &, const QString &, const QString &, int,
                        const QString &options)
{
    close();
    duckdb_config config = nullptr;
    duckdb_create_config(&config);
    for (const QString &option : options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const int eq = option.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        duckdb_set_config(config, option.left(eq).trimmed().toUtf8().constData(),
                          option.mid(eq + 1).trimmed().toUtf8().constData());
    }
    const QByteArray path =
        db.isEmpty() || db == QLatin1String(":memory:") ? QByteArray() : db.toUtf8();
    duckdb_database database = nullptr;
    char *error = nullptr;
    const bool opened = duckdb_open_ext(path.isEmpty() ? nullptr : path.constData(), &database,
                                        config, &error) == DuckDBSuccess;
    duckdb_destroy_config(&config);
    if (!opened) {
        setLastError(QSqlError(Text::tr("Cannot open the file engine's database"),
                               QString::fromUtf8(error ? error : ""), QSqlError::ConnectionError));
        duckdb_free(error);
        setOpenError(true);
        return false;
    }
    duckdb_connection connection = nullptr;
    if (duckdb_connect(database, &connection) != DuckDBSuccess) {
        duckdb_close(&database);
        setLastError(QSqlError(Text::tr("Cannot connect to the file engine's database"), QString(),
                               QSqlError::ConnectionError));
        setOpenError(true);
        return false;
    }
    m_database = database;
    m_connection = connection;
    setOpen(true);
    setOpenError(false);
    return true;
}

void DuckDbDriver::close()
{
    if (m_connection) {
        auto connection = static_cast<duckdb_connection>(m_connection);
        duckdb_disconnect(&connection);
    }
    if (m_database) {
        auto database = static_cast<duckdb_database>(m_database);
        duckdb_close(&database);
    }
    m_connection = nullptr;
    m_database = nullptr;
    if (isOpen())
        setOpen(false);
}

QSqlResult *DuckDbDriver::createResult() const
{
    return new DuckDbResult(this);
}

QVariant DuckDbDriver::handle() const
{
    return QVariant::fromValue(m_connection);
}

bool DuckDbDriver::run(const char *sql)
{
    duckdb_result result;
    const bool ok = duckdb_query(connectionOf(this), sql, &result) == DuckDBSuccess;
    if (!ok)
        setLastError(QSqlError(Text::tr("Transaction failed"),
                               QString::fromUtf8(duckdb_result_error(&result)),
                               QSqlError::TransactionError));
    duckdb_destroy_result(&result);
    return ok;
}

bool DuckDbDriver::beginTransaction()
{
    return isOpen() && run("BEGIN TRANSACTION");
}

bool DuckDbDriver::commitTransaction()
{
    return isOpen() && run("COMMIT");
}

bool DuckDbDriver::rollbackTransaction()
{
    return isOpen() && run("ROLLBACK");
}

QString DuckDbDriver::escapeIdentifier(const QString &identifier, IdentifierType) const
{
    QString escaped = identifier;
    return QLatin1Char('"') + escaped.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
           QLatin1Char('"');
}

bool hasDuckDb()
{
    return true;
}

std::function<void()> duckDbInterrupter(const QSqlDatabase &db)
{
    auto *driver = qobject_cast<DuckDbDriver *>(db.driver());
    if (!driver || !driver->connection())
        return {};
    auto connection = static_cast<duckdb_connection>(driver->connection());
    return [connection] { duckdb_interrupt(connection); };
}

QString duckDbVersion()
{
    return QString::fromUtf8(duckdb_library_version());
}

bool registerDuckDbDriver()
{
    static const bool registered = [] {
        QSqlDatabase::registerSqlDriver(QStringLiteral("QDUCKDB"),
                                        new QSqlDriverCreator<DuckDbDriver>);
        return true;
    }();
    return registered;
}

#else // no DuckDB in this build: the driver exists, and refuses to open.

DuckDbDriver::DuckDbDriver(QObject *parent) : QSqlDriver(parent) {}
DuckDbDriver::~DuckDbDriver() = default;
bool DuckDbDriver::hasFeature(DriverFeature) const
{
    return false;
}
bool DuckDbDriver::open(const QString &, const QString &, const QString &, const QString &, int,
                        const QString &)
{
    setLastError(QSqlError(Text::tr("This build of Assay has no file engine (DuckDB)."), QString(),
                           QSqlError::ConnectionError));
    setOpenError(true);
    return false;
}
void DuckDbDriver::close() {}
QSqlResult *DuckDbDriver::createResult() const
{
    return nullptr;
}
QVariant DuckDbDriver::handle() const
{
    return {};
}
bool DuckDbDriver::beginTransaction()
{
    return false;
}
bool DuckDbDriver::commitTransaction()
{
    return false;
}
bool DuckDbDriver::rollbackTransaction()
{
    return false;
}
QString DuckDbDriver::escapeIdentifier(const QString &identifier, IdentifierType) const
{
    return identifier;
}
bool DuckDbDriver::run(const char *)
{
    return false;
}
bool hasDuckDb()
{
    return false;
}
std::function<void()> duckDbInterrupter(const QSqlDatabase &)
{
    return {};
}
QString duckDbVersion()
{
    return QString();
}
bool registerDuckDbDriver()
{
    return false;
}

#endif

} // namespace assay
