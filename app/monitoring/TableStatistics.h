#pragma once

#include "app/connectors/SqlDialect.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace assay::monitoring {

// What a database's own statistics say of one table, read without touching its rows. Only what
// the statistics can be trusted for is filled; the rest stays unknown (-1, invalid).
struct TableStatistics
{
    // Live records, when the database's own count is close enough to judge a volume by:
    // PostgreSQL's n_live_tup (moved by every committed insert and delete, re-estimated by
    // VACUUM and ANALYZE: 10,000,115 for 10,000,000 rows in tests/bench/bench_monitoring;
    // summed over partitions; it reaches the server up to a few seconds after a commit), and
    // MariaDB/MySQL TABLE_ROWS for MyISAM and Aria tables (exact). InnoDB's TABLE_ROWS is a
    // sampled estimate that can be off by half, so it is not used.
    qint64 records = -1;
    qint64 sizeBytes = -1; // table, indexes and TOAST (PostgreSQL), data + index (MariaDB)
    // When the table was last changed: MariaDB/MySQL UPDATE_TIME (kept in memory by InnoDB, so
    // unknown after a server restart until the next change).
    QDateTime updatedAt;
    // PostgreSQL's running count of inserted, updated and deleted rows: an unchanged counter
    // between two measurements means an unchanged table.
    qint64 changeCounter = -1;
};

// The statistics PostgreSQL (and TimescaleDB) and MariaDB/MySQL keep of `schema`.`table`; an
// empty result elsewhere (SQLite, ODBC sources, files). False with `error` when the query fails.
bool readStatistics(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                    const QString &table, TableStatistics *out, QString *error);

// SELECT COUNT(*): the fallback when no statistics count the records. -1 with `error`.
qint64 countRecords(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                    const QString &table, QString *error);

// SELECT MAX(field) as text: the newest value of an incremental field. Null when the table is
// empty; false with `error` when the query fails.
bool newestValue(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                 const QString &table, const QString &field, QString *value, QString *error);

// A time as a source spells it in text ("2026-12-08 06:00:00", "...T06:00:00.123Z",
// "...+00", "...+05:30", a bare date), in UTC; a time without a zone is taken as UTC. Invalid
// when the text is not a time (a batch number).
QDateTime parseSourceTime(const QString &text);

} // namespace assay::monitoring
