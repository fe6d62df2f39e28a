#pragma once

#include <QJsonValue>
#include <QString>

namespace assay {

// The small JSONPath subset that secret-manager settings use (Vault's Token JSONPath and Data
// JSONPath):
//   $                  the whole document
//   .key               a member of an object (any characters except '.', '[', ']', quotes,
//                      '*' and white space)
//   ['key'] ["key"]    a member whose name needs quoting (spaces, dots...); \' \" \\ escape
//   [0]                an element of an array (non-negative)
// nested freely, e.g. $.data.data, $.auth.client_token, $['my secrets'][0].value.
// Wildcards, filters, slices and recursive descent (..) are refused with a clear message.
//
// Error messages name the path and where it stopped ("$.auth.client_token: no key 'auth'");
// they describe value types only, never the values themselves (they may be secrets).

// Empty when `path` is a well-formed JSONPath of the subset, else a plain message.
QString jsonPathSyntaxError(const QString &path);

// The value at `path` in `document`. On failure returns an undefined QJsonValue and, when `error`
// is not null, sets it to a plain message; on success clears it.
QJsonValue evaluateJsonPath(const QJsonValue &document, const QString &path,
                            QString *error = nullptr);

// "an object", "an array", "a string", "a number", "true/false", "null" or "missing": the kind of a
// value, for messages that must not show the value itself.
QString jsonTypeName(const QJsonValue &value);

} // namespace assay
