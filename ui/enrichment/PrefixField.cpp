#include "ui/enrichment/PrefixField.h"

#include "app/enrichment/Prefix.h"
#include "ui/common/Theme.h"
#include "ui/widgets/WizardUi.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace assay {

PrefixField::PrefixField(QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit), m_normalized(wizardui::noteLabel(QString())),
      m_counter(wizardui::noteLabel(QString())), m_problem(wizardui::problemLabel())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    m_edit->setObjectName(QStringLiteral("prefixEdit"));
    m_edit->setPlaceholderText(tr("e.g. Analytics Bronze"));
    m_edit->setAccessibleName(tr("Prefix"));
    m_edit->setToolTip(tr("Starts the name of every table Assay writes for this datastore into "
                          "the enrichment datastore. Give each source datastore its own."));
    m_normalized->setObjectName(QStringLiteral("prefixNormalized"));
    m_normalized->setWordWrap(false);
    // A 60-character prefix must not widen the dialog: the line is elided to the space there is.
    m_normalized->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_normalized->setMinimumWidth(40);
    m_normalized->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counter->setObjectName(QStringLiteral("prefixCounter"));
    m_counter->setWordWrap(false);
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_problem->setObjectName(QStringLiteral("prefixProblem"));

    auto *helper = new QHBoxLayout;
    helper->setContentsMargins(2, 0, 2, 0);
    helper->setSpacing(12);
    helper->addWidget(m_normalized, 1);
    helper->addWidget(m_counter);
    layout->addWidget(m_edit);
    layout->addLayout(helper);
    layout->addWidget(m_problem);
    setFocusProxy(m_edit);

    connect(m_edit, &QLineEdit::textEdited, this, [this] { m_touched = true; });
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        refresh();
        emit changed();
    });
    refresh();
}

QString PrefixField::input() const
{
    return m_edit->text();
}

void PrefixField::setInput(const QString &text)
{
    m_edit->setText(text);
}

QString PrefixField::normalized() const
{
    return normalizeEnrichmentPrefix(m_edit->text());
}

QString PrefixField::problem() const
{
    return validateEnrichmentPrefix(normalized());
}

void PrefixField::refresh()
{
    const QString prefix = normalized();
    const int length = int(prefix.size());
    if (prefix.isEmpty()) {
        m_normalizedText = tr("Saved as _snake_case: letters, digits and underscores");
        m_normalized->setToolTip(QString());
    } else {
        m_normalizedText = tr("Saved as %1").arg(prefix);
        m_normalized->setToolTip(
            tr("%1\nTables: %2, …")
                .arg(m_normalizedText, enrichmentTableNames(prefix).mid(0, 2).join(tr(", "))));
    }
    m_normalized->setAccessibleName(m_normalizedText);
    showNormalized();
    m_counter->setText(tr("%1/%2").arg(length).arg(kMaxPrefixLength));
    const bool tooLong = length > kMaxPrefixLength;
    m_counter->setStyleSheet(
        tooLong ? QStringLiteral("color: %1; font-weight: bold;").arg(theme::errorColour())
                : QString());
    m_counter->setAccessibleName(
        tr("%1 of at most %2 characters").arg(length).arg(kMaxPrefixLength));
    // An empty field is not an error until the user typed in it; a useless one is.
    const bool show = m_touched || !m_edit->text().isEmpty();
    wizardui::setProblem(m_problem, show ? problem() : QString());
}

void PrefixField::showNormalized()
{
    const int width = qMax(m_normalized->width(), 40);
    m_normalized->setText(
        m_normalized->fontMetrics().elidedText(m_normalizedText, Qt::ElideMiddle, width));
}

void PrefixField::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    showNormalized();
}

} // namespace assay
