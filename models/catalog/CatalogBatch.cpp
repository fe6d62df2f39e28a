#include "models/catalog/CatalogBatch.h"

#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QSqlError>

namespace assay {

namespace {

catalog::ColumnValues newContainer(const Container &c, const QString &now)
{
    catalog::ColumnValues v = catalog::containerColumns(c, now);
    v.set("datastore_id", c.datastoreId)
        .set("name", catalog::notNull(c.name))
        .set("created_at", now);
    return v;
}

catalog::ColumnValues newField(const Field &f)
{
    catalog::ColumnValues v = catalog::fieldColumns(f);
    v.set("container_id", f.containerId).set("name", catalog::notNull(f.name));
    return v;
}

} // namespace

CatalogBatch::CatalogBatch(Catalog &catalog)
    : m_catalog(catalog), m_now(text::fromTime(Clock::utcNow())),
      m_insertContainer(catalog.database()), m_updateContainer(catalog.database()),
      m_insertField(catalog.database()), m_updateField(catalog.database())
{
    QSqlDatabase db = catalog.database();
    m_open = db.transaction();
    if (!m_open) {
        m_error = db.lastError().text();
        return;
    }
    // Each statement's columns come from the same lists the rows are bound from.
    m_insertContainer.prepare(
        newContainer(Container(), m_now).insertInto("containers", "RETURNING id"));
    m_updateContainer.prepare(
        catalog::containerColumns(Container(), m_now).update("containers", "id = :id"));
    m_insertField.prepare(newField(Field()).insertInto("fields", "RETURNING id"));
    m_updateField.prepare(catalog::fieldColumns(Field()).update("fields", "id = :id"));
}

CatalogBatch::~CatalogBatch()
{
    rollback();
}

bool CatalogBatch::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_error = query.lastError().text();
    return false;
}

qint64 CatalogBatch::insertContainer(const Container &c)
{
    newContainer(c, m_now).bind(m_insertContainer);
    if (!exec(m_insertContainer) || !m_insertContainer.next())
        return 0;
    const qint64 id = m_insertContainer.value(0).toLongLong();
    m_insertContainer.finish();
    return id;
}

bool CatalogBatch::updateContainer(const Container &c)
{
    catalog::containerColumns(c, m_now).bind(m_updateContainer);
    m_updateContainer.bindValue(QStringLiteral(":id"), c.id);
    return exec(m_updateContainer);
}

qint64 CatalogBatch::insertField(const Field &f)
{
    newField(f).bind(m_insertField);
    if (!exec(m_insertField) || !m_insertField.next())
        return 0;
    const qint64 id = m_insertField.value(0).toLongLong();
    m_insertField.finish();
    return id;
}

bool CatalogBatch::updateField(const Field &f)
{
    catalog::fieldColumns(f).bind(m_updateField);
    m_updateField.bindValue(QStringLiteral(":id"), f.id);
    return exec(m_updateField);
}

bool CatalogBatch::commit()
{
    if (!m_open)
        return false;
    m_insertContainer.finish();
    m_updateContainer.finish();
    m_insertField.finish();
    m_updateField.finish();
    QSqlDatabase db = m_catalog.database();
    m_open = false;
    if (db.commit())
        return true;
    m_error = db.lastError().text();
    db.rollback();
    return false;
}

void CatalogBatch::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    m_insertContainer.finish();
    m_updateContainer.finish();
    m_insertField.finish();
    m_updateField.finish();
    m_catalog.database().rollback();
}

} // namespace assay
