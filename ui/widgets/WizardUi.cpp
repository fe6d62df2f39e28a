#include "ui/widgets/WizardUi.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/DatastoreDefinition.h"
#include "ui/common/Theme.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <type_traits>
#include <utility>

namespace assay::wizardui {

namespace {

// Connectors may carry a `hidden` flag (ODBC variants reached only through the CLI); older
// registries have none. Detect the member so both compile.
template <typename T, typename = void> struct HasHidden : std::false_type
{
};
template <typename T>
struct HasHidden<T, std::void_t<decltype(std::declval<const T &>().hidden)>> : std::true_type
{
};

template <typename T> bool isHidden(const T &spec)
{
    if constexpr (HasHidden<T>::value)
        return bool(spec.hidden);
    else
        return false;
}

class ReturnFilter : public QObject
{
public:
    ReturnFilter(QObject *parent, std::function<void()> action)
        : QObject(parent), m_action(std::move(action))
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                m_action();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_action;
};

// An eye (open, or struck through), drawn for the reveal action: no icon theme needed.
QIcon eyeIcon(bool struck, const QColor &colour)
{
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        const int side = 16;
        QPixmap pixmap(QSize(side, side) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(colour, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath eye;
        eye.moveTo(1.5, 8);
        eye.quadTo(8, 1.5, 14.5, 8);
        eye.quadTo(8, 14.5, 1.5, 8);
        p.drawPath(eye);
        p.setBrush(colour);
        p.drawEllipse(QPointF(8, 8), 2.2, 2.2);
        if (struck) {
            p.setPen(QPen(colour, 1.6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(2.5, 13.5), QPointF(13.5, 2.5));
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QVector<const ConnectorSpec *> visibleConnectors()
{
    QVector<const ConnectorSpec *> out;
    for (const ConnectorSpec &spec : connectors::all())
        if (!isHidden(spec))
            out << &spec;
    return out;
}

QIcon connectorIcon(const ConnectorSpec &spec)
{
    const QString own = QStringLiteral(":/icons/%1.svg").arg(spec.id);
    if (spec.isFolder() && !QFile::exists(own))
        return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
    const QIcon base(QFile::exists(own) ? own : QStringLiteral(":/icons/datastore.svg"));
    // A white variant for selected rows: the blue icon would vanish on the highlight.
    QIcon icon;
    for (const int side : {16, 24, 32, 48}) {
        const QPixmap normal = base.pixmap(QSize(side, side));
        icon.addPixmap(normal, QIcon::Normal);
        QPixmap selected = normal;
        QPainter p(&selected);
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(selected.rect(), Qt::white);
        p.end();
        icon.addPixmap(selected, QIcon::Selected);
    }
    return icon;
}

QString defaultSchema(const ConnectorSpec &spec, const QString &database)
{
    return definition::defaultSchema(spec, database);
}

bool hasSchema(const ConnectorSpec &spec)
{
    return !spec.isFolder();
}

QString labelText(const QString &label, bool required)
{
    const QString escaped = label.toHtmlEscaped();
    if (!required)
        return escaped;
    // A literal no-break space, not "&nbsp;": a label with a buddy reads '&' as a mnemonic,
    // and every required label took Alt+N from the wizard's Next button.
    return QStringLiteral("%1%2<span style=\"color:%3;\">*</span>")
        .arg(escaped, QString(QChar(0x00A0)), theme::errorColour());
}

QLabel *formLabel(const QString &label, bool required, QWidget *buddy)
{
    auto *l = new QLabel(labelText(label, required));
    l->setTextFormat(Qt::RichText);
    l->setBuddy(buddy);
    if (buddy) {
        buddy->setAccessibleName(label);
        if (required)
            buddy->setAccessibleDescription(QApplication::translate("assay::wizardui", "Required"));
    }
    return l;
}

QLabel *sectionTitle(const QString &text)
{
    auto *l = new QLabel(text);
    QFont f = l->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.08);
    l->setFont(f);
    l->setContentsMargins(0, 6, 0, 2);
    return l;
}

QLabel *noteLabel(const QString &text)
{
    auto *l = new QLabel(text);
    l->setWordWrap(true);
    QPalette pal = l->palette();
    QColor muted = pal.color(QPalette::WindowText);
    muted.setAlphaF(0.62);
    pal.setColor(QPalette::WindowText, muted);
    l->setPalette(pal);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 0.92);
    l->setFont(f);
    return l;
}

QLabel *problemLabel()
{
    auto *l = new QLabel;
    l->setWordWrap(true);
    l->setStyleSheet(theme::errorStyle());
    l->setVisible(false);
    return l;
}

void setProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void onReturn(QLineEdit *edit, std::function<void()> action)
{
    edit->installEventFilter(new ReturnFilter(edit, std::move(action)));
}

void padButton(QAbstractButton *button)
{
    const int padding = button->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2;
    button->setMinimumWidth(button->sizeHint().width() + padding);
}

QAction *addRevealAction(QLineEdit *edit)
{
    const QColor colour = edit->palette().color(QPalette::Text);
    const QIcon show = eyeIcon(false, colour);
    const QIcon hide = eyeIcon(true, colour);
    auto *action = edit->addAction(show, QLineEdit::TrailingPosition);
    action->setObjectName(QStringLiteral("revealAction"));
    action->setCheckable(true);
    const QString showText = QApplication::translate("assay::wizardui", "Show the secret");
    const QString hideText = QApplication::translate("assay::wizardui", "Hide the secret");
    action->setToolTip(showText);
    action->setText(showText);
    QObject::connect(action, &QAction::toggled, edit, [=](bool revealed) {
        edit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
        action->setIcon(revealed ? hide : show);
        action->setToolTip(revealed ? hideText : showText);
        action->setText(revealed ? hideText : showText);
    });
    return action;
}

} // namespace assay::wizardui
