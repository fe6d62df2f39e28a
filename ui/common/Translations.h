#pragma once

class QCoreApplication;

namespace assay {

// Installs the translation of Assay's texts for the user's preferred UI language, from the
// ":/i18n/assay_<locale>.qm" files built out of resources/translations/*.ts, together with Qt's
// own texts (standard buttons and dialogs) in the same language when the Qt installation has them.
// The source texts are English, so an English preference ahead of any translated language keeps
// them. Returns true when an Assay translation was installed. Call it once, after the application
// object exists and before any window is created; the translators are children of `app`.
bool installTranslations(QCoreApplication &app);

} // namespace assay
