#include "ui/widgets/TeamsSelector.h"

#include "ui/widgets/WizardUi.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

TeamsSelector::TeamsSelector(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget), m_newTeam(new QLineEdit),
      m_add(new QPushButton(tr("Add")))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_list->setObjectName(QStringLiteral("teamsList"));
    m_list->setAccessibleName(tr("Teams"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(2);
    fitListHeight();
    layout->addWidget(m_list);

    auto *row2 = new QHBoxLayout;
    row2->setSpacing(6);
    m_newTeam->setObjectName(QStringLiteral("newTeamEdit"));
    m_newTeam->setPlaceholderText(tr("New team name"));
    m_newTeam->setAccessibleName(tr("New team name"));
    m_newTeam->setClearButtonEnabled(true);
    m_add->setObjectName(QStringLiteral("addTeamButton"));
    m_add->setAccessibleName(tr("Add team"));
    m_add->setEnabled(false);
    m_add->setAutoDefault(false);
    wizardui::padButton(m_add);
    row2->addWidget(m_newTeam, 1);
    row2->addWidget(m_add);
    layout->addLayout(row2);

    connect(m_newTeam, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_add->setEnabled(!text.trimmed().isEmpty()); });
    wizardui::onReturn(m_newTeam, [this] { addFromEdit(); });
    connect(m_add, &QPushButton::clicked, this, &TeamsSelector::addFromEdit);
    connect(m_list, &QListWidget::itemChanged, this, &TeamsSelector::changed);

    setAvailableTeams({});
    setSelectedTeams({publicTeam()});
    setFocusProxy(m_list);
}

int TeamsSelector::indexOf(const QString &name) const
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->text().compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

void TeamsSelector::setAvailableTeams(const QStringList &teams)
{
    const QStringList checked = selectedTeams();
    QStringList all{publicTeam()};
    QStringList others;
    for (const QString &team : teams) {
        const QString t = team.trimmed();
        if (t.isEmpty() || t.compare(publicTeam(), Qt::CaseInsensitive) == 0)
            continue;
        bool seen = false;
        for (const QString &o : std::as_const(others))
            seen = seen || o.compare(t, Qt::CaseInsensitive) == 0;
        if (!seen)
            others << t;
    }
    others.sort(Qt::CaseInsensitive);
    all << others;
    // Teams checked before but no longer offered stay (the user typed them).
    for (const QString &c : checked)
        if (!all.contains(c, Qt::CaseInsensitive))
            all << c;
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const QString &team : std::as_const(all)) {
        auto *item = new QListWidgetItem(team, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(team, Qt::CaseInsensitive) ? Qt::Checked
                                                                        : Qt::Unchecked);
    }
    fitListHeight();
}

void TeamsSelector::fitListHeight()
{
    // As tall as its teams, one to four rows: one entry does not get a 100 px box, and many
    // scroll rather than crowd the form.
    const int row = fontMetrics().height() + 10;
    const int rows = qBound(1, m_list->count(), 4);
    m_list->setFixedHeight(row * rows + 2 * m_list->frameWidth() + 4);
}

QStringList TeamsSelector::availableTeams() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

void TeamsSelector::setSelectedTeams(const QStringList &teams)
{
    {
        const QSignalBlocker block(m_list);
        for (const QString &team : teams)
            if (!team.trimmed().isEmpty() && indexOf(team.trimmed()) < 0) {
                auto *item = new QListWidgetItem(team.trimmed(), m_list);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            }
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            item->setCheckState(teams.contains(item->text(), Qt::CaseInsensitive) ? Qt::Checked
                                                                                  : Qt::Unchecked);
        }
    }
    fitListHeight();
    emit changed();
}

QStringList TeamsSelector::selectedTeams() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << m_list->item(i)->text();
    return out;
}

void TeamsSelector::addTeam(const QString &name)
{
    const QString team = name.simplified();
    if (team.isEmpty())
        return;
    int index = indexOf(team);
    if (index < 0) {
        auto *item = new QListWidgetItem(team);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        const QSignalBlocker block(m_list);
        m_list->addItem(item);
        index = m_list->count() - 1;
        fitListHeight();
    }
    m_list->item(index)->setCheckState(Qt::Checked); // emits changed()
    m_list->scrollToItem(m_list->item(index));
}

void TeamsSelector::addFromEdit()
{
    if (m_newTeam->text().trimmed().isEmpty())
        return;
    addTeam(m_newTeam->text());
    m_newTeam->clear();
}

void TeamsSelector::setReadOnly(bool readOnly)
{
    m_list->setEnabled(!readOnly);
    m_newTeam->setVisible(!readOnly);
    m_add->setVisible(!readOnly);
}

} // namespace assay
