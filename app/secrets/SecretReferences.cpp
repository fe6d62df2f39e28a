#include "app/secrets/SecretReferences.h"

#include <functional>

namespace assay {

namespace {

// If a reference "${key}" starts at `pos` (at its '$'), returns the index just past its '}' and
// sets `key`; otherwise returns -1.
int referenceAt(const QString &text, int pos, QString *key)
{
    const int n = text.size();
    if (text.at(pos) != QLatin1Char('$') || pos + 1 >= n || text.at(pos + 1) != QLatin1Char('{'))
        return -1;
    int i = pos + 2;
    const int start = i;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('}'))
            break;
        if (c == QLatin1Char('{') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return -1;
        ++i;
    }
    if (i >= n || i == start)
        return -1;
    *key = text.mid(start, i - start);
    return i + 1;
}

// Walks `text`, calling `onText` for plain runs and `onReference` for each reference.
void scan(const QString &text, const std::function<void(const QString &)> &onText,
          const std::function<void(const QString &key, const QString &raw)> &onReference)
{
    const int n = text.size();
    int plainStart = 0;
    int i = 0;
    const auto flush = [&](int end) {
        if (end > plainStart)
            onText(text.mid(plainStart, end - plainStart));
    };
    while (i < n) {
        if (text.at(i) != QLatin1Char('$')) {
            ++i;
            continue;
        }
        QString key;
        // $${key}: the literal ${key}.
        if (i + 1 < n && text.at(i + 1) == QLatin1Char('$')) {
            const int end = referenceAt(text, i + 1, &key);
            if (end > 0) {
                flush(i);
                onText(text.mid(i + 1, end - i - 1));
                i = end;
                plainStart = i;
                continue;
            }
            ++i;
            continue;
        }
        const int end = referenceAt(text, i, &key);
        if (end > 0) {
            flush(i);
            onReference(key, text.mid(i, end - i));
            i = end;
            plainStart = i;
            continue;
        }
        ++i;
    }
    flush(n);
}

} // namespace

QStringList referencedKeys(const QString &text)
{
    QStringList keys;
    scan(
        text, [](const QString &) {},
        [&keys](const QString &key, const QString &) {
            if (!keys.contains(key))
                keys.append(key);
        });
    return keys;
}

QString resolveReferences(const QString &text, const QHash<QString, QString> &secrets,
                          QStringList *missing)
{
    if (missing)
        missing->clear();
    QString out;
    out.reserve(text.size());
    scan(
        text, [&out](const QString &plain) { out += plain; },
        [&](const QString &key, const QString &raw) {
            const auto it = secrets.constFind(key);
            if (it != secrets.constEnd()) {
                out += it.value();
                return;
            }
            out += raw;
            if (missing && !missing->contains(key))
                missing->append(key);
        });
    return out;
}

} // namespace assay
