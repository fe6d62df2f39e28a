#pragma once

#include "ui/wizard/MultiSchemaController.h"

#include <QWidget>

class QTreeWidget;

namespace assay {

class StatusBanner;

// The end of multi-schema onboarding: a banner counting created, skipped and failed schemas,
// and one row per schema with its datastore, the result and the reason or what else happened
// (sync queued, enrichment prefix).
class MultiSchemaResultsView : public QWidget
{
    Q_OBJECT
public:
    enum Column { SchemaColumn, NameColumn, ResultColumn, DetailsColumn };

    explicit MultiSchemaResultsView(QWidget *parent = nullptr);

    void setResults(const QList<SchemaResult> &results);
    int count(SchemaResult::Status status) const;

    StatusBanner *banner() const { return m_banner; }
    QTreeWidget *tree() const { return m_tree; }

private:
    StatusBanner *m_banner;
    QTreeWidget *m_tree;
    QList<SchemaResult> m_results;
};

} // namespace assay
