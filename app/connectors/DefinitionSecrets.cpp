#include "app/connectors/DefinitionSecrets.h"

#include "app/connectors/DatastoreDefinition.h"
#include "app/secrets/SecretReferences.h"

#include <QCoreApplication>
#include <algorithm>

// How definitions carry secrets: as ${key} references written on export, resolved on import
// from KEY=VALUE lines that travel apart from the definitions.
namespace assay::definition {

namespace {

struct DefinitionSecretsText
{
    Q_DECLARE_TR_FUNCTIONS(assay::DatastoreDefinition)
};

} // namespace

QString secretKey(const QString &connectionName, const QString &field)
{
    QString slug;
    for (const QChar c : connectionName.toLower()) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                          (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (keep)
            slug += c;
        else if (!slug.endsWith(QLatin1Char('_')))
            slug += QLatin1Char('_');
    }
    while (slug.startsWith(QLatin1Char('_')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('_')))
        slug.chop(1);
    if (slug.isEmpty())
        slug = QStringLiteral("connection");
    return slug + QLatin1Char('_') + field;
}

QStringList referencedSecretKeys(const QList<DatastoreDefinition> &definitions)
{
    QStringList keys;
    for (const DatastoreDefinition &d : definitions) {
        if (!d.hasConnection)
            continue;
        QStringList fields = d.connection.secrets.keys();
        fields.sort();
        for (const QString &field : std::as_const(fields))
            for (const QString &key : referencedKeys(d.connection.secrets.value(field)))
                if (!keys.contains(key))
                    keys << key;
    }
    return keys;
}

QHash<QString, QString> parseSecrets(const QByteArray &text, QStringList *errors)
{
    QHash<QString, QString> values;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = QString::fromUtf8(lines.at(i));
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        QString rest = line.mid(line.indexOf(trimmed.at(0)));
        if (rest.startsWith(QLatin1String("export ")))
            rest = rest.mid(7).trimmed();
        const int eq = rest.indexOf(QLatin1Char('='));
        const QString key = eq > 0 ? rest.left(eq).trimmed() : QString();
        const bool badKey =
            key.isEmpty() || key.contains(QLatin1Char('{')) || key.contains(QLatin1Char('}')) ||
            std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.isSpace(); });
        if (eq <= 0 || badKey) {
            if (errors)
                *errors << DefinitionSecretsText::tr("line %1: expected KEY=VALUE").arg(i + 1);
            continue;
        }
        // Taken as written, but a quoted value loses its quotes and what surrounds them.
        QString value = rest.mid(eq + 1);
        const QString bare = value.trimmed();
        if (bare.size() >= 2 &&
            ((bare.startsWith(QLatin1Char('"')) && bare.endsWith(QLatin1Char('"'))) ||
             (bare.startsWith(QLatin1Char('\'')) && bare.endsWith(QLatin1Char('\'')))))
            value = bare.mid(1, bare.size() - 2);
        values.insert(key, value);
    }
    return values;
}

QHash<QString, QString> resolveSecrets(const ConnectionDefinition &d,
                                       const QHash<QString, QString> &values, QStringList *missing)
{
    QHash<QString, QString> out;
    for (auto it = d.secrets.cbegin(); it != d.secrets.cend(); ++it) {
        QStringList lacking;
        out.insert(it.key(), resolveReferences(it.value(), values, &lacking));
        if (missing)
            for (const QString &key : std::as_const(lacking))
                if (!missing->contains(key))
                    *missing << key;
    }
    return out;
}

QStringList literalSecretFields(const ConnectionDefinition &d)
{
    QStringList fields;
    for (auto it = d.secrets.cbegin(); it != d.secrets.cend(); ++it)
        if (referencedKeys(it.value()).isEmpty())
            fields << it.key();
    fields.sort();
    return fields;
}

} // namespace assay::definition
