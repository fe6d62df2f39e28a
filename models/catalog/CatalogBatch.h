#pragma once

#include "models/domain/Container.h"

#include <QSqlQuery>
#include <QString>

namespace assay {

class Catalog;

// Many container/field writes in one transaction with prepared statements reused, for Sync
// (hundreds of thousands of fields in seconds). Nothing is visible to readers until commit();
// a batch destroyed without commit() rolls back. Emits no change notices: the caller announces
// the change once, after commit.
class CatalogBatch
{
public:
    explicit CatalogBatch(Catalog &catalog);
    ~CatalogBatch();
    CatalogBatch(const CatalogBatch &) = delete;
    CatalogBatch &operator=(const CatalogBatch &) = delete;

    bool isOpen() const { return m_open; }
    qint64 insertContainer(const Container &container);
    // Type, identifiers (unless the caller kept the user's), settings and the removed flag.
    bool updateContainer(const Container &container);
    qint64 insertField(const Field &field);
    bool updateField(const Field &field);
    bool commit();
    void rollback();
    QString lastError() const { return m_error; }

private:
    bool exec(QSqlQuery &query);

    Catalog &m_catalog;
    bool m_open = false;
    QString m_now;
    QSqlQuery m_insertContainer;
    QSqlQuery m_updateContainer;
    QSqlQuery m_insertField;
    QSqlQuery m_updateField;
    QString m_error;
};

} // namespace assay
