#pragma once

#include <QObject>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace assay {

class Catalog;

// "Use Enrichment Datastore": a drop-down of the enrichment-only datastores whose connector can
// be an enrichment target, and the Team, Host, Database and Schema of the selected one, read-only.
// Its rows are appended to the caller's QFormLayout and shown or hidden together.
class ExistingEnrichmentFields : public QObject
{
    Q_OBJECT
public:
    ExistingEnrichmentFields(Catalog *catalog, QFormLayout *form, QObject *parent = nullptr);

    // Refills the drop-down from the Catalog, selecting `selectId` when it is offered (else
    // keeping the current choice where possible).
    void reload(qint64 selectId = 0);
    int count() const;
    qint64 selectedId() const;
    void select(qint64 datastoreId);
    void setVisible(bool visible);
    void setEnabled(bool enabled);

    QComboBox *combo() const { return m_combo; }
    QLineEdit *teamField() const { return m_team; }
    QLineEdit *hostField() const { return m_host; }
    QLineEdit *databaseField() const { return m_database; }
    QLineEdit *schemaField() const { return m_schema; }
    QLabel *emptyNote() const { return m_empty; }

signals:
    void changed();

private:
    void showDetails();

    Catalog *m_catalog;
    QFormLayout *m_form;
    QComboBox *m_combo;
    QLineEdit *m_team;
    QLineEdit *m_host;
    QLineEdit *m_database;
    QLineEdit *m_schema;
    QLabel *m_empty;
    bool m_visible = true;
};

} // namespace assay
