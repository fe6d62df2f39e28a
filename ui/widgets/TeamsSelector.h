#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace assay {

// Teams a datastore belongs to: a checkable list of the known teams ("Public" always offered)
// and a line to type a new team name (Enter or Add). At least one team is needed.
class TeamsSelector : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QStringList selectedTeams READ selectedTeams WRITE setSelectedTeams NOTIFY changed)
public:
    explicit TeamsSelector(QWidget *parent = nullptr);

    static QString publicTeam() { return QStringLiteral("Public"); }

    // Offers these teams (plus "Public"), keeping what is checked.
    void setAvailableTeams(const QStringList &teams);
    QStringList availableTeams() const;
    void setSelectedTeams(const QStringList &teams);
    QStringList selectedTeams() const;
    // Adds (or finds, ignoring case) a team and checks it.
    void addTeam(const QString &name);
    void setReadOnly(bool readOnly);

    QListWidget *list() const { return m_list; }
    QLineEdit *newTeamEdit() const { return m_newTeam; }
    QPushButton *addButton() const { return m_add; }

signals:
    void changed();

private:
    int indexOf(const QString &name) const;
    void fitListHeight();
    void addFromEdit();

    QListWidget *m_list;
    QLineEdit *m_newTeam;
    QPushButton *m_add;
};

} // namespace assay
