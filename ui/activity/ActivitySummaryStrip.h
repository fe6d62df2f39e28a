#pragma once

#include <QHash>
#include <QIcon>
#include <QWidget>

class QLabel;
class QToolButton;

namespace assay {

// One line under the heatmap: how many operations the current filter lists, and a chip per
// status with its count (the status filter itself ignored, so the chips read as facets).
// Clicking a chip filters by that status; clicking the checked chip shows every status again.
class ActivitySummaryStrip : public QWidget
{
    Q_OBJECT
public:
    explicit ActivitySummaryStrip(QWidget *parent = nullptr);

    // `listed`: operations the list shows; `byStatus`: counts per status; `status`: the
    // status filter ("" for none).
    void setCounts(int listed, const QHash<QString, int> &byStatus, const QString &status);

    QLabel *totalLabel() const { return m_total; }
    QToolButton *chip(const QString &status) const { return m_chips.value(status); }

    // A small status dot, crisp at device pixel ratios 1 to 3 (also used by the runs list).
    static QIcon dotIcon(const QColor &color);

signals:
    // "" when the checked chip was clicked again.
    void statusClicked(const QString &status);

private:
    QLabel *m_total;
    QHash<QString, QToolButton *> m_chips;
};

} // namespace assay
