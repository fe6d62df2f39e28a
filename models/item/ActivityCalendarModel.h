#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QTimer>
#include <array>

namespace assay {

class Catalog;

// Operations per day over the last 12 months, as a contribution calendar: 7 rows (Sunday ..
// Saturday) by one column per week, the last column holding today. Cells before the first day
// or after today hold nothing (invalid DateRole).
//
// Days are UTC days, like every time the Catalog stores and every schedule runs on.
// Counts come from one aggregate query (Catalog::operationCountsByDay), re-read when the
// Catalog announces changed operations (debounced, so a burst of changes re-queries once)
// and at the next UTC midnight, when the calendar moves on a day.
//
// Intensity levels 0..4: 0 is a day without operations. Levels 1..4 are the quartiles of the
// non-zero days (count <= Q1: 1, <= Q2: 2, <= Q3: 3, above: 4), so a busy catalog (hundreds a
// day) and a quiet one (a few a week) both use the whole scale. When the quartiles collapse
// (Q1 == Q3, e.g. every active day has 1 or 2 operations) the level is linear in the
// maximum instead: ceil(4 * count / max).
class ActivityCalendarModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        DateRole = Qt::UserRole + 1, // QDate, invalid outside the range
        CountRole,                   // int
        LevelRole,                   // int 0..4
    };
    static constexpr int kLevels = 5;
    static constexpr int kDebounceMs = 250;

    explicit ActivityCalendarModel(Catalog *catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // 0 counts every datastore.
    void setDatastore(qint64 datastoreId);
    qint64 datastore() const { return m_datastoreId; }
    // The last day shown: today in UTC (Clock), read at each refresh.
    QDate today() const;

    QDate firstDay() const { return m_first; }
    QDate lastDay() const { return m_last; }
    // The Sunday of the first column.
    QDate gridStart() const { return m_gridStart; }
    int weekCount() const { return m_weeks; }
    bool contains(const QDate &day) const { return day >= m_first && day <= m_last; }
    QModelIndex indexForDate(const QDate &day) const;
    QDate dateAt(int row, int column) const;

    int count(const QDate &day) const { return m_counts.value(day); }
    int level(const QDate &day) const { return levelFor(count(day)); }
    int levelFor(int count) const;
    int total() const { return m_total; }
    int maxCount() const { return m_max; }
    // Upper bounds of levels 1..3 (level 4 is above the last); for the legend's tooltips.
    std::array<int, 3> thresholds() const { return m_thresholds; }
    // "3 operations on Tue 4 Mar 2026".
    QString describe(const QDate &day) const;
    static QString describe(const QDate &day, int count);

public slots:
    // Re-reads the counts now (the debounced path calls this).
    void refresh();

signals:
    // After each refresh, whether or not anything changed.
    void refreshed();

private:
    void onOperationsChanged(qint64 datastoreId);
    void computeRange();
    void computeLevels();

    Catalog *m_catalog;
    qint64 m_datastoreId = 0;
    QDate m_first;
    QDate m_last;
    QDate m_gridStart;
    int m_weeks = 0;
    QHash<QDate, int> m_counts;
    int m_total = 0;
    int m_max = 0;
    std::array<int, 3> m_thresholds{{0, 0, 0}};
    bool m_linear = false;
    QTimer m_debounce;
    QTimer m_midnight; // moves the calendar on at the next UTC midnight
};

} // namespace assay
