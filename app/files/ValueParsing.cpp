#include "app/files/ValueParsing.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace assay {

FileValueType fileValueType(const QString &type)
{
    const QString t = type.trimmed().toLower();
    if (t == QLatin1String("integral"))
        return FileValueType::Integral;
    if (t == QLatin1String("fractional"))
        return FileValueType::Fractional;
    if (t == QLatin1String("boolean"))
        return FileValueType::Boolean;
    if (t == QLatin1String("date"))
        return FileValueType::Date;
    if (t == QLatin1String("timestamp"))
        return FileValueType::Timestamp;
    return FileValueType::Text;
}

QString fileValueTypeName(FileValueType type)
{
    switch (type) {
    case FileValueType::Integral:
        return QStringLiteral("integral");
    case FileValueType::Fractional:
        return QStringLiteral("fractional");
    case FileValueType::Boolean:
        return QStringLiteral("boolean");
    case FileValueType::Date:
        return QStringLiteral("date");
    case FileValueType::Timestamp:
        return QStringLiteral("timestamp");
    case FileValueType::Text:
        break;
    }
    return QStringLiteral("string");
}

namespace value_parsing {

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool equalsNoCase(std::string_view a, const char *b)
{
    size_t i = 0;
    for (; i < a.size() && b[i]; ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i])
            return false;
    return i == a.size() && !b[i];
}

// Exactly `n` digits at s[at..]: their value, or -1.
int digits(std::string_view s, size_t at, size_t n)
{
    if (at + n > s.size())
        return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// The date at the start of s (YYYY-MM-DD): its days, and how many characters it took.
bool datePart(std::string_view s, int64_t *days, size_t *used)
{
    const int y = digits(s, 0, 4);
    if (y < 0 || s.size() < 10 || s[4] != '-' || s[7] != '-')
        return false;
    const int m = digits(s, 5, 2), d = digits(s, 8, 2);
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    const int length = lengths[m - 1] + (m == 2 && leap(y) ? 1 : 0);
    if (d > length)
        return false;
    *days = daysFromCivil(y, unsigned(m), unsigned(d));
    *used = 10;
    return true;
}

} // namespace

bool integral(std::string_view text, int64_t *out)
{
    std::string_view s = trimmed(text);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return error == std::errc() && end == s.data() + s.size();
}

bool fractional(std::string_view text, double *out)
{
    std::string_view s = trimmed(text);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    if (equalsNoCase(s, "infinity") || equalsNoCase(s, "inf")) {
        *out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (equalsNoCase(s, "-infinity") || equalsNoCase(s, "-inf")) {
        *out = -std::numeric_limits<double>::infinity();
        return true;
    }
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return error == std::errc() && end == s.data() + s.size();
}

bool boolean(std::string_view text, bool *out)
{
    const std::string_view s = trimmed(text);
    for (const char *yes : {"true", "t", "yes", "y", "1"})
        if (equalsNoCase(s, yes)) {
            *out = true;
            return true;
        }
    for (const char *no : {"false", "f", "no", "n", "0"})
        if (equalsNoCase(s, no)) {
            *out = false;
            return true;
        }
    return false;
}

bool date(std::string_view text, int32_t *days)
{
    const std::string_view s = trimmed(text);
    int64_t d = 0;
    size_t used = 0;
    if (!datePart(s, &d, &used) || used != s.size())
        return false;
    *days = int32_t(d);
    return true;
}

bool timestamp(std::string_view text, int64_t *micros)
{
    const std::string_view s = trimmed(text);
    int64_t days = 0;
    size_t at = 0;
    if (!datePart(s, &days, &at))
        return false;
    int64_t seconds = days * 86400;
    int64_t fraction = 0;
    if (at < s.size() && (s[at] == 'T' || s[at] == 't' || s[at] == ' ')) {
        const int h = digits(s, at + 1, 2);
        if (h < 0 || h > 23 || at + 3 >= s.size() || s[at + 3] != ':')
            return false;
        const int mi = digits(s, at + 4, 2);
        if (mi < 0 || mi > 59)
            return false;
        at += 6;
        int sec = 0;
        if (at < s.size() && s[at] == ':') {
            sec = digits(s, at + 1, 2);
            if (sec < 0 || sec > 60)
                return false;
            at += 3;
            if (at < s.size() && (s[at] == '.' || s[at] == ',')) {
                ++at;
                int64_t scale = 100000;
                const size_t start = at;
                while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
                    fraction += (s[at] - '0') * scale;
                    scale /= 10;
                    ++at;
                }
                if (at == start)
                    return false;
            }
        }
        seconds += h * 3600 + mi * 60 + sec;
    }
    if (at < s.size()) {
        if (s[at] == 'Z' || s[at] == 'z') {
            ++at;
        } else if (s[at] == '+' || s[at] == '-') {
            const int sign = s[at] == '-' ? -1 : 1;
            const int zh = digits(s, at + 1, 2);
            if (zh < 0 || zh > 18)
                return false;
            at += 3;
            int zm = 0;
            if (at < s.size() && s[at] == ':')
                ++at;
            if (at < s.size()) {
                zm = digits(s, at, 2);
                if (zm < 0 || zm > 59)
                    return false;
                at += 2;
            }
            seconds -= sign * (zh * 3600 + zm * 60); // to UTC
        }
    }
    if (at != s.size())
        return false;
    *micros = seconds * 1000000 + fraction;
    return true;
}

} // namespace value_parsing

} // namespace assay
