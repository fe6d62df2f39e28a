#pragma once

#include "engine/OperationContext.h"

#include <QJsonObject>
#include <QStringList>

namespace assay {

// Profile options (API type "profile").
struct ProfileOptions
{
    QStringList containers; // empty: every container not removed
    qint64 recordLimit = 0; // 0: every record
    QString greaterThanTime;
    QVariant greaterThanBatch;
    int inferenceThreshold = 0;
    bool inferAsDraft = false;

    static ProfileOptions fromJson(const QJsonObject &options);
    QJsonObject toJson() const;
};

// Measures every field of the chosen containers in at most two table passes per container:
// one wide aggregate, then one grouped query over a bounded sample (top values, distinct
// counts, quantiles). Writes one field profile per field to the Catalog.
class ProfileOperation : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override;
};

} // namespace assay
