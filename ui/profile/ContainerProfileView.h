#pragma once

#include "ui/common/FitUntilUserSizes.h"

#include <QWidget>

class QSplitter;

namespace assay {

class Catalog;
class ContainerProfileHeader;
class FieldProfilePanel;
class ProfileFieldList;

// A container's profile: the header's figures on top, its fields (with completeness bars) on
// the left and the chosen field's profile on the right. Reads only the Catalog (quick reads),
// and reads again when the Catalog says containers, checks or anomalies changed.
class ContainerProfileView : public QWidget
{
    Q_OBJECT
public:
    explicit ContainerProfileView(QWidget *parent = nullptr);

    void setContainer(Catalog *catalog, qint64 containerId);
    qint64 containerId() const { return m_containerId; }
    // Selects a field of the container and shows its profile; false when it is not listed.
    bool showField(qint64 fieldId);
    qint64 currentFieldId() const;

    ContainerProfileHeader *header() const { return m_header; }
    ProfileFieldList *fieldList() const { return m_fields; }
    FieldProfilePanel *panel() const { return m_panel; }

public slots:
    // Reads the container, its fields and profiles and the counts again.
    void reload();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showFieldProfile(qint64 fieldId);
    void updateHeader();
    // Sizes the field list to its names (ProfileFieldList::preferredWidth) until the user
    // drags the splitter.
    void fitSplitter();

    Catalog *m_catalog = nullptr;
    qint64 m_containerId = 0;
    qint64 m_datastoreId = 0;
    ContainerProfileHeader *m_header;
    QSplitter *m_splitter;
    ProfileFieldList *m_fields;
    FieldProfilePanel *m_panel;
    FitUntilUserSizes m_sizing;
};

} // namespace assay
