#pragma once

#include "models/domain/Connection.h"

#include <QList>
#include <QSet>
#include <QWizardPage>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace assay {

class Catalog;
class ToggleSwitch;

// Add Datastore, page 1: the datastore's name (unique), and either a connector for a new
// connection (a searchable list) or an existing connection (its details shown read-only).
// Fields: name, newConnection, connectorId, connectionId.
class DatastorePage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString connectorId READ connectorId NOTIFY connectorChanged)
    Q_PROPERTY(qint64 connectionId READ connectionId NOTIFY connectionChanged)
public:
    explicit DatastorePage(Catalog *catalog, QWidget *parent = nullptr);

    bool isComplete() const override;
    bool validatePage() override;

    QString connectorId() const;
    qint64 connectionId() const;
    // Selects a connector in the list (clearing a filter that hides it). False if unknown.
    bool selectConnector(const QString &id);
    bool selectConnection(qint64 id);
    // Re-reads names and connections from the Catalog.
    void reload();
    QString nameProblem() const;
    bool hasInput() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLabel *nameMessage() const { return m_nameMessage; }
    ToggleSwitch *newConnectionToggle() const { return m_toggle; }
    QLineEdit *connectorFilter() const { return m_filter; }
    QListView *connectorList() const { return m_list; }
    QComboBox *connectionCombo() const { return m_connections; }
    QLabel *connectionDetails() const { return m_details; }

signals:
    void connectorChanged();
    void connectionChanged();

private:
    void buildConnectorModel();
    void updateMode();
    void updateNameMessage();
    void updateDetails();
    void onFilterChanged(const QString &text);

    Catalog *m_catalog;
    QSet<QString> m_takenNames; // lower case
    QList<Connection> m_connectionList;

    QLineEdit *m_name;
    QLabel *m_nameMessage;
    ToggleSwitch *m_toggle;
    QLabel *m_toggleNote;
    QLabel *m_connectorLabel;
    QLineEdit *m_filter;
    QListView *m_list;
    QLabel *m_noMatch;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_connectionLabel;
    QComboBox *m_connections;
    QLabel *m_details;
};

} // namespace assay
