#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogBatch.h"
#include "models/item/DatastoreTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

class TestDatastoreTreeModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    qint64 m_connectionId = 0;

    qint64 addDatastore(const QString &name)
    {
        Datastore d;
        d.name = name;
        d.connectionId = m_connectionId;
        return m_catalog.addDatastore(d);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection c;
        c.name = QStringLiteral("local");
        c.type = QStringLiteral("sqlite");
        m_connectionId = m_catalog.addConnection(c);
        QVERIFY(m_connectionId);
    }

    void showsDatastoresSortedAndFollowsTheCatalog()
    {
        addDatastore(QStringLiteral("Orders"));
        addDatastore(QStringLiteral("Billing"));
        DatastoreTreeModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Billing"));
        QCOMPARE(model.index(0, 0).data(DatastoreTreeModel::KindRole).toString(),
                 QStringLiteral("datastore"));
        QCOMPARE(model.index(0, 0).data(DatastoreTreeModel::ConnectorTypeRole).toString(),
                 QStringLiteral("sqlite"));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const qint64 id = addDatastore(QStringLiteral("Marketing"));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Marketing"));
        QCOMPARE(model.indexForDatastore(id).row(), 1);

        // A rename re-sorts; a removal drops the row.
        Datastore renamed = *m_catalog.datastore(id);
        renamed.name = QStringLiteral("Zeta");
        QVERIFY(m_catalog.updateDatastore(renamed));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Zeta"));
        QVERIFY(m_catalog.removeDatastore(id));
        QCOMPARE(model.rowCount(), 2);
    }

    void containersAndFieldsLoadLazily()
    {
        const qint64 id = addDatastore(QStringLiteral("Warehouse"));
        Container table;
        table.datastoreId = id;
        table.name = QStringLiteral("orders");
        table.containerType = QStringLiteral("table");
        table.id = m_catalog.addContainer(table);
        Field field;
        field.containerId = table.id;
        field.name = QStringLiteral("qty");
        field.declaredType = QStringLiteral("integer");
        QVERIFY(m_catalog.addField(field));

        DatastoreTreeModel model(&m_catalog);
        const QModelIndex datastore = model.indexForDatastore(id);
        QVERIFY(model.hasChildren(datastore));
        QVERIFY(model.canFetchMore(datastore));
        QCOMPARE(model.rowCount(datastore), 0); // nothing read until asked
        // The tester walks the whole tree, fetching as a view would.
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(datastore);
        QCOMPARE(model.rowCount(datastore), 1);
        const QModelIndex container = model.index(0, 0, datastore);
        QCOMPARE(container.data().toString(), QStringLiteral("orders"));
        model.fetchMore(container);
        QCOMPARE(model.rowCount(container), 1);
        QCOMPARE(model.index(0, 0, container).data(DatastoreTreeModel::KindRole).toString(),
                 QStringLiteral("field"));

        // A sync that changes containers makes the datastore's children be read again.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        Container view = table;
        view.name = QStringLiteral("v_orders");
        view.containerType = QStringLiteral("view");
        QVERIFY(m_catalog.addContainer(view));
        QCOMPARE(removed.count(), 1);
        model.fetchMore(datastore);
        QCOMPARE(model.rowCount(datastore), 2);
        QCOMPARE(model.index(1, 0, datastore).data().toString(), QStringLiteral("v_orders"));
    }

    void containersComeInPagesWithCountsAndStatus()
    {
        const qint64 id = addDatastore(QStringLiteral("Big"));
        {
            CatalogBatch batch(m_catalog);
            Container c;
            c.datastoreId = id;
            c.containerType = QStringLiteral("table");
            for (int i = 0; i < DatastoreTreeModel::kPageSize + 500; ++i) {
                c.name = QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0'));
                const qint64 containerId = batch.insertContainer(c);
                QVERIFY(containerId);
                if (i == 0) {
                    Field f;
                    f.containerId = containerId;
                    f.name = QStringLiteral("x");
                    f.declaredType = QStringLiteral("integer");
                    f.nullable = false;
                    QVERIFY(batch.insertField(f));
                }
            }
            QVERIFY(batch.commit());
        }
        m_catalog.notifyContainersChanged(id);

        DatastoreTreeModel model(&m_catalog);
        const QModelIndex datastore = model.indexForDatastore(id);
        QCOMPARE(datastore.data(DatastoreTreeModel::CountRole).toInt(),
                 DatastoreTreeModel::kPageSize + 500);
        QVERIFY(datastore.data(DatastoreTreeModel::DetailRole)
                    .toString()
                    .contains(QLatin1String("2500 containers")));
        model.fetchMore(datastore);
        QCOMPARE(model.rowCount(datastore), DatastoreTreeModel::kPageSize);
        QVERIFY(model.canFetchMore(datastore));
        model.fetchMore(datastore);
        QCOMPARE(model.rowCount(datastore), DatastoreTreeModel::kPageSize + 500);
        QVERIFY(!model.canFetchMore(datastore));

        const QModelIndex first = model.index(0, 0, datastore);
        QCOMPARE(first.data(DatastoreTreeModel::CountRole).toInt(), 1);
        QCOMPARE(first.data(DatastoreTreeModel::DetailRole).toString(),
                 QStringLiteral("table · 1 field"));
        QVERIFY(!model.hasChildren(model.index(1, 0, datastore)));
        model.fetchMore(first);
        QCOMPARE(model.index(0, 0, first).data(DatastoreTreeModel::DetailRole).toString(),
                 QStringLiteral("integer · not null"));

        QVERIFY(datastore.data(DatastoreTreeModel::LastOperationRole).toString().isEmpty());
        Operation op;
        op.datastoreId = id;
        op.type = QStringLiteral("catalog");
        op.status = QStringLiteral("running");
        QVERIFY(m_catalog.addOperation(op));
        QCOMPARE(datastore.data(DatastoreTreeModel::LastOperationRole).toString(),
                 QStringLiteral("catalog running"));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

QTEST_GUILESS_MAIN(TestDatastoreTreeModel)
#include "tst_datastoretreemodel.moc"
