#pragma once

#include "ui/enrichment/EnrichmentLinkController.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace assay {

class Catalog;
class ConnectionForm;
class ConnectionTestPanel;
class CredentialStore;
class ToggleSwitch;

// "Add Enrichment Datastore": Name, an "Add new connection" switch, then either a Connector
// (only those that can be enrichment targets) with its connection fields, or an existing
// connection of such a connector; Database, Schema and Teams; and Test Connection. Reuses the Add
// Datastore wizard's connection form and test panel. It collects and checks values only; the
// controller creates the datastore when the dialog's Finish is pressed.
class NewEnrichmentForm : public QWidget
{
    Q_OBJECT
public:
    NewEnrichmentForm(Catalog *catalog, CredentialStore *credentials, QWidget *parent = nullptr);

    // Refreshes the connections and teams offered from the Catalog.
    void reload();
    NewEnrichmentDatastore request() const;
    // Every required field filled and well-formed (see problem()).
    bool isComplete() const;
    // The first problem with what was typed (a name already taken...); empty when none.
    QString problem() const;
    bool hasInput() const;
    void setBusy(bool busy);

    QLineEdit *nameEdit() const { return m_name; }
    ToggleSwitch *newConnectionToggle() const { return m_newConnection; }
    QComboBox *connectorCombo() const { return m_connector; }
    QComboBox *connectionCombo() const { return m_connection; }
    ConnectionForm *connectionForm() const { return m_form; }
    ConnectionTestPanel *testPanel() const { return m_panel; }
    QFormLayout *formLayout() const;

    // Selects a connector by id (e.g. "sqlite"); false when it is not offered.
    bool setConnector(const QString &connectorId);

    // The source datastores that use the chosen existing connection (empty for a new one):
    // enrichment tables written there would land in a source's own database.
    QStringList sourcesOfChosenConnection() const;

signals:
    void changed();

private:
    // The names of the source datastores using each connection, by connection id.
    QHash<qint64, QStringList> sourcesByConnection() const;
    void rebuildForm();
    void startTest();
    void updateRows();

    Catalog *m_catalog;
    QLineEdit *m_name;
    QLabel *m_nameProblem;
    ToggleSwitch *m_newConnection;
    QComboBox *m_connector;
    QComboBox *m_connection;
    ConnectionForm *m_form;
    ConnectionTestPanel *m_panel;
    bool m_busy = false;
    bool m_shownNew = true; // what the connection form was last built for
    qint64 m_shownConnection = 0;
};

} // namespace assay
