#include "EngineHarness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace assay;

// Inferred checks on data that grows, measured the way a user lives with them: learned on one
// draw of a population (12,000 customers, more than Profile's sample), then scanned on a second
// draw of the same population and on the same table with 10% more rows continuing its keys and
// dates, where they must raise nothing, and on a copy with ten kinds of defects, which they must
// catch. The same data profiled twice, or a copy of it, gives the same checks.
namespace {

constexpr int kRows = 12000;

// A small deterministic generator (SplitMix64): the same seed gives the same rows everywhere.
class Draw
{
public:
    explicit Draw(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) / double(1ULL << 53); }
    int below(int n) { return int(next() % quint64(n)); }
    double normal()
    {
        const double u = qMax(uniform(), 1e-12), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }

private:
    quint64 m_state;
};

const QStringList &firstNames()
{
    static const QStringList names{"Ada",   "Ben",   "Chloe", "Dmitri", "Elena",  "Farid",
                                   "Grace", "Hiro",  "Ines",  "Jonas",  "Kwame",  "Lena",
                                   "Mateo", "Nadia", "Omar",  "Priya",  "Quinn",  "Rosa",
                                   "Sven",  "Tariq", "Uma",   "Viktor", "Wen",    "Ximena",
                                   "Yusuf", "Zoe",   "Aiko",  "Bruno",  "Carmen", "Dario"};
    return names;
}

// 40 country codes, the first ones far more common (as customers' countries are).
QString country(Draw &d)
{
    static const QStringList codes{"US", "GB", "DE", "FR", "ES", "IT", "NL", "BE", "SE", "NO",
                                   "DK", "FI", "PL", "CZ", "AT", "CH", "PT", "IE", "GR", "HU",
                                   "RO", "BG", "HR", "SI", "SK", "LT", "LV", "EE", "CA", "MX",
                                   "BR", "AR", "CL", "JP", "KR", "IN", "AU", "NZ", "ZA", "EG"};
    const double u = d.uniform();
    return codes.at(qMin(int(codes.size()) - 1, int(std::pow(u, 1.6) * codes.size())));
}

struct Row
{
    qint64 id = 0;
    QString email, firstName, country, phone, note;
    QDateTime signupAt;
    QDate birthDate;
    double balance = 0;
    int quantity = 0;
};

// Customer `id` of a population: signups an hour or so apart from 2024-01-01 (so ids and dates
// continue together), the rest drawn.
Row customer(Draw &d, qint64 id)
{
    Row r;
    r.id = id;
    r.firstName = firstNames().at(d.below(int(firstNames().size())));
    static const QStringList domains{"example.com", "mail.example.org", "corp.example.net",
                                     "example.co.uk"};
    r.email = QStringLiteral("%1.%2%3@%4")
                  .arg(r.firstName.toLower(), QString(QChar(u'a' + d.below(26))))
                  .arg(id)
                  .arg(domains.at(d.below(int(domains.size()))));
    r.country = country(d);
    r.phone = QStringLiteral("+%1 %2 %3")
                  .arg(1 + d.below(98))
                  .arg(100 + d.below(900))
                  .arg(1000000 + d.below(9000000));
    QString note;
    const int words = 2 + d.below(8);
    for (int w = 0; w < words; ++w)
        note += (w ? QStringLiteral(" ") : QString()) +
                firstNames().at(d.below(int(firstNames().size()))).toLower();
    r.note = note;
    r.signupAt =
        QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(id * 3600 + d.below(1800));
    r.birthDate = QDate(1940, 1, 1).addDays(d.below(65 * 365));
    r.balance = std::round(std::exp(4.0 + 1.0 * d.normal()) * 100.0) / 100.0;
    r.quantity = 1 + d.below(10);
    return r;
}

QList<Row> population(quint64 seed, qint64 firstId, int rows)
{
    Draw d(seed);
    QList<Row> out;
    for (int i = 0; i < rows; ++i)
        out << customer(d, firstId + i);
    return out;
}

// One defect kind: the field it is in and what it does to a row.
struct Defect
{
    const char *kind;
    const char *field;
    std::function<void(Row &)> apply;
};

QList<Defect> defects()
{
    return {
        {"malformed e-mail", "email", [](Row &r) { r.email.replace(QLatin1Char('@'), " at "); }},
        {"far longer text", "note", [](Row &r) { r.note = QString(600, QLatin1Char('x')); }},
        {"unknown category", "country", [](Row &r) { r.country = QStringLiteral("XX"); }},
        {"negative amount", "balance", [](Row &r) { r.balance = -r.balance; }},
        {"date far in the past", "birth_date", [](Row &r) { r.birthDate = QDate(1900, 1, 1); }},
        {"timestamp in the future", "signup_at",
         [](Row &r) { r.signupAt = QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC); }},
        {"quantity out of range", "quantity", [](Row &r) { r.quantity = 500; }},
        {"missing value", "first_name", [](Row &r) { r.firstName = QString(); }},
        {"phone of another shape", "phone", [](Row &r) { r.phone = QStringLiteral("call me"); }},
        {"duplicate key", "customer_id", [](Row &r) { r.id = r.id - 1; }},
    };
}

QString sqlText(const QString &s)
{
    if (s.isNull())
        return QStringLiteral("NULL");
    QString quoted = s;
    return QLatin1Char('\'') + quoted.replace(QLatin1Char('\''), QLatin1String("''")) +
           QLatin1Char('\'');
}

bool write(const QString &path, const QString &table, const QList<Row> &rows)
{
    QFile::remove(path);
    const QString name = QStringLiteral("growth-") + table + path;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        ok = ok &&
             q.exec(
                 QStringLiteral("CREATE TABLE %1 (customer_id INTEGER NOT NULL, email VARCHAR(80), "
                                "first_name VARCHAR(40), country CHAR(2), phone VARCHAR(24), note "
                                "VARCHAR(400), signup_at TIMESTAMP, birth_date DATE, balance "
                                "DECIMAL(12,2), quantity INTEGER)")
                     .arg(table)) &&
             db.transaction();
        for (const Row &r : rows) {
            if (!ok)
                break;
            ok = q.exec(QStringLiteral("INSERT INTO %1 VALUES (%2, %3, %4, %5, %6, %7, '%8', "
                                       "'%9', %10, %11)")
                            .arg(table)
                            .arg(r.id)
                            .arg(sqlText(r.email), sqlText(r.firstName), sqlText(r.country),
                                 sqlText(r.phone), sqlText(r.note),
                                 r.signupAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                 r.birthDate.toString(Qt::ISODate))
                            .arg(r.balance, 0, 'f', 2)
                            .arg(r.quantity));
            if (!ok)
                qWarning() << q.lastError().text();
        }
        ok = ok && db.commit();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestInferenceGrowth : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    qint64 m_datastore = 0;
    QString m_source; // the datastore's file: each copy is put there in turn
    // Per defect kind, the ids of the rows it was put in.
    QMap<QString, QSet<qint64>> m_defective;

    QString copy(const char *name) const
    {
        return m_dir.filePath(QLatin1String(name) + QStringLiteral(".sqlite"));
    }

    void use(const char *name)
    {
        QFile::remove(m_source);
        QVERIFY(QFile::copy(copy(name), m_source));
    }

    QList<Check> liveChecks()
    {
        CheckQuery q;
        q.datastoreId = m_datastore;
        return m_harness.liveInferredChecks(q);
    }

    // What a check is, without its ids: the same data must give the same strings.
    static QStringList signatures(const QList<Check> &checks)
    {
        QStringList out;
        for (const Check &k : checks)
            out << k.rule + QLatin1Char(':') + k.fields.join(QLatin1Char(',')) + QLatin1Char(' ') +
                       QString::fromUtf8(
                           QJsonDocument(k.properties).toJson(QJsonDocument::Compact)) +
                       QLatin1Char(' ') + QString::number(k.coverage);
        out.sort();
        return out;
    }

    Operation profile(int level)
    {
        return m_harness.run(m_datastore, operation_type::kProfile,
                             {{QStringLiteral("containers"), QJsonArray{"customers"}},
                              {QStringLiteral("inference_threshold"), level}});
    }

    QList<Anomaly> scan()
    {
        const Operation op =
            m_harness.run(m_datastore, operation_type::kScan,
                          {{QStringLiteral("containers"), QJsonArray{"customers"}},
                           {QStringLiteral("enrichment_source_record_limit"), 1000},
                           {QStringLiteral("high_count_rollup_threshold"), 1}});
        if (op.status != operation_status::kSuccess && op.status != operation_status::kWarning)
            qWarning() << m_harness.describe(op);
        AnomalyQuery q;
        q.datastoreId = m_datastore;
        q.operationId = op.id;
        return m_catalog.anomalies(q);
    }

    static QString describe(const QList<Anomaly> &anomalies)
    {
        QStringList lines;
        for (const Anomaly &a : anomalies)
            lines << a.message.left(200);
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        const QList<Row> clean = population(1, 1, kRows);
        QVERIFY(write(copy("clean"), QStringLiteral("customers"), clean));
        QVERIFY(write(copy("draw2"), QStringLiteral("customers"), population(2, 1, kRows)));
        // The clean rows and 10% more of the same population, keys and signups continuing.
        QList<Row> grown = clean;
        grown << population(3, kRows + 1, kRows / 10);
        QVERIFY(write(copy("grown"), QStringLiteral("customers"), grown));
        // Each defect kind in 1% of the rows, the rows of different kinds apart.
        QList<Row> dirty = clean;
        const QList<Defect> kinds = defects();
        for (int i = 0; i < dirty.size(); ++i) {
            if (i % 10 != 3)
                continue;
            const Defect &defect = kinds.at((i / 10) % kinds.size());
            defect.apply(dirty[i]);
            m_defective[QLatin1String(defect.kind)].insert(dirty.at(i).id);
        }
        QVERIFY(write(copy("dirty"), QStringLiteral("customers"), dirty));

        m_source = m_dir.filePath(QStringLiteral("source.sqlite"));
        use("clean");
        m_datastore = m_harness.datastoreFor(QStringLiteral("growth"), QStringLiteral("sqlite"),
                                             test::Server{}, m_source, QStringLiteral("main"));
        QVERIFY(m_datastore);
        QCOMPARE(m_harness.run(m_datastore, operation_type::kSync, {}).status,
                 operation_status::kSuccess);
    }

    void cleanupTestCase() { m_harness.stop(); }

    void levels_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<bool>("catchesAll");
        QTest::newRow("level 2") << 2 << false;
        QTest::newRow("level 3") << 3 << true;
        QTest::newRow("level 5") << 5 << true;
    }

    void levels()
    {
        QFETCH(int, level);
        QFETCH(bool, catchesAll);
        use("clean");
        const Operation first = profile(level);
        QVERIFY2(first.status == operation_status::kSuccess, qPrintable(m_harness.describe(first)));
        const QStringList learned = signatures(liveChecks());
        QVERIFY(learned.size() > 20);

        // The same data again: the same checks, byte for byte.
        QVERIFY(profile(level).status == operation_status::kSuccess);
        QCOMPARE(signatures(liveChecks()), learned);

        // Healthy data: a second draw of the population, and the table grown by 10%.
        for (const char *healthy : {"draw2", "grown"}) {
            use(healthy);
            const QList<Anomaly> found = scan();
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 at level %2:\n%3")
                                                     .arg(QLatin1String(healthy))
                                                     .arg(level)
                                                     .arg(describe(found))));
        }

        // The dirty copy: every kind of defect caught by a check on its field, naming its rows.
        use("dirty");
        const QList<Anomaly> found = scan();
        QStringList missed;
        for (const Defect &defect : defects()) {
            bool caught = false;
            for (const Anomaly &a : found)
                for (const AnomalyFailedCheck &f : a.failedChecks)
                    caught = caught || f.fields.contains(QLatin1String(defect.field));
            if (!caught)
                missed << QLatin1String(defect.kind);
        }
        qInfo("level %d: %d checks; dirty copy: %d anomalies, missed: %s", level,
              int(learned.size()), int(found.size()),
              qPrintable(missed.isEmpty() ? QStringLiteral("none")
                                          : missed.join(QStringLiteral(", "))));
        if (catchesAll)
            QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("missed at level %1: %2")
                                                      .arg(level)
                                                      .arg(missed.join(QStringLiteral(", ")))));
        else
            QVERIFY2(missed.size() <= 3, qPrintable(missed.join(QStringLiteral(", "))));
        use("clean");
    }

    // A copy of the table (CREATE TABLE with its declared types, then INSERT ... SELECT) gives
    // the same checks as the table.
    void copyGivesSameChecks()
    {
        use("clean");
        QVERIFY(profile(3).status == operation_status::kSuccess);
        const QStringList original = signatures(liveChecks());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "copy");
            db.setDatabaseName(m_source);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = "
                                          "'customers'")) &&
                    q.next());
            const QString ddl = q.value(0).toString();
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE customers RENAME TO customers_old")));
            QVERIFY(q.exec(ddl));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO customers SELECT * FROM customers_old")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE customers_old")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("copy"));
        QVERIFY(profile(3).status == operation_status::kSuccess);
        QCOMPARE(signatures(liveChecks()), original);
    }
};

QTEST_GUILESS_MAIN(TestInferenceGrowth)
#include "tst_inferencegrowth.moc"
