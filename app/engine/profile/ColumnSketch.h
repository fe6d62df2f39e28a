#pragma once

#include <QJsonObject>
#include <QtGlobal>
#include <array>
#include <string>

namespace assay {

// Everything Profile's first pass learns of one column, fed one value at a time: the count of
// non-null values, the smallest and largest value (SQLite's ordering: numbers, then text, then
// blobs; text and blobs by their bytes), the sum and the central moments up to the fourth
// (exact variance, skewness and kurtosis in one pass), the shortest and longest text, and a
// HyperLogLog sketch of the distinct values.
//
// SQLite evaluates a built-in aggregate per column and per figure, and that call overhead is
// most of a wide aggregate's cost there; one sketch per column does the same work several
// times cheaper. See SqliteProfileFunction for how SQLite feeds it.
class ColumnSketch
{
public:
    enum class Kind { Numeric, Text, Other }; // which figures the column's family needs

    explicit ColumnSketch(Kind kind) : m_kind(kind) {}

    Kind kind() const { return m_kind; }

    // Numbers: `characters` is the length of their text (Text columns only; else ignored).
    void addInteger(qint64 v, qint64 characters = 0);
    void addReal(double v, qint64 characters = 0);
    // Text: `characters` is its length in characters (SQLite's LENGTH()); `asNumber` is its
    // value in a numeric column (SQLite's TOTAL() reads text that way).
    void addText(const char *bytes, int size, qint64 characters, double asNumber);
    void addBlob(const void *bytes, int size, double asNumber);

    qint64 count() const { return m_count; }
    // {"n", "min", "max", ("sum", "m2", "m3", "m4"), ("min_length", "max_length"), "distinct"}:
    // min and max as text (`realText` renders a real number as the database does).
    QJsonObject toJson(std::string (*realText)(double)) const;

    // The HyperLogLog estimate of the distinct values added (relative error about 0.8%).
    double distinctEstimate() const;

private:
    struct Value
    {
        enum Class { Number = 1, Text = 2, Blob = 3 }; // SQLite's cross-type order
        int cls = 0;                                   // 0: nothing yet
        bool isInteger = false;
        qint64 integer = 0;
        double real = 0;
        std::string bytes;
    };
    static int compare(const Value &held, int cls, bool isInteger, qint64 integer, double real,
                       const char *bytes, int size);
    void observe(int cls, bool isInteger, qint64 integer, double real, const char *bytes, int size);
    void addNumber(double x);
    void addLength(qint64 characters);
    void addHash(quint64 hash);

    static constexpr int kPrecision = 14; // 2^14 registers: 16 KiB per column
    Kind m_kind;
    qint64 m_count = 0;
    Value m_min, m_max;
    // Neumaier-compensated sum; running mean and central moment sums (Terriberry's update).
    double m_sum = 0, m_sumCompensation = 0;
    double m_mean = 0, m_m2 = 0, m_m3 = 0, m_m4 = 0;
    qint64 m_moments = 0;
    qint64 m_minLength = -1, m_maxLength = -1;
    std::array<quint8, (1 << kPrecision)> m_registers{};
};

} // namespace assay
