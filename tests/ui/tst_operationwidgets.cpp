#include "TestSupport.h"
#include "app/engine/OperationContext.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/datastores/ContainerSettingsDialog.h"
#include "ui/operations/OperationProgressBar.h"
#include "ui/operations/SyncDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace assay;

namespace {

// Three slow steps, so the progress bar can be watched and aborted.
class SlowSteps : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override
    {
        for (int i = 1; i <= 3; ++i) {
            for (int t = 0; t < 10 && !context.isCancelled(); ++t)
                QThread::msleep(30);
            if (context.isCancelled())
                return {QStringLiteral("aborted"), QString()};
            context.progress(i / 3.0, QStringLiteral("step %1").arg(i));
        }
        return {QStringLiteral("success"), QString()};
    }
};

void saveShot(QWidget &w, const QString &name)
{
    const QString dir = QDir(test::stateDir()).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    w.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestOperationWidgets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    qint64 m_datastore = 0;
    qint64 m_container = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection c;
        c.name = QStringLiteral("c");
        c.type = QStringLiteral("sqlite");
        c.database = m_dir.filePath(QStringLiteral("src.sqlite"));
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = m_catalog.addConnection(c);
        d.database = c.database;
        m_datastore = m_catalog.addDatastore(d);
        Container orders;
        orders.datastoreId = m_datastore;
        orders.name = QStringLiteral("orders");
        orders.containerType = QStringLiteral("table");
        orders.incrementalStrategy = QStringLiteral("last-modified");
        orders.incrementalField = QStringLiteral("updated_at");
        orders.partitionField = QStringLiteral("updated_at");
        m_container = m_catalog.addContainer(orders);
        int ordinal = 0;
        for (const auto &[name, type] : {std::pair{"id", "bigint"},
                                         {"updated_at", "timestamp"},
                                         {"created_on", "date"},
                                         {"country", "text"},
                                         {"amount", "numeric(10,2)"}}) {
            Field f;
            f.containerId = m_container;
            f.name = QLatin1String(name);
            f.declaredType = QLatin1String(type);
            f.ordinal = ++ordinal;
            QVERIFY(m_catalog.addField(f));
        }
        registerOperationRunner(QStringLiteral("catalog"),
                                [] { return std::make_unique<SlowSteps>(); });
    }

    void syncDialogCollectsOptions()
    {
        SyncDialog dialog(QStringLiteral("Shop"));
        QCOMPARE(dialog.options().value(QStringLiteral("prune")).toBool(), false);
        QCOMPARE(dialog.options().value(QStringLiteral("include")).toArray().size(), 2);
        dialog.pruneBox()->setChecked(true);
        dialog.viewsBox()->setChecked(false);
        QCOMPARE(dialog.options().value(QStringLiteral("prune")).toBool(), true);
        QCOMPARE(dialog.options().value(QStringLiteral("include")).toArray(),
                 QJsonArray{QStringLiteral("table")});
        // Partitions as containers: off by default, a table option.
        QCOMPARE(dialog.options().value(QStringLiteral("include_partitions")).toBool(), false);
        QCheckBox *partitions = nullptr;
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
            if (box->text().contains(QLatin1String("Partitions")))
                partitions = box;
        QVERIFY(partitions);
        partitions->setChecked(true);
        QCOMPARE(dialog.options().value(QStringLiteral("include_partitions")).toBool(), true);
        dialog.tablesBox()->setChecked(false);
        QVERIFY(!partitions->isEnabled());
        QCOMPARE(dialog.options().value(QStringLiteral("include_partitions")).toBool(), false);
        QVERIFY(!dialog.runButton()->isEnabled());
        dialog.tablesBox()->setChecked(true);
        QVERIFY(dialog.runButton()->isEnabled());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveShot(dialog, QStringLiteral("sync-dialog.png"));
    }

    void containerSettingsOfferOnlyFittingFieldsAndSave()
    {
        ContainerSettingsDialog dialog(&m_catalog, m_container);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveShot(dialog, QStringLiteral("container-settings.png"));
        QCOMPARE(dialog.incrementalFieldBox()->currentData().toString(),
                 QStringLiteral("updated_at"));
        // Last modified: only dates and timestamps are offered.
        QStringList offered;
        for (int i = 0; i < dialog.incrementalFieldBox()->count(); ++i)
            offered << dialog.incrementalFieldBox()->itemData(i).toString();
        QCOMPARE(offered,
                 (QStringList{QStringLiteral("updated_at"), QStringLiteral("created_on")}));
        // Batch value: only numbers.
        dialog.strategyBox()->setCurrentIndex(
            dialog.strategyBox()->findData(QStringLiteral("batch-value")));
        offered.clear();
        for (int i = 0; i < dialog.incrementalFieldBox()->count(); ++i)
            offered << dialog.incrementalFieldBox()->itemData(i).toString();
        QCOMPARE(offered, (QStringList{QStringLiteral("id"), QStringLiteral("amount")}));
        dialog.incrementalFieldBox()->setCurrentIndex(0);
        dialog.partitionFieldBox()->setCurrentIndex(
            dialog.partitionFieldBox()->findData(QStringLiteral("id")));
        QVERIFY(dialog.validationError().isEmpty());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const Container saved = *m_catalog.container(m_container);
        QCOMPARE(saved.incrementalStrategy, QStringLiteral("batch-value"));
        QCOMPARE(saved.incrementalField, QStringLiteral("id"));
        QCOMPARE(saved.partitionField, QStringLiteral("id"));
        QVERIFY(saved.identifiersOverridden);
        QCOMPARE(saved.settings.value(QStringLiteral("infer_data_type")).toBool(), true);
    }

    // A file container's settings say how its files are read: what Sync detected, or the
    // user's delimiter, encoding and header; and _modified as its incremental field.
    void fileContainerReadSettings()
    {
        Container file;
        file.datastoreId = m_datastore;
        file.name = QStringLiteral("sales_*.csv");
        file.containerType = QStringLiteral("file");
        file.settings = {{QStringLiteral("source"),
                          QJsonObject{{QStringLiteral("format"), QStringLiteral("csv")},
                                      {QStringLiteral("delimiter"), QStringLiteral(";")},
                                      {QStringLiteral("encoding"), QStringLiteral("latin-1")},
                                      {QStringLiteral("header"), true}}}};
        file.id = m_catalog.addContainer(file);
        Field amount;
        amount.containerId = file.id;
        amount.name = QStringLiteral("amount");
        amount.declaredType = QStringLiteral("fractional");
        QVERIFY(m_catalog.addField(amount));
        ContainerSettingsDialog dialog(&m_catalog, file.id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *delimiter = dialog.findChild<QComboBox *>(QString(), Qt::FindChildrenRecursively);
        QComboBox *encoding = nullptr;
        for (QComboBox *box : dialog.findChildren<QComboBox *>()) {
            if (box->accessibleName() == QLatin1String("Delimiter"))
                delimiter = box;
            if (box->accessibleName() == QLatin1String("Encoding"))
                encoding = box;
        }
        QVERIFY(delimiter && encoding);
        QCOMPARE(delimiter->itemText(0), QStringLiteral("Detected (;)"));
        QCOMPARE(encoding->itemText(0), QStringLiteral("Detected (latin-1)"));
        // Untouched: nothing overridden.
        QVERIFY(!dialog.editedContainer().settings.contains(QStringLiteral("read")));
        delimiter->setCurrentIndex(delimiter->findData(QStringLiteral("\\t")));
        encoding->setCurrentIndex(encoding->findData(QStringLiteral("utf-16le")));
        const QJsonObject read =
            dialog.editedContainer().settings.value(QStringLiteral("read")).toObject();
        QCOMPARE(read.value(QStringLiteral("delimiter")).toString(), QStringLiteral("\\t"));
        QCOMPARE(read.value(QStringLiteral("encoding")).toString(), QStringLiteral("utf-16le"));
        QVERIFY(!read.contains(QStringLiteral("header")));
        // Last modified offers the files' modification time.
        dialog.strategyBox()->setCurrentIndex(
            dialog.strategyBox()->findData(QStringLiteral("last-modified")));
        QCOMPARE(dialog.incrementalFieldBox()->itemData(0).toString(), QStringLiteral("_modified"));
        dialog.tabs()->setCurrentIndex(2);
        saveShot(dialog, QStringLiteral("container-settings-file.png"));
    }

    void progressBarFollowsAndAbortsTheDatastoresOperation()
    {
        CredentialStore credentials;
        OperationEngine engine(&m_catalog, &credentials, 1);
        OperationProgressBar bar(&engine);
        bar.setDatastore(m_datastore);
        bar.resize(700, 40);
        QVERIFY(bar.isHidden());
        QSignalSpy finished(&engine, &OperationEngine::operationFinished);
        OperationRequest request;
        request.datastoreId = m_datastore;
        request.type = operation_type::kSync;
        const qint64 first = engine.enqueue(request);
        QVERIFY(!bar.isHidden());
        QTRY_VERIFY(bar.bar()->value() > 0);
        saveShot(bar, QStringLiteral("progress-bar.png"));
        QVERIFY(finished.wait(10000));
        QVERIFY(bar.isHidden());
        QCOMPARE(m_catalog.operation(first)->status, QStringLiteral("success"));

        finished.clear();
        const qint64 second = engine.enqueue(request);
        QTRY_VERIFY(bar.operationId() == second && bar.abortButton()->isEnabled());
        QTest::mouseClick(bar.abortButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_catalog.operation(second)->status, QStringLiteral("aborted"));
        QVERIFY(bar.isHidden());
    }
};

QTEST_MAIN(TestOperationWidgets)
#include "tst_operationwidgets.moc"
