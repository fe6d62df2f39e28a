#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcTranslations, "assay.translations")

namespace assay {

bool installTranslations(QCoreApplication &app)
{
    const QString resourceDir = QStringLiteral(":/i18n");
    const QStringList languages = QLocale().uiLanguages();
    for (const QString &language : languages) {
        const QLocale locale(language);
        if (locale.language() == QLocale::English || locale.language() == QLocale::C)
            break; // the texts in the sources are English: nothing to translate

        auto *translator = new QTranslator(&app);
        if (!translator->load(locale, QStringLiteral("assay"), QStringLiteral("_"), resourceDir)) {
            delete translator;
            continue; // not translated to this language; try the next one the user accepts
        }
        app.installTranslator(translator);
        qCDebug(lcTranslations) << "Assay translation" << translator->filePath() << "for"
                                << language;

        // Qt's own texts in the same language, so the dialogs do not mix two languages.
        auto *qtTranslator = new QTranslator(&app);
        if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            app.installTranslator(qtTranslator);
        } else {
            delete qtTranslator;
        }
        return true;
    }
    qCDebug(lcTranslations) << "no Assay translation for" << languages;
    return false;
}

} // namespace assay
