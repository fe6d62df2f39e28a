#include "ui/profile/ContainerProfileView.h"

#include "app/engine/OperationRequest.h"
#include "app/engine/profile/ProfileQueries.h"
#include "models/catalog/Catalog.h"
#include "ui/profile/ContainerProfileHeader.h"
#include "ui/profile/FieldProfilePanel.h"
#include "ui/profile/ProfileFieldList.h"
#include "ui/profile/ProfileFormat.h"
#include "ui/profile/ProfileHistoryTable.h"

#include <QFrame>
#include <QJsonObject>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace assay {

ContainerProfileView::ContainerProfileView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("containerProfileView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_header = new ContainerProfileHeader(this);
    layout->addWidget(m_header);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_fields = new ProfileFieldList(m_splitter);
    m_fields->setMinimumWidth(220);
    auto *scroll = new QScrollArea(m_splitter);
    scroll->setObjectName(QStringLiteral("fieldProfileScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_panel = new FieldProfilePanel;
    scroll->setWidget(m_panel);
    m_splitter->addWidget(m_fields);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({330, 700}); // until fields are shown: then fitted to them
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_sizing.resized(); });
    layout->addWidget(m_splitter, 1);

    connect(m_fields, &ProfileFieldList::currentFieldChanged, this,
            &ContainerProfileView::showFieldProfile);
}

void ContainerProfileView::setContainer(Catalog *catalog, qint64 containerId)
{
    if (m_catalog != catalog) {
        if (m_catalog)
            disconnect(m_catalog, nullptr, this, nullptr);
        m_catalog = catalog;
        if (m_catalog) {
            auto onChange = [this](qint64 datastoreId) {
                if (m_containerId && (!datastoreId || datastoreId == m_datastoreId))
                    reload();
            };
            connect(m_catalog, &Catalog::containersChanged, this, onChange);
            // A finished Profile announces checks (and anomalies), not containers: its new
            // field profiles come with it, so the list and the shown field are read again.
            connect(m_catalog, &Catalog::checksChanged, this, onChange);
            connect(m_catalog, &Catalog::anomaliesChanged, this, [this](qint64 datastoreId) {
                if (m_containerId && (!datastoreId || datastoreId == m_datastoreId))
                    updateHeader();
            });
        }
    }
    if (containerId != m_containerId)
        m_fields->clear();
    m_containerId = containerId;
    reload();
}

qint64 ContainerProfileView::currentFieldId() const
{
    return m_fields->currentFieldId();
}

bool ContainerProfileView::showField(qint64 fieldId)
{
    return m_fields->selectField(fieldId);
}

void ContainerProfileView::reload()
{
    const auto container = m_catalog && m_containerId ? m_catalog->container(m_containerId)
                                                      : Lookup<Container>::notFound();
    if (!container) {
        m_datastoreId = 0;
        m_fields->setFields({}, {});
        m_header->setSummary({});
        m_panel->clear();
        return;
    }
    m_datastoreId = container->datastoreId;
    m_fields->setFields(m_catalog->fields(m_containerId),
                        m_catalog->latestFieldProfiles(m_containerId));
    fitSplitter();
    updateHeader();
}

void ContainerProfileView::fitSplitter()
{
    // Where the names need it: every name whole when the view allows, the panel at least
    // 55% (the user's own drag wins for the rest of the session).
    const int total = m_splitter->width() - m_splitter->handleWidth();
    if (m_sizing.userSized() || total <= 0)
        return;
    const int list = qBound(m_fields->minimumWidth(), m_fields->preferredWidth(),
                            qMax(m_fields->minimumWidth(), int(total * 0.45)));
    m_sizing.fit([&] { m_splitter->setSizes({list, total - list}); });
}

void ContainerProfileView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitSplitter();
}

void ContainerProfileView::updateHeader()
{
    namespace f = profile_format;
    const auto container = m_catalog->container(m_containerId);
    if (!container)
        return;
    ContainerProfileHeader::Summary s;
    s.containerName = container->name;
    s.containerType = container->containerType;
    s.activeChecks = m_catalog->activeCheckCounts(m_datastoreId).value(m_containerId);
    s.activeAnomalies = m_catalog->openAnomalyCounts(m_datastoreId).value(m_containerId);
    const QList<FieldProfile> profiles = m_catalog->latestFieldProfiles(m_containerId);
    // The latest Profile could not read it: say why, unless figures newer than it are shown.
    if (const auto last = m_catalog->latestOperation(m_datastoreId, operation_type::kProfile)) {
        const QJsonObject figures = last->result.value(QStringLiteral("containers"))
                                        .toObject()
                                        .value(container->name)
                                        .toObject();
        qint64 shownOperation = 0;
        for (const FieldProfile &p : profiles)
            shownOperation = qMax(shownOperation, p.operationId);
        if (figures.value(QStringLiteral("result")).toString() == operation_status::kFailure &&
            last->id > shownOperation)
            s.lastFailure = tr("The latest Profile (operation %1) could not read this %2: %3")
                                .arg(last->id)
                                .arg(container->containerType,
                                     figures.value(QStringLiteral("message")).toString());
    }
    if (!profiles.isEmpty()) {
        double completeness = 0;
        qint64 latestOperation = 0;
        bool sampled = false, momentsSampled = false, deviationSampled = false;
        for (const FieldProfile &p : profiles) {
            completeness += p.completeness;
            momentsSampled = momentsSampled || p.momentsApproximate;
            deviationSampled = deviationSampled || p.deviationApproximate;
            if (p.profiledAt > s.profiledAt || !s.profiledAt.isValid()) {
                s.profiledAt = p.profiledAt;
                s.records = p.records;
                latestOperation = p.operationId;
            }
            sampled = sampled || f::sampled(p);
        }
        s.completeness = completeness / double(profiles.size());
        // What the operation recorded of this container, when it did; else what the
        // profiles themselves tell.
        qint64 records = s.records.value_or(0);
        qint64 profiled = records;
        if (const auto op = m_catalog->operation(latestOperation)) {
            const QJsonObject figures = op->result.value(QStringLiteral("containers"))
                                            .toObject()
                                            .value(container->name)
                                            .toObject();
            if (!figures.isEmpty()) {
                records =
                    qint64(figures.value(QStringLiteral("records")).toDouble(double(records)));
                profiled = qint64(
                    figures.value(QStringLiteral("records_profiled")).toDouble(double(records)));
                s.recordsApproximate =
                    figures.value(QStringLiteral("records_approximate")).toBool();
                if (s.recordsApproximate)
                    s.records = records;
                sampled = figures.value(QStringLiteral("sampled")).toBool(sampled);
            }
        }
        const qint64 sample = sampled ? qMin(profiled, profile_sql::kSampleRows) : profiled;
        if (records > 0) {
            s.sampling = qMin(1.0, double(sample) / double(records));
            if (!sampled && profiled < records)
                s.samplingNote = tr("Every figure covers the %1 records profiled (a record "
                                    "limit), of about %2 in the table.")
                                     .arg(f::count(profiled), f::count(records));
            else if (!sampled)
                s.samplingNote =
                    tr("Every figure covers the %1 records profiled.").arg(f::count(profiled));
            else
                s.samplingNote =
                    (deviationSampled
                         ? tr("Counts, completeness, ranges, sums, means and most deviations "
                              "cover the %1 records profiled; top values, distinct counts, "
                              "entropy, skewness, kurtosis, quantiles and the deviations marked "
                              "≈ (exact decimals) were computed on a sample of about %2.")
                     : momentsSampled
                         ? tr("Counts, completeness, ranges, sums, means and deviations cover "
                              "the %1 records profiled; top values, distinct counts, entropy, "
                              "skewness, kurtosis and quantiles were computed on a sample of "
                              "about %2.")
                         : tr("Counts, completeness, ranges, sums, means, deviations, skewness "
                              "and kurtosis cover the %1 records profiled, and distinct counts "
                              "are estimated over all of them; top values, entropy and quantiles "
                              "were computed on a sample of about %2."))
                        .arg(f::count(profiled), f::count(sample));
        } else {
            s.sampling = 1.0;
            s.samplingNote = tr("The container was empty when it was profiled.");
        }
    }
    m_header->setSummary(s);
}

void ContainerProfileView::showFieldProfile(qint64 fieldId)
{
    if (!m_catalog || !fieldId) {
        m_panel->clear();
        return;
    }
    const QList<FieldProfile> history =
        m_catalog->fieldProfileHistory(fieldId, ProfileHistoryTable::kMaxRuns);
    if (!history.isEmpty()) {
        m_panel->setHistory(history);
        return;
    }
    for (const Field &f : m_catalog->fields(m_containerId))
        if (f.id == fieldId)
            m_panel->showUnprofiled(f.name, f.declaredType);
}

} // namespace assay
