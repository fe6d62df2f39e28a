#include "TestSupport.h"
#include "catalog/Catalog.h"
#include "datastores/ContainerSettingsDialog.h"
#include "engine/OperationContext.h"
#include "engine/OperationEngine.h"
#include "operations/OperationProgressBar.h"
#include "operations/SyncDialog.h"
#include "secrets/CredentialStore.h"

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
        dialog.tablesBox()->setChecked(false);
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
