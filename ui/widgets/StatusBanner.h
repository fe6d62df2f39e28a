#pragma once

#include <QFrame>

class QLabel;

namespace assay {

// A coloured message strip: green for success, red for an error, neutral for information.
// Title in bold, then the details and an optional hint ("what to do about it").
class StatusBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Success, Error };

    explicit StatusBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &title, const QString &detail = QString(),
                     const QString &hint = QString());
    void clear();

    Kind kind() const { return m_kind; }
    QString title() const;
    QString detail() const;
    QString hint() const;
    // Title, detail and hint, one per line (what a screen reader reads, and what tests check).
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    // Styles the banner for m_kind in the application palette's light or dark variant.
    void applyColours();

    Kind m_kind = Kind::Info;
    bool m_restyling = false;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_detail;
    QLabel *m_hint;
};

} // namespace assay
