#include "ui/checks/CheckSqlDialog.h"

#include "app/checks/CheckCompiler.h"
#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/checks/CheckPresentation.h"
#include "ui/common/Theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

QString CheckSqlDialog::sqlFor(Catalog *catalog, const Check &check)
{
    const auto container = catalog->container(check.containerId);
    const auto datastore =
        catalog->datastore(container ? container->datastoreId : check.datastoreId);
    CheckSqlContext context;
    if (datastore) {
        context.schema = datastore->schema;
        if (const auto connection = catalog->connection(datastore->connectionId))
            if (const ConnectorSpec *spec = connectors::find(connection->type))
                context.dialect = SqlDialect::forConnector(*spec);
    }
    context.table = container ? container->name : check.containerName;
    context.setFields(catalog->fields(check.containerId));
    context.referenceTable = [catalog](qint64 containerId) {
        const auto other = catalog->container(containerId);
        return other ? other->name : QString();
    };
    return displaySql(check, context);
}

CheckSqlDialog::CheckSqlDialog(Catalog *catalog, const Check &check, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("checkSqlDialog"));
    setWindowTitle(
        tr("SQL of %1 on %2").arg(check_presentation::ruleTitle(check.rule), check.containerName));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("What a scan runs for this check, in the datastore's dialect. Values are shown "
           "inline here; the scan binds them."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(QStringLiteral("checkSql"));
    m_view->setAccessibleName(tr("SQL"));
    m_view->setReadOnly(true);
    m_view->setFont(theme::monospaceFont());
    // Long one-line statements wrap at word boundaries, so the whole query shows at once.
    m_view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_view->setPlainText(sqlFor(catalog, check));
    layout->addWidget(m_view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_view->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(680, 360);
}

QString CheckSqlDialog::sql() const
{
    return m_view->toPlainText();
}

} // namespace assay
