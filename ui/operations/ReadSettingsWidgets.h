#pragma once

#include "models/domain/Container.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace assay {

// Starting threshold of a Profile or Scan: none, "greater than time" (a UTC timestamp, for
// last-modified strategies) or "greater than batch" (a number, for batch-value strategies).
// Writes greater_than_time as ISO 8601 UTC ("2024-05-01T00:00:00Z") or greater_than_batch as a
// JSON number.
class StartingThresholdEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { None, Time, Batch };

    explicit StartingThresholdEditor(QWidget *parent = nullptr);

    Kind kind() const;
    void setKind(Kind kind);
    // The containers the operation will read; the hint says how many the threshold applies to.
    void setContainers(const QList<Container> &containers);
    void insertInto(QJsonObject &options) const;
    QString validationError() const; // empty when valid

    QComboBox *kindBox() const { return m_kind; }
    QDateTimeEdit *timeEdit() const { return m_time; }
    QLineEdit *batchEdit() const { return m_batch; }
    QLabel *hintLabel() const { return m_hint; }

signals:
    void changed();

private:
    void updateState();
    void updateHint();

    QComboBox *m_kind;
    QStackedWidget *m_editors;
    QDateTimeEdit *m_time;
    QLineEdit *m_batch;
    QLabel *m_hint;
    QList<Container> m_containers;
};

// Records read per container: presets 1M / 10M / 100M / All, or any number 1..1,000,000,000.
// Writes record_limit only when limited (absent means every record).
class RecordLimitEditor : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 kMaximum = 1000000000;

    explicit RecordLimitEditor(QWidget *parent = nullptr);

    qint64 limit() const; // 0: every record
    void setLimit(qint64 limit);
    void insertInto(QJsonObject &options) const;

    QComboBox *presetBox() const { return m_preset; }
    QSpinBox *spinBox() const { return m_spin; }

signals:
    void changed();

private:
    void syncPreset();

    QComboBox *m_preset;
    QSpinBox *m_spin;
};

} // namespace assay
