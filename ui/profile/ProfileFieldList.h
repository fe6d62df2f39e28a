#pragma once

#include "models/domain/Container.h"
#include "models/domain/FieldProfile.h"

#include <QTreeWidget>

namespace assay {

// A container's fields beside their profile: name, declared type (a type the values do not
// match is marked) and a small completeness bar with its percentage.
class ProfileFieldList : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, CompletenessColumn };
    static constexpr int FieldIdRole = Qt::UserRole + 1;
    static constexpr int CompletenessRole = Qt::UserRole + 2; // double 0..1, absent: unprofiled

    explicit ProfileFieldList(QWidget *parent = nullptr);

    // The fields in order with their latest profiles (matched by field id); keeps the
    // current field when it is still there.
    void setFields(const QList<Field> &fields, const QList<FieldProfile> &profiles);
    qint64 currentFieldId() const;
    bool selectField(qint64 fieldId);
    int rowOf(qint64 fieldId) const;
    // The width that shows every name whole, the types up to maxTypeWidth() (longer ones elide
    // in the middle) and the completeness bars: where the list's splitter starts.
    int preferredWidth() const;
    // Both follow the font: a 14 pt font needs wider columns than a 10 pt one.
    int maxTypeWidth() const;
    int completenessWidth() const;

signals:
    void currentFieldChanged(qint64 fieldId);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // The widest text of `column` (header included), with the item's margins.
    int columnContentWidth(int column) const;
    void fitTypeColumn();
};

} // namespace assay
