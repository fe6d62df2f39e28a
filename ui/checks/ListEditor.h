#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QToolButton;

namespace assay {

// Edits a list of values: type one and press Enter (or Add; several lines pasted at once add
// one value each), select and Delete (or Remove) to take values out. Duplicates are ignored.
class ListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ListEditor(QWidget *parent = nullptr);

    QStringList values() const;
    void setValues(const QStringList &values);

    QLineEdit *input() const { return m_input; }
    QListWidget *list() const { return m_list; }
    QToolButton *addButton() const { return m_add; }
    QToolButton *removeButton() const { return m_remove; }

public slots:
    // Adds what the input holds (one value per line) and clears it.
    void addInput();
    void removeSelected();

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateButtons();

    QLineEdit *m_input;
    QListWidget *m_list;
    QToolButton *m_add;
    QToolButton *m_remove;
};

} // namespace assay
