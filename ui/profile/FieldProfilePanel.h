#pragma once

#include "models/domain/FieldProfile.h"

#include <QHash>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace assay {

class HistogramChart;
class ProfileHistoryTable;

// Everything the latest profile of one field says: its declared and inferred types (a
// mismatch stands out), every figure grouped in sections (approximate ones marked "≈" with
// the reason in the tooltip, figures a type has none of shown as "—"), the most frequent
// values as a bar chart, and the figures of earlier profiles side by side, changes highlighted.
class FieldProfilePanel : public QWidget
{
    Q_OBJECT
public:
    explicit FieldProfilePanel(QWidget *parent = nullptr);

    // `history` is the field's profiles newest first; the first is the one shown.
    void setHistory(const QList<FieldProfile> &history);
    // A field that was never profiled: its name and declared type, and what to do.
    void showUnprofiled(const QString &fieldName, const QString &declaredType);
    void clear();

    // The parts, for tests.
    QLabel *valueLabel(const QString &key) const { return m_values.value(key); }
    QString valueText(const QString &key) const;
    QLabel *titleLabel() const { return m_title; }
    QLabel *typeLabel() const { return m_types; }
    QLabel *mismatchLabel() const { return m_mismatch; }
    HistogramChart *histogram() const { return m_histogram; }
    // Numeric fields: the equal-width buckets between min and max.
    HistogramChart *distribution() const { return m_distribution; }
    ProfileHistoryTable *historyTable() const { return m_history; }
    // How many columns the metric groups are laid out in: two side by side when the width
    // the panel is given holds them, else one under the other (a big font, a narrow pane).
    int metricColumns() const { return m_metricColumns; }

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildMetricsGrid();
    QLabel *sectionTitle(const QString &text);
    void showContent(bool profiled);
    // Lays the groups out in the columns `width` holds (the scroll area's viewport, not the
    // panel, whose width never drops below its own two-column minimum).
    void fitMetricColumns(int width);

    QLabel *m_title;
    QLabel *m_types;
    QLabel *m_mismatch;
    QWidget *m_mismatchFrame;
    QLabel *m_note;
    QLabel *m_when;
    QLabel *m_placeholder;
    QWidget *m_content;
    QGridLayout *m_grid = nullptr;
    QList<QWidget *> m_groupBoxes;
    int m_metricColumns = 2;
    QHash<QString, QLabel *> m_values;
    QHash<QString, QLabel *> m_names;
    QLabel *m_histogramNote;
    HistogramChart *m_histogram;
    QWidget *m_distributionTitle;
    QLabel *m_distributionNote;
    HistogramChart *m_distribution;
    QLabel *m_historyNote;
    ProfileHistoryTable *m_history;
};

} // namespace assay
