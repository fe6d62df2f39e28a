#include "models/catalog/CatalogTransaction.h"

#include "models/catalog/Catalog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace assay {

namespace {

// Savepoint names are ours, numbered by depth: never user text.
QString savepoint(int depth)
{
    return QStringLiteral("assay_write_%1").arg(depth);
}

} // namespace

bool Catalog::beginWrite()
{
    QSqlDatabase db = database();
    if (m_writeDepth == 0) {
        if (!db.transaction())
            return fail(tr("Catalog error: %1").arg(db.lastError().text()));
    } else {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SAVEPOINT ") + savepoint(m_writeDepth)))
            return failQuery(q);
    }
    ++m_writeDepth;
    return true;
}

bool Catalog::commitWrite()
{
    if (m_writeDepth <= 0)
        return fail(tr("Catalog error: no write to commit."));
    --m_writeDepth;
    QSqlDatabase db = database();
    if (m_writeDepth > 0) {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_writeDepth)) ||
               failQuery(q);
    }
    if (db.commit())
        return true;
    const QString error = db.lastError().text();
    db.rollback();
    return fail(tr("Catalog error: %1").arg(error));
}

void Catalog::rollbackWrite()
{
    if (m_writeDepth <= 0)
        return;
    --m_writeDepth;
    QSqlDatabase db = database();
    if (m_writeDepth == 0) {
        db.rollback();
        return;
    }
    // Undo this level only; the enclosing transaction decides about the rest. lastError()
    // keeps the failure that caused the rollback.
    QSqlQuery q(db);
    q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint(m_writeDepth));
    q.exec(QStringLiteral("RELEASE SAVEPOINT ") + savepoint(m_writeDepth));
}

CatalogTransaction::CatalogTransaction(Catalog &catalog) : m_catalog(catalog)
{
    m_open = m_catalog.beginWrite();
}

CatalogTransaction::~CatalogTransaction()
{
    rollback();
}

bool CatalogTransaction::commit()
{
    if (!m_open)
        return false;
    m_open = false;
    return m_catalog.commitWrite();
}

void CatalogTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    m_catalog.rollbackWrite();
}

} // namespace assay
