#pragma once

// The keyboard audit every dialog passes: a first focus on something to type into or choose
// (not a button, not nothing), each Alt+letter taken by one visible control only, and a
// default button so Enter does the dialog's main action.
#include <QAbstractButton>
#include <QApplication>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTabWidget>
#include <QTest>
#include <QWidget>

namespace assay::test {

// The mnemonic letter of `text` ("&Name" -> 'n'), or a null char when it has none ("&&" is a
// literal ampersand).
inline QChar mnemonicOf(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return QChar();
}

// What is wrong with `dialog`'s keyboard use, shown and with its focus settled; empty when
// nothing is. Labels count only when they have a buddy (else their '&' does nothing).
inline QString keyboardProblems(QWidget *dialog)
{
    QStringList problems;
    QWidget *focus = QApplication::focusWidget();
    if (!focus || !dialog->isAncestorOf(focus))
        problems << QStringLiteral("no control has the focus");
    else if (qobject_cast<QAbstractButton *>(focus) && !focus->inherits("QRadioButton") &&
             !focus->inherits("QCheckBox"))
        problems << QStringLiteral("the focus is on the button “%1”")
                        .arg(qobject_cast<QAbstractButton *>(focus)->text());

    QHash<QChar, QStringList> owners;
    const auto take = [&](const QString &text, const QWidget *w) {
        const QChar m = mnemonicOf(text);
        if (!m.isNull() && w->isVisible() && w->isEnabled())
            owners[m] << text;
    };
    for (const QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
        take(b->text(), b);
    for (const QLabel *l : dialog->findChildren<QLabel *>())
        if (l->buddy())
            take(l->text(), l);
    for (const QGroupBox *g : dialog->findChildren<QGroupBox *>())
        if (g->isCheckable())
            take(g->title(), g);
    for (const QTabWidget *t : dialog->findChildren<QTabWidget *>())
        for (int i = 0; i < t->count(); ++i)
            if (t->isVisible())
                take(t->tabText(i), t);
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        if (it.value().size() > 1)
            problems << QStringLiteral("Alt+%1 is taken by %2")
                            .arg(it.key().toUpper(), it.value().join(QStringLiteral(", ")));

    bool hasDefault = false;
    for (const QPushButton *b : dialog->findChildren<QPushButton *>())
        hasDefault = hasDefault || (b->isDefault() && b->isVisible());
    if (!hasDefault)
        problems << QStringLiteral("no default button for Enter");
    return problems.join(QStringLiteral("; "));
}

} // namespace assay::test

// Shows `dialog`, waits until it is the active window and verifies keyboardProblems().
#define ASSAY_VERIFY_KEYBOARD(dialog)                                                              \
    do {                                                                                           \
        (dialog)->show();                                                                          \
        (dialog)->activateWindow();                                                                \
        QVERIFY(QTest::qWaitForWindowActive(dialog));                                              \
        QTRY_VERIFY2(assay::test::keyboardProblems(dialog).isEmpty(),                              \
                     qPrintable(assay::test::keyboardProblems(dialog)));                           \
    } while (0)
