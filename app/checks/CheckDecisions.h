#pragma once

#include "models/domain/Check.h"

#include <QString>

namespace assay {

class Catalog;

// The one rule for a person's decisions on a check, whichever front end takes them (the
// Checks tab and its dialog, `assay checks update|archive`): a person who changes an inferred
// check, its status (activating a draft, archiving, restoring) or its content, makes it
// theirs. It stays an inferred check (origin, level and operation kept, so lists still say
// where it came from), and is marked user-edited, so re-profiling (check_sync::synchronize)
// no longer rewrites, re-activates or archives it. Checks a person wrote are theirs already.
namespace check_decisions {

// `edited` as a person saves it over `original`: user-edited when inferred and changed.
Check byPerson(const Check &original, Check edited);

// Saves a person's edit of an existing check (byPerson applied). False with
// catalog.lastError() on failure.
bool save(Catalog &catalog, const Check &original, const Check &edited);

// A person sets a check's status (check_status::kActive, kDraft or kArchived). False with
// catalog.lastError() when the check is gone or the write fails.
bool setStatus(Catalog &catalog, qint64 checkId, const QString &status);

} // namespace check_decisions

} // namespace assay
