#pragma once

#include "models/domain/Operation.h"

#include <QStringList>
#include <QWidget>

class QGridLayout;

namespace assay {

// The summary of a finished operation: its counters as tiles (a big abbreviated figure over
// a caption), per type: Sync's containers and fields added/changed/removed, Profile's tables
// requested/profiled, records, field profiles and inferred checks, Scan's tables, partitions,
// records and anomalies; then the queries and table passes the work took. Counters the type
// does not know are listed after, captioned from their key.
class OperationCountersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OperationCountersPanel(QWidget *parent = nullptr);

    void setOperation(const Operation &operation);
    // Tiles shown (for tests), and their captions in display order.
    int tileCount() const { return m_tiles; }
    QStringList captions() const { return m_captions; }

    // 950 -> "950", 12,345 -> "12.3K", 4,560,000 -> "4.56M"... (full value: fullNumber).
    static QString abbreviate(qint64 value);
    static QString fullNumber(qint64 value);

private:
    void clear();
    void addTile(const QString &caption, qint64 value);

    QGridLayout *m_grid;
    int m_tiles = 0;
    QStringList m_captions;
};

} // namespace assay
