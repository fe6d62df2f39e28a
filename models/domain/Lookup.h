#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace assay {

// What a lookup in the catalog came back with: the value, nothing (not found), or a failure
// with its reason. "Query failed" and "not found" are different answers, and the compiler
// refuses to let either be dropped ([[nodiscard]]).
//
// It reads like std::optional (if (auto c = catalog.connection(id)) c->name; value_or()), so a
// caller that only needs the value stays short; one that must tell a failure from an absence
// (before deleting something, say) asks failed().
template <typename T> class [[nodiscard]] Lookup
{
public:
    static Lookup found(T value)
    {
        Lookup l;
        l.m_value = std::move(value);
        return l;
    }
    static Lookup notFound() { return Lookup(); }
    static Lookup failure(QString error)
    {
        Lookup l;
        l.m_error = error.isEmpty() ? QStringLiteral("The catalog could not be read.") : error;
        return l;
    }

    bool has_value() const { return m_value.has_value(); }
    explicit operator bool() const { return m_value.has_value(); }
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    T &&operator*() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &value() const & { return m_value.value(); }
    T &&value() && { return std::move(m_value.value()); }
    T value_or(T fallback) const { return m_value.value_or(std::move(fallback)); }
    // The value when found; std::nullopt when not found or failed (the caller has looked at
    // failed() already, or an absence and a failure mean the same to it).
    const std::optional<T> &optional() const { return m_value; }

private:
    Lookup() = default;
    std::optional<T> m_value;
    QString m_error;
};

// A figure read from the catalog, or why it could not be read.
template <typename T> class [[nodiscard]] Result
{
public:
    static Result ok(T value) { return Result(std::move(value), QString()); }
    static Result failure(QString error)
    {
        return Result(T(),
                      error.isEmpty() ? QStringLiteral("The catalog could not be read.") : error);
    }
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    // The value; the type's default when failed.
    const T &value() const { return m_value; }
    T value_or(T fallback) const { return failed() ? std::move(fallback) : m_value; }

private:
    Result(T value, QString error) : m_value(std::move(value)), m_error(std::move(error)) {}
    T m_value;
    QString m_error;
};

} // namespace assay
