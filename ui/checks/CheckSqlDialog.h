#pragma once

#include "models/domain/Check.h"

#include <QDialog>

class QPlainTextEdit;

namespace assay {

class Catalog;

// "Show SQL": the query a scan runs for a check, in the datastore's own dialect, with the
// values inlined for reading (scans bind them). Read-only, with Copy.
class CheckSqlDialog : public QDialog
{
    Q_OBJECT
public:
    CheckSqlDialog(Catalog *catalog, const Check &check, QWidget *parent = nullptr);

    QString sql() const;
    QPlainTextEdit *sqlView() const { return m_view; }

    // The SQL for `check` as the Catalog describes its datastore (quick Catalog reads only).
    static QString sqlFor(Catalog *catalog, const Check &check);

private:
    QPlainTextEdit *m_view;
};

} // namespace assay
