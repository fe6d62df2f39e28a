#include "models/catalog/CatalogBatch.h"

#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QSqlError>

namespace assay {

namespace {

QVariant str(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
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
    m_insertContainer.prepare(QStringLiteral(
        "INSERT INTO containers (datastore_id, name, container_type, incremental_strategy,"
        " incremental_field, partition_field, identifiers_overridden, settings, removed,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    m_updateContainer.prepare(QStringLiteral(
        "UPDATE containers SET container_type = ?, incremental_strategy = ?,"
        " incremental_field = ?, partition_field = ?, identifiers_overridden = ?, settings = ?,"
        " removed = ?, updated_at = ? WHERE id = ?"));
    m_insertField.prepare(QStringLiteral(
        "INSERT INTO fields (container_id, name, ordinal, declared_type, nullable, removed,"
        " base_type, collation_name, source_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
        "id"));
    m_updateField.prepare(QStringLiteral(
        "UPDATE fields SET ordinal = ?, declared_type = ?, nullable = ?, removed = ?,"
        " base_type = ?, collation_name = ?, source_name = ? WHERE id = ?"));
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
    const QVariant values[] = {QVariant(c.datastoreId),
                               str(c.name),
                               str(c.containerType),
                               str(c.incrementalStrategy),
                               str(c.incrementalField),
                               str(c.partitionField),
                               QVariant(c.identifiersOverridden ? 1 : 0),
                               QVariant(text::fromObject(c.settings)),
                               QVariant(c.removed ? 1 : 0),
                               QVariant(m_now),
                               QVariant(m_now)};
    for (int i = 0; i < int(std::size(values)); ++i)
        m_insertContainer.bindValue(i, values[i]);
    if (!exec(m_insertContainer) || !m_insertContainer.next())
        return 0;
    const qint64 id = m_insertContainer.value(0).toLongLong();
    m_insertContainer.finish();
    return id;
}

bool CatalogBatch::updateContainer(const Container &c)
{
    const QVariant values[] = {str(c.containerType),
                               str(c.incrementalStrategy),
                               str(c.incrementalField),
                               str(c.partitionField),
                               QVariant(c.identifiersOverridden ? 1 : 0),
                               QVariant(text::fromObject(c.settings)),
                               QVariant(c.removed ? 1 : 0),
                               QVariant(m_now),
                               QVariant(c.id)};
    for (int i = 0; i < int(std::size(values)); ++i)
        m_updateContainer.bindValue(i, values[i]);
    return exec(m_updateContainer);
}

qint64 CatalogBatch::insertField(const Field &f)
{
    const QVariant values[] = {QVariant(f.containerId),
                               str(f.name),
                               QVariant(f.ordinal),
                               str(f.declaredType),
                               QVariant(f.nullable ? 1 : 0),
                               QVariant(f.removed ? 1 : 0),
                               str(f.baseType),
                               str(f.collation),
                               str(f.sourceName)};
    for (int i = 0; i < int(std::size(values)); ++i)
        m_insertField.bindValue(i, values[i]);
    if (!exec(m_insertField) || !m_insertField.next())
        return 0;
    const qint64 id = m_insertField.value(0).toLongLong();
    m_insertField.finish();
    return id;
}

bool CatalogBatch::updateField(const Field &f)
{
    const QVariant values[] = {
        QVariant(f.ordinal),         str(f.declaredType), QVariant(f.nullable ? 1 : 0),
        QVariant(f.removed ? 1 : 0), str(f.baseType),     str(f.collation),
        str(f.sourceName),           QVariant(f.id)};
    for (int i = 0; i < int(std::size(values)); ++i)
        m_updateField.bindValue(i, values[i]);
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
