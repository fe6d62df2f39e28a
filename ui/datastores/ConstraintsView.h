#pragma once

#include "models/domain/Container.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace assay {

// What the source says it guarantees of a table, as the last Sync read it: its keys, unique
// indexes and CHECKs (each trusted or not, and why not), and its NOT NULL fields. A scan
// counts the checks these imply as passed without reading their values.
class ConstraintsView : public QWidget
{
    Q_OBJECT
public:
    explicit ConstraintsView(const Container &container, const QList<Field> &fields,
                             QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QLabel *notNullLabel() const { return m_notNull; }

private:
    QTreeWidget *m_list;
    QLabel *m_notNull;
};

} // namespace assay
