#include "app/engine/ContainerMonitoring.h"

#include "app/checks/RuleNames.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SourceSession.h"
#include "app/engine/OperationContext.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

namespace assay {

QList<ContainerMeasurement> containerHistory(OperationContext &context, qint64 containerId)
{
    return context.catalog().containerMeasurements(containerId,
                                                   Clock::utcNow().addDays(-kHistoryDays), 5000);
}

ContainerMeasurement measureForHistory(OperationContext &context, SourceSession &session,
                                       const Container &container,
                                       const monitoring::PassFigures &pass,
                                       const QList<Check> &checks,
                                       const QList<ContainerMeasurement> &history)
{
    monitoring::MeasureTarget target;
    target.db = session.database();
    if (session.spec())
        target.dialect = SqlDialect::forConnector(*session.spec());
    target.schema = context.datastore().schema;
    target.container = container;
    for (const Check &c : checks) {
        if (c.status != check_status::kActive)
            continue;
        target.countIfNeeded = target.countIfNeeded || (c.rule == rule_name::kVolumetric &&
                                                        c.properties.value(rule_key::kMeasure) !=
                                                            QString(rule_choice::kBytes));
        target.newestIfNeeded = target.newestIfNeeded || c.rule == rule_name::kFreshness;
    }
    QStringList notes;
    ContainerMeasurement m = monitoring::measureContainer(
        target, pass, history.isEmpty() ? ContainerMeasurement{} : history.constLast(),
        Clock::utcNow(), &notes);
    m.operationId = context.operation().id;
    m.operationType = context.operation().type;
    for (const QString &note : notes)
        context.info(note);
    return m;
}

} // namespace assay
