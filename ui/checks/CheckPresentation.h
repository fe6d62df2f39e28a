#pragma once

#include "models/item/CheckListModel.h"

#include <QHash>

namespace assay {

class Catalog;

namespace check_presentation {

// The rule's title from the rule catalogue ("notNull" -> "Not Null"), or its API name.
QString ruleTitle(const QString &rule);
// The check's properties in the rule's order with their titles: "Minimum: 0 · Maximum: 10 ·
// Inclusive minimum". Booleans show only when true; long lists are shortened; a reference
// container shows by name (from `containerNames`, by id).
QString properties(const Check &check, const QHash<qint64, QString> &containerNames = {});
// A presenter for CheckListModel using the two above; container names are read from the
// Catalog for `datastoreId` once, now.
CheckListModel::Presenter presenter(Catalog *catalog, qint64 datastoreId);

} // namespace check_presentation

} // namespace assay
