// `assay anomalies list|show|update` through the real `assay` binary, on a catalog filled
// through the Catalog API: filters, the JSON shape, source records, allowed and refused status
// changes (a refusal is one line on stderr and a non-zero exit), and their history.
#include "CliRunner.h"
#include "TestSupport.h"
#include "models/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

class TestAnomaliesCli : public QObject
{
    Q_OBJECT

    using Run = test::CliResult;

private:
    QTemporaryDir m_dir;
    QString m_path;
    Catalog m_catalog;
    qint64 m_ds = 0, m_orders = 0, m_customers = 0;
    QList<Anomaly> m_all;

    Run assay(const QStringList &args) { return test::runAssay(m_path, args); }

    static QJsonArray array(const Run &r) { return r.array(); }
    static QJsonObject object(const Run &r) { return r.json(); }

    QList<qint64> expectedIds(const std::function<bool(const Anomaly &)> &match) const
    {
        QList<qint64> ids;
        for (const Anomaly &a : m_all)
            if (match(a))
                ids << a.id;
        std::sort(ids.begin(), ids.end(), std::greater<qint64>()); // newest first
        return ids;
    }

    static QList<qint64> idsOf(const QJsonArray &listed)
    {
        QList<qint64> ids;
        for (const QJsonValue &v : listed)
            ids << qint64(v.toObject().value(QStringLiteral("id")).toDouble());
        return ids;
    }

    qint64 addContainer(const QString &name, const QStringList &fields)
    {
        Container c;
        c.datastoreId = m_ds;
        c.name = name;
        const qint64 id = m_catalog.addContainer(c);
        for (int i = 0; i < fields.size(); ++i) {
            Field f;
            f.containerId = id;
            f.name = fields.at(i);
            f.ordinal = i + 1;
            test::require(m_catalog.addField(f), "addField");
        }
        return id;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set by ctest");
        m_path = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        QVERIFY(m_catalog.open(m_path));
        Connection conn;
        conn.name = QStringLiteral("local");
        conn.type = QStringLiteral("sqlite");
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = m_catalog.addConnection(conn);
        m_ds = m_catalog.addDatastore(d);
        m_orders = addContainer(
            QStringLiteral("orders"),
            {QStringLiteral("order_id"), QStringLiteral("email"), QStringLiteral("quantity")});
        m_customers = addContainer(QStringLiteral("customers"), {QStringLiteral("name")});
        Check check;
        check.datastoreId = m_ds;
        check.containerId = m_orders;
        check.rule = QStringLiteral("notNull");
        check.fields = {QStringLiteral("email")};
        const qint64 notNull = m_catalog.addCheck(check);

        using namespace anomaly_status;
        const QString statuses[] = {kActive,  kAcknowledged, kResolved,
                                    kInvalid, kDuplicate,    kActive};
        for (int i = 0; i < 6; ++i) {
            Anomaly a;
            a.datastoreId = m_ds;
            a.containerId = i < 4 ? m_orders : m_customers;
            a.type = i % 2 ? QStringLiteral("shape") : QStringLiteral("record");
            a.status = statuses[i];
            a.message = QStringLiteral("The value for email is null (%1).").arg(i);
            a.anomalousRecordCount = i + 1;
            a.failedChecks << AnomalyFailedCheck{notNull,
                                                 QStringLiteral("notNull"),
                                                 {QStringLiteral("email")},
                                                 QStringLiteral("email is null")};
            if (i == 0)
                a.sourceRecords << QJsonObject{{QStringLiteral("order_id"), 7},
                                               {QStringLiteral("email"), QJsonValue()},
                                               {QStringLiteral("quantity"), 3}};
            m_all << a;
        }
        QVERIFY(m_catalog.addAnomalies(m_all));
    }

    void listFiltersAndJson()
    {
        const Run all = assay({QStringLiteral("anomalies"), QStringLiteral("list"),
                               QStringLiteral("--datastore"), QStringLiteral("Shop"),
                               QStringLiteral("--json")});
        QCOMPARE(all.exitCode, 0);
        const QJsonArray listed = array(all);
        QCOMPARE(idsOf(listed), expectedIds([](const Anomaly &) { return true; }));

        // The JSON shape of one anomaly.
        const Anomaly &first = m_all.first();
        QJsonObject a;
        for (const QJsonValue &v : listed)
            if (qint64(v.toObject().value(QStringLiteral("id")).toDouble()) == first.id)
                a = v.toObject();
        QCOMPARE(a.value(QStringLiteral("uuid")).toString(), first.uuid);
        QCOMPARE(a.value(QStringLiteral("type")).toString(), QStringLiteral("record"));
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("Active"));
        QCOMPARE(a.value(QStringLiteral("message")).toString(), first.message);
        QCOMPARE(a.value(QStringLiteral("container")).toObject().value("name").toString(),
                 QStringLiteral("orders"));
        QCOMPARE(a.value(QStringLiteral("anomalous_record_count")).toInt(), 1);
        QVERIFY(!a.value(QStringLiteral("created")).toString().isEmpty());
        const QJsonObject failed =
            a.value(QStringLiteral("failed_checks")).toArray().at(0).toObject();
        QCOMPARE(failed.value(QStringLiteral("rule")).toString(), QStringLiteral("notNull"));
        QCOMPARE(failed.value(QStringLiteral("fields")).toArray(), QJsonArray{"email"});
        QCOMPARE(failed.value(QStringLiteral("message")).toString(),
                 QStringLiteral("email is null"));
        QVERIFY(!a.contains(QStringLiteral("source_records"))); // show has them

        // Filters: by id as well as by name; groups; a status in any case; type; container.
        auto list = [this](const QStringList &extra) {
            return assay(QStringList{QStringLiteral("anomalies"), QStringLiteral("list"),
                                     QStringLiteral("--datastore"), QString::number(m_ds),
                                     QStringLiteral("--json")} +
                         extra);
        };
        QCOMPARE(idsOf(array(list({"--status", "open"}))),
                 expectedIds([](const Anomaly &x) { return anomaly_status::isOpen(x.status); }));
        QCOMPARE(idsOf(array(list({"--status", "archived"}))),
                 expectedIds([](const Anomaly &x) { return !anomaly_status::isOpen(x.status); }));
        QCOMPARE(idsOf(array(list({"--status", "duplicate"}))), expectedIds([](const Anomaly &x) {
                     return x.status == QLatin1String("Duplicate");
                 }));
        QCOMPARE(idsOf(array(list({"--type", "shape"}))),
                 expectedIds([](const Anomaly &x) { return x.type == QLatin1String("shape"); }));
        QCOMPARE(idsOf(array(list({"--container", "customers", "--status", "open"}))),
                 expectedIds([this](const Anomaly &x) {
                     return x.containerId == m_customers && anomaly_status::isOpen(x.status);
                 }));
        QCOMPARE(array(list({"--limit", "2"})).size(), 2);

        // The table: a header and one line per anomaly.
        const Run text = assay({QStringLiteral("anomalies"), QStringLiteral("list"),
                                QStringLiteral("--datastore"), QStringLiteral("Shop"),
                                QStringLiteral("--status"), QStringLiteral("open")});
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = text.out.trimmed().split(QLatin1Char('\n'));
        QVERIFY(lines.first().startsWith(QLatin1String("ID")));
        QCOMPARE(lines.size(), 1 + expectedIds([](const Anomaly &x) {
                                       return anomaly_status::isOpen(x.status);
                                   }).size());

        // Mistakes: one line, non-zero.
        const Run noStore = assay({QStringLiteral("anomalies"), QStringLiteral("list"),
                                   QStringLiteral("--datastore"), QStringLiteral("Nope")});
        QCOMPARE(noStore.exitCode, 1);
        QVERIFY(noStore.err.startsWith(QLatin1String("assay: no datastore named 'Nope'")));
        QCOMPARE(list({"--status", "sleeping"}).exitCode, 2);
        QCOMPARE(list({"--type", "row"}).exitCode, 2);
        QCOMPARE(list({"--container", "nope"}).exitCode, 1);
        QCOMPARE(assay({QStringLiteral("anomalies"), QStringLiteral("list")}).exitCode, 2);
    }

    void showWithSourceRecords()
    {
        const Anomaly &first = m_all.first();
        const Run shown = assay({QStringLiteral("anomalies"), QStringLiteral("show"),
                                 QString::number(first.id), QStringLiteral("--json")});
        QCOMPARE(shown.exitCode, 0);
        const QJsonObject o = object(shown);
        QCOMPARE(qint64(o.value(QStringLiteral("id")).toDouble()), first.id);
        const QJsonArray records = o.value(QStringLiteral("source_records")).toArray();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.at(0).toObject().value(QStringLiteral("order_id")).toInt(), 7);
        QVERIFY(records.at(0).toObject().value(QStringLiteral("email")).isNull());
        QCOMPARE(o.value(QStringLiteral("status_history")).toArray().size(), 0);

        const Run text =
            assay({QStringLiteral("anomalies"), QStringLiteral("show"), QString::number(first.id)});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(first.message));
        QVERIFY(text.out.contains(QLatin1String("notNull (email): email is null")));
        // The source table follows the container's field order.
        QVERIFY(
            text.out.contains(QRegularExpression(QStringLiteral("order_id\\s+email\\s+quantity"))));
        QVERIFY(text.out.contains(QRegularExpression(QStringLiteral("7\\s+NULL\\s+3"))));

        const Run missing =
            assay({QStringLiteral("anomalies"), QStringLiteral("show"), QStringLiteral("99999")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.startsWith(QLatin1String("assay: anomaly 99999 does not exist")));
    }

    void updateAllowedAndRefused()
    {
        const qint64 id = m_all.first().id; // Active
        auto update = [this, id](const QString &status, const QString &comment = QString()) {
            QStringList args{QStringLiteral("anomalies"), QStringLiteral("update"),
                             QString::number(id), QStringLiteral("--status"), status};
            if (!comment.isNull())
                args << QStringLiteral("--comment") << comment;
            return assay(args);
        };
        const Run ack = update(QStringLiteral("acknowledged"), QStringLiteral("on it"));
        QCOMPARE(ack.exitCode, 0);
        QCOMPARE(ack.out.trimmed(), QStringLiteral("Anomaly %1: Active -> Acknowledged").arg(id));
        QCOMPARE(m_catalog.anomaly(id)->status, QStringLiteral("Acknowledged"));

        // Refused: back to Active from Acknowledged, Duplicate by hand, the same status.
        for (const QString &refused : {QStringLiteral("Active"), QStringLiteral("Duplicate"),
                                       QStringLiteral("Acknowledged")}) {
            const Run r = update(refused);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.startsWith(QStringLiteral("assay: anomaly %1 is Acknowledged and cannot "
                                                     "become %2")
                                          .arg(id)
                                          .arg(refused)),
                     qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
        }
        QCOMPARE(update(QStringLiteral("Sleeping")).exitCode, 2);

        QCOMPARE(update(QStringLiteral("Resolved"), QStringLiteral("fixed")).exitCode, 0);
        const Run again = update(QStringLiteral("Invalid"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QLatin1String("reopened")));
        QCOMPARE(update(QStringLiteral("Active"), QStringLiteral("back")).exitCode, 0);

        const Run history = assay({QStringLiteral("anomalies"), QStringLiteral("show"),
                                   QString::number(id), QStringLiteral("--json")});
        const QJsonArray events = object(history).value(QStringLiteral("status_history")).toArray();
        QCOMPARE(events.size(), 3);
        const QStringList to{"Acknowledged", "Resolved", "Active"};
        const QStringList comments{"on it", "fixed", "back"};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(events.at(i).toObject().value(QStringLiteral("to")).toString(), to.at(i));
            QCOMPARE(events.at(i).toObject().value(QStringLiteral("comment")).toString(),
                     comments.at(i));
        }
        QCOMPARE(m_catalog.anomalyEvents(id).size(), 3);
    }
};

QTEST_MAIN(TestAnomaliesCli)
#include "tst_anomaliescli.moc"
