#include "app/secrets/JsonPath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QVector>

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct JsonPathText
{
    Q_DECLARE_TR_FUNCTIONS(assay::JsonPath)
};

struct Segment
{
    QString key;
    int index = -1; // >= 0 for an array index, -1 for an object key
    bool isIndex() const { return index >= 0; }
};

bool isPlainKeyChar(QChar c)
{
    return !c.isSpace() && c != QLatin1Char('.') && c != QLatin1Char('[') &&
           c != QLatin1Char(']') && c != QLatin1Char('\'') && c != QLatin1Char('"') &&
           c != QLatin1Char('*') && c != QLatin1Char('$');
}

bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (QChar c : key)
        if (!isPlainKeyChar(c))
            return false;
    return true;
}

// "$.a['b c'][0]" for the first `count` segments.
QString displayPath(const QVector<Segment> &segments, int count)
{
    QString out = QStringLiteral("$");
    for (int i = 0; i < count; ++i) {
        const Segment &s = segments.at(i);
        if (s.isIndex()) {
            out += QStringLiteral("[%1]").arg(s.index);
        } else if (isPlainKey(s.key)) {
            out += QLatin1Char('.') + s.key;
        } else {
            QString quoted = s.key;
            quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            quoted.replace(QLatin1Char('\''), QStringLiteral("\\'"));
            out += QStringLiteral("['%1']").arg(quoted);
        }
    }
    return out;
}

} // namespace

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return JsonPathText::tr("an object");
    case QJsonValue::Array:
        return JsonPathText::tr("an array");
    case QJsonValue::String:
        return JsonPathText::tr("a string");
    case QJsonValue::Double:
        return JsonPathText::tr("a number");
    case QJsonValue::Bool:
        return JsonPathText::tr("true/false");
    case QJsonValue::Null:
        return JsonPathText::tr("null");
    case QJsonValue::Undefined:
        break;
    }
    return JsonPathText::tr("missing");
}

namespace {

// Parses `path` into segments; returns an empty string on success, else the message.
QString parse(const QString &rawPath, QVector<Segment> *segments)
{
    const QString path = rawPath.trimmed();
    const auto fail = [&path](const QString &what) {
        return JsonPathText::tr("%1: %2").arg(
            path.isEmpty() ? JsonPathText::tr("(empty JSONPath)") : path, what);
    };
    if (path.isEmpty() || path.at(0) != QLatin1Char('$'))
        return fail(JsonPathText::tr("a JSONPath starts with $ (e.g. $.data)"));

    const int n = path.size();
    int pos = 1;
    while (pos < n) {
        const QChar c = path.at(pos);
        if (c == QLatin1Char('.')) {
            ++pos;
            if (pos < n && path.at(pos) == QLatin1Char('.'))
                return fail(JsonPathText::tr("recursive descent (..) is not supported"));
            if (pos < n && path.at(pos) == QLatin1Char('*'))
                return fail(JsonPathText::tr("wildcards (*) are not supported"));
            const int start = pos;
            while (pos < n && isPlainKeyChar(path.at(pos)))
                ++pos;
            if (pos == start)
                return fail(
                    JsonPathText::tr("expected a key after '.' at character %1; quote unusual keys "
                                     "as ['key']")
                        .arg(start));
            segments->append(Segment{path.mid(start, pos - start), -1});
        } else if (c == QLatin1Char('[')) {
            const int bracket = pos + 1; // 1-based, for messages
            ++pos;
            while (pos < n && path.at(pos).isSpace())
                ++pos;
            if (pos >= n)
                return fail(JsonPathText::tr("'[' at character %1 is not closed").arg(bracket));
            const QChar open = path.at(pos);
            Segment segment;
            if (open == QLatin1Char('\'') || open == QLatin1Char('"')) {
                ++pos;
                bool closed = false;
                while (pos < n) {
                    QChar k = path.at(pos);
                    if (k == QLatin1Char('\\') && pos + 1 < n) {
                        segment.key += path.at(pos + 1);
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    if (k == open) {
                        closed = true;
                        break;
                    }
                    segment.key += k;
                }
                if (!closed)
                    return fail(JsonPathText::tr("a quoted key is not closed"));
            } else if (open.isDigit()) {
                const int start = pos;
                while (pos < n && path.at(pos).isDigit())
                    ++pos;
                bool ok = false;
                segment.index = path.mid(start, pos - start).toInt(&ok);
                if (!ok)
                    return fail(
                        JsonPathText::tr("the index at character %1 is too large").arg(start + 1));
            } else if (open == QLatin1Char('-')) {
                return fail(JsonPathText::tr("negative indices are not supported"));
            } else if (open == QLatin1Char('*')) {
                return fail(JsonPathText::tr("wildcards (*) are not supported"));
            } else if (open == QLatin1Char('?') || open == QLatin1Char('(')) {
                return fail(JsonPathText::tr("filters and expressions are not supported"));
            } else {
                return fail(
                    JsonPathText::tr("expected an index or a quoted key after '[' at character %1")
                        .arg(bracket));
            }
            while (pos < n && path.at(pos).isSpace())
                ++pos;
            if (pos >= n || path.at(pos) != QLatin1Char(']')) {
                if (pos < n && path.at(pos) == QLatin1Char(':'))
                    return fail(JsonPathText::tr("slices are not supported"));
                return fail(JsonPathText::tr("expected ']' at character %1").arg(pos + 1));
            }
            ++pos;
            segments->append(segment);
        } else {
            return fail(
                JsonPathText::tr("unexpected '%1' at character %2; use .key, ['key'] or [index]")
                    .arg(QString(c), QString::number(pos + 1)));
        }
    }
    return QString();
}

} // namespace

QString jsonPathSyntaxError(const QString &path)
{
    QVector<Segment> segments;
    return parse(path, &segments);
}

QJsonValue evaluateJsonPath(const QJsonValue &document, const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QJsonValue(QJsonValue::Undefined);
    };

    QVector<Segment> segments;
    const QString syntax = parse(path, &segments);
    if (!syntax.isEmpty())
        return fail(syntax);

    const QString full = path.trimmed();
    QJsonValue current = document;
    for (int i = 0; i < segments.size(); ++i) {
        const Segment &s = segments.at(i);
        const QString where = displayPath(segments, i);
        if (s.isIndex()) {
            if (!current.isArray())
                return fail(JsonPathText::tr("%1: %2 is %3, not an array")
                                .arg(full, where, jsonTypeName(current)));
            const QJsonArray array = current.toArray();
            if (s.index >= array.size())
                return fail(
                    JsonPathText::tr("%1: index %2 is out of range; %3 has %4 items")
                        .arg(full, QString::number(s.index), where, QString::number(array.size())));
            current = array.at(s.index);
        } else {
            if (!current.isObject()) {
                if (i == 0 && current.isUndefined())
                    return fail(JsonPathText::tr("%1: no key '%2'").arg(full, s.key));
                return fail(JsonPathText::tr("%1: %2 is %3, not an object")
                                .arg(full, where, jsonTypeName(current)));
            }
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(s.key);
            if (it == object.constEnd()) {
                if (i == 0)
                    return fail(JsonPathText::tr("%1: no key '%2'").arg(full, s.key));
                return fail(JsonPathText::tr("%1: no key '%2' in %3").arg(full, s.key, where));
            }
            current = it.value();
        }
    }
    if (error)
        error->clear();
    return current;
}

} // namespace assay
