#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace assay {

// The enrichment prefix: a line to type it, the normalised prefix it becomes shown live beneath
// ("Saved as _analytics_bronze") with an "N/60" counter, and a red line when it cannot be used.
// Typing is never cut off: a prefix that is too long says so, with its length.
class PrefixField : public QWidget
{
    Q_OBJECT
public:
    explicit PrefixField(QWidget *parent = nullptr);

    QString input() const;
    void setInput(const QString &text);
    // The prefix as it will be saved (leading underscore, snake_case).
    QString normalized() const;
    // Empty when the prefix can be used, else a plain message (shown once the user typed).
    QString problem() const;
    bool isValid() const { return problem().isEmpty(); }

    QLineEdit *edit() const { return m_edit; }
    QLabel *normalizedLabel() const { return m_normalized; }
    QLabel *counterLabel() const { return m_counter; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void changed();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void showNormalized();

    QLineEdit *m_edit;
    QLabel *m_normalized;
    QLabel *m_counter;
    QLabel *m_problem;
    QString m_normalizedText; // the whole line; the label shows it elided to fit
    bool m_touched = false;
};

} // namespace assay
