#pragma once

#include <QJsonObject>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace assay {

// Name / value pairs substituted for {{name}} in check filters and expressions during a scan
// ("check_variables"). Rows left wholly empty are ignored.
class CheckVariablesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CheckVariablesEditor(QWidget *parent = nullptr);

    QJsonObject variables() const;
    void setVariables(const QJsonObject &variables);
    // Appends a row (used by the Add button and by tests).
    void addVariable(const QString &name = QString(), const QString &value = QString());
    // A name that is not an identifier, an unnamed value, a repeated name; or empty.
    QString validationError() const;

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

signals:
    void changed();

private:
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace assay
