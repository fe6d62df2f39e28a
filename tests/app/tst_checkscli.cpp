#include "CliRunner.h"
#include "TestSupport.h"
#include "models/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// `assay checks ...` through the real executable, on a real catalog file.
class TestChecksCli : public QObject
{
    Q_OBJECT

    using Run = test::CliResult;

private:
    QTemporaryDir m_dir;
    QString m_catalog;
    qint64 m_container = 0;
    qint64 m_inferred = 0;

    Run assay(const QStringList &args) { return test::runAssay(m_catalog, args); }

    static QJsonObject object(const Run &r) { return r.json(); }
    static QJsonArray array(const Run &r) { return r.array(); }

    QStringList create(const QStringList &more)
    {
        return QStringList{QStringLiteral("checks"),      QStringLiteral("create"),
                           QStringLiteral("--datastore"), QStringLiteral("shop"),
                           QStringLiteral("--container"), QStringLiteral("orders")} +
               more;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set by ctest");
        m_catalog = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        Catalog catalog;
        QVERIFY(catalog.open(m_catalog));
        Connection c;
        c.name = QStringLiteral("lite");
        c.type = QStringLiteral("sqlite");
        c.database = m_dir.filePath(QStringLiteral("shop.sqlite"));
        Datastore d;
        d.name = QStringLiteral("shop");
        d.connectionId = catalog.addConnection(c);
        d.database = c.database;
        const qint64 ds = catalog.addDatastore(d);
        QVERIFY(ds);
        Container orders;
        orders.datastoreId = ds;
        orders.name = QStringLiteral("orders");
        orders.containerType = QStringLiteral("table");
        m_container = catalog.addContainer(orders);
        QVERIFY(m_container);
        const QList<QPair<QString, QString>> fields{
            {QStringLiteral("id"), QStringLiteral("INTEGER")},
            {QStringLiteral("amount"), QStringLiteral("REAL")},
            {QStringLiteral("status"), QStringLiteral("TEXT")},
            {QStringLiteral("placed_at"), QStringLiteral("TIMESTAMP")}};
        for (int i = 0; i < fields.size(); ++i) {
            Field f;
            f.containerId = m_container;
            f.name = fields.at(i).first;
            f.declaredType = fields.at(i).second;
            f.ordinal = i;
            QVERIFY(catalog.addField(f));
        }
        // A check Profile inferred: editing it from the CLI makes it the person's.
        Check inferred;
        inferred.containerId = m_container;
        inferred.rule = QStringLiteral("notNull");
        inferred.fields = {QStringLiteral("id")};
        inferred.inferred = true;
        inferred.inferenceLevel = 1;
        inferred.filter = inferred.description = QLatin1String("");
        m_inferred = catalog.addCheck(inferred);
        QVERIFY2(m_inferred, qPrintable(catalog.lastError()));
    }

    void rules()
    {
        const Run r =
            assay({QStringLiteral("checks"), QStringLiteral("rules"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray all = array(r);
        // Exactly the rules issue 5 lists, each once, level 3's Time Distribution Size, and
        // issue 19's value, prediction, partition and personal data rules.
        QStringList names;
        for (const QJsonValue &v : all)
            names << v.toObject().value(QStringLiteral("rule")).toString();
        names.sort();
        QStringList expected{"notNull",
                             "anyNotNull",
                             "expectedValues",
                             "notNegative",
                             "positive",
                             "notFuture",
                             "between",
                             "betweenTimes",
                             "matchesPattern",
                             "unique",
                             "minLength",
                             "maxLength",
                             "minValue",
                             "maxValue",
                             "afterDateTime",
                             "beforeDateTime",
                             "greaterThan",
                             "lessThan",
                             "greaterThanField",
                             "lessThanField",
                             "equalToField",
                             "isType",
                             "containsEmail",
                             "containsUrl",
                             "existsIn",
                             "notExistsIn",
                             "satisfiesExpression",
                             "expectedSchema",
                             "fieldCount",
                             "minPartitionSize",
                             "requiredValues",
                             "distinctCount",
                             "sum",
                             "timeDistributionSize",
                             "equalTo",
                             "predictedBy",
                             "maxPartitionSize",
                             "containsCreditCard",
                             "isCreditCard",
                             "containsSocialSecurityNumber",
                             "volumetric",
                             "freshness",
                             "metric",
                             "aggregationComparison",
                             "distributionShift"};
        QCOMPARE(expected.size(), 45);
        expected.sort();
        QCOMPARE(names, expected);
        bool found = false;
        for (const QJsonValue &v : all) {
            const QJsonObject rule = v.toObject();
            if (rule.value(QStringLiteral("rule")).toString() != QLatin1String("between"))
                continue;
            found = true;
            QCOMPARE(rule.value(QStringLiteral("field_types")).toArray(),
                     (QJsonArray{"integral", "fractional"}));
            QCOMPARE(rule.value(QStringLiteral("properties"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("key")),
                     QJsonValue(QStringLiteral("min")));
        }
        QVERIFY(found);
        const Run text = assay({QStringLiteral("checks"), QStringLiteral("rules")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(QLatin1String("matchesPattern")));
    }

    void createValidates()
    {
        Run r = assay(create({QStringLiteral("--rule"), QStringLiteral("frobnicate"),
                              QStringLiteral("--fields"), QStringLiteral("id")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("frobnicate")), qPrintable(r.err));
        r = assay(create({QStringLiteral("--rule"), QStringLiteral("notNull"),
                          QStringLiteral("--fields"), QStringLiteral("nope")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no field named “nope”")), qPrintable(r.err));
        r = assay(
            create({QStringLiteral("--rule"), QStringLiteral("between"), QStringLiteral("--fields"),
                    QStringLiteral("status"), QStringLiteral("--properties"),
                    QStringLiteral("{\"min\":0,\"max\":1}")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("does not apply to status")), qPrintable(r.err));
        r = assay(create({QStringLiteral("--rule"), QStringLiteral("between"),
                          QStringLiteral("--fields"), QStringLiteral("amount")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("needs")), qPrintable(r.err));
        r = assay(create({QStringLiteral("--rule"), QStringLiteral("between"),
                          QStringLiteral("--fields"), QStringLiteral("amount"),
                          QStringLiteral("--properties"), QStringLiteral("{min: 0")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("--properties")), qPrintable(r.err));
        r = assay(
            create({QStringLiteral("--rule"), QStringLiteral("notNull"), QStringLiteral("--fields"),
                    QStringLiteral("id"), QStringLiteral("--coverage"), QStringLiteral("1.5")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Coverage")), qPrintable(r.err));
        r = assay({QStringLiteral("checks"), QStringLiteral("create"),
                   QStringLiteral("--datastore"), QStringLiteral("nowhere"),
                   QStringLiteral("--container"), QStringLiteral("orders"),
                   QStringLiteral("--rule"), QStringLiteral("notNull")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("no datastore named 'nowhere'")));
        // Nothing was written.
        Catalog catalog;
        QVERIFY(catalog.open(m_catalog));
        CheckQuery q;
        q.containerId = m_container;
        QCOMPARE(catalog.checks(q).size(), 1);
    }

    void createListUpdateArchive()
    {
        const Run created = assay(create(
            {QStringLiteral("--rule"), QStringLiteral("between"), QStringLiteral("--fields"),
             QStringLiteral("amount"), QStringLiteral("--properties"),
             QStringLiteral("{\"min\": 0, \"max\": 500}"), QStringLiteral("--coverage"),
             QStringLiteral("0.9"), QStringLiteral("--filter"), QStringLiteral("status <> 'void'"),
             QStringLiteral("--description"), QStringLiteral("Sane amounts"),
             QStringLiteral("--tags"), QStringLiteral("finance,daily"), QStringLiteral("--draft"),
             QStringLiteral("--json")}));
        QCOMPARE(created.exitCode, 0);
        const QJsonObject c = object(created);
        const qint64 id = c.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(c.value(QStringLiteral("container")).toString(), QStringLiteral("orders"));
        QCOMPARE(c.value(QStringLiteral("rule")).toString(), QStringLiteral("between"));
        QCOMPARE(c.value(QStringLiteral("fields")).toArray(), QJsonArray{"amount"});
        QCOMPARE(
            c.value(QStringLiteral("properties")).toObject().value(QStringLiteral("max")).toInt(),
            500);
        QCOMPARE(c.value(QStringLiteral("coverage")).toDouble(), 0.9);
        QCOMPARE(c.value(QStringLiteral("filter")).toString(), QStringLiteral("status <> 'void'"));
        QCOMPARE(c.value(QStringLiteral("description")).toString(), QStringLiteral("Sane amounts"));
        QCOMPARE(c.value(QStringLiteral("tags")).toArray(), (QJsonArray{"finance", "daily"}));
        QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("Draft"));
        QCOMPARE(c.value(QStringLiteral("inferred")).toBool(), false);
        QCOMPARE(c.value(QStringLiteral("inference_level")).toInt(), 0);
        QCOMPARE(c.value(QStringLiteral("user_edited")).toBool(), false);

        Run listed =
            assay({QStringLiteral("checks"), QStringLiteral("list"), QStringLiteral("--datastore"),
                   QStringLiteral("shop"), QStringLiteral("--json")});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(array(listed).size(), 2);
        listed =
            assay({QStringLiteral("checks"), QStringLiteral("list"), QStringLiteral("--datastore"),
                   QStringLiteral("shop"), QStringLiteral("--container"), QStringLiteral("orders"),
                   QStringLiteral("--status"), QStringLiteral("draft"), QStringLiteral("--json")});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(array(listed).size(), 1);
        QCOMPARE(array(listed).at(0).toObject().value(QStringLiteral("id")).toInteger(), id);
        const Run table = assay({QStringLiteral("checks"), QStringLiteral("list"),
                                 QStringLiteral("--datastore"), QStringLiteral("shop")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.startsWith(QLatin1String("ID")));
        QVERIFY(table.out.contains(QLatin1String("inferred (level 1)")));

        // Update: changed options only; a bad value leaves the check as it was.
        Run updated =
            assay({QStringLiteral("checks"), QStringLiteral("update"), QString::number(id),
                   QStringLiteral("--properties"), QStringLiteral("{\"min\": 5, \"max\": 1}")});
        QCOMPARE(updated.exitCode, 1);
        QVERIFY2(updated.err.contains(QLatin1String("minimum is greater")),
                 qPrintable(updated.err));
        updated = assay({QStringLiteral("checks"), QStringLiteral("update"), QString::number(id),
                         QStringLiteral("--status"), QStringLiteral("Active"),
                         QStringLiteral("--description"), QStringLiteral("Amounts up to 500"),
                         QStringLiteral("--json")});
        QCOMPARE(updated.exitCode, 0);
        QJsonObject u = object(updated);
        QCOMPARE(u.value(QStringLiteral("status")).toString(), QStringLiteral("Active"));
        QCOMPARE(u.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Amounts up to 500"));
        QCOMPARE(u.value(QStringLiteral("coverage")).toDouble(), 0.9);
        QCOMPARE(
            u.value(QStringLiteral("properties")).toObject().value(QStringLiteral("min")).toInt(),
            0);
        QCOMPARE(u.value(QStringLiteral("user_edited")).toBool(), false); // not inferred

        // Editing an inferred check makes it the person's: re-profiling leaves it alone.
        updated =
            assay({QStringLiteral("checks"), QStringLiteral("update"), QString::number(m_inferred),
                   QStringLiteral("--coverage"), QStringLiteral("0.99"), QStringLiteral("--json")});
        QCOMPARE(updated.exitCode, 0);
        u = object(updated);
        QCOMPARE(u.value(QStringLiteral("inferred")).toBool(), true);
        QCOMPARE(u.value(QStringLiteral("user_edited")).toBool(), true);
        QCOMPARE(u.value(QStringLiteral("coverage")).toDouble(), 0.99);
        QCOMPARE(assay({QStringLiteral("checks"), QStringLiteral("update"), QString::number(id),
                        QStringLiteral("--status"), QStringLiteral("Gone")})
                     .exitCode,
                 2);

        const Run archived =
            assay({QStringLiteral("checks"), QStringLiteral("archive"), QString::number(id)});
        QCOMPARE(archived.exitCode, 0);
        QVERIFY(archived.out.contains(QLatin1String("Archived check")));
        listed =
            assay({QStringLiteral("checks"), QStringLiteral("list"), QStringLiteral("--datastore"),
                   QStringLiteral("shop"), QStringLiteral("--status"), QStringLiteral("Archived"),
                   QStringLiteral("--json")});
        QCOMPARE(array(listed).size(), 1);
        QCOMPARE(array(listed).at(0).toObject().value(QStringLiteral("id")).toInteger(), id);
        const Run missing =
            assay({QStringLiteral("checks"), QStringLiteral("archive"), QStringLiteral("999")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QLatin1String("no check with id '999'")));
        QCOMPARE(assay({QStringLiteral("checks"), QStringLiteral("frob")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestChecksCli)
#include "tst_checkscli.moc"
