// aggregationComparison (reference spec 4.2): an aggregate over this container, such as
// SUM(amount), compared with an aggregate over another container of the same datastore, such
// as SUM(total) over invoices.
//
// Both figures come from the one aggregate pass: this container's as a column of it, the
// reference's as a scalar subquery of the same statement. That subquery is uncorrelated (every
// column in it is qualified with the reference table's alias), so each database evaluates it
// once, not once per record: SQLite plans a "SCALAR SUBQUERY" (not a "CORRELATED" one),
// PostgreSQL an InitPlan (not a SubPlan), MariaDB a SUBQUERY (not a DEPENDENT SUBQUERY).
//
// Only the check's own datastore can hold the reference (rules::validate refuses another
// ref_datastore_id): the pass is one statement on the datastore's one connection, and another
// datastore may live on another server. Comparing across datastores needs a second connection
// and a figure carried between them, which the scan does not do yet.
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

// The comparison's choices: stored data, the same in every language.
constexpr QLatin1String kEq{"eq"};
constexpr QLatin1String kLt{"lt"};
constexpr QLatin1String kLte{"lte"};
constexpr QLatin1String kGt{"gt"};
constexpr QLatin1String kGte{"gte"};

// The reference table's alias inside the subquery.
constexpr QLatin1String kRefAlias{"assay_ref"};

// ---- Reading the SQL a person wrote ----------------------------------------------------------
//
// Not a parser: just enough to know where the aggregate calls are and which words name columns,
// so that the expression is known to give one value (no column outside an aggregate: SQLite and
// MariaDB would otherwise return some record's value without a word), the check's filter can be
// applied inside each aggregate, and the reference's columns can be qualified.

struct Token
{
    enum Kind { Word, QuotedName, Literal, Symbol };
    Kind kind = Symbol;
    int begin = 0;
    int end = 0;   // one past the last character
    QString upper; // a word, upper-cased; a symbol as written
};

// An aggregate call not inside another one.
struct AggregateCall
{
    int argsFrom = 0;  // the first token of its arguments (after DISTINCT or ALL)
    int close = 0;     // its closing parenthesis
    QList<int> commas; // the commas between its arguments
};

// A column reference: a word or quoted name that is neither a keyword, a function, a type, nor
// the tail of a qualified name.
struct ColumnRef
{
    int token = 0;
    bool inAggregate = false;
    bool qualified = false; // followed by '.': the user named its table
};

struct Shape
{
    QList<Token> tokens;
    QList<AggregateCall> calls;
    QList<ColumnRef> columns;
    bool topLevelComma = false;
    QString problem; // the first thing that makes the text unreadable here
};

QSet<QString> wordSet(const char *words)
{
    QSet<QString> out;
    for (const QString &w : QString::fromLatin1(words).split(u' '))
        out.insert(w);
    return out;
}

// Aggregates that skip nulls, so that filtering their arguments (CASE WHEN ... THEN x END)
// filters their records. GROUP_CONCAT, STRING_AGG and the like give no number to compare.
const QSet<QString> &aggregateNames()
{
    static const QSet<QString> names =
        wordSet("AVG BIT_AND BIT_OR BIT_XOR BOOL_AND BOOL_OR CORR COUNT COVAR_POP COVAR_SAMP "
                "EVERY MAX MEDIAN MIN STD STDDEV STDDEV_POP STDDEV_SAMP SUM TOTAL VAR_POP "
                "VAR_SAMP VARIANCE");
    return names;
}

// Words of expressions that are not columns: operators, CASE, literals' keywords, the words
// inside EXTRACT, SUBSTRING, TRIM and INTERVAL. A column named like one of them is quoted.
const QSet<QString> &keywords()
{
    static const QSet<QString> words =
        wordSet("ALL AND ANY AT BETWEEN BINARY BOTH CASE COLLATE CURRENT_DATE CURRENT_TIME "
                "CURRENT_TIMESTAMP DATE DAY DISTINCT DIV ELSE END EPOCH ESCAPE EXISTS FALSE FOR "
                "FROM GLOB HOUR ILIKE IN INTERVAL IS ISNULL LEADING LIKE LOCALTIME "
                "LOCALTIMESTAMP MINUTE MOD MONTH NOT NOTNULL NULL OR QUARTER REGEXP RLIKE SECOND "
                "SIMILAR SOME THEN TIME TIMESTAMP TO TRAILING TRUE UNKNOWN WEEK WHEN YEAR ZONE");
    return words;
}

QList<Token> tokenize(const QString &sql, const SqlDialect &d, QString *problem)
{
    static const QRegularExpression variable(
        QStringLiteral("\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}"));
    const bool mysql = d.family() == SqlDialect::Family::MySQL;
    const auto wordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; };
    QList<Token> out;
    for (int i = 0; i < sql.size();) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < sql.size() ? sql.at(i + 1) : QChar();
        Token t;
        t.begin = i;
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'/' && next == u'*') { // a comment: nothing of it is read
            const int end = int(sql.indexOf(QLatin1String("*/"), i + 2));
            if (end < 0) {
                *problem = T::tr("“%1” opens a comment (/*) it does not close.").arg(sql);
                return {};
            }
            i = end + 2;
            continue;
        }
        QChar close;
        if (c == u'\'' || c == u'"' || (c == u'`' && mysql) ||
            (c == u'[' && d.family() == SqlDialect::Family::SqlServer))
            close = c == u'[' ? QChar(u']') : c;
        if (!close.isNull()) {
            // MySQL reads "..." as text; elsewhere it names a column, as `...` does in MySQL.
            t.kind = c == u'\'' || (c == u'"' && mysql) ? Token::Literal : Token::QuotedName;
            t.end = quotedEnd(sql, i, close, mysql && t.kind == Token::Literal);
            if (t.end < 0) {
                *problem = T::tr("“%1” opens a quote it does not close.").arg(sql);
                return {};
            }
        } else if (c == u'{' && next == u'{') {
            const QRegularExpressionMatch m =
                variable.match(sql, i, QRegularExpression::NormalMatch,
                               QRegularExpression::AnchorAtOffsetMatchOption);
            t.kind = m.hasMatch() ? Token::Literal : Token::Symbol;
            t.end = m.hasMatch() ? int(m.capturedEnd()) : i + 1;
        } else if (c.isDigit() || (c == u'.' && next.isDigit())) {
            t.kind = Token::Literal; // 12, 1.5, 1e-3, 0x1F
            int j = i + 1;
            while (j < sql.size() && (wordChar(sql.at(j)) || sql.at(j) == u'.' ||
                                      ((sql.at(j) == u'+' || sql.at(j) == u'-') &&
                                       (sql.at(j - 1) == u'e' || sql.at(j - 1) == u'E'))))
                ++j;
            t.end = j;
        } else if (wordChar(c)) {
            t.kind = Token::Word;
            int j = i + 1;
            while (j < sql.size() && wordChar(sql.at(j)))
                ++j;
            t.end = j;
            t.upper = sql.mid(i, j - i).toUpper();
        } else {
            t.kind = Token::Symbol;
            t.end = c == u':' && next == u':' ? i + 2 : i + 1;
            t.upper = sql.mid(i, t.end - i);
        }
        i = t.end;
        out << t;
    }
    return out;
}

bool isSymbol(const QList<Token> &tokens, int i, QLatin1String symbol)
{
    return i >= 0 && i < tokens.size() && tokens.at(i).kind == Token::Symbol &&
           tokens.at(i).upper == symbol;
}

// Where the aggregates and columns of `sql` are, and what of it cannot be one expression.
Shape shapeOf(const QString &sql, const SqlDialect &d)
{
    Shape s;
    s.tokens = tokenize(sql, d, &s.problem);
    if (!s.problem.isEmpty())
        return s;
    const QList<Token> &t = s.tokens;
    QList<int> opens;   // the open parentheses, innermost last
    int callDepth = -1; // opens.size() inside the aggregate call being read; -1: none
    AggregateCall call;
    bool typeName = false; // after AS (a CAST) or ::, words name a type
    for (int i = 0; i < t.size(); ++i) {
        const Token &k = t.at(i);
        if (k.kind == Token::Symbol) {
            typeName = k.upper == QLatin1String("::");
            if (k.upper == QLatin1String("(")) {
                const bool aggregate = callDepth < 0 && i > 0 && t.at(i - 1).kind == Token::Word &&
                                       aggregateNames().contains(t.at(i - 1).upper);
                opens << i;
                if (aggregate) {
                    callDepth = int(opens.size());
                    call = AggregateCall();
                    call.argsFrom = i + 1;
                    if (i + 1 < t.size() && t.at(i + 1).kind == Token::Word &&
                        (t.at(i + 1).upper == QLatin1String("DISTINCT") ||
                         t.at(i + 1).upper == QLatin1String("ALL")))
                        call.argsFrom = i + 2;
                }
            } else if (k.upper == QLatin1String(")")) {
                if (opens.isEmpty()) {
                    s.problem = T::tr("The parentheses of “%1” do not balance.").arg(sql);
                    return s;
                }
                if (int(opens.size()) == callDepth) {
                    call.close = i;
                    s.calls << call;
                    callDepth = -1;
                }
                opens.removeLast();
            } else if (k.upper == QLatin1String(",")) {
                if (opens.isEmpty())
                    s.topLevelComma = true;
                else if (int(opens.size()) == callDepth)
                    call.commas << i;
            }
            continue;
        }
        if (k.kind == Token::Literal) {
            typeName = false;
            continue;
        }
        if (k.kind == Token::Word) {
            if (k.upper == QLatin1String("SELECT")) {
                s.problem = T::tr("“%1” holds a subquery (SELECT): write the aggregate alone, "
                                  "the container it reads is chosen apart.")
                                .arg(sql);
                return s;
            }
            if (k.upper == QLatin1String("OVER") || k.upper == QLatin1String("FILTER")) {
                s.problem = T::tr("“%1” uses %2: write plain aggregates, and restrict the "
                                  "records with the check's filter or the reference filter.")
                                .arg(sql, k.upper);
                return s;
            }
            if (k.upper == QLatin1String("AS")) {
                typeName = true;
                continue;
            }
            const bool literalPrefix = i + 1 < t.size() && t.at(i + 1).kind == Token::Literal &&
                                       t.at(i + 1).begin == k.end; // E'..', _utf8'..'
            if (typeName || keywords().contains(k.upper) ||
                isSymbol(t, i + 1, QLatin1String("(")) || literalPrefix)
                continue;
        }
        typeName = false;
        if (isSymbol(t, i - 1, QLatin1String("."))) // the column of a qualified name
            continue;
        s.columns << ColumnRef{i, callDepth >= 0, isSymbol(t, i + 1, QLatin1String("."))};
    }
    if (!opens.isEmpty())
        s.problem = T::tr("The parentheses of “%1” do not balance.").arg(sql);
    return s;
}

QString columnText(const QString &sql, const Shape &s, const ColumnRef &c)
{
    const Token &t = s.tokens.at(c.token);
    return sql.mid(t.begin, t.end - t.begin);
}

// Why `sql` is not one aggregate value over a container: empty when it is.
QString aggregateProblem(const QString &sql, const Shape &s)
{
    if (!s.problem.isEmpty())
        return s.problem;
    if (s.topLevelComma)
        return T::tr("“%1” holds several values (a comma outside parentheses): the comparison "
                     "takes one.")
            .arg(sql);
    for (const ColumnRef &c : s.columns)
        if (!c.inAggregate)
            return T::tr("In “%1”, %2 is outside any aggregate function, so it has a value per "
                         "record rather than one: put it inside one, such as SUM(%2).")
                .arg(sql, columnText(sql, s, c));
    if (s.calls.isEmpty())
        return T::tr("“%1” holds no aggregate function (COUNT, SUM, AVG, MIN, MAX...): it must "
                     "give one value for all the records, such as SUM(amount).")
            .arg(sql);
    return QString();
}

// The reference's text and filter read their columns from the reference table: a table name a
// person writes could name this container's row instead and make the subquery correlated.
QString qualifiedProblem(const QString &sql, const Shape &s)
{
    if (!s.problem.isEmpty())
        return s.problem;
    for (const ColumnRef &c : s.columns)
        if (c.qualified)
            return T::tr("In “%1”, name the reference container's fields without a table "
                         "(%2.…): they are read from the reference container.")
                .arg(sql, columnText(sql, s, c));
    return QString();
}

// `sql` with each column qualified by the reference table's alias: a column the reference
// lacks is then an error, never a silent reference to this container's record.
QString qualified(const QString &sql, const Shape &s)
{
    QString out;
    int from = 0;
    for (const ColumnRef &c : s.columns) {
        const int at = s.tokens.at(c.token).begin;
        out += sql.mid(from, at - from) + kRefAlias + QLatin1Char('.');
        from = at;
    }
    return out + sql.mid(from);
}

// The expression with the check's filter applied inside each aggregate: SUM(x) becomes
// SUM(CASE WHEN filter THEN x END), COUNT(*) COUNT(CASE WHEN filter THEN 1 END). The aggregates
// known here skip nulls, so each reads exactly the filtered records, in the pass every other
// check shares (a WHERE would need a pass of its own).
SqlFragment filteredAggregate(RuleSql &s, const QString &sql, const Shape &shape,
                              const SqlFragment &asserted)
{
    const QList<Token> &t = shape.tokens;
    QList<SqlFragment> parts;
    int from = 0;
    for (const AggregateCall &call : shape.calls) {
        parts << s.userPart(sql.mid(from, t.at(call.argsFrom).begin - from));
        QList<int> ends = call.commas;
        ends << call.close;
        QList<SqlFragment> args;
        int first = call.argsFrom;
        for (const int end : std::as_const(ends)) {
            const bool star = end == first + 1 && isSymbol(t, first, QLatin1String("*"));
            const SqlFragment arg =
                star ? raw(QStringLiteral("1"))
                     : s.userPart(sql.mid(t.at(first).begin, t.at(end).begin - t.at(first).begin));
            args << fmt(QStringLiteral("CASE WHEN %1 THEN %2 END"), {asserted, arg});
            first = end + 1;
        }
        parts << join(args, QStringLiteral(", "));
        from = t.at(call.close).begin;
    }
    parts << s.userPart(sql.mid(from));
    return join(parts, QString());
}

// ---- Judging the two figures ---------------------------------------------------------------

// One side's figure; unknown when its aggregate gave NULL (no records, or only nulls).
struct Figure
{
    bool known = false;
    double value = 0;
};

// A figure of the pass as a number: drivers return integers, doubles or (DECIMAL, NUMERIC)
// text. `number` is false when it is none (a date, text).
Figure figureOf(const QVariant &v, bool *number)
{
    *number = true;
    if (v.isNull())
        return {};
    const double d = v.toDouble(number);
    return {*number, d};
}

// Equal figures computed two ways (sums of decimals as doubles) may differ in the last bits.
double slack(double a, double b)
{
    return 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

bool holds(const QString &comparison, double a, double b, double tolerance)
{
    const double e = slack(a, b);
    if (comparison == kLt)
        return a < b - e;
    if (comparison == kLte)
        return a <= b + e;
    if (comparison == kGt)
        return a > b + e;
    if (comparison == kGte)
        return a >= b - e;
    return std::abs(a - b) <= tolerance + e;
}

// Figures as messages show them: grouped, two decimals (none when both are whole), more when
// two figures that differ would otherwise read the same.
QString figureText(double v, int decimals)
{
    QLocale grouped = QLocale::c();
    grouped.setNumberOptions(QLocale::DefaultNumberOptions);
    return grouped.toString(v, 'f', decimals);
}

int decimalsFor(const Figure &a, const Figure &b)
{
    const auto whole = [](const Figure &f) {
        return !f.known || (std::floor(f.value) == f.value && std::abs(f.value) < 1e15);
    };
    if (whole(a) && whole(b))
        return 0;
    int decimals = 2;
    if (a.known && b.known && std::abs(a.value - b.value) > slack(a.value, b.value))
        while (decimals < 12 && figureText(a.value, decimals) == figureText(b.value, decimals))
            ++decimals;
    return decimals;
}

// ---- The rule ------------------------------------------------------------------------------

// The operators as stored (the reference's API values) and as people read them.
RuleProperty comparisonChoice()
{
    RuleProperty p = choice(key::kComparison, T::tr("Comparison"), {kEq, kLt, kLte, kGt, kGte});
    p.choiceTitles = {T::tr("equal to"), T::tr("less than"), T::tr("at most"),
                      T::tr("greater than"), T::tr("at least")};
    return p;
}

class AggregationComparisonRule : public Rule
{
public:
    AggregationComparisonRule() : Rule(makeSpec()) {}

    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        const SqlFragment own = ownAggregate(s, out.asserted);
        const SqlFragment reference = referenceAggregate(s);
        if (!s.error().isEmpty())
            return;
        // Parenthesised: whatever the text holds, it stays one column of the pass.
        out.aggregates << countAsserted(out) << fmt(QStringLiteral("(%1)"), {own}) << reference;
    }

    // The asserted count at `at`, this container's figure after it, then the reference's.
    void readFigure(const Check &c, const QVariantList &row, int at, CheckCount &out) const override
    {
        bool ownNumber = false, refNumber = false;
        const Figure own = figureOf(row.value(at + 1), &ownNumber);
        const Figure ref = figureOf(row.value(at + 2), &refNumber);
        if (!ownNumber || !refNumber) {
            out.passed = false;
            out.error = T::tr("%1 gave “%2”, which is not a number: Aggregation Comparison "
                              "compares numbers.")
                            .arg(ownNumber ? propertyOf(c, key::kRefExpression).toString()
                                           : propertyOf(c, key::kExpression).toString(),
                                 row.value(ownNumber ? at + 2 : at + 1).toString());
            return;
        }
        out.observed = own.known ? QVariant(own.value) : QVariant();
        // The reference's figure, exactly (a shape's fingerprint holds it: another figure is
        // another anomaly); "" when it had none.
        out.details = QStringList{ref.known ? QString::number(ref.value, 'g', 17) : QString()};
        // A null cannot be compared: no records, or only nulls, is said rather than guessed.
        out.passed = own.known && ref.known &&
                     holds(propertyOf(c, key::kComparison).toString(), own.value, ref.value,
                           numberOf(c, key::kTolerance));
        out.failing = out.passed ? 0 : out.asserted;
    }

    QString validate(const Check &c) const override
    {
        const SqlDialect ansi = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
        const QString expression = propertyOf(c, key::kExpression).toString();
        if (const QString p = aggregateProblem(expression, shapeOf(expression, ansi)); !p.isEmpty())
            return p;
        const QString reference = propertyOf(c, key::kRefExpression).toString();
        const Shape refShape = shapeOf(reference, ansi);
        const QString refFilter = propertyOf(c, key::kRefFilter).toString();
        for (const QString &p :
             {aggregateProblem(reference, refShape), qualifiedProblem(reference, refShape),
              qualifiedProblem(refFilter, shapeOf(refFilter, ansi))})
            if (!p.isEmpty())
                return p;
        const double tolerance = numberOf(c, key::kTolerance);
        if (tolerance < 0)
            return T::tr("“%1” must be 0 or more.").arg(T::tr("Tolerance"));
        if (tolerance > 0 && propertyOf(c, key::kComparison).toString() != kEq)
            return T::tr("A tolerance applies to the comparison “eq” only: set it to 0, or "
                         "compare with “eq”.");
        return QString();
    }

    QString violation(const Check &, bool plural) const override
    {
        return pick(plural, T::tr("does not compare as expected with its reference aggregate"),
                    T::tr("do not compare as expected with their reference aggregate"));
    }

    // "SUM(amount) over orders is 1,250.00; SUM(total) over invoices is 1,300.00: expected
    // equal (tolerance 0)."
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        const Figure own{!count.observed.isNull(), count.observed.toDouble()};
        const QString refText = count.details.value(0);
        const Figure ref{!refText.isEmpty(), refText.toDouble()};
        const int decimals = decimalsFor(own, ref);
        const auto shown = [&](const Figure &f) {
            return f.known ? figureText(f.value, decimals)
                           : T::tr("null (no records, or only nulls)");
        };
        const QString ownSide =
            side(propertyOf(c, key::kExpression).toString(), c.containerName, c.filter);
        const QString refName = c.properties.value(key::kRefContainerName).toString();
        const QString refSide =
            side(propertyOf(c, key::kRefExpression).toString(),
                 refName.isEmpty()
                     ? T::tr("the reference container (id %1)")
                           .arg(propertyOf(c, key::kRefContainerId).toVariant().toLongLong())
                     : refName,
                 propertyOf(c, key::kRefFilter).toString());
        QString message = T::tr("%1 is %2; %3 is %4: %5.")
                              .arg(ownSide, shown(own), refSide, shown(ref), expectation(c));
        if (!own.known || !ref.known)
            message += QLatin1Char(' ') +
                       T::tr("A null compares with nothing; COALESCE(…, 0) counts it as 0.");
        return message;
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = shapeOnly(single(
            rule_name::kAggregationComparison, T::tr("Aggregation Comparison"),
            T::tr("An aggregate over the container, such as SUM(amount), compares as expected "
                  "with an aggregate over another container of the same datastore. Containers "
                  "of another datastore cannot be the reference yet: a scan reads a datastore "
                  "over its one connection."),
            {},
            {property(key::kExpression, P::Expression, true, T::tr("Aggregate expression")),
             comparisonChoice(), property(key::kTolerance, P::Number, false, T::tr("Tolerance"), 0),
             property(key::kRefDatastoreId, P::Datastore, false, T::tr("Reference datastore")),
             property(key::kRefContainerId, P::Container, true, T::tr("Reference container")),
             property(key::kRefExpression, P::Expression, true,
                      T::tr("Reference aggregate expression")),
             property(key::kRefFilter, P::Expression, false, T::tr("Reference filter"))},
            "Accuracy"));
        // Calculated (spec 4.2): no fields; the check's filter applies to its expression.
        spec.scope = RuleScope::Calculated;
        spec.minFields = 0;
        spec.maxFields = 0;
        spec.crossContainer = true;
        // A figure holds or fails even over no records (COUNT(*) is 0 then).
        spec.judgesEmpty = true;
        return spec;
    }

    // This container's figure: the expression, its filter applied inside its aggregates.
    static SqlFragment ownAggregate(RuleSql &s, const SqlFragment &asserted)
    {
        const QString sql = s.prop(key::kExpression).toString();
        const Shape shape = shapeOf(sql, s.dialect());
        if (const QString p = aggregateProblem(sql, shape); !p.isEmpty()) {
            s.fail(p);
            return {};
        }
        if (s.check().filter.trimmed().isEmpty())
            return s.userPart(sql);
        return filteredAggregate(s, sql, shape, asserted);
    }

    // The reference's figure: (SELECT ref_expression FROM ref_table WHERE ref_filter), every
    // column qualified, so uncorrelated: evaluated once.
    static SqlFragment referenceAggregate(RuleSql &s)
    {
        const qint64 refId = s.prop(key::kRefContainerId).toVariant().toLongLong();
        const CheckSqlContext &c = s.context();
        const QString refTable = c.referenceTable ? c.referenceTable(refId) : QString();
        if (refTable.isEmpty()) {
            s.fail(T::tr("The reference container (id %1) of this check is not in the "
                         "datastore: sync the datastore or edit the check.")
                       .arg(refId));
            return {};
        }
        const QString sql = s.prop(key::kRefExpression).toString();
        const Shape shape = shapeOf(sql, s.dialect());
        const QString filter = s.prop(key::kRefFilter).toString();
        const Shape filterShape = shapeOf(filter, s.dialect());
        for (const QString &p : {aggregateProblem(sql, shape), qualifiedProblem(sql, shape),
                                 qualifiedProblem(filter, filterShape)})
            if (!p.isEmpty()) {
                s.fail(p);
                return {};
            }
        SqlFragment select =
            fmt(QStringLiteral("SELECT %1 FROM %2 %3"),
                {s.userPart(qualified(sql, shape)), raw(s.dialect().table(c.schema, refTable)),
                 raw(QString(kRefAlias))});
        if (!filter.trimmed().isEmpty())
            select = fmt(QStringLiteral("%1 WHERE (%2)"),
                         {select, s.userPart(qualified(filter, filterShape))});
        return fmt(QStringLiteral("(%1)"), {select});
    }

    // "SUM(amount) over orders where status = 'paid'".
    static QString side(const QString &expression, const QString &container, const QString &filter)
    {
        QString text =
            container.isEmpty() ? expression : T::tr("%1 over %2").arg(expression, container);
        if (!filter.trimmed().isEmpty())
            text = T::tr("%1 where %2").arg(text, filter.trimmed());
        return text;
    }

    static QString expectation(const Check &c)
    {
        const QString comparison = propertyOf(c, key::kComparison).toString();
        if (comparison == kLt)
            return T::tr("expected the first less than the second");
        if (comparison == kLte)
            return T::tr("expected the first at most the second");
        if (comparison == kGt)
            return T::tr("expected the first greater than the second");
        if (comparison == kGte)
            return T::tr("expected the first at least the second");
        // Plain decimals: a tolerance of 0.00001 reads so, not as 1e-05.
        QString tolerance = QString::number(numberOf(c, key::kTolerance), 'f', 12);
        while (tolerance.contains(u'.') && (tolerance.endsWith(u'0') || tolerance.endsWith(u'.')))
            tolerance.chop(1);
        return T::tr("expected equal (tolerance %1)").arg(tolerance);
    }
};

} // namespace

std::unique_ptr<Rule> AggregationComparison()
{
    return std::make_unique<AggregationComparisonRule>();
}

} // namespace assay::rules::make
