#pragma once

#include "app/engine/profile/ProfileQueries.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <functional>

namespace assay::profile_sql {

// How running one of Profile's passes went.
struct PassRun
{
    QString error; // non-empty: the pass could not run, even after every fallback
    int queries = 0;
    int tablePasses = 0;
};

// Runs pass 1 into `query`, positioned on its row on success. A column the database refuses
// to measure the way its type says is measured one step more cautiously
// (ColumnMeasure::degraded: through its text, then completeness only), the database's words
// kept in the measure's note, and the pass runs again, so one column never takes its table
// down: zero-row probes of each column find what the planner refuses; what fails only while
// rows are read (an overflow) is found by halving the columns over full passes.
PassRun runPass1(QSqlDatabase db, QSqlQuery &query, const SqlDialect &dialect,
                 const ProfileSource &source, QList<ProfileColumn> &columns, bool sketches,
                 const std::function<bool()> &cancelled);

// Runs pass 2 into `query` the same way (the caller reads its rows); a column it cannot group
// falls back likewise. An inactive `query` with no error: no column takes part in pass 2.
PassRun runPass2(QSqlDatabase db, QSqlQuery &query, const SqlDialect &dialect,
                 const ProfileSource &source, QList<ProfileColumn> &columns,
                 const QList<FieldProfile> &profiles, const std::function<bool()> &cancelled);

} // namespace assay::profile_sql
