#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace assay {

// ${key} references in connection properties, resolved from the keys of a Vault secret each time
// a connection is opened.
//
//   ${key}    a reference to `key`: one or more characters other than '{', '}' and line breaks,
//             taken exactly as written (no trimming; keys are case-sensitive)
//   $${key}   an escape: the literal text ${key}, not a reference
//
// Anything else is plain text: a lone '$', "$$" not followed by a reference, an unclosed "${",
// and "${}" stay as they are, so passwords full of '$' survive unchanged. Substituted values are
// not scanned again (a secret that itself contains ${x} is inserted literally).

// The keys referenced in `text`, each once, in order of first appearance (escapes excluded).
QStringList referencedKeys(const QString &text);

// `text` with every ${key} replaced by secrets[key] and every $${key} turned into ${key}.
// References to keys missing from `secrets` are left untouched and, when `missing` is not null,
// listed there (each once, in order; the list is cleared first).
QString resolveReferences(const QString &text, const QHash<QString, QString> &secrets,
                          QStringList *missing = nullptr);

} // namespace assay
