#include "app/engine/scan/ScanConstraints.h"

#include "app/checks/ConstraintGuarantee.h"
#include "app/connectors/SourceSession.h"
#include "app/engine/OperationContext.h"
#include "app/engine/scan/ScanContainer.h"

#include <QCoreApplication>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ScanOperation)
};

} // namespace

QList<SourceConstraint> liveConstraints(SourceSession &session, OperationContext &context,
                                        const Container &container, const QList<Check> &checks)
{
    if (container.containerType != QLatin1String("table") || !session.spec() ||
        !readsConstraints(*session.spec()) || !mayBeGuaranteed(checks))
        return {};
    QHash<QString, QList<SourceConstraint>> found;
    QString error;
    if (!readConstraints(session, context.datastore().schema, container.name, &found, &error)) {
        context.info(Text::tr("The constraints of %1 could not be read (%2): its checks read "
                              "the table instead.")
                         .arg(container.name, error.simplified()));
        return {};
    }
    return found.value(container.name);
}

void logGuarantees(OperationContext &context, const Container &container,
                   const ContainerFindings &found)
{
    QStringList answered;
    for (const CheckOutcome &o : found.outcomes)
        if (!o.guarantee.isEmpty())
            answered
                << Text::tr("check %1 (%2) by %3").arg(o.check.id).arg(o.check.rule, o.guarantee);
    if (answered.isEmpty())
        return;
    context.info(Text::tr("%1: guaranteed by constraints, passed without reading their values: "
                          "%2.")
                     .arg(container.name, answered.join(QStringLiteral("; "))));
}

} // namespace assay
