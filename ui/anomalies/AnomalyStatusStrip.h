#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

class QButtonGroup;
class QToolButton;

namespace assay {

// The Anomalies tab's status groups as one row of chips, each with its count:
//   Open (Active + Acknowledged) · Active · Acknowledged | Archived · Resolved · Invalid ·
//   Duplicate | All
// Exactly one chip is checked; its key is what AnomalyQuery::status takes ("open",
// "archived", a status, or "" for All). The counts ignore the status filter itself, so the
// chips read as facets of the other filters.
class AnomalyStatusStrip : public QWidget
{
    Q_OBJECT
public:
    explicit AnomalyStatusStrip(QWidget *parent = nullptr);

    // The chip keys, in the order shown.
    static QStringList groups();
    static QString groupLabel(const QString &group);

    // Counts per group key (missing keys count 0).
    void setCounts(const QHash<QString, int> &counts);
    int count(const QString &group) const { return m_counts.value(group); }

    // Checks a group's chip (as if clicked, but without emitting groupChanged).
    void setGroup(const QString &group);
    QString group() const { return m_group; }

    QToolButton *chip(const QString &group) const { return m_chips.value(group); }

signals:
    void groupChanged(const QString &group);

private:
    void updateChip(const QString &group);

    QButtonGroup *m_buttons;
    QHash<QString, QToolButton *> m_chips;
    QHash<QString, int> m_counts;
    QString m_group;
};

} // namespace assay
