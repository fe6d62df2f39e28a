#pragma once

#include "app/engine/OperationContext.h"

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
    // 0 (no inference) to 5. The spec's default, 2, applies wherever the option is not given
    // (dialog, CLI, schedules, API payloads): only an explicit 0 turns inference off.
    static constexpr int kDefaultInferenceThreshold = 2;
    int inferenceThreshold = kDefaultInferenceThreshold;
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
