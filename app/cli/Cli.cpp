#include "app/cli/Cli.h"

#include "app/cli/CliSupport.h"
#include "app/demo/DemoShop.h"
#include "models/catalog/CatalogLocation.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace assay::cli {

int runAnomalies(Context &ctx); // `assay anomalies list|show|update` (CliAnomalies.cpp)
int runChecks(Context &ctx);    // `assay checks list|create|update|archive|rules` (CliChecks.cpp)

namespace {

const QStringList &commands()
{
    static const QStringList names = {
        QStringLiteral("connections"), QStringLiteral("datastores"), QStringLiteral("containers"),
        QStringLiteral("operations"),  QStringLiteral("schedules"),  QStringLiteral("demo"),
        QStringLiteral("profiles"),    QStringLiteral("anomalies"),  QStringLiteral("checks")};
    return names;
}

// Splits "assay [--catalog PATH] COMMAND ARGS..." into the global options and the command.
struct Invocation
{
    QString catalogPath;
    bool version = false;
    bool help = false;
    QString command;
    QStringList rest;
    QString error;
};

Invocation split(const QStringList &args)
{
    Invocation inv;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--catalog")) {
            if (i + 1 >= args.size()) {
                inv.error = QStringLiteral("--catalog needs a path");
                return inv;
            }
            inv.catalogPath = args.at(++i);
        } else if (a.startsWith(QLatin1String("--catalog="))) {
            inv.catalogPath = a.mid(10);
        } else if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            inv.version = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            inv.help = true;
        } else {
            inv.command = a;
            inv.rest = args.mid(i + 1);
            return inv;
        }
    }
    return inv;
}

QString overview()
{
    return QStringLiteral(
               "Usage: assay [--catalog PATH] [COMMAND ...]\n"
               "Without a command, Assay opens its window.\n\n"
               "Commands:\n"
               "  connections create|list|test|delete   manage connections (secrets go "
               "to the keychain)\n"
               "  datastores "
               "create|list|show|delete|link-enrichment|unlink-enrichment|import|export\n"
               "                                        manage datastores and their enrichment "
               "link\n"
               "  containers list --datastore NAME      tables, views and files with their fields\n"
               "  operations run|list|show|abort|resume run Sync, Profile or Scan, follow "
               "operations\n"
               "  profiles show --datastore N --container C  a container's latest field profiles\n"
               "  anomalies list|show|update            what Scan found; acknowledge, resolve...\n"
               "  checks list|create|update|archive|rules  data-quality checks, inferred or "
               "written\n"
               "  schedules create|list|delete|pause|resume|run-due\n"
               "                                        run operations on a cron schedule (UTC)\n"
               "  demo                                  (re)create the bundled Demo "
               "Shop datastore\n\n"
               "Global options:\n"
               "  --catalog PATH   the catalog file (default: $ASSAY_CATALOG, else %1)\n"
               "  --version        print the version\n\n"
               "Run 'assay COMMAND --help' for a command's options.\n")
        .arg(defaultCatalogPath());
}

int runDemo(Context &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parse(ctx, parser, QStringLiteral("assay demo [--json]")))
        return Usage;
    const QString path = demo::demoShopPath(ctx.catalogPath);
    QString error;
    demo::DemoShopStats stats;
    if (!demo::generateDemoShop(path, &error, &stats))
        return fail(ctx, error);
    const qint64 id = demo::registerDemoShop(*ctx.catalog, path, &error);
    if (!id)
        return fail(ctx, error);
    if (parser.isSet(QStringLiteral("json"))) {
        printJson(ctx, datastoreJson(*ctx.catalog, *ctx.catalog->datastore(id)));
    } else {
        *ctx.out << QStringLiteral("Demo Shop ready at %1: %2 customers, %3 products, %4 orders, "
                                   "%5 order items, %6 payments.\n")
                        .arg(path)
                        .arg(stats.customers)
                        .arg(stats.products)
                        .arg(stats.orders)
                        .arg(stats.orderItems)
                        .arg(stats.payments);
    }
    return Success;
}

} // namespace

bool isCliInvocation(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const Invocation inv = split(args);
    return inv.version || inv.help || !inv.command.isEmpty() || !inv.error.isEmpty();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    applyApplicationIdentity();
    // Keep stdout for results: Qt's informational logging goes nowhere unless asked for.
    QLoggingCategory::setFilterRules(QStringLiteral("assay.*.info=false\nassay.*.debug=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const Invocation inv = split(app.arguments());
    if (!inv.error.isEmpty()) {
        err << "assay: " << inv.error << "\n";
        return Usage;
    }
    if (inv.version) {
        out << "assay " << QCoreApplication::applicationVersion() << "\n";
        return Success;
    }
    if (inv.help || inv.command.isEmpty()) {
        out << overview();
        return Success;
    }
    if (!commands().contains(inv.command)) {
        err << "assay: unknown command '" << inv.command << "'\n" << overview();
        return Usage;
    }

    Catalog catalog;
    Context ctx;
    ctx.out = &out;
    ctx.err = &err;
    ctx.catalogPath = resolveCatalogPath(inv.catalogPath);
    ctx.catalog = &catalog;
    ctx.arguments = QStringList{QStringLiteral("assay %1").arg(inv.command)} + inv.rest;
    const bool wantsHelp = inv.rest.contains(QStringLiteral("--help"));
    if (!wantsHelp && !catalog.open(ctx.catalogPath))
        return fail(ctx, catalog.lastError());

    if (inv.command == QLatin1String("connections"))
        return runConnections(ctx);
    if (inv.command == QLatin1String("datastores"))
        return runDatastores(ctx);
    if (inv.command == QLatin1String("containers"))
        return runContainers(ctx);
    if (inv.command == QLatin1String("operations"))
        return runOperations(ctx);
    if (inv.command == QLatin1String("schedules"))
        return runSchedules(ctx);
    if (inv.command == QLatin1String("profiles"))
        return runProfiles(ctx);
    if (inv.command == QLatin1String("anomalies"))
        return runAnomalies(ctx); // CliAnomalies.cpp
    if (inv.command == QLatin1String("checks"))
        return runChecks(ctx); // CliChecks.cpp
    return runDemo(ctx);
}

} // namespace assay::cli
