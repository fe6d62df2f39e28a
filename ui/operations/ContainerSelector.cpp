#include "ui/operations/ContainerSelector.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QIcon>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace assay {

namespace {

QStringList splitTags(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !out.contains(tag, Qt::CaseInsensitive))
            out << tag;
    }
    return out;
}

QLabel *noteLabel(const QString &text = QString())
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText); // muted in light and dark palettes alike
    return label;
}

QIcon containerIcon(const Container &c)
{
    if (c.containerType == QLatin1String("view"))
        return QIcon(QStringLiteral(":/icons/view.svg"));
    if (c.containerType == QLatin1String("file"))
        return QIcon(QStringLiteral(":/icons/file.svg"));
    return QIcon(QStringLiteral(":/icons/table.svg"));
}

} // namespace

QStringList containerTags(const Container &container)
{
    return container.tags();
}

ContainerSelector::ContainerSelector(const QList<Container> &containers, QWidget *parent)
    : QWidget(parent)
{
    for (const Container &c : containers)
        if (!c.removed)
            m_containers << c;
    std::sort(m_containers.begin(), m_containers.end(), [](const Container &a, const Container &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *modeRow = new QHBoxLayout;
    m_all = new QRadioButton(tr("All"));
    m_specific = new QRadioButton(tr("Specific"));
    m_byTag = new QRadioButton(tr("By tag"));
    m_modes = new QButtonGroup(this);
    m_modes->addButton(m_all, int(Mode::All));
    m_modes->addButton(m_specific, int(Mode::Specific));
    m_modes->addButton(m_byTag, int(Mode::ByTag));
    for (QRadioButton *b : {m_all, m_specific, m_byTag}) {
        b->setAccessibleName(tr("Containers: %1").arg(b->text()));
        modeRow->addWidget(b);
    }
    modeRow->addStretch(1);
    layout->addLayout(modeRow);

    m_pages = new QStackedWidget;
    m_pages->addWidget(buildAllPage());
    m_pages->addWidget(buildSpecificPage());
    m_pages->addWidget(buildTagPage());
    layout->addWidget(m_pages, 1);

    m_all->setChecked(true);
    connect(m_modes, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            updateState();
    });
    updateState();
}

QWidget *ContainerSelector::buildAllPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(noteLabel(m_containers.isEmpty()
                                    ? tr("This datastore has no containers yet. Run a Sync first.")
                                    : tr("All %1 containers, and any that later syncs discover.")
                                          .arg(m_containers.size())));
    // The same names the other modes choose from, read-only, so "All" is not a leap of faith.
    auto *list = new QListWidget;
    list->setAccessibleName(tr("Every container"));
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setFocusPolicy(Qt::NoFocus);
    list->setUniformItemSizes(true);
    list->setMinimumHeight(150);
    for (const Container &c : m_containers)
        new QListWidgetItem(containerIcon(c), c.name, list);
    layout->addWidget(list, 1);
    return page;
}

QWidget *ContainerSelector::buildSpecificPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter containers"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter containers"));
    layout->addWidget(m_filter);

    m_list = new QListWidget;
    m_list->setAccessibleName(tr("Containers to include"));
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(150);
    for (const Container &c : m_containers) {
        auto *item = new QListWidgetItem(containerIcon(c), c.name, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        const QStringList tags = containerTags(c);
        item->setToolTip(
            tags.isEmpty()
                ? c.containerType
                : tr("%1 · tags: %2").arg(c.containerType, tags.join(QLatin1String(", "))));
    }
    layout->addWidget(m_list, 1);

    auto *row = new QHBoxLayout;
    m_selectAll = new QPushButton(tr("Select All"));
    m_selectAll->setToolTip(tr("Check every container shown by the filter"));
    m_selectNone = new QPushButton(tr("Select None"));
    m_selectNone->setToolTip(tr("Uncheck every container shown by the filter"));
    // Enter in the dialog runs it (its default button), whichever of these has the focus.
    for (QPushButton *b : {m_selectAll, m_selectNone})
        b->setAutoDefault(false);
    m_count = new QLabel;
    m_count->setAccessibleName(tr("Selected containers"));
    row->addWidget(m_selectAll);
    row->addWidget(m_selectNone);
    row->addStretch(1);
    row->addWidget(m_count);
    layout->addLayout(row);

    connect(m_filter, &QLineEdit::textChanged, this, &ContainerSelector::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, &ContainerSelector::updateState);
    connect(m_selectAll, &QPushButton::clicked, this, [this] { setVisibleChecked(true); });
    connect(m_selectNone, &QPushButton::clicked, this, [this] { setVisibleChecked(false); });
    return page;
}

QWidget *ContainerSelector::buildTagPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_tags = new QLineEdit;
    m_tags->setPlaceholderText(tr("Tags, comma-separated"));
    m_tags->setClearButtonEnabled(true);
    m_tags->setAccessibleName(tr("Container tags"));
    layout->addWidget(m_tags);

    QStringList known;
    for (const Container &c : m_containers)
        for (const QString &tag : containerTags(c))
            if (!known.contains(tag, Qt::CaseInsensitive))
                known << tag;
    known.sort(Qt::CaseInsensitive);
    layout->addWidget(noteLabel(
        known.isEmpty() ? tr("No container carries a tag yet.")
                        : tr("Tags in this datastore: %1").arg(known.join(QLatin1String(", ")))));
    m_tagMatch = new QLabel;
    m_tagMatch->setWordWrap(true);
    m_tagMatch->setAccessibleName(tr("Containers matching the tags"));
    layout->addWidget(m_tagMatch);
    m_tagList = new QListWidget;
    m_tagList->setAccessibleName(tr("Containers carrying the tags"));
    m_tagList->setSelectionMode(QAbstractItemView::NoSelection);
    m_tagList->setFocusPolicy(Qt::NoFocus);
    m_tagList->setUniformItemSizes(true);
    layout->addWidget(m_tagList, 1);
    connect(m_tags, &QLineEdit::textChanged, this, &ContainerSelector::updateState);
    return page;
}

ContainerSelector::Mode ContainerSelector::mode() const
{
    return Mode(m_modes->checkedId());
}

void ContainerSelector::setMode(Mode mode)
{
    m_modes->button(int(mode))->setChecked(true);
}

void ContainerSelector::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setHidden(!needle.isEmpty() && !item->text().contains(needle, Qt::CaseInsensitive));
    }
    updateState();
}

void ContainerSelector::setVisibleChecked(bool checked)
{
    // One changed() for the whole batch, not one per item.
    const QSignalBlocker blocker(m_list);
    for (int i = 0; i < m_list->count(); ++i)
        if (!m_list->item(i)->isHidden())
            m_list->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    updateState();
}

void ContainerSelector::setCheckedContainers(const QStringList &names)
{
    const QSignalBlocker blocker(m_list);
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setCheckState(names.contains(m_list->item(i)->text()) ? Qt::Checked
                                                                               : Qt::Unchecked);
    updateState();
}

QStringList ContainerSelector::tags() const
{
    return splitTags(m_tags->text());
}

void ContainerSelector::setTags(const QStringList &tags)
{
    m_tags->setText(tags.join(QLatin1String(", ")));
}

QList<Container> ContainerSelector::tagMatches() const
{
    const QStringList wanted = tags();
    QList<Container> out;
    for (const Container &c : m_containers) {
        const QStringList carried = containerTags(c);
        if (std::any_of(wanted.begin(), wanted.end(), [&](const QString &tag) {
                return carried.contains(tag, Qt::CaseInsensitive);
            }))
            out << c;
    }
    return out;
}

QList<Container> ContainerSelector::effectiveContainers() const
{
    switch (mode()) {
    case Mode::All:
        return m_containers;
    case Mode::ByTag:
        return tagMatches();
    case Mode::Specific:
        break;
    }
    QList<Container> out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << m_containers.at(i); // the list holds m_containers in order
    return out;
}

QStringList ContainerSelector::selectedContainers() const
{
    if (mode() == Mode::All)
        return {};
    QStringList names;
    for (const Container &c : effectiveContainers())
        names << c.name;
    return names;
}

QString ContainerSelector::validationError() const
{
    if (m_containers.isEmpty())
        return tr("The datastore has no containers. Run a Sync first.");
    switch (mode()) {
    case Mode::All:
        return {};
    case Mode::Specific:
        return effectiveContainers().isEmpty() ? tr("Check at least one container.") : QString();
    case Mode::ByTag:
        if (tags().isEmpty())
            return tr("Enter at least one tag.");
        // An empty list would mean "all", so a tag that matches nothing must not run.
        return tagMatches().isEmpty() ? tr("No container carries these tags.") : QString();
    }
    return {};
}

void ContainerSelector::updateState()
{
    m_pages->setCurrentIndex(m_modes->checkedId());
    int checked = 0;
    int shown = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        checked += m_list->item(i)->checkState() == Qt::Checked ? 1 : 0;
        shown += m_list->item(i)->isHidden() ? 0 : 1;
    }
    m_count->setText(
        shown == m_list->count()
            ? tr("%1 of %2 selected").arg(checked).arg(m_list->count())
            : tr("%1 of %2 selected (%3 shown)").arg(checked).arg(m_list->count()).arg(shown));

    const QList<Container> matches = tagMatches();
    if (tags().isEmpty()) {
        m_tagMatch->setText(tr("Enter tags to see which containers carry them."));
    } else {
        m_tagMatch->setText(matches.isEmpty() ? tr("No container matches.")
                                              : tr("Matching containers: %1 of %2.")
                                                    .arg(matches.size())
                                                    .arg(m_containers.size()));
    }
    m_tagList->clear();
    for (const Container &c : matches) {
        auto *item = new QListWidgetItem(containerIcon(c), c.name, m_tagList);
        item->setToolTip(containerTags(c).join(QLatin1String(", ")));
    }
    emit changed();
}

} // namespace assay
