#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>
#include <optional>

class QHBoxLayout;
class QLabel;

namespace assay {

// The figures of a container at a glance, above its field list: records, the share sampled,
// completeness (the fields' average), active checks and open anomalies, as tiles.
class ContainerProfileHeader : public QWidget
{
    Q_OBJECT
public:
    struct Summary
    {
        QString containerName;
        QString containerType; // "table", "view", "file"
        std::optional<qint64> records;
        bool recordsApproximate = false; // the database's estimate of a table read in part
        std::optional<double> sampling;  // share of the records sampled (0..1)
        QString samplingNote;            // what the sampling covered (the tooltip)
        std::optional<double> completeness;
        int activeChecks = 0;
        int activeAnomalies = 0;
        QDateTime profiledAt; // invalid: never profiled
        // Why the latest Profile could not read it, when that Profile is newer than the
        // figures shown (or there are none).
        QString lastFailure;
    };

    explicit ContainerProfileHeader(QWidget *parent = nullptr);

    void setSummary(const Summary &summary);
    Summary summary() const { return m_summary; }
    // The value shown in a tile: "records", "sampling", "completeness", "checks", "anomalies".
    QString value(const QString &key) const;
    QLabel *titleLabel() const { return m_title; }
    QLabel *failureLabel() const { return m_failure; }

private:
    void addTile(const QString &key, const QString &caption, const QString &help);
    void setTile(const QString &key, const QString &text, const QString &toolTip = QString());

    Summary m_summary;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_failure;
    QHBoxLayout *m_tiles;
    QHash<QString, QLabel *> m_values;
};

} // namespace assay
