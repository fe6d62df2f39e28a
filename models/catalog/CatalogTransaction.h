#pragma once

#include <QString>

namespace assay {

class Catalog;

// Several Catalog writes as ONE transaction (DESIGN.md: one transaction per logical change),
// e.g. everything a Scan records for one container. While it is open, the Catalog's write
// methods join it: those that keep their own transaction (addAnomalies, addCheckMetrics,
// setAnomalyStatus) run inside a savepoint instead, the others simply take part. Nothing is
// visible to other connections until commit(); destroyed without commit(), it rolls back
// every write made through it.
//
// Only the Catalog it was made on, on that Catalog's thread. Change notices of the writes
// inside are emitted as each write happens (before the commit); callers announce the change
// again after commit when other connections must hear of it. addFieldProfiles and
// CatalogBatch still begin a transaction of their own, and fail inside one of these.
class CatalogTransaction
{
public:
    explicit CatalogTransaction(Catalog &catalog);
    ~CatalogTransaction();
    CatalogTransaction(const CatalogTransaction &) = delete;
    CatalogTransaction &operator=(const CatalogTransaction &) = delete;

    bool isOpen() const { return m_open; }
    // False (and everything rolled back) when the commit fails; the Catalog's lastError() says
    // why.
    bool commit();
    void rollback();

private:
    Catalog &m_catalog;
    bool m_open = false;
};

} // namespace assay
