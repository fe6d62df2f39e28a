#include "ui/activity/OperationCountersPanel.h"

#include <QGridLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QVBoxLayout>
#include <cmath>

namespace assay {

namespace {

constexpr int kColumns = 4;

struct Counter
{
    const char *key;
    const char *caption;
};

// Captions per operation type, in display order; the keys are the ones the engine's operations
// write into Operation::counters.
const Counter kSyncCounters[] = {
    {"containers_discovered",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers found")},
    {"containers_added", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers added")},
    {"containers_changed",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers changed")},
    {"containers_removed",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers removed")},
    {"containers_restored",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers restored")},
    {"containers_missing",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Containers missing")},
    {"fields_added", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Fields added")},
    {"fields_changed", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Fields changed")},
    {"fields_removed", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Fields removed")},
};
// The keys ProfileOperation writes (spec 2.6's summary panel first, then the work it took).
const Counter kProfileCounters[] = {
    {"tables_requested", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Tables requested")},
    {"tables_profiled", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Tables profiled")},
    {"records_profiled", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Records profiled")},
    {"field_profiles_updated",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Field profiles updated")},
    {"checks_synchronized",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Inferred checks synchronized")},
    {"checks_added", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Checks added")},
    {"checks_updated", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Checks updated")},
    {"checks_archived", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Checks archived")},
    {"queries", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Queries")},
    {"table_passes", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Table passes")},
};
// The keys ScanOperation writes.
const Counter kScanCounters[] = {
    {"tables_requested", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Tables requested")},
    {"tables_scanned", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Tables scanned")},
    {"partitions_scanned",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Partitions scanned")},
    {"records_scanned", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Records scanned")},
    {"anomalies_identified",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Anomalies identified")},
    {"queries", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Queries")},
    {"table_passes", QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Table passes")},
    {"checks_guaranteed",
     QT_TRANSLATE_NOOP("assay::OperationCountersPanel", "Checks guaranteed by constraints")},
};

QString captionFromKey(const QString &key)
{
    QString text = key;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

} // namespace

OperationCountersPanel::OperationCountersPanel(QWidget *parent)
    : QWidget(parent), m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 4, 0, 4);
    m_grid->setHorizontalSpacing(24);
    m_grid->setVerticalSpacing(10);
    setAccessibleName(tr("Operation summary"));
}

QString OperationCountersPanel::abbreviate(qint64 value)
{
    const QLocale locale;
    const qint64 magnitude = value < 0 ? -value : value;
    if (magnitude < 1000)
        return locale.toString(value);
    static const char *const kSuffixes[] = {"K", "M", "B", "T"};
    double scaled = double(value);
    int unit = -1;
    while (unit < 3 && std::fabs(scaled) >= 1000.0) {
        scaled /= 1000.0;
        ++unit;
    }
    // One decimal below 100 units (12.3K), none above (123K); 999.96K rounds up to 1M.
    int decimals = std::fabs(scaled) < 100.0 ? 1 : 0;
    double rounded = std::round(scaled * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    if (std::fabs(rounded) >= 1000.0 && unit < 3) {
        rounded /= 1000.0;
        ++unit;
        decimals = 1;
    }
    if (decimals == 1 && std::fabs(rounded - std::round(rounded)) < 1e-9)
        decimals = 0;
    return locale.toString(rounded, 'f', decimals) + QLatin1String(kSuffixes[unit]);
}

QString OperationCountersPanel::fullNumber(qint64 value)
{
    return QLocale().toString(value);
}

void OperationCountersPanel::clear()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_tiles = 0;
    m_captions.clear();
}

void OperationCountersPanel::addTile(const QString &caption, qint64 value)
{
    auto *tile = new QWidget(this);
    auto *layout = new QVBoxLayout(tile);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *figure = new QLabel(abbreviate(value), tile);
    QFont big = figure->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    figure->setFont(big);
    figure->setToolTip(fullNumber(value));
    figure->setObjectName(QStringLiteral("counterValue"));
    figure->setAccessibleName(tr("%1: %2").arg(caption, fullNumber(value)));
    auto *label = new QLabel(caption, tile);
    label->setObjectName(QStringLiteral("counterCaption"));
    m_captions << caption;
    label->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(figure);
    layout->addWidget(label);
    m_grid->addWidget(tile, m_tiles / kColumns, m_tiles % kColumns, Qt::AlignLeft | Qt::AlignTop);
    ++m_tiles;
}

void OperationCountersPanel::setOperation(const Operation &operation)
{
    clear();
    const Counter *begin = nullptr;
    const Counter *end = nullptr;
    if (operation.type == QLatin1String("catalog")) {
        begin = std::begin(kSyncCounters);
        end = std::end(kSyncCounters);
    } else if (operation.type == QLatin1String("profile")) {
        begin = std::begin(kProfileCounters);
        end = std::end(kProfileCounters);
    } else if (operation.type == QLatin1String("scan")) {
        begin = std::begin(kScanCounters);
        end = std::end(kScanCounters);
    }
    QSet<QString> shown;
    for (const Counter *c = begin; c != end; ++c) {
        const QString key = QLatin1String(c->key);
        QJsonValue value = operation.counters.value(key);
        if (value.isUndefined())
            value = operation.result.value(key); // Sync keeps containers_discovered there
        if (!value.isDouble())
            continue;
        addTile(tr(c->caption), qint64(value.toDouble()));
        shown.insert(key);
    }
    QStringList others = operation.counters.keys();
    others.sort();
    for (const QString &key : std::as_const(others)) {
        const QJsonValue value = operation.counters.value(key);
        if (!shown.contains(key) && value.isDouble())
            addTile(captionFromKey(key), qint64(value.toDouble()));
    }
    for (int column = 0; column < kColumns; ++column)
        m_grid->setColumnStretch(column, 1);
}

} // namespace assay
