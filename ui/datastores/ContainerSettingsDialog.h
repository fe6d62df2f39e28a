#pragma once

#include "models/domain/Container.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QTabWidget;

namespace assay {

class Catalog;

// Container Settings (the gear on a table, view or file): Identifiers (incremental strategy,
// incremental field, partition field, each type-checked), Grouping (lists of fields) and General
// (excluded fields, infer data type, DFS file pattern). Saves to the Catalog; identifiers the
// user sets are kept by later syncs.
class ContainerSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    ContainerSettingsDialog(Catalog *catalog, qint64 containerId, QWidget *parent = nullptr);

    // The settings as the dialog would save them (for tests and the caller).
    Container editedContainer() const;
    QString validationError() const;

    QComboBox *strategyBox() const { return m_strategy; }
    QComboBox *incrementalFieldBox() const { return m_incrementalField; }
    QComboBox *partitionFieldBox() const { return m_partitionField; }
    QTabWidget *tabs() const { return m_tabs; }

public slots:
    void accept() override;

private:
    QWidget *buildIdentifiersTab();
    QWidget *buildGroupingTab();
    QWidget *buildGeneralTab();
    void refreshFieldChoices();
    bool isFile() const;
    void addReadSettings(QFormLayout *form);
    void addGrouping();
    void updateState();

    Catalog *m_catalog;
    Container m_container;
    QList<Field> m_fields;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_strategy = nullptr;
    QComboBox *m_incrementalField = nullptr;
    QComboBox *m_partitionField = nullptr;
    QLabel *m_identifierNote = nullptr;
    QListWidget *m_groupings = nullptr;
    QListWidget *m_excluded = nullptr;
    QCheckBox *m_inferTypes = nullptr;
    QLineEdit *m_filePattern = nullptr;
    QComboBox *m_delimiter = nullptr; // file containers: how their files are read
    QComboBox *m_encoding = nullptr;
    QCheckBox *m_header = nullptr;
    QLabel *m_error = nullptr;
    bool m_resetToDetected = false;
};

} // namespace assay
