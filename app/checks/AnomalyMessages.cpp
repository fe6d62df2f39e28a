#include "app/checks/AnomalyMessages.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>

namespace assay::anomaly_messages {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::AnomalyMessages)
};

QJsonValue prop(const Check &check, const char *key)
{
    return check.properties.value(QLatin1String(key));
}

double number(const Check &check, const char *key)
{
    return prop(check, key).toVariant().toDouble();
}

bool flag(const Check &check, const char *key, bool fallback)
{
    const QJsonValue v = prop(check, key);
    return v.isBool() ? v.toBool() : fallback;
}

QString list(const QJsonArray &values)
{
    QStringList out;
    for (const QJsonValue &v : values)
        out << value(v);
    return out.join(QStringLiteral(", "));
}

QString when(const Check &check, const char *key)
{
    return prop(check, key).toString();
}

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

QString violation(const Check &c, bool plural)
{
    const QString r = c.rule;
    // Text::tr with a plural form would need a number; the two forms are written out.
    const auto pick = [plural](const QString &one, const QString &many) {
        return plural ? many : one;
    };
    if (r == QLatin1String("between")) {
        const auto bound = [&](const char *key, const char *inclusive) {
            const QString t = threshold(number(c, key));
            return flag(c, inclusive, true) ? t : Text::tr("%1 (excluded)").arg(t);
        };
        return pick(Text::tr("is not between %1 and %2"), Text::tr("are not between %1 and %2"))
            .arg(bound("min", "inclusive_min"), bound("max", "inclusive_max"));
    }
    if (r == QLatin1String("greaterThan"))
        return (flag(c, "inclusive", false)
                    ? pick(Text::tr("is not greater than or equal to %1"),
                           Text::tr("are not greater than or equal to %1"))
                    : pick(Text::tr("is not greater than %1"), Text::tr("are not greater than %1")))
            .arg(threshold(number(c, "value")));
    if (r == QLatin1String("lessThan"))
        return (flag(c, "inclusive", false)
                    ? pick(Text::tr("is not less than or equal to %1"),
                           Text::tr("are not less than or equal to %1"))
                    : pick(Text::tr("is not less than %1"), Text::tr("are not less than %1")))
            .arg(threshold(number(c, "value")));
    if (r == QLatin1String("maxValue"))
        return pick(Text::tr("is greater than the maximum %1"),
                    Text::tr("are greater than the maximum %1"))
            .arg(threshold(number(c, "value")));
    if (r == QLatin1String("minValue"))
        return pick(Text::tr("is less than the minimum %1"),
                    Text::tr("are less than the minimum %1"))
            .arg(threshold(number(c, "value")));
    if (r == QLatin1String("notNegative"))
        return pick(Text::tr("is negative"), Text::tr("are negative"));
    if (r == QLatin1String("positive"))
        return pick(Text::tr("is not positive"), Text::tr("are not positive"));
    if (r == QLatin1String("notNull"))
        return pick(Text::tr("is null"), Text::tr("are null"));
    if (r == QLatin1String("anyNotNull"))
        return pick(Text::tr("has every field null"), Text::tr("have every field null"));
    if (r == QLatin1String("matchesPattern"))
        return pick(Text::tr("does not match the pattern %1"),
                    Text::tr("do not match the pattern %1"))
            .arg(when(c, "pattern"));
    if (r == QLatin1String("containsEmail"))
        return pick(Text::tr("does not contain an e-mail address"),
                    Text::tr("do not contain an e-mail address"));
    if (r == QLatin1String("containsUrl"))
        return pick(Text::tr("does not contain a URL"), Text::tr("do not contain a URL"));
    if (r == QLatin1String("maxLength"))
        return pick(Text::tr("is longer than %1 characters"),
                    Text::tr("are longer than %1 characters"))
            .arg(value(prop(c, "value")));
    if (r == QLatin1String("minLength"))
        return pick(Text::tr("is shorter than %1 characters"),
                    Text::tr("are shorter than %1 characters"))
            .arg(value(prop(c, "value")));
    if (r == QLatin1String("expectedValues"))
        return pick(Text::tr("is not one of %1"), Text::tr("are not one of %1"))
            .arg(list(prop(c, "list").toArray()));
    if (r == QLatin1String("isType"))
        return pick(Text::tr("is not a valid %1 value"), Text::tr("are not valid %1 values"))
            .arg(when(c, "field_type").toLower());
    if (r == QLatin1String("afterDateTime"))
        return pick(Text::tr("is not after %1"), Text::tr("are not after %1"))
            .arg(when(c, "datetime"));
    if (r == QLatin1String("beforeDateTime"))
        return pick(Text::tr("is not before %1"), Text::tr("are not before %1"))
            .arg(when(c, "datetime"));
    if (r == QLatin1String("betweenTimes"))
        return pick(Text::tr("is not between %1 and %2"), Text::tr("are not between %1 and %2"))
            .arg(when(c, "min_time"), when(c, "max_time"));
    if (r == QLatin1String("notFuture"))
        return pick(Text::tr("is in the future"), Text::tr("are in the future"));
    if (r == QLatin1String("equalToField"))
        return pick(Text::tr("is not equal to %1"), Text::tr("are not equal to %1"))
            .arg(when(c, "field_name"));
    if (r == QLatin1String("greaterThanField"))
        return (flag(c, "inclusive", false)
                    ? pick(Text::tr("is not greater than or equal to %1"),
                           Text::tr("are not greater than or equal to %1"))
                    : pick(Text::tr("is not greater than %1"), Text::tr("are not greater than %1")))
            .arg(when(c, "field_name"));
    if (r == QLatin1String("lessThanField"))
        return (flag(c, "inclusive", false)
                    ? pick(Text::tr("is not less than or equal to %1"),
                           Text::tr("are not less than or equal to %1"))
                    : pick(Text::tr("is not less than %1"), Text::tr("are not less than %1")))
            .arg(when(c, "field_name"));
    if (r == QLatin1String("existsIn"))
        return pick(Text::tr("is not found in the reference field %1"),
                    Text::tr("are not found in the reference field %1"))
            .arg(when(c, "field_name"));
    if (r == QLatin1String("notExistsIn"))
        return pick(Text::tr("is found in the reference field %1"),
                    Text::tr("are found in the reference field %1"))
            .arg(when(c, "field_name"));
    if (r == QLatin1String("unique"))
        return pick(Text::tr("is not unique"), Text::tr("are not unique"));
    if (r == QLatin1String("satisfiesExpression"))
        return pick(Text::tr("does not satisfy %1"), Text::tr("do not satisfy %1"))
            .arg(when(c, "expression"));
    return pick(Text::tr("fails %1"), Text::tr("fail %1")).arg(r);
}

QString recordMessage(const Check &c, const QJsonObject &row)
{
    const QString r = c.rule;
    if (r == QLatin1String("notNull"))
        return Text::tr("The value for %1 is null.").arg(c.fields.value(0));
    if (r == QLatin1String("anyNotNull"))
        return Text::tr("The values for %1 are all null.").arg(c.fields.join(QStringLiteral(", ")));
    if (r == QLatin1String("satisfiesExpression"))
        return Text::tr("The record does not satisfy %1.").arg(when(c, "expression"));
    if (c.fields.size() > 1) {
        QStringList values;
        for (const QString &f : c.fields)
            values << value(row.value(f));
        return Text::tr("The values for %1 of (%2) %3.")
            .arg(c.fields.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                 violation(c, true));
    }
    const QString f = c.fields.value(0);
    QString text =
        Text::tr("The value for %1 of %2 %3").arg(f, value(row.value(f)), violation(c, false));
    if (r.endsWith(QLatin1String("Field")))
        text += QStringLiteral(" (%1)").arg(value(row.value(when(c, "field_name"))));
    return text + QLatin1Char('.');
}

QString shareMessage(const Check &c, qint64 asserted, qint64 failing, const QString &where)
{
    const double pct = asserted > 0 ? 100.0 * double(failing) / double(asserted) : 0.0;
    return Text::tr("In %1, %2% of %3 filtered records (%4) %5.")
        .arg(c.fields.isEmpty() ? where : c.fields.join(QStringLiteral(", ")))
        .arg(QString::number(pct, 'f', 2))
        .arg(asserted)
        .arg(failing)
        .arg(violation(c, true));
}

QString figureMessage(const Check &c, const CheckCount &count)
{
    const QString r = c.rule;
    const QString f = c.fields.join(QStringLiteral(", "));
    if (r == QLatin1String("distinctCount"))
        return Text::tr("In %1, the number of distinct values is %2, not %3.")
            .arg(f)
            .arg(count.observed.toLongLong())
            .arg(value(prop(c, "value")));
    if (r == QLatin1String("sum"))
        return Text::tr("In %1, the sum is %2, not %3 (tolerance %4).")
            .arg(f, threshold(count.observed.toDouble()), threshold(number(c, "value")),
                 threshold(number(c, "tolerance")));
    if (r == QLatin1String("requiredValues"))
        return Text::tr("In %1, required values are missing: %2.")
            .arg(f, count.details.join(QStringLiteral(", ")));
    if (r == QLatin1String("minPartitionSize"))
        return Text::tr("The container holds %1 records, fewer than the minimum %2.")
            .arg(count.observed.toLongLong())
            .arg(value(prop(c, "value")));
    if (r == QLatin1String("timeDistributionSize")) {
        const QJsonValue min = prop(c, "min_size"), max = prop(c, "max_size");
        const auto absent = [](const QJsonValue &v) { return v.isUndefined() || v.isNull(); };
        const QString bounds =
            absent(min)   ? Text::tr("more than %1").arg(value(max))
            : absent(max) ? Text::tr("fewer than %1").arg(value(min))
                          : Text::tr("fewer than %1 or more than %2").arg(value(min), value(max));
        const qint64 periods = count.observed.toLongLong();
        // Spelled out: a %n plural needs a loaded translation, even for English.
        return (periods == 1 ? Text::tr("In %1, %2 %3 period holds %4 records (%5 records).")
                             : Text::tr("In %1, %2 %3 periods hold %4 records (%5 records in "
                                        "them)."))
            .arg(f)
            .arg(periods)
            .arg(prop(c, "interval_name").toString().toLower(), bounds)
            .arg(count.failing);
    }
    if (r == QLatin1String("fieldCount"))
        return Text::tr("The container has %1 fields, not %2.")
            .arg(count.observed.toLongLong())
            .arg(value(prop(c, "value")));
    if (r == QLatin1String("expectedSchema")) {
        QStringList parts;
        if (!count.details.isEmpty())
            parts << Text::tr("the expected fields %1 are missing")
                         .arg(count.details.join(QStringLiteral(", ")));
        const QStringList unexpected = count.observed.toStringList();
        if (!unexpected.isEmpty())
            parts << Text::tr("the fields %1 are not expected")
                         .arg(unexpected.join(QStringLiteral(", ")));
        return Text::tr("The schema does not match: %1.").arg(parts.join(QStringLiteral("; ")));
    }
    return shareMessage(c, count.asserted, count.failing, f);
}

} // namespace assay::anomaly_messages
