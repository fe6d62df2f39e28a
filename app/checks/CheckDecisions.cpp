#include "app/checks/CheckDecisions.h"

#include "models/catalog/Catalog.h"

namespace assay::check_decisions {

Check byPerson(const Check &original, Check edited)
{
    Check unchanged = original;
    unchanged.userEdited = edited.userEdited; // the mark itself is not a change
    if (edited.inferred && edited != unchanged)
        edited.userEdited = true;
    return edited;
}

bool save(Catalog &catalog, const Check &original, const Check &edited)
{
    return catalog.updateCheck(byPerson(original, edited));
}

bool setStatus(Catalog &catalog, qint64 checkId, const QString &status)
{
    const auto check = catalog.check(checkId);
    if (!check) {
        Check missing;
        missing.id = checkId;
        return catalog.updateCheck(missing); // fails with the Catalog's own "no check" reason
    }
    if (check->status == status)
        return true;
    Check decided = *check;
    decided.status = status;
    return save(catalog, *check, decided);
}

} // namespace assay::check_decisions
