#pragma once

#include "models/domain/FieldProfile.h"

#include <QTableWidget>

namespace assay {

// A field's figures over its last profiles: one row per figure, one column per run (the
// current one first, then older ones). A figure that differs from the run before it is
// highlighted, with the previous value in the tooltip. Sized to its rows, so the panel around
// it scrolls instead of the table.
class ProfileHistoryTable : public QTableWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxRuns = 6;

    explicit ProfileHistoryTable(QWidget *parent = nullptr);

    // `history` newest first; at most kMaxRuns are shown.
    void setHistory(const QList<FieldProfile> &history);
    int runCount() const { return columnCount() - 1; }
    // The row of a figure (ProfileMetric::key), -1 when absent.
    int rowOf(const QString &key) const;
    // The shown text of figure `key` in run `run` (0: current).
    QString valueText(const QString &key, int run) const;
    bool isChanged(const QString &key, int run) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
};

} // namespace assay
