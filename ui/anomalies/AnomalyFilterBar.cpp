#include "ui/anomalies/AnomalyFilterBar.h"

#include "models/item/AnomalyListModel.h"
#include "ui/checks/CheckPresentation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace assay {

namespace {

// Restores `value` in `box` when it is still offered; true when it was.
bool reselect(QComboBox *box, const QVariant &value)
{
    const int at = box->findData(value);
    box->setCurrentIndex(at < 0 ? 0 : at);
    return at >= 0;
}

} // namespace

AnomalyFilterBar::AnomalyFilterBar(QWidget *parent)
    : QWidget(parent), m_type(new QComboBox(this)), m_container(new QComboBox(this)),
      m_check(new QComboBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_type->setObjectName(QStringLiteral("anomalyTypeFilter"));
    m_type->setAccessibleName(tr("Filter by anomaly type"));
    m_type->addItem(tr("All types"), QString());
    for (const char *type : {"record", "shape"})
        m_type->addItem(AnomalyListModel::typeLabel(QLatin1String(type)), QLatin1String(type));
    layout->addWidget(m_type);

    m_container->setObjectName(QStringLiteral("anomalyContainerFilter"));
    m_container->setAccessibleName(tr("Filter by table or file"));
    m_container->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_container->setMinimumContentsLength(14);
    m_container->setMaximumWidth(260);
    m_container->addItem(tr("All tables"), qint64(0));
    layout->addWidget(m_container);

    m_check->setObjectName(QStringLiteral("anomalyCheckFilter"));
    m_check->setAccessibleName(tr("Filter by check"));
    m_check->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_check->setMinimumContentsLength(16);
    m_check->setMaximumWidth(320);
    m_check->addItem(tr("All checks"), qint64(0));
    layout->addWidget(m_check);
    layout->addStretch(1);

    auto emitChanged = [this] {
        if (!m_filling)
            emit changed();
    };
    connect(m_type, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_container, &QComboBox::currentIndexChanged, this, [this, emitChanged] {
        if (m_filling)
            return;
        fillChecks(); // only the chosen table's checks
        emitChanged();
    });
    connect(m_check, &QComboBox::currentIndexChanged, this, emitChanged);
}

QString AnomalyFilterBar::checkLabel(const Check &check)
{
    const QString fields = check.fields.join(QStringLiteral(", "));
    const QString rule = check_presentation::ruleTitle(check.rule);
    return fields.isEmpty() ? rule : tr("%1 (%2)").arg(rule, fields);
}

void AnomalyFilterBar::applyTo(AnomalyQuery &query) const
{
    query.type = type();
    query.containerId = container();
    query.checkId = check();
}

void AnomalyFilterBar::setContainers(const QList<ContainerSummary> &containers)
{
    const qint64 current = container();
    m_filling = true;
    m_container->clear();
    m_container->addItem(tr("All tables"), qint64(0));
    for (const ContainerSummary &c : containers)
        m_container->addItem(c.name, c.id);
    const bool kept = reselect(m_container, current);
    m_filling = false;
    fillChecks();
    if (!kept && current)
        emit changed();
}

void AnomalyFilterBar::setChecks(const QList<Check> &checks)
{
    m_checks = checks;
    const qint64 current = check();
    fillChecks();
    if (current && check() != current)
        emit changed();
}

void AnomalyFilterBar::fillChecks()
{
    const qint64 current = check();
    const qint64 containerId = container();
    const bool wasFilling = m_filling;
    m_filling = true;
    m_check->clear();
    m_check->addItem(tr("All checks"), qint64(0));
    for (const Check &c : std::as_const(m_checks)) {
        if (containerId && c.containerId != containerId)
            continue;
        // Every table listed: say which table a check belongs to.
        const QString label =
            containerId ? checkLabel(c) : tr("%1 · %2").arg(c.containerName, checkLabel(c));
        m_check->addItem(label, c.id);
        m_check->setItemData(m_check->count() - 1, tr("Check %1, %2").arg(c.id).arg(c.status),
                             Qt::ToolTipRole);
    }
    reselect(m_check, current);
    m_filling = wasFilling;
}

void AnomalyFilterBar::setContainer(qint64 containerId)
{
    const int at = m_container->findData(containerId);
    m_container->setCurrentIndex(at < 0 ? 0 : at);
}

void AnomalyFilterBar::setCheck(qint64 checkId)
{
    const int at = m_check->findData(checkId);
    m_check->setCurrentIndex(at < 0 ? 0 : at);
}

void AnomalyFilterBar::setType(const QString &type)
{
    const int at = m_type->findData(type);
    m_type->setCurrentIndex(at < 0 ? 0 : at);
}

qint64 AnomalyFilterBar::container() const
{
    return m_container->currentData().toLongLong();
}

qint64 AnomalyFilterBar::check() const
{
    return m_check->currentData().toLongLong();
}

QString AnomalyFilterBar::type() const
{
    return m_type->currentData().toString();
}

} // namespace assay
