#pragma once

#include "models/catalog/Catalog.h"

#include <QWidget>

class QComboBox;

namespace assay {

// The Anomalies tab's filters besides the status group: anomaly type (record / shape), the
// table or file, and the check that failed. The check list follows the chosen table (only its
// checks are offered). Every change emits changed() once; applyTo() writes the choices into an
// AnomalyQuery.
class AnomalyFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit AnomalyFilterBar(QWidget *parent = nullptr);

    // Writes type, containerId and checkId (not the datastore or the status).
    void applyTo(AnomalyQuery &query) const;

    // The tables and the checks offered; keeps the current choices when still offered.
    void setContainers(const QList<ContainerSummary> &containers);
    void setChecks(const QList<Check> &checks);

    // Chooses as if the user had (emits changed() when it differs). 0 / "" for all.
    void setContainer(qint64 containerId);
    void setCheck(qint64 checkId);
    void setType(const QString &type);
    qint64 container() const;
    qint64 check() const;
    QString type() const;

    QComboBox *typeBox() const { return m_type; }
    QComboBox *containerBox() const { return m_container; }
    QComboBox *checkBox() const { return m_check; }

    // "notNull (email)", "between (quantity, price)".
    static QString checkLabel(const Check &check);

signals:
    void changed();

private:
    void fillChecks();

    QComboBox *m_type;
    QComboBox *m_container;
    QComboBox *m_check;
    QList<Check> m_checks;
    bool m_filling = false;
};

} // namespace assay
