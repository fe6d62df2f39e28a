#include "TestSupport.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "models/catalog/Catalog.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace assay;

namespace {

// Creates an SQLite file holding `tables` (one column each).
bool makeSqliteFile(const QString &path, const QStringList &tables)
{
    const QString name = QStringLiteral("make-%1").arg(path);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        ok = ok && q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS placeholder (x INTEGER)"));
        for (const QString &table : tables)
            ok = ok && q.exec(QStringLiteral("CREATE TABLE \"%1\" (x INTEGER)").arg(table));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

// The rules of linking a source datastore to an enrichment datastore (EnrichmentLinker), on a
// real Catalog file, and the `assay datastores link-enrichment / unlink-enrichment` commands.
class TestEnrichmentLinker : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Catalog> m_catalog;
    qint64 m_source = 0, m_other = 0, m_enrich = 0, m_enrich2 = 0, m_folderEnrich = 0;

    qint64 addConnection(const QString &name, const QString &type, const QString &database)
    {
        Connection c;
        c.name = name;
        c.type = type;
        c.database = database;
        return m_catalog->addConnection(c);
    }

    qint64 addDatastore(const QString &name, qint64 connectionId, bool enrichOnly)
    {
        Datastore d;
        d.name = name;
        d.connectionId = connectionId;
        d.database = m_catalog->connection(connectionId)->database;
        d.schema = QStringLiteral("main");
        d.teams = {QStringLiteral("Public")};
        d.enrichOnly = enrichOnly;
        return m_catalog->addDatastore(d);
    }

    Datastore datastore(qint64 id) { return *m_catalog->datastore(id); }

    bool addSchedule(const QString &name, qint64 datastoreId, const QString &type)
    {
        QSqlQuery q(m_catalog->database());
        q.prepare(QStringLiteral(
            "INSERT INTO schedules (name, datastore_id, operation_type, cron, created_at,"
            " updated_at) VALUES (?, ?, ?, '0 * * * *', '2025-01-01T00:00:00Z',"
            " '2025-01-01T00:00:00Z')"));
        q.addBindValue(name);
        q.addBindValue(datastoreId);
        q.addBindValue(type);
        return q.exec();
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run assay(const QString &catalog, const QStringList &args)
    {
        QProcess p;
        p.start(test::assayBinary(), QStringList{QStringLiteral("--catalog"), catalog} + args);
        if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_catalog = std::make_unique<Catalog>();
        QVERIFY2(m_catalog->open(m_dir->filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(m_catalog->lastError()));
        const QString sourceFile = m_dir->filePath(QStringLiteral("source.sqlite"));
        const QString enrichFile = m_dir->filePath(QStringLiteral("enrich.sqlite"));
        QVERIFY(makeSqliteFile(sourceFile, {}));
        QVERIFY(makeSqliteFile(enrichFile, {}));
        const qint64 sourceConnection =
            addConnection(QStringLiteral("src"), QStringLiteral("sqlite"), sourceFile);
        const qint64 enrichConnection =
            addConnection(QStringLiteral("enr"), QStringLiteral("sqlite"), enrichFile);
        const qint64 folderConnection =
            addConnection(QStringLiteral("files"), QStringLiteral("local"), m_dir->path());
        m_source = addDatastore(QStringLiteral("Sales"), sourceConnection, false);
        m_other = addDatastore(QStringLiteral("Marketing"), sourceConnection, false);
        m_enrich = addDatastore(QStringLiteral("Results"), enrichConnection, true);
        m_enrich2 = addDatastore(QStringLiteral("Archive"), enrichConnection, true);
        m_folderEnrich = addDatastore(QStringLiteral("Folder"), folderConnection, true);
        QVERIFY(m_source && m_other && m_enrich && m_enrich2 && m_folderEnrich);
    }

    void cleanup()
    {
        m_catalog.reset();
        m_dir.reset();
    }

    void linkNormalisesThePrefixAndSavesTheSettings()
    {
        QSignalSpy updated(m_catalog.get(), &Catalog::datastoreUpdated);
        const EnrichmentLinkResult r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich,
                                                              QStringLiteral("Analytics Bronze"),
                                                              RemediationStrategy::Append, 250, 25);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.prefix, QStringLiteral("_analytics_bronze"));
        QVERIFY(r.previousPrefix.isEmpty());
        QVERIFY(r.warnings.isEmpty());
        QVERIFY(!r.relinked);
        QCOMPARE(r.enrichmentDatastoreId, m_enrich);
        QCOMPARE(updated.count(), 1);
        const EnrichmentLink link = datastore(m_source).enrichment;
        QCOMPARE(link.enrichmentDatastoreId, m_enrich);
        QCOMPARE(link.prefix, QStringLiteral("_analytics_bronze"));
        QCOMPARE(link.remediation, RemediationStrategy::Append);
        QCOMPARE(link.sourceRecordLimit, qint64(250));
        QCOMPARE(link.rollupThreshold, 25);
    }

    // A SQLite enrichment file that does not exist is created at link time, saying so; one in a
    // folder that does not exist is refused with the reason, and nothing is linked.
    void missingSqliteEnrichmentFileIsCreatedOrRefused()
    {
        const QString fresh = m_dir->filePath(QStringLiteral("fresh.sqlite"));
        const qint64 freshId = addDatastore(
            QStringLiteral("Fresh"),
            addConnection(QStringLiteral("fresh"), QStringLiteral("sqlite"), fresh), true);
        QVERIFY(freshId);
        QVERIFY(!QFileInfo::exists(fresh));
        const EnrichmentLinkResult r = EnrichmentLinker::link(
            *m_catalog, m_source, freshId, QStringLiteral("p"), RemediationStrategy::None, 10, 10);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(QFileInfo(fresh).isFile());
        QCOMPARE(r.notes.size(), 1);
        QVERIFY2(r.notes.first().contains(QLatin1String("Created the SQLite file")) &&
                     r.notes.first().contains(QFileInfo(fresh).absoluteFilePath()),
                 qPrintable(r.notes.first()));
        QVERIFY(EnrichmentLinker::unlink(*m_catalog, m_source).ok);

        const QString nowhere = m_dir->filePath(QStringLiteral("no/such/folder/e.sqlite"));
        const qint64 nowhereId = addDatastore(
            QStringLiteral("Nowhere"),
            addConnection(QStringLiteral("nowhere"), QStringLiteral("sqlite"), nowhere), true);
        const EnrichmentLinkResult refused =
            EnrichmentLinker::link(*m_catalog, m_source, nowhereId, QStringLiteral("p"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QLatin1String("does not exist")),
                 qPrintable(refused.error));
        QVERIFY(!datastore(m_source).enrichment.isLinked());
    }

    void linkChecksBothEnds()
    {
        // The source must not be enrich-only.
        EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_enrich2, m_enrich, QStringLiteral("x"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("“Archive” is an enrichment datastore")),
                 qPrintable(r.error));
        // The target must be enrich-only...
        r = EnrichmentLinker::link(*m_catalog, m_source, m_other, QStringLiteral("x"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("not an enrichment datastore")),
                 qPrintable(r.error));
        // ...with a connector that can be written to.
        r = EnrichmentLinker::link(*m_catalog, m_source, m_folderEnrich, QStringLiteral("x"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("cannot be an enrichment target")),
                 qPrintable(r.error));
        r = EnrichmentLinker::link(*m_catalog, m_source, 9999, QStringLiteral("x"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        r = EnrichmentLinker::link(*m_catalog, 9999, m_enrich, QStringLiteral("x"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY(!datastore(m_source).enrichment.isLinked());
    }

    void relinkingTheSameDatastoreUpdatesItsSettings()
    {
        QVERIFY(EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("sales"),
                                       RemediationStrategy::None, 10, 10)
                    .ok);
        EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("Sales"),
                                   RemediationStrategy::Overwrite, 5, 7);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.relinked);
        QVERIFY(r.previousPrefix.isEmpty());
        QCOMPARE(datastore(m_source).enrichment.remediation, RemediationStrategy::Overwrite);
        QCOMPARE(datastore(m_source).enrichment.rollupThreshold, 7);

        // A new prefix: the old one is reported, its tables become orphans.
        r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("Sales EU"),
                                   RemediationStrategy::Overwrite, 5, 7);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.prefix, QStringLiteral("_sales_eu"));
        QCOMPARE(r.previousPrefix, QStringLiteral("_sales"));

        // updateSettings: the same rules, for a later edit.
        EnrichmentSettings s;
        s.prefixInput = QStringLiteral("_sales_eu");
        s.remediation = RemediationStrategy::Append;
        s.sourceRecordLimit = 1000;
        s.rollupThreshold = 1000;
        r = EnrichmentLinker::updateSettings(*m_catalog, m_source, s);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.previousPrefix.isEmpty());
        QCOMPARE(datastore(m_source).enrichment.sourceRecordLimit, qint64(1000));
        s.rollupThreshold = 1001;
        r = EnrichmentLinker::updateSettings(*m_catalog, m_source, s);
        QVERIFY(!r.ok);
        QCOMPARE(datastore(m_source).enrichment.rollupThreshold, 1000);
    }

    void swappingEnrichmentDatastoresIsRefused()
    {
        QVERIFY(EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("sales"),
                                       RemediationStrategy::None, 10, 10)
                    .ok);
        const EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich2, QStringLiteral("sales"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("Unlink “Results” first")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QLatin1String("cannot be swapped directly")),
                 qPrintable(r.error));
        QCOMPARE(datastore(m_source).enrichment.enrichmentDatastoreId, m_enrich);

        // Unlink first, then the other one links.
        QVERIFY(EnrichmentLinker::unlink(*m_catalog, m_source).ok);
        const EnrichmentLinkResult after =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich2, QStringLiteral("sales"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY2(after.ok, qPrintable(after.error));
        QCOMPARE(datastore(m_source).enrichment.enrichmentDatastoreId, m_enrich2);
    }

    void limitsAreChecked_data()
    {
        QTest::addColumn<qint64>("sourceRecordLimit");
        QTest::addColumn<qint64>("rollupThreshold");
        QTest::addColumn<bool>("ok");
        QTest::newRow("defaults") << qint64(10) << qint64(10) << true;
        QTest::newRow("lowest") << qint64(1) << qint64(1) << true;
        QTest::newRow("highest") << qint64(1000000000) << qint64(1000) << true;
        QTest::newRow("no examples") << qint64(0) << qint64(10) << false;
        QTest::newRow("too many examples") << qint64(1000000001) << qint64(10) << false;
        QTest::newRow("negative examples") << qint64(-5) << qint64(10) << false;
        QTest::newRow("no rollup") << qint64(10) << qint64(0) << false;
        QTest::newRow("rollup too high") << qint64(10) << qint64(1001) << false;
        QTest::newRow("rollup past int") << qint64(10) << qint64(5000000000) << false;
    }

    void limitsAreChecked()
    {
        QFETCH(qint64, sourceRecordLimit);
        QFETCH(qint64, rollupThreshold);
        QFETCH(bool, ok);
        const EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("p"),
                                   RemediationStrategy::None, sourceRecordLimit, rollupThreshold);
        QCOMPARE(r.ok, ok);
        QCOMPARE(datastore(m_source).enrichment.isLinked(), ok);
        if (!ok)
            QVERIFY2(r.error.contains(QLatin1String("must be from")), qPrintable(r.error));
    }

    void prefixIsLimitedTo60Characters()
    {
        // 59 letters + the leading underscore: exactly 60.
        EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QString(59, QLatin1Char('a')),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.prefix.size(), 60);

        r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QString(61, QLatin1Char('b')),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QCOMPARE(r.error,
                 QStringLiteral("The prefix is 62 characters long; at most 60 are allowed."));
        QCOMPARE(datastore(m_source).enrichment.prefix.size(), 60);

        r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("  --  "),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QLatin1String("at least one letter or digit")));
    }

    void sharedPrefixIsAWarningThatNamesTheOtherDatastore()
    {
        QVERIFY(EnrichmentLinker::link(*m_catalog, m_other, m_enrich, QStringLiteral("shared"),
                                       RemediationStrategy::None, 10, 10)
                    .ok);
        QCOMPARE(EnrichmentLinker::prefixCollisions(*m_catalog, m_source, m_enrich,
                                                    QStringLiteral("_shared")),
                 QStringList{QStringLiteral("Marketing")});
        // Another enrichment datastore: no collision.
        EnrichmentLinkResult r =
            EnrichmentLinker::link(*m_catalog, m_source, m_enrich2, QStringLiteral("Shared"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY(r.ok);
        QVERIFY(r.warnings.isEmpty());
        QVERIFY(EnrichmentLinker::unlink(*m_catalog, m_source).ok);

        r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("Shared"),
                                   RemediationStrategy::None, 10, 10);
        QVERIFY2(r.ok, qPrintable(r.error)); // a warning, not an error
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.first().contains(QStringLiteral("“Marketing”")),
                 qPrintable(r.warnings.first()));
        QVERIFY(r.warnings.first().contains(QLatin1String("_shared")));
        QVERIFY(r.warnings.first().contains(QStringLiteral("“Results”")));
        QCOMPARE(EnrichmentLinker::prefixesInUse(*m_catalog, m_enrich, m_source),
                 QStringList{QStringLiteral("_shared")});
    }

    void unlinkKeepsPrefixAndLimitsAndRelinkContinues()
    {
        QVERIFY(EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("sales"),
                                       RemediationStrategy::Append, 77, 33)
                    .ok);
        EnrichmentLinkResult r = EnrichmentLinker::unlink(*m_catalog, m_source);
        QVERIFY2(r.ok, qPrintable(r.error));
        EnrichmentLink link = datastore(m_source).enrichment;
        QVERIFY(!link.isLinked());
        QCOMPARE(link.remediation, RemediationStrategy::None);
        QCOMPARE(link.prefix, QStringLiteral("_sales"));
        QCOMPARE(link.sourceRecordLimit, qint64(77));
        QCOMPARE(link.rollupThreshold, 33);

        // Unlinking again says so.
        r = EnrichmentLinker::unlink(*m_catalog, m_source);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QLatin1String("not linked")));

        // Remediation other than None needs a link.
        EnrichmentSettings s;
        s.prefixInput = link.prefix;
        s.remediation = RemediationStrategy::Append;
        r = EnrichmentLinker::updateSettings(*m_catalog, m_source, s);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("needs a linked enrichment datastore")),
                 qPrintable(r.error));

        // Relinking the same datastore with the same prefix continues the same tables.
        r = EnrichmentLinker::link(*m_catalog, m_source, m_enrich, link.prefix,
                                   RemediationStrategy::None, link.sourceRecordLimit,
                                   link.rollupThreshold);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.prefix, QStringLiteral("_sales"));
        QVERIFY(r.previousPrefix.isEmpty());
        QCOMPARE(datastore(m_source).enrichment.enrichmentDatastoreId, m_enrich);
    }

    void exportAndMaterializeSchedulesBlockUnlinking()
    {
        QVERIFY(EnrichmentLinker::link(*m_catalog, m_source, m_enrich, QStringLiteral("sales"),
                                       RemediationStrategy::None, 10, 10)
                    .ok);
        QVERIFY(addSchedule(QStringLiteral("nightly export"), m_source, QStringLiteral("export")));
        QVERIFY(addSchedule(QStringLiteral("snapshot"), m_source, QStringLiteral("materialize")));
        QVERIFY(addSchedule(QStringLiteral("hourly scan"), m_source, QStringLiteral("scan")));
        QVERIFY(addSchedule(QStringLiteral("other export"), m_other, QStringLiteral("export")));

        QCOMPARE(EnrichmentLinker::blockingSchedules(*m_catalog, m_source),
                 (QStringList{QStringLiteral("nightly export"), QStringLiteral("snapshot")}));
        EnrichmentLinkResult r = EnrichmentLinker::unlink(*m_catalog, m_source);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("“nightly export”, “snapshot”")),
                 qPrintable(r.error));
        QVERIFY(!r.error.contains(QLatin1String("hourly scan")));
        QVERIFY(r.error.contains(QLatin1String("Remove those schedules first")));
        QVERIFY(datastore(m_source).enrichment.isLinked());

        QSqlQuery q(m_catalog->database());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schedules WHERE operation_type <> 'scan'")));
        r = EnrichmentLinker::unlink(*m_catalog, m_source);
        QVERIFY2(r.ok, qPrintable(r.error));
    }

    void orphanedTablesAreFoundInTheEnrichmentDatastore()
    {
        const QString file = m_dir->filePath(QStringLiteral("orphans.sqlite"));
        QVERIFY(makeSqliteFile(
            file, {QStringLiteral("_old_check_metrics"), QStringLiteral("_old_failed_checks"),
                   QStringLiteral("_OLD_SOURCE_RECORDS"), QStringLiteral("_old_eu_check_metrics"),
                   QStringLiteral("_older_check_metrics"), QStringLiteral("_new_check_metrics"),
                   QStringLiteral("old")}));
        ConnectionSettings settings;
        settings.connection.type = QStringLiteral("sqlite");
        settings.connection.database = file;
        settings.schema = QStringLiteral("main");
        QString error;
        QStringList tables = EnrichmentLinker::findOrphanedTables(
            settings, QStringLiteral("_old"), {QStringLiteral("_old_eu"), QStringLiteral("_new")},
            &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(tables, (QStringList{QStringLiteral("_old_check_metrics"),
                                      QStringLiteral("_old_failed_checks"),
                                      QStringLiteral("_OLD_SOURCE_RECORDS")}));
        // Without other prefixes in use, _old_eu's table looks like _old's too.
        tables = EnrichmentLinker::findOrphanedTables(settings, QStringLiteral("_old"));
        QCOMPARE(tables.size(), 4);
        // A prefix still in use has no orphans.
        QVERIFY(EnrichmentLinker::findOrphanedTables(settings, QStringLiteral("_old"),
                                                     {QStringLiteral("_old")})
                    .isEmpty());
        // The file is only read.
        QVERIFY(QFile::exists(file));

        // An unreachable enrichment datastore: an error, no tables.
        settings.connection.database = m_dir->filePath(QStringLiteral("missing.sqlite"));
        error.clear();
        QVERIFY(EnrichmentLinker::findOrphanedTables(settings, QStringLiteral("_old"), {}, &error)
                    .isEmpty());
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(settings.connection.database));

        // Through the Catalog: the settings of an enrichment datastore.
        const ConnectionSettings fromCatalog =
            EnrichmentLinker::connectionSettings(*m_catalog, m_enrich);
        QCOMPARE(fromCatalog.connection.type, QStringLiteral("sqlite"));
        QCOMPARE(fromCatalog.effectiveDatabase(), m_dir->filePath(QStringLiteral("enrich.sqlite")));
    }

    void commandLine()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set by ctest");
        const QString catalog = m_dir->filePath(QStringLiteral("cli.sqlite"));
        const QString enrichFile = m_dir->filePath(QStringLiteral("cli-enrich.sqlite"));
        QVERIFY(makeSqliteFile(enrichFile, {QStringLiteral("_first_check_metrics"),
                                            QStringLiteral("_first_scan_operations")}));
        const QString sourceFile = m_dir->filePath(QStringLiteral("source.sqlite"));
        const auto ds = QStringLiteral("datastores");
        for (const QStringList &args :
             {QStringList{QStringLiteral("connections"), QStringLiteral("create"),
                          QStringLiteral("--type"), QStringLiteral("sqlite"),
                          QStringLiteral("--name"), QStringLiteral("src"),
                          QStringLiteral("--database"), sourceFile},
              QStringList{QStringLiteral("connections"), QStringLiteral("create"),
                          QStringLiteral("--type"), QStringLiteral("sqlite"),
                          QStringLiteral("--name"), QStringLiteral("enr"),
                          QStringLiteral("--database"), enrichFile},
              QStringList{ds, QStringLiteral("create"), QStringLiteral("--name"),
                          QStringLiteral("Shop"), QStringLiteral("--connection-name"),
                          QStringLiteral("src")},
              QStringList{ds, QStringLiteral("create"), QStringLiteral("--name"),
                          QStringLiteral("Results"), QStringLiteral("--connection-name"),
                          QStringLiteral("enr"), QStringLiteral("--enrichment-only")}}) {
            const Run r = assay(catalog, args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }

        Run r = assay(catalog, {ds, QStringLiteral("link-enrichment"),
                                QStringLiteral("--datastore"), QStringLiteral("Shop"),
                                QStringLiteral("--enrichment"), QStringLiteral("Results"),
                                QStringLiteral("--prefix"), QStringLiteral("First")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("prefix _first")), qPrintable(r.out));

        // Too long a prefix: exit 1 and the reason.
        r = assay(catalog, {ds, QStringLiteral("link-enrichment"), QStringLiteral("--datastore"),
                            QStringLiteral("Shop"), QStringLiteral("--enrichment"),
                            QStringLiteral("Results"), QStringLiteral("--prefix"),
                            QString(61, QLatin1Char('x'))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String(
                     "assay: the prefix is 62 characters long; at most 60 are allowed")),
                 qPrintable(r.err));

        // Bad limits and strategies are refused too.
        r = assay(catalog,
                  {ds, QStringLiteral("link-enrichment"), QStringLiteral("--datastore"),
                   QStringLiteral("Shop"), QStringLiteral("--enrichment"),
                   QStringLiteral("Results"), QStringLiteral("--prefix"), QStringLiteral("first"),
                   QStringLiteral("--rollup-threshold"), QStringLiteral("1001")});
        QCOMPARE(r.exitCode, 1);
        r = assay(catalog,
                  {ds, QStringLiteral("link-enrichment"), QStringLiteral("--datastore"),
                   QStringLiteral("Shop"), QStringLiteral("--enrichment"),
                   QStringLiteral("Results"), QStringLiteral("--prefix"), QStringLiteral("first"),
                   QStringLiteral("--remediation"), QStringLiteral("sometimes")});
        QCOMPARE(r.exitCode, 2);

        // A new prefix, with settings, by id: the old prefix's tables are listed.
        r = assay(catalog, {ds, QStringLiteral("link-enrichment"), QStringLiteral("--datastore"),
                            QStringLiteral("1"), QStringLiteral("--enrichment"),
                            QStringLiteral("Results"), QStringLiteral("--prefix"),
                            QStringLiteral("Second Run"), QStringLiteral("--remediation"),
                            QStringLiteral("append"), QStringLiteral("--source-record-limit"),
                            QStringLiteral("1000000000"), QStringLiteral("--rollup-threshold"),
                            QStringLiteral("1000"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("enrich_container_prefix")).toString(),
                 QStringLiteral("_second_run"));
        QCOMPARE(o.value(QStringLiteral("previous_prefix")).toString(), QStringLiteral("_first"));
        QCOMPARE(o.value(QStringLiteral("orphaned_tables")).toVariant().toStringList(),
                 (QStringList{QStringLiteral("_first_check_metrics"),
                              QStringLiteral("_first_scan_operations")}));

        r = assay(catalog,
                  {ds, QStringLiteral("show"), QStringLiteral("Shop"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("enrich_container_prefix")).toString(),
                 QStringLiteral("_second_run"));
        QCOMPARE(o.value(QStringLiteral("remediation")).toString(), QStringLiteral("append"));
        QCOMPARE(o.value(QStringLiteral("enrichment_source_record_limit")).toInteger(),
                 qint64(1000000000));
        QCOMPARE(o.value(QStringLiteral("high_count_rollup_threshold")).toInt(), 1000);
        const QJsonObject target = o.value(QStringLiteral("enrichment_datastore")).toObject();
        QCOMPARE(target.value(QStringLiteral("name")).toString(), QStringLiteral("Results"));
        QVERIFY(target.value(QStringLiteral("id")).toInteger() > 0);
        QVERIFY(!o.contains(QStringLiteral("enrich_datastore")));
        QVERIFY(!o.contains(QStringLiteral("enrichment_remediation_strategy")));
        QCOMPARE(o.value(QStringLiteral("enrich_only")).toBool(), false);

        // Another input that normalises to the prefix Shop writes with on Results is refused
        // before anything is linked, naming the normalised prefix; --share-prefix links anyway.
        QCOMPARE(assay(catalog, {ds, QStringLiteral("create"), QStringLiteral("--name"),
                                 QStringLiteral("Shop Two"), QStringLiteral("--connection-name"),
                                 QStringLiteral("src")})
                     .exitCode,
                 0);
        const QStringList linkTwo{ds,
                                  QStringLiteral("link-enrichment"),
                                  QStringLiteral("--datastore"),
                                  QStringLiteral("Shop Two"),
                                  QStringLiteral("--enrichment"),
                                  QStringLiteral("Results"),
                                  QStringLiteral("--prefix"),
                                  QStringLiteral("second.run")};
        r = assay(catalog, linkTwo);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("becomes _second_run")) &&
                     r.err.contains(QLatin1String("'Shop'")) &&
                     r.err.contains(QLatin1String("--share-prefix")),
                 qPrintable(r.err));
        r = assay(catalog, {ds, QStringLiteral("show"), QStringLiteral("Shop Two"),
                            QStringLiteral("--json")});
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8())
                    .object()
                    .value(QStringLiteral("enrichment_datastore"))
                    .isNull());
        r = assay(catalog, linkTwo + QStringList{QStringLiteral("--share-prefix")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("already uses the prefix _second_run")),
                 qPrintable(r.err));

        r = assay(catalog, {ds, QStringLiteral("unlink-enrichment"), QStringLiteral("--datastore"),
                            QStringLiteral("Shop")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QLatin1String("Unlinked")));
        r = assay(catalog,
                  {ds, QStringLiteral("show"), QStringLiteral("Shop"), QStringLiteral("--json")});
        o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(o.value(QStringLiteral("enrichment_datastore")).isNull());
        QCOMPARE(o.value(QStringLiteral("remediation")).toString(), QStringLiteral("none"));
        QCOMPARE(o.value(QStringLiteral("enrich_container_prefix")).toString(),
                 QStringLiteral("_second_run"));

        // Unlinking what is not linked fails plainly.
        r = assay(catalog, {ds, QStringLiteral("unlink-enrichment"), QStringLiteral("--datastore"),
                            QStringLiteral("Shop")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("not linked")), qPrintable(r.err));
        // The enrichment data was never touched.
        QVERIFY(makeSqliteFile(enrichFile, {}));
        QSqlDatabase check =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        check.setDatabaseName(enrichFile);
        QVERIFY(check.open());
        QVERIFY(check.tables().contains(QStringLiteral("_first_check_metrics")));
        check.close();
        check = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
};

QTEST_GUILESS_MAIN(TestEnrichmentLinker)
#include "tst_enrichmentlinker.moc"
