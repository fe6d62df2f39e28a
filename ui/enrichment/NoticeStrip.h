#pragma once

#include <QFrame>

class QLabel;

namespace assay {

// A one-paragraph amber note with a warning sign: something the user may go ahead with but
// should know (e.g. two source datastores sharing a prefix). Hidden while it has no text.
class NoticeStrip : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeStrip(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    QLabel *m_icon;
    QLabel *m_text;
    bool m_restyling = false;
};

} // namespace assay
