#include "app/connectors/QueryBinding.h"

#include <QSqlDriver>

namespace assay {

namespace {

constexpr const char *kTextAsBytes = "assayBindTextAsBytes";

} // namespace

void bindTextAsBytes(const QSqlDatabase &db)
{
    if (QSqlDriver *driver = db.driver())
        driver->setProperty(kTextAsBytes, true);
}

void bindValue(QSqlQuery &query, const QVariant &value)
{
    const QSqlDriver *driver = query.driver();
    if (value.typeId() == QMetaType::QString && !value.isNull() && driver &&
        driver->property(kTextAsBytes).toBool()) {
        query.addBindValue(value.toString().toUtf8());
        return;
    }
    query.addBindValue(value);
}

} // namespace assay
