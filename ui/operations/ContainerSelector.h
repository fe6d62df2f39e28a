#pragma once

#include "models/domain/Container.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace assay {

// Which containers an operation reads: all of them, a hand-picked list, or those carrying one of
// a set of tags (Container::settings["tags"]). Removed containers are never offered. Used by the
// Profile and Scan dialogs; it only collects, the dialog turns it into options JSON.
class ContainerSelector : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { All, Specific, ByTag };

    explicit ContainerSelector(const QList<Container> &containers, QWidget *parent = nullptr);

    Mode mode() const;
    void setMode(Mode mode);
    // Names to put in "containers": empty means every container (All). Specific gives the
    // checked names, By tag the names of the containers that carry one of the tags.
    QStringList selectedContainers() const;
    // The containers the operation will read, whatever the mode (for hints such as "2 of 3
    // have an incremental strategy").
    QList<Container> effectiveContainers() const;
    // Tags typed in By tag mode, trimmed, without duplicates (case-insensitive).
    QStringList tags() const;
    void setTags(const QStringList &tags);
    // Checks exactly these names in the Specific list.
    void setCheckedContainers(const QStringList &names);
    bool isValid() const { return validationError().isEmpty(); }
    // Why the selection cannot run (Specific with none checked, tags matching nothing), or empty.
    QString validationError() const;

    // For tests and keyboard users.
    QRadioButton *allButton() const { return m_all; }
    QRadioButton *specificButton() const { return m_specific; }
    QRadioButton *tagButton() const { return m_byTag; }
    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    QPushButton *selectAllButton() const { return m_selectAll; }
    QPushButton *selectNoneButton() const { return m_selectNone; }
    QLabel *countLabel() const { return m_count; }
    QLineEdit *tagEdit() const { return m_tags; }
    QLabel *tagMatchLabel() const { return m_tagMatch; }
    QListWidget *tagMatchList() const { return m_tagList; }

signals:
    void changed();

private:
    QWidget *buildAllPage();
    QWidget *buildSpecificPage();
    QWidget *buildTagPage();
    void applyFilter();
    void setVisibleChecked(bool checked);
    QList<Container> tagMatches() const;
    void updateState();

    QList<Container> m_containers; // not removed, sorted by name
    QButtonGroup *m_modes;
    QRadioButton *m_all;
    QRadioButton *m_specific;
    QRadioButton *m_byTag;
    QStackedWidget *m_pages;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_selectAll = nullptr;
    QPushButton *m_selectNone = nullptr;
    QLabel *m_count = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_tagMatch = nullptr;
    QListWidget *m_tagList = nullptr;
};

// Tags of a container (settings["tags"], a JSON array of strings), trimmed, empty ones dropped.
QStringList containerTags(const Container &container);

} // namespace assay
