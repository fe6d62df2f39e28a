#pragma once

// The PostgreSQL type zoo of tst_typezoo: its table, and what independent SQL says each of its
// columns should measure.

#include <QList>
#include <QString>

namespace {

// What independent SQL says a column should measure. Each piece is a SQL expression over the
// column `%1` written here, for this test (not Assay's own); empty when the figure is not taken.
struct Expect
{
    Expect(QString column_, QString min_ = {}, QString max_ = {}, QString minLength_ = {},
           QString maxLength_ = {}, QString mean_ = {},
           QString distinct_ = QStringLiteral("COUNT(DISTINCT %1)"), QString note_ = {})
        : column(std::move(column_)), min(std::move(min_)), max(std::move(max_)),
          minLength(std::move(minLength_)), maxLength(std::move(maxLength_)),
          mean(std::move(mean_)), distinct(std::move(distinct_)), note(std::move(note_))
    {
    }
    QString column;
    QString min, max; // e.g. "MIN(%1)::text"
    QString minLength, maxLength;
    QString mean; // e.g. "AVG(%1)"
    QString distinct;
    QString note; // a part the field's note must contain
};

const char *const kPgZoo[] = {
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE >= 0)",
    "CREATE TYPE pair AS (a int, b text)",
    "CREATE TABLE zoo (id serial PRIMARY KEY, i2 smallint, i4 integer, i8 bigint, "
    "n38 numeric(38,10), n numeric, r real, d double precision, m money, t text, "
    "vc varchar(20), ch char(5), by bytea, b boolean, dt date, tm time, ttz timetz, "
    "ts timestamp, tstz timestamptz, iv interval, u uuid, j json, jb jsonb, x xml, ia int[], "
    "ta text[], i2d int[][], r4 int4range, rtz tstzrange, pt point, pg polygon, ci circle, "
    "ip inet, cidr_ cidr, mac macaddr, bt bit(8), vb varbit, tsv tsvector, mo mood, "
    "pa positive_amount, comp pair, o oid, pl pg_lsn)",
    "INSERT INTO zoo (i2,i4,i8,n38,n,r,d,m,t,vc,ch,by,b,dt,tm,ttz,ts,tstz,iv,u,j,jb,x,ia,ta,i2d,"
    "r4,rtz,pt,pg,ci,ip,cidr_,mac,bt,vb,tsv,mo,pa,comp,o,pl) VALUES "
    "(-32768,-2147483648,-9223372036854775808,-1234567890123456789012345678.1234567890, 1e-30, "
    "'NaN', '-Infinity', '-92233720368547758.08', '', 'a', 'abc', '\\x00', false, "
    "'0001-01-01', '00:00', '00:00+14', '-infinity', '-infinity', '-178000000 years', "
    "'00000000-0000-0000-0000-000000000000', '{\"a\":1}', '{\"a\":1}', '<a>1</a>', '{1,2}', "
    "'{\"x\",\"y\"}', '{{1,2},{3,4}}', '[1,5)', '[2020-01-01,2021-01-01)', '(0,0)', "
    "'((0,0),(1,1),(1,0))', '<(0,0),1>', '10.0.0.1', '10.0.0.0/8', '08:00:2b:01:02:03', "
    "B'00000000', B'1', 'a fat cat', 'sad', 0, ROW(1,'x'), 1, '0/0'), "
    "(32767,2147483647,9223372036854775807,1234567890123456789012345678.1234567890, 1e30, "
    "'Infinity', 'NaN', '92233720368547758.07', 'zzz', 'émoji 😀', 'x', '\\xffff', true, "
    "'9999-12-31', '24:00', '23:59-12', 'infinity', 'infinity', '178000000 years', "
    "'ffffffff-ffff-ffff-ffff-ffffffffffff', '[1,2,3]', '[1,2,3]', '<b/>', '{}', '{}', "
    "'{{5,6},{7,8}}', 'empty', '[,)', '(1.5,-2)', '((0,0),(2,2),(2,0))', '<(1,1),2>', '::1', "
    "'::/0', 'ff:ff:ff:ff:ff:ff', B'11111111', B'101010', 'dog', 'happy', 12345.67, "
    "ROW(2,NULL), 4294967295, 'FFFFFFFF/FFFFFFFF'), "
    "(1,2,3,4.5,6.7,8.5,9.25,'10.50','mid','m','m','\\x0102',true,'2024-02-29','12:30:00.5',"
    "'12:00+02','2024-02-29 12:00:00','2024-02-29 12:00:00+00','1 day 2 hours',"
    "'12345678-1234-1234-1234-123456789012','null','null','<c>x</c>','{3,NULL}','{NULL,\"z\"}',"
    "'{{9,9},{9,9}}','[3,4)','[2024-01-01,2024-02-01)','(3,3)','((1,1),(3,3),(3,1))',"
    "'<(2,2),3>','192.168.1.1/24','192.168.0.0/16','00:00:00:00:00:01',B'10101010',B'',' ',"
    "'ok', 1.5, ROW(NULL,NULL), 0, '1/1'), "
    "(NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"
    "NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"
    "NULL,NULL,NULL,NULL,NULL,NULL)",
};

QList<Expect> pgExpectations()
{
    const QString text = QStringLiteral("MIN(%1)::text"), textMax = QStringLiteral("MAX(%1)::text");
    const QString asText = QStringLiteral("MIN(%1::text)"),
                  asTextMax = QStringLiteral("MAX(%1::text)");
    const QString distinctText = QStringLiteral("COUNT(DISTINCT %1::text)");
    QList<Expect> e;
    const auto num = [&](const char *c) {
        e << Expect{QLatin1String(c), text, textMax, {}, {}, QStringLiteral("AVG(%1)")};
    };
    for (const char *c : {"id", "i2", "i4", "i8", "n38", "n"})
        num(c);
    // NaN and ±Infinity are ordered (NaN is PostgreSQL's greatest) but kept out of the mean.
    for (const char *c : {"r", "d"})
        e << Expect{QLatin1String(c),
                    text,
                    textMax,
                    {},
                    {},
                    QStringLiteral("AVG(%1) FILTER (WHERE %1 NOT IN ('NaN', 'Infinity', "
                                   "'-Infinity'))")};
    e << Expect{QStringLiteral("m"),
                QStringLiteral("MIN(%1)::numeric::text"),
                QStringLiteral("MAX(%1)::numeric::text"),
                {},
                {},
                QStringLiteral("AVG(%1::numeric)"),
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("money")};
    for (const char *c : {"t", "vc", "ch"})
        e << Expect{QLatin1String(c), text, textMax, QStringLiteral("MIN(LENGTH(%1))"),
                    QStringLiteral("MAX(LENGTH(%1))")};
    e << Expect{QStringLiteral("by"),
                {},
                {},
                QStringLiteral("MIN(OCTET_LENGTH(%1))"),
                QStringLiteral("MAX(OCTET_LENGTH(%1))"),
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("bytes")};
    e << Expect{QStringLiteral("b")};
    for (const char *c : {"dt", "tm", "ttz", "ts", "tstz"})
        e << Expect{QLatin1String(c), text, textMax};
    e << Expect{QStringLiteral("iv"),
                text,
                textMax,
                {},
                {},
                QStringLiteral("AVG(EXTRACT(EPOCH FROM %1))"),
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("seconds")};
    e << Expect{QStringLiteral("u"),
                asText,
                asTextMax,
                {},
                {},
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("ordered as text")};
    e << Expect{QStringLiteral("j"),
                {},
                {},
                QStringLiteral("MIN(LENGTH(%1::text))"),
                QStringLiteral("MAX(LENGTH(%1::text))"),
                {},
                distinctText,
                QStringLiteral("JSON")};
    e << Expect{QStringLiteral("jb"),
                {},
                {},
                QStringLiteral("MIN(LENGTH(%1::text))"),
                QStringLiteral("MAX(LENGTH(%1::text))"),
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("JSON")};
    e << Expect{QStringLiteral("x"), {}, {}, {}, {}, {}, distinctText, QStringLiteral("no order")};
    for (const char *c : {"ia", "ta", "i2d"})
        e << Expect{QLatin1String(c),
                    text,
                    textMax,
                    QStringLiteral("MIN(CARDINALITY(%1))"),
                    QStringLiteral("MAX(CARDINALITY(%1))"),
                    {},
                    QStringLiteral("COUNT(DISTINCT %1)"),
                    QStringLiteral("elements")};
    for (const char *c : {"r4", "rtz", "tsv"})
        e << Expect{
            QLatin1String(c),          {}, {}, {}, {}, {}, QStringLiteral("COUNT(DISTINCT %1)"),
            QStringLiteral("no order")};
    for (const char *c : {"pt", "pg", "ci", "comp"})
        e << Expect{QLatin1String(c), {}, {}, {}, {}, {}, distinctText, QStringLiteral("no order")};
    for (const char *c : {"ip", "cidr_"})
        e << Expect{QLatin1String(c), text, textMax};
    e << Expect{QStringLiteral("mac"),
                asText,
                asTextMax,
                {},
                {},
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("ordered as text")};
    e << Expect{QStringLiteral("bt"),
                asText,
                asTextMax,
                QStringLiteral("MIN(LENGTH(%1))"),
                QStringLiteral("MAX(LENGTH(%1))"),
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("bit")};
    e << Expect{QStringLiteral("vb"),
                asText,
                asTextMax,
                QStringLiteral("MIN(LENGTH(%1))"),
                QStringLiteral("MAX(LENGTH(%1))"),
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("bit")};
    // An enum orders by its declaration (sad < ok < happy), not alphabetically.
    e << Expect{QStringLiteral("mo"),
                text,
                textMax,
                QStringLiteral("MIN(LENGTH(%1::text))"),
                QStringLiteral("MAX(LENGTH(%1::text))"),
                {},
                QStringLiteral("COUNT(DISTINCT %1)"),
                QStringLiteral("enum")};
    e << Expect{QStringLiteral("pa"), text, textMax, {}, {}, QStringLiteral("AVG(%1)")};
    e << Expect{
        QStringLiteral("o"), text, textMax, {}, {}, QStringLiteral("AVG(%1::text::bigint)")};
    // pg_lsn: a type Assay has no strategy for. Counted, with the reason.
    e << Expect{
        QStringLiteral("pl"), {}, {}, {}, {}, {}, QString(), QStringLiteral("not one Assay knows")};
    return e;
}

} // namespace
