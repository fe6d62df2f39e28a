#include "app/engine/profile/SqliteProfileFunction.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <sqlite3.h>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace assay::sqlite_profile {

namespace {

// SQLite's LENGTH() of text: characters, i.e. the bytes that do not continue a UTF-8 sequence.
qint64 characters(const unsigned char *text, int size)
{
    qint64 n = 0;
    for (int i = 0; i < size; ++i)
        n += (text[i] & 0xC0) != 0x80;
    return n;
}

// A real number as SQLite's CAST(x AS TEXT) spells it.
std::string realText(double v)
{
    char *text = sqlite3_mprintf("%!.15g", v);
    std::string out = text ? text : "";
    sqlite3_free(text);
    return out;
}

ColumnSketch *sketchOf(sqlite3_context *context, sqlite3_value *kind, bool create)
{
    auto **slot = static_cast<ColumnSketch **>(
        sqlite3_aggregate_context(context, create ? int(sizeof(ColumnSketch *)) : 0));
    if (!slot)
        return nullptr;
    if (!*slot && create) {
        const int k = sqlite3_value_int(kind);
        *slot = new ColumnSketch(k == 0   ? ColumnSketch::Kind::Numeric
                                 : k == 1 ? ColumnSketch::Kind::Text
                                          : ColumnSketch::Kind::Other);
    }
    return *slot;
}

void step(sqlite3_context *context, int, sqlite3_value **argv)
{
    ColumnSketch *sketch = sketchOf(context, argv[1], true);
    if (!sketch) {
        sqlite3_result_error_nomem(context);
        return;
    }
    sqlite3_value *v = argv[0];
    const bool text = sketch->kind() == ColumnSketch::Kind::Text;
    // A number's length is that of its text, as LENGTH() renders it (only text columns need it).
    const auto renderedLength = [v] {
        sqlite3_value_text(v);
        return qint64(sqlite3_value_bytes(v));
    };
    switch (sqlite3_value_type(v)) { // read before any conversion, which may change it
    case SQLITE_INTEGER: {
        const qint64 i = sqlite3_value_int64(v);
        sketch->addInteger(i, text ? renderedLength() : 0);
        break;
    }
    case SQLITE_FLOAT: {
        const double d = sqlite3_value_double(v);
        sketch->addReal(d, text ? renderedLength() : 0);
        break;
    }
    case SQLITE_TEXT: {
        const unsigned char *text = sqlite3_value_text(v);
        const int size = sqlite3_value_bytes(v);
        sketch->addText(reinterpret_cast<const char *>(text), size, characters(text, size),
                        sqlite3_value_double(v));
        break;
    }
    case SQLITE_BLOB: {
        const void *blob = sqlite3_value_blob(v);
        const int size = sqlite3_value_bytes(v);
        sketch->addBlob(blob, size, sqlite3_value_double(v));
        break;
    }
    default: // NULL: not counted, like COUNT(x)
        break;
    }
}

// Also called when a statement is reset or interrupted before its end, so the sketch is freed
// on every path.
void final(sqlite3_context *context)
{
    auto **slot = static_cast<ColumnSketch **>(sqlite3_aggregate_context(context, 0));
    ColumnSketch *sketch = slot ? *slot : nullptr;
    const QByteArray json =
        QJsonDocument(sketch ? sketch->toJson(realText) : QJsonObject{{QStringLiteral("n"), 0}})
            .toJson(QJsonDocument::Compact);
    sqlite3_result_text(context, json.constData(), int(json.size()), SQLITE_TRANSIENT);
    delete sketch;
}

} // namespace

bool install(const QSqlDatabase &db)
{
    if (!db.driver())
        return false;
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return false;
    // The handle must belong to the library this code calls into: a Qt plugin with its own
    // SQLite built in would have a different source id.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT sqlite_source_id()")) || !q.next() ||
        q.value(0).toString() != QLatin1String(sqlite3_sourceid())) {
        qCInfo(lcEngine) << "SQLite profile aggregate not installed: the driver's SQLite is not"
                         << sqlite3_sourceid();
        return false;
    }
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
#ifdef SQLITE_INNOCUOUS
    flags |= SQLITE_INNOCUOUS;
#endif
    return sqlite3_create_function_v2(connection, kFunction, 2, flags, nullptr, nullptr, step,
                                      final, nullptr) == SQLITE_OK;
}

QString call(const QString &column, ColumnSketch::Kind kind)
{
    const int k = kind == ColumnSketch::Kind::Numeric ? 0
                  : kind == ColumnSketch::Kind::Text  ? 1
                                                      : 2;
    return QStringLiteral("%1(%2, %3)").arg(QLatin1String(kFunction), column).arg(k);
}

QJsonObject read(const QVariant &result)
{
    return QJsonDocument::fromJson(result.toString().toUtf8()).object();
}

} // namespace assay::sqlite_profile
