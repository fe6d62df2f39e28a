#include "ui/datastores/ContainerSettingsDialog.h"

#include "app/connectors/FieldTypes.h"
#include "app/files/TextEncoding.h"
#include "models/catalog/Catalog.h"
#include "ui/common/Theme.h"
#include "ui/datastores/ConstraintsView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

const QString kNone = QString();
const QString kLastModified = QStringLiteral("last-modified");
const QString kBatchValue = QStringLiteral("batch-value");
const QString kCommitTimestamp = QStringLiteral("postgres-commit-timestamp");

bool fitsIncremental(const QString &strategy, const QString &declaredType)
{
    const TypeFamily family = typeFamily(declaredType);
    if (strategy == kLastModified)
        return isDateTimeFamily(family);
    if (strategy == kBatchValue)
        return family == TypeFamily::Integral || family == TypeFamily::Fractional;
    return false;
}

bool fitsPartition(const QString &declaredType)
{
    const TypeFamily family = typeFamily(declaredType);
    return isDateTimeFamily(family) || family == TypeFamily::Integral;
}

QStringList toStrings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out << v.toString();
    return out;
}

} // namespace

ContainerSettingsDialog::ContainerSettingsDialog(Catalog *catalog, qint64 containerId,
                                                 QWidget *parent)
    : QDialog(parent), m_catalog(catalog)
{
    if (const auto c = catalog->container(containerId))
        m_container = *c;
    for (const Field &f : catalog->fields(containerId))
        if (!f.removed)
            m_fields << f;

    setWindowTitle(tr("Settings of %1").arg(m_container.name));
    setAccessibleName(windowTitle());
    resize(560, 460);

    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<b>%1</b> <span style='color:gray'>%2 · %3 fields</span>")
                                 .arg(m_container.name.toHtmlEscaped(), m_container.containerType)
                                 .arg(m_fields.size()));
    layout->addWidget(title);
    m_tabs = new QTabWidget;
    m_tabs->addTab(buildIdentifiersTab(), tr("Identifiers"));
    m_tabs->addTab(buildGroupingTab(), tr("Grouping"));
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    if (m_container.containerType == QLatin1String("table"))
        m_tabs->addTab(new ConstraintsView(m_container, m_fields), tr("Constraints"));
    m_tabs->setAccessibleName(tr("Container settings sections"));
    layout->addWidget(m_tabs, 1);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(theme::errorStyle());
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ContainerSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateState();
}

QWidget *ContainerSettingsDialog::buildIdentifiersTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    auto *intro = new QLabel(tr("How Assay reads only new or changed records (incremental scans) "
                                "and how it splits the table to work in parallel."));
    intro->setWordWrap(true);
    form->addRow(intro);

    m_strategy = new QComboBox;
    m_strategy->setAccessibleName(tr("Incremental strategy"));
    m_strategy->addItem(tr("None"), kNone);
    m_strategy->addItem(tr("Last modified"), kLastModified);
    m_strategy->addItem(tr("Batch value"), kBatchValue);
    m_strategy->addItem(tr("Postgres commit timestamp"), kCommitTimestamp);
    m_strategy->setCurrentIndex(qMax(0, m_strategy->findData(m_container.incrementalStrategy)));
    form->addRow(tr("Incremental strategy:"), m_strategy);

    m_incrementalField = new QComboBox;
    m_incrementalField->setAccessibleName(tr("Incremental field"));
    form->addRow(tr("Incremental field:"), m_incrementalField);
    m_partitionField = new QComboBox;
    m_partitionField->setAccessibleName(tr("Partition field"));
    form->addRow(tr("Partition field:"), m_partitionField);

    m_identifierNote = new QLabel;
    m_identifierNote->setWordWrap(true);
    m_identifierNote->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(m_identifierNote);
    auto *reset = new QPushButton(tr("Use what Sync detects"));
    reset->setToolTip(tr("Forget these choices; the next Sync proposes identifiers again."));
    connect(reset, &QPushButton::clicked, this, [this] {
        m_resetToDetected = true;
        updateState();
    });
    auto *resetRow = new QHBoxLayout;
    resetRow->addWidget(reset);
    resetRow->addStretch();
    form->addRow(QString(), resetRow);

    refreshFieldChoices();
    connect(m_strategy, &QComboBox::currentIndexChanged, this, [this] {
        m_resetToDetected = false;
        refreshFieldChoices();
        updateState();
    });
    connect(m_incrementalField, &QComboBox::currentIndexChanged, this,
            &ContainerSettingsDialog::updateState);
    connect(m_partitionField, &QComboBox::currentIndexChanged, this,
            &ContainerSettingsDialog::updateState);
    return page;
}

void ContainerSettingsDialog::refreshFieldChoices()
{
    const QString strategy = m_strategy->currentData().toString();
    const QString keepIncremental = m_incrementalField->count()
                                        ? m_incrementalField->currentData().toString()
                                        : m_container.incrementalField;
    const QString keepPartition = m_partitionField->count()
                                      ? m_partitionField->currentData().toString()
                                      : m_container.partitionField;
    m_incrementalField->clear();
    m_partitionField->clear();
    m_partitionField->addItem(tr("None"), QString());
    for (const Field &f : std::as_const(m_fields)) {
        const QString label = QStringLiteral("%1  (%2)").arg(f.name, f.declaredType);
        // Only fields whose type fits the strategy are offered: the type check is the list.
        if (fitsIncremental(strategy, f.declaredType))
            m_incrementalField->addItem(label, f.name);
        if (fitsPartition(f.declaredType))
            m_partitionField->addItem(label, f.name);
    }
    // A file container's records also carry their file's modification time.
    if (isFile() && strategy == kLastModified)
        m_incrementalField->addItem(tr("_modified  (the file's modification time)"),
                                    QStringLiteral("_modified"));
    const bool needsField = strategy == kLastModified || strategy == kBatchValue;
    m_incrementalField->setEnabled(needsField && m_incrementalField->count() > 0);
    if (needsField && m_incrementalField->count() == 0)
        m_incrementalField->addItem(tr("No field of a suitable type"), QString());
    m_incrementalField->setCurrentIndex(qMax(0, m_incrementalField->findData(keepIncremental)));
    m_partitionField->setCurrentIndex(qMax(0, m_partitionField->findData(keepPartition)));
}

QWidget *ContainerSettingsDialog::buildGroupingTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("Groupings profile and check the data per group of these "
                                "fields' values (for example per country and channel)."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_groupings = new QListWidget;
    m_groupings->setAccessibleName(tr("Groupings"));
    for (const QJsonValue &group : m_container.settings.value(QStringLiteral("grouping")).toArray())
        m_groupings->addItem(toStrings(group).join(QStringLiteral(", ")));
    layout->addWidget(m_groupings, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add grouping…"));
    auto *remove = new QPushButton(tr("Remove"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &ContainerSettingsDialog::addGrouping);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_groupings->currentItem(); });
    return page;
}

void ContainerSettingsDialog::addGrouping()
{
    QDialog picker(this);
    picker.setWindowTitle(tr("Add grouping"));
    auto *layout = new QVBoxLayout(&picker);
    layout->addWidget(new QLabel(tr("Fields of the grouping:")));
    auto *list = new QListWidget;
    for (const Field &f : std::as_const(m_fields)) {
        auto *item = new QListWidgetItem(f.name, list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    layout->addWidget(list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &picker, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &picker, &QDialog::reject);
    layout->addWidget(buttons);
    if (picker.exec() != QDialog::Accepted)
        return;
    QStringList chosen;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            chosen << list->item(i)->text();
    if (!chosen.isEmpty())
        m_groupings->addItem(chosen.join(QStringLiteral(", ")));
}

QWidget *ContainerSettingsDialog::buildGeneralTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_excluded = new QListWidget;
    m_excluded->setAccessibleName(tr("Excluded fields"));
    const QStringList excluded = toStrings(m_container.settings.value("excluded_fields"));
    for (const Field &f : std::as_const(m_fields)) {
        auto *item = new QListWidgetItem(f.name, m_excluded);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(excluded.contains(f.name) ? Qt::Checked : Qt::Unchecked);
    }
    form->addRow(tr("Excluded fields:"), m_excluded);
    m_inferTypes = new QCheckBox(tr("Infer the data type of text fields when profiling"));
    m_inferTypes->setChecked(m_container.settings.value("infer_data_type").toBool(true));
    form->addRow(QString(), m_inferTypes);
    m_filePattern = new QLineEdit(m_container.settings.value("file_pattern").toString());
    m_filePattern->setPlaceholderText(
        m_container.settings.value("source").toObject().value("pattern").toString());
    m_filePattern->setAccessibleName(tr("File pattern"));
    if (isFile())
        form->addRow(tr("File pattern override:"), m_filePattern);
    else
        m_filePattern->hide();
    if (isFile())
        addReadSettings(form);
    return page;
}

bool ContainerSettingsDialog::isFile() const
{
    return m_container.containerType == QLatin1String("file");
}

// How the container's files are read: what Sync detected, or the user's choice.
void ContainerSettingsDialog::addReadSettings(QFormLayout *form)
{
    const QJsonObject source = m_container.settings.value(QStringLiteral("source")).toObject();
    const QJsonObject read = m_container.settings.value(QStringLiteral("read")).toObject();
    const bool json = source.value(QStringLiteral("format")).toString() == QLatin1String("jsonl");
    const auto detected = [](const QString &value) {
        return value.isEmpty() ? tr("Detected") : tr("Detected (%1)").arg(value);
    };
    m_delimiter = new QComboBox;
    m_delimiter->setAccessibleName(tr("Delimiter"));
    QString sourceDelimiter = source.value(QStringLiteral("delimiter")).toString();
    m_delimiter->addItem(
        detected(sourceDelimiter == QLatin1String("\\t") ? tr("tab") : sourceDelimiter), QString());
    m_delimiter->addItem(tr("Comma ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\\t"));
    m_delimiter->addItem(tr("Pipe |"), QStringLiteral("|"));
    m_delimiter->setCurrentIndex(
        qMax(0, m_delimiter->findData(read.value(QStringLiteral("delimiter")).toString())));
    m_encoding = new QComboBox;
    m_encoding->setAccessibleName(tr("Encoding"));
    m_encoding->addItem(detected(source.value(QStringLiteral("encoding")).toString()), QString());
    for (const QString &name : encodingNames())
        m_encoding->addItem(name, name);
    m_encoding->setCurrentIndex(
        qMax(0, m_encoding->findData(read.value(QStringLiteral("encoding")).toString())));
    m_header = new QCheckBox(tr("The first line names the columns"));
    m_header->setChecked(read.value(QStringLiteral("header"))
                             .toBool(source.value(QStringLiteral("header")).toBool(true)));
    if (!json) {
        form->addRow(tr("Delimiter:"), m_delimiter);
        form->addRow(QString(), m_header);
    } else {
        m_delimiter->hide();
        m_header->hide();
    }
    form->addRow(tr("Encoding:"), m_encoding);
}

Container ContainerSettingsDialog::editedContainer() const
{
    Container c = m_container;
    if (m_resetToDetected) {
        c.identifiersOverridden = false;
    } else {
        c.incrementalStrategy = m_strategy->currentData().toString();
        c.incrementalField = m_incrementalField->isEnabled()
                                 ? m_incrementalField->currentData().toString()
                                 : QString();
        c.partitionField = m_partitionField->currentData().toString();
        c.identifiersOverridden = m_container.identifiersOverridden ||
                                  c.incrementalStrategy != m_container.incrementalStrategy ||
                                  c.incrementalField != m_container.incrementalField ||
                                  c.partitionField != m_container.partitionField;
    }
    QJsonArray groupings;
    for (int i = 0; i < m_groupings->count(); ++i)
        groupings << QJsonArray::fromStringList(
            m_groupings->item(i)->text().split(QStringLiteral(", ")));
    QStringList excluded;
    for (int i = 0; i < m_excluded->count(); ++i)
        if (m_excluded->item(i)->checkState() == Qt::Checked)
            excluded << m_excluded->item(i)->text();
    c.settings.insert(QStringLiteral("grouping"), groupings);
    c.settings.insert(QStringLiteral("excluded_fields"), QJsonArray::fromStringList(excluded));
    c.settings.insert(QStringLiteral("infer_data_type"), m_inferTypes->isChecked());
    if (m_filePattern->text().trimmed().isEmpty())
        c.settings.remove(QStringLiteral("file_pattern"));
    else
        c.settings.insert(QStringLiteral("file_pattern"), m_filePattern->text().trimmed());
    if (m_delimiter) {
        // Only what the user chose differently from what Sync detects.
        QJsonObject read;
        if (!m_delimiter->currentData().toString().isEmpty())
            read.insert(QStringLiteral("delimiter"), m_delimiter->currentData().toString());
        if (!m_encoding->currentData().toString().isEmpty())
            read.insert(QStringLiteral("encoding"), m_encoding->currentData().toString());
        const bool detectedHeader = m_container.settings.value(QStringLiteral("source"))
                                        .toObject()
                                        .value(QStringLiteral("header"))
                                        .toBool(true);
        if (m_header->isChecked() != detectedHeader)
            read.insert(QStringLiteral("header"), m_header->isChecked());
        if (read.isEmpty())
            c.settings.remove(QStringLiteral("read"));
        else
            c.settings.insert(QStringLiteral("read"), read);
    }
    return c;
}

QString ContainerSettingsDialog::validationError() const
{
    if (m_resetToDetected)
        return QString();
    const Container c = editedContainer();
    if ((c.incrementalStrategy == kLastModified || c.incrementalStrategy == kBatchValue) &&
        c.incrementalField.isEmpty())
        return c.incrementalStrategy == kLastModified
                   ? tr("Last modified needs a date or timestamp field; this container has none.")
                   : tr("Batch value needs a numeric field; this container has none.");
    for (const QJsonValue &group : c.settings.value(QStringLiteral("grouping")).toArray())
        if (toStrings(group).contains(c.partitionField) && !c.partitionField.isEmpty())
            return tr("The partition field %1 cannot also be a grouping field.")
                .arg(c.partitionField);
    return QString();
}

void ContainerSettingsDialog::updateState()
{
    if (m_resetToDetected)
        m_identifierNote->setText(
            tr("The next Sync will propose identifiers again; your choices are dropped."));
    else if (m_container.identifiersOverridden)
        m_identifierNote->setText(tr("Set by you: Sync keeps these identifiers."));
    else
        m_identifierNote->setText(tr("Proposed by Sync. Changing them makes them yours: later "
                                     "syncs keep them."));
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void ContainerSettingsDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    if (!m_catalog->updateContainerSettings(editedContainer())) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The settings could not be saved: %1").arg(m_catalog->lastError()));
        return;
    }
    QDialog::accept();
}

} // namespace assay
