#pragma once

#include "models/domain/Check.h"
#include "models/domain/Measurement.h"
#include "ui/widgets/HistoryChart.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace assay {

class Catalog;

// One chart a container's history offers: its records, its freshness or its size over time (with
// the band and anomalies of the check that watches it), or one check's judged figure.
struct HistoryChoice
{
    QString title;
    HistorySeries series;
};

// The charts of a container's history, from its measurements and the judgements of its
// volumetric, freshness and metric checks (pure: tested without widgets).
QList<HistoryChoice> historyChoices(const QList<ContainerMeasurement> &measurements,
                                    const QList<Check> &checks,
                                    const QHash<qint64, QList<CheckHistoryPoint>> &judgements);

// A container's "History" tab: what each Scan and Profile measured of it over time, as a chart
// with the expected band and the anomalies marked, and where each figure came from.
class ContainerHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit ContainerHistoryView(QWidget *parent = nullptr);

    // Shows `containerId`'s history (0 clears); reads the Catalog only, again after each
    // operation of its datastore.
    void setContainer(Catalog *catalog, qint64 containerId);
    HistoryChart *chart() const { return m_chart; }
    QComboBox *seriesChooser() const { return m_chooser; }

private:
    void reload();
    void showChoice(int index);

    Catalog *m_catalog = nullptr;
    qint64 m_containerId = 0;
    qint64 m_datastoreId = 0;
    QList<HistoryChoice> m_choices;
    QComboBox *m_chooser;
    QLabel *m_sources;
    HistoryChart *m_chart;
};

} // namespace assay
