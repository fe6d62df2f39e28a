#include "app/checks/AnomalyMessages.h"

#include "app/checks/Rule.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>

namespace assay::anomaly_messages {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::AnomalyMessages)
};

} // namespace

QString threshold(double v)
{
    return QString::number(v, 'f', 3);
}

QString value(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("null");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    return v.toString();
}

// Each rule words its own messages (app/checks/rules/); an unknown rule (a check imported from a
// newer Assay) still gets a plain one.
QString violation(const Check &c, bool plural)
{
    if (const Rule *rule = rules::definition(c.rule))
        return rule->violation(c, plural);
    return plural ? Text::tr("fail %1").arg(c.rule) : Text::tr("fails %1").arg(c.rule);
}

QString recordMessage(const Check &c, const QJsonObject &row)
{
    if (const Rule *rule = rules::definition(c.rule))
        return rule->recordMessage(c, row);
    return Text::tr("The record %1.").arg(violation(c, false));
}

QString shareMessage(const Check &c, qint64 asserted, qint64 failing, const QString &where)
{
    const double pct = asserted > 0 ? 100.0 * double(failing) / double(asserted) : 0.0;
    // "filtered" only when the check has a filter: the records it asserts are then a subset.
    QString message =
        (c.filter.trimmed().isEmpty() ? Text::tr("In %1, %2% of %3 records (%4) %5.")
                                      : Text::tr("In %1, %2% of %3 filtered records (%4) %5."))
            .arg(c.fields.isEmpty() ? where : c.fields.join(QStringLiteral(", ")))
            .arg(QString::number(pct, 'f', 2))
            .arg(asserted)
            .arg(failing)
            .arg(violation(c, true));
    // A shape check (coverage below 1) says what share it allows.
    if (c.coverage < 1.0)
        message += QLatin1Char(' ') + Text::tr("At most %1% may; %2% pass where %3% must.")
                                          .arg(QString::number(100.0 * (1.0 - c.coverage), 'f', 2),
                                               QString::number(100.0 - pct, 'f', 2),
                                               QString::number(100.0 * c.coverage, 'f', 2));
    return message;
}

QString figureMessage(const Check &c, const CheckCount &count)
{
    if (const Rule *rule = rules::definition(c.rule))
        return rule->figureMessage(c, count);
    return shareMessage(c, count.asserted, count.failing, c.fields.join(QStringLiteral(", ")));
}

} // namespace assay::anomaly_messages
