#include "app/engine/profile/ColumnSketch.h"

#include <QJsonValue>
#include <cmath>
#include <cstring>
#include <limits>

namespace assay {

namespace {

quint64 mix(quint64 x) // splitmix64's finaliser: every input bit reaches every output bit
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// MurmurHash64A (Austin Appleby, public domain) over bytes, seeded by the value's class so
// that the text '1' and the number 1 stay distinct, as they are in SQL.
quint64 hashBytes(const void *data, int size, quint64 seed)
{
    const quint64 m = 0xc6a4a7935bd1e995ULL;
    const int r = 47;
    quint64 h = seed ^ (quint64(size) * m);
    const auto *p = static_cast<const unsigned char *>(data);
    const unsigned char *end = p + (size / 8) * 8;
    for (; p != end; p += 8) {
        quint64 k;
        std::memcpy(&k, p, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    quint64 tail = 0;
    switch (size & 7) {
    case 7:
        tail ^= quint64(p[6]) << 48;
        [[fallthrough]];
    case 6:
        tail ^= quint64(p[5]) << 40;
        [[fallthrough]];
    case 5:
        tail ^= quint64(p[4]) << 32;
        [[fallthrough]];
    case 4:
        tail ^= quint64(p[3]) << 24;
        [[fallthrough]];
    case 3:
        tail ^= quint64(p[2]) << 16;
        [[fallthrough]];
    case 2:
        tail ^= quint64(p[1]) << 8;
        [[fallthrough]];
    case 1:
        tail ^= quint64(p[0]);
        h ^= tail;
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

constexpr quint64 kTextSeed = 0x7465787400000001ULL;
constexpr quint64 kBlobSeed = 0x626c6f6200000002ULL;

// A number's hash: integral values hash as integers whatever their storage (SQL's 1 = 1.0).
quint64 hashNumber(bool isInteger, qint64 integer, double real)
{
    if (!isInteger && std::isfinite(real) && real == std::floor(real) && real >= -9.2e18 &&
        real <= 9.2e18) {
        isInteger = true;
        integer = qint64(real);
    }
    if (isInteger)
        return mix(quint64(integer));
    quint64 bits;
    std::memcpy(&bits, &real, sizeof bits);
    return mix(bits ^ 0x9e3779b97f4a7c15ULL);
}

// Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog
// sketches", 2017): unbiased from one value to billions, without empirical bias tables.
double sigma(double x)
{
    if (x == 1.0)
        return std::numeric_limits<double>::infinity();
    double y = 1.0, z = x, previous;
    do {
        x *= x;
        previous = z;
        z += x * y;
        y += y;
    } while (z != previous);
    return z;
}

double tau(double x)
{
    if (x == 0.0 || x == 1.0)
        return 0.0;
    double y = 1.0, z = 1.0 - x, previous;
    do {
        x = std::sqrt(x);
        previous = z;
        y *= 0.5;
        z -= (1.0 - x) * (1.0 - x) * y;
    } while (z != previous);
    return z / 3.0;
}

} // namespace

int ColumnSketch::compare(const Value &held, int cls, bool isInteger, qint64 integer, double real,
                          const char *bytes, int size)
{
    if (held.cls != cls)
        return held.cls < cls ? -1 : 1;
    if (cls == Value::Number) {
        if (held.isInteger && isInteger)
            return held.integer < integer ? -1 : held.integer > integer ? 1 : 0;
        const double a = held.isInteger ? double(held.integer) : held.real;
        const double b = isInteger ? double(integer) : real;
        return a < b ? -1 : a > b ? 1 : 0;
    }
    const size_t common = qMin(held.bytes.size(), size_t(size));
    const int c = common ? std::memcmp(held.bytes.data(), bytes, common) : 0;
    if (c != 0)
        return c;
    return held.bytes.size() < size_t(size) ? -1 : held.bytes.size() > size_t(size) ? 1 : 0;
}

void ColumnSketch::observe(int cls, bool isInteger, qint64 integer, double real, const char *bytes,
                           int size)
{
    ++m_count;
    const auto keep = [&](Value &v) {
        v.cls = cls;
        v.isInteger = isInteger;
        v.integer = integer;
        v.real = real;
        if (cls != Value::Number)
            v.bytes.assign(bytes, size_t(size));
    };
    if (m_min.cls == 0 || compare(m_min, cls, isInteger, integer, real, bytes, size) > 0)
        keep(m_min);
    if (m_max.cls == 0 || compare(m_max, cls, isInteger, integer, real, bytes, size) < 0)
        keep(m_max);
}

void ColumnSketch::addNumber(double x)
{
    if (m_kind != Kind::Numeric)
        return;
    // Neumaier: the lost low-order part of each addition is kept and added back at the end.
    const double t = m_sum + x;
    m_sumCompensation += std::abs(m_sum) >= std::abs(x) ? (m_sum - t) + x : (x - t) + m_sum;
    m_sum = t;
    const double n1 = double(m_moments);
    const double n = n1 + 1.0;
    const double delta = x - m_mean;
    const double deltaN = delta / n;
    const double deltaN2 = deltaN * deltaN;
    const double term = delta * deltaN * n1;
    m_mean += deltaN;
    m_m4 += term * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m_m2 - 4 * deltaN * m_m3;
    m_m3 += term * deltaN * (n - 2) - 3 * deltaN * m_m2;
    m_m2 += term;
    ++m_moments;
}

void ColumnSketch::addLength(qint64 characters)
{
    if (m_kind != Kind::Text)
        return;
    if (m_minLength < 0 || characters < m_minLength)
        m_minLength = characters;
    if (characters > m_maxLength)
        m_maxLength = characters;
}

void ColumnSketch::addHash(quint64 hash)
{
    constexpr int q = 64 - kPrecision;
    const quint64 index = hash >> q;
    const quint64 rest = hash << kPrecision;
    const int rank = rest == 0 ? q + 1 : __builtin_clzll(rest) + 1;
    if (rank > m_registers[index])
        m_registers[index] = quint8(rank);
}

void ColumnSketch::addInteger(qint64 v, qint64 characters)
{
    observe(Value::Number, true, v, 0.0, nullptr, 0);
    addNumber(double(v));
    addLength(characters);
    addHash(hashNumber(true, v, 0.0));
}

void ColumnSketch::addReal(double v, qint64 characters)
{
    observe(Value::Number, false, 0, v, nullptr, 0);
    addNumber(v);
    addLength(characters);
    addHash(hashNumber(false, 0, v));
}

void ColumnSketch::addText(const char *bytes, int size, qint64 characters, double asNumber)
{
    observe(Value::Text, false, 0, 0.0, bytes, size);
    addNumber(asNumber);
    addLength(characters);
    addHash(hashBytes(bytes, size, kTextSeed));
}

void ColumnSketch::addBlob(const void *bytes, int size, double asNumber)
{
    observe(Value::Blob, false, 0, 0.0, static_cast<const char *>(bytes), size);
    addNumber(asNumber);
    addLength(size);
    addHash(hashBytes(bytes, size, kBlobSeed));
}

double ColumnSketch::distinctEstimate() const
{
    constexpr int q = 64 - kPrecision;
    constexpr double m = double(1 << kPrecision);
    std::array<double, q + 2> histogram{};
    for (quint8 r : m_registers)
        ++histogram[r];
    double z = m * tau(1.0 - histogram[q + 1] / m);
    for (int k = q; k >= 1; --k)
        z = 0.5 * (z + histogram[k]);
    z += m * sigma(histogram[0] / m);
    if (std::isinf(z))
        return 0.0;
    return m * m / (2.0 * std::log(2.0) * z);
}

QJsonObject ColumnSketch::toJson(std::string (*realText)(double)) const
{
    QJsonObject o{{QStringLiteral("n"), double(m_count)}};
    const auto text = [realText](const Value &v) {
        if (v.cls == Value::Number)
            return QString::fromStdString(v.isInteger ? std::to_string(v.integer)
                                                      : realText(v.real));
        return QString::fromUtf8(v.bytes.data(), int(v.bytes.size()));
    };
    if (m_count > 0) {
        o.insert(QStringLiteral("min"), text(m_min));
        o.insert(QStringLiteral("max"), text(m_max));
        const qint64 estimate = qRound64(distinctEstimate());
        o.insert(QStringLiteral("distinct"), double(qBound<qint64>(1, estimate, m_count)));
    }
    if (m_kind == Kind::Numeric) {
        o.insert(QStringLiteral("sum"), m_sum + m_sumCompensation);
        if (m_moments > 0) {
            o.insert(QStringLiteral("m2"), m_m2);
            o.insert(QStringLiteral("m3"), m_m3);
            o.insert(QStringLiteral("m4"), m_m4);
        }
    }
    if (m_kind == Kind::Text && m_minLength >= 0) {
        o.insert(QStringLiteral("min_length"), double(m_minLength));
        o.insert(QStringLiteral("max_length"), double(m_maxLength));
    }
    return o;
}

} // namespace assay
