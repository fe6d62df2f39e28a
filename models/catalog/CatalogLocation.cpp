#include "models/catalog/CatalogLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace assay {

QString appDataFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Assay"));
}

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Assay"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("assay.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("Assay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ASSAY_VERSION));
}

QString defaultCatalogPath()
{
    return QDir(appDataFolder()).filePath(QStringLiteral("catalog.sqlite"));
}

QString resolveCatalogPath(const QString &commandLinePath)
{
    if (!commandLinePath.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(commandLinePath));
    const QString fromEnvironment = qEnvironmentVariable("ASSAY_CATALOG");
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(fromEnvironment));
    return defaultCatalogPath();
}

} // namespace assay
