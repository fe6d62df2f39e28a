#include "ui/enrichment/ExistingEnrichmentFields.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/WizardUi.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace assay {

namespace {

// A value shown read-only: selectable, scrolls instead of widening the dialog, looks like text.
QLineEdit *readOnlyField(const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setFrame(false);
    edit->setFocusPolicy(Qt::ClickFocus);
    QPalette pal = edit->palette();
    pal.setColor(QPalette::Base, Qt::transparent);
    edit->setPalette(pal);
    edit->setTextMargins(0, 0, 0, 0);
    return edit;
}

} // namespace

ExistingEnrichmentFields::ExistingEnrichmentFields(Catalog *catalog, QFormLayout *form,
                                                   QObject *parent)
    : QObject(parent), m_catalog(catalog), m_form(form), m_combo(new QComboBox),
      m_team(readOnlyField(QStringLiteral("enrichmentTeam"))),
      m_host(readOnlyField(QStringLiteral("enrichmentHost"))),
      m_database(readOnlyField(QStringLiteral("enrichmentDatabase"))),
      m_schema(readOnlyField(QStringLiteral("enrichmentSchema"))),
      m_empty(wizardui::noteLabel(
          tr("There is no enrichment datastore yet. Choose “Add Enrichment Datastore” above to "
             "create one.")))
{
    m_combo->setObjectName(QStringLiteral("enrichmentCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(24);
    m_empty->setObjectName(QStringLiteral("noEnrichmentNote"));
    form->addRow(wizardui::formLabel(tr("Enrichment Datastore"), true, m_combo), m_combo);
    form->addRow(QString(), m_empty);
    form->addRow(wizardui::formLabel(tr("Team"), false, m_team), m_team);
    form->addRow(wizardui::formLabel(tr("Host"), false, m_host), m_host);
    form->addRow(wizardui::formLabel(tr("Database"), false, m_database), m_database);
    form->addRow(wizardui::formLabel(tr("Schema"), false, m_schema), m_schema);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        showDetails();
        emit changed();
    });
}

void ExistingEnrichmentFields::reload(qint64 selectId)
{
    const qint64 keep = selectId ? selectId : selectedId();
    {
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        if (m_catalog)
            for (const Datastore &d : m_catalog->datastores()) {
                if (!d.enrichOnly)
                    continue;
                const auto connection = m_catalog->connection(d.connectionId);
                const ConnectorSpec *spec =
                    connection ? connectors::find(connection->type) : nullptr;
                if (!spec || !spec->supportsEnrichment)
                    continue;
                m_combo->addItem(wizardui::connectorIcon(*spec), d.name, d.id);
            }
        const int index = m_combo->findData(keep);
        m_combo->setCurrentIndex(index >= 0 ? index : (m_combo->count() ? 0 : -1));
    }
    setVisible(m_visible);
    showDetails();
    emit changed();
}

int ExistingEnrichmentFields::count() const
{
    return m_combo->count();
}

qint64 ExistingEnrichmentFields::selectedId() const
{
    return m_combo->currentIndex() >= 0 ? m_combo->currentData().toLongLong() : 0;
}

void ExistingEnrichmentFields::select(qint64 datastoreId)
{
    const int index = m_combo->findData(datastoreId);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
}

void ExistingEnrichmentFields::setVisible(bool visible)
{
    m_visible = visible;
    const bool any = m_combo->count() > 0;
    m_form->setRowVisible(m_combo, visible);
    m_form->setRowVisible(m_empty, visible && !any);
    for (QWidget *w : {static_cast<QWidget *>(m_team), static_cast<QWidget *>(m_host),
                       static_cast<QWidget *>(m_database), static_cast<QWidget *>(m_schema)})
        m_form->setRowVisible(w, visible && any);
}

void ExistingEnrichmentFields::setEnabled(bool enabled)
{
    m_combo->setEnabled(enabled);
}

void ExistingEnrichmentFields::showDetails()
{
    const auto d = m_catalog ? m_catalog->datastore(selectedId()) : Lookup<Datastore>::notFound();
    const auto connection =
        d ? m_catalog->connection(d->connectionId) : Lookup<Connection>::notFound();
    const ConnectorSpec *spec = connection ? connectors::find(connection->type) : nullptr;
    QString host;
    if (connection && spec) {
        if (spec->isFileBased() || spec->isFolder())
            host = tr("This computer (%1)").arg(spec->displayName);
        else
            host = connection->port > 0 ? tr("%1:%2").arg(connection->host).arg(connection->port)
                                        : connection->host;
    }
    const QString none = tr("—");
    const auto show = [&none](QLineEdit *edit, const QString &text) {
        edit->setText(text.isEmpty() ? none : text);
        edit->setCursorPosition(0);
        edit->setToolTip(text);
    };
    show(m_team, d ? d->teams.join(tr(", ")) : QString());
    show(m_host, host);
    show(m_database, d ? d->database : QString());
    show(m_schema, d ? d->schema : QString());
}

} // namespace assay
