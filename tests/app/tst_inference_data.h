#pragma once

// The crafted tables of tst_inference and the checks each inference level should keep on them.

#include <QDateTime>
#include <QSet>
#include <QStringList>

namespace {

QString stamp(int days)
{
    return QDateTime(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC)
        .addDays(days)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString text(const QString &v)
{
    return v.isNull() ? QStringLiteral("NULL") : QStringLiteral("'%1'").arg(v);
}

// The rows of the crafted tables, as SQL value lists. Each column is built so the rules it
// should get are known by hand (see expected()).
QStringList ordersRows()
{
    QStringList rows;
    const QStringList statuses{QStringLiteral("new"), QStringLiteral("paid"),
                               QStringLiteral("shipped")};
    for (int i = 1; i <= 200; ++i) {
        const double price = 1000 + (i % 50) * 10.5;
        const bool discounted = i % 4 == 0; // discount and note: exactly one of them is set
        rows << QStringLiteral("(%1, %2, '%3', 'ORD-%4', %5, %5, %6, %7, '%8', '%9')")
                    .arg(i)
                    .arg((i * 7) % 40 + 1)
                    .arg(statuses.at(i % 3))
                    .arg(i, 5, 10, QLatin1Char('0'))
                    .arg(QString::number(price))
                    .arg(discounted ? QString::number((i % 5) * 0.2) : QStringLiteral("NULL"))
                    .arg(discounted
                             ? QStringLiteral("NULL")
                             : text(QStringLiteral("note-%1").arg(i, 3, 10, QLatin1Char('0'))))
                    .arg(stamp(i), stamp(i + 1 + i % 3));
    }
    return rows;
}

QStringList customersRows()
{
    QStringList rows;
    for (int i = 1; i <= 40; ++i)
        rows << QStringLiteral("(%1, '%2')").arg(i).arg(i % 2 ? "north" : "south");
    return rows;
}

QStringList archiveRows()
{
    QStringList rows;
    for (int i = 201; i <= 230; ++i)
        rows << QStringLiteral("(%1, %2)").arg(i).arg(i % 10 + 1);
    return rows;
}

// 400 rows: email 96% complete (5 values), grade A/B/C on 92.5% of the rows and 30 rare
// values, ref "R-dddd" (each twice) on 90% and distinct odd values on the rest.
QStringList shapesRows()
{
    QStringList rows;
    int r = 0;
    for (int i = 1; i <= 400; ++i) {
        const QString email =
            i % 25 == 0 ? QString() : QStringLiteral("u%1@example.com").arg(i % 5);
        const QString grade =
            i <= 370 ? QString(QChar(u'A' + i % 3)) : QStringLiteral("Z%1").arg(i);
        QString ref;
        if (i % 10 == 0)
            ref = QStringLiteral("odd_%1").arg(i);
        else
            ref = QStringLiteral("R-%1").arg(r++ / 2, 4, 10, QLatin1Char('0'));
        rows << QStringLiteral("(%1, '%2', '%3')").arg(text(email), grade, ref);
    }
    return rows;
}

// What each level infers on the crafted tables: "rule:field[>other][~coverage]".
QSet<QString> expected(const QString &container, int level)
{
    QStringList out;
    if (container == QLatin1String("orders")) {
        out << "notNull:id"
            << "notNull:customer_id"
            << "notNull:status"
            << "notNull:code"
            << "notNull:price"
            << "notNull:paid"
            << "notNull:ordered_at"
            << "notNull:shipped_at"
            << "anyNotNull:discount,note"
            << "expectedValues:status"
            << "positive:id"
            << "positive:customer_id"
            << "positive:price"
            << "positive:paid"
            << "notNegative:discount"
            << "notFuture:ordered_at"
            << "notFuture:shipped_at";
        // Keys (id, customer_id) get no upper bound: new records bring greater ones.
        if (level >= 2)
            out << "between:price"
                << "between:paid"
                << "between:discount"
                << "afterDateTime:ordered_at"
                << "afterDateTime:shipped_at"
                << "matchesPattern:code"
                << "matchesPattern:note"
                << "maxLength:code"
                << "minLength:code"
                << "maxLength:note"
                << "minLength:note"
                << "unique:id"
                << "unique:code"
                << "unique:note";
        // Pairs: two amounts of one type, two timestamps; never the keys.
        if (level >= 3)
            out << "greaterThan:id"
                << "greaterThan:customer_id"
                << "greaterThan:price"
                << "greaterThan:paid"
                << "lessThan:price"
                << "lessThan:paid"
                << "lessThan:discount"
                << "timeDistributionSize:ordered_at"
                << "timeDistributionSize:shipped_at"
                << "equalToField:price>paid"
                << "lessThanField:ordered_at>shipped_at";
        if (level >= 4)
            out << "existsIn:customer_id>customers.id"
                << "notExistsIn:id>orders_archive.id";
    } else if (container == QLatin1String("customers")) {
        out << "notNull:id"
            << "notNull:region"
            << "expectedValues:region"
            << "positive:id";
        if (level >= 2)
            out << "unique:id";
        if (level >= 3)
            out << "greaterThan:id";
    } else if (container == QLatin1String("orders_archive")) {
        // customer_id names customers: no value list (new customers come), no upper bound.
        out << "notNull:id"
            << "notNull:customer_id"
            << "positive:id"
            << "positive:customer_id";
        if (level >= 2)
            out << "unique:id";
        if (level >= 3)
            out << "greaterThan:id"
                << "greaterThan:customer_id";
        if (level >= 4)
            out << "existsIn:customer_id>customers.id"
                << "notExistsIn:id>orders.id";
    } else if (container == QLatin1String("shapes")) {
        out << "notNull:grade"
            << "notNull:ref"
            << "expectedValues:email";
        if (level >= 2)
            out << "maxLength:grade"
                << "maxLength:ref"
                << "minLength:ref";
        // email's five values, each on a fifth of the records, make a distribution to keep;
        // grade's 33 values are more than the profile's top values show.
        if (level >= 5)
            out << "notNull:email~0.95"
                << "expectedValues:grade~0.9"
                << "matchesPattern:ref~0.85"
                << "distributionShift:email";
    }
    // Every container's volume is watched from level 1 (its thresholds learned from its history).
    if (level >= 1)
        out << "volumetric:";
    return QSet<QString>(out.begin(), out.end());
}

} // namespace
