#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtNumeric>

namespace assay {

namespace check_status {
inline const QString kActive = QStringLiteral("Active");
inline const QString kDraft = QStringLiteral("Draft");
inline const QString kArchived = QStringLiteral("Archived");
} // namespace check_status

// A data-quality check on one container: a rule from the rule catalogue (app/checks) applied
// to fields with rule-specific properties. Inferred by Profile or written by a person.
struct Check
{
    qint64 id = 0;
    qint64 datastoreId = 0;
    qint64 containerId = 0;
    QString containerName; // filled when read from the Catalog
    QString rule;          // API name, camelCase: "notNull", "between", ...
    QStringList fields;
    QJsonObject properties; // rule-specific: min, max, list, pattern, value, ...
    double coverage = 1.0;  // < 1: a shape expectation (that share of records must pass)
    QString filter;         // a SQL boolean over the container, may hold {{variables}}
    QString description;
    QStringList tags;
    QString status = check_status::kActive; // Active, Draft, Archived
    bool inferred = false;                  // written by Profile's inference
    int inferenceLevel = 0;                 // the level that inferred it (0 for authored checks)
    // Set once a person edits an inferred check: re-profiling then leaves it alone.
    bool userEdited = false;
    qint64 operationId = 0; // the Profile operation that last inferred it
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const Check &o) const
    {
        return id == o.id && datastoreId == o.datastoreId && containerId == o.containerId &&
               rule == o.rule && fields == o.fields && properties == o.properties &&
               coverage == o.coverage && filter == o.filter && description == o.description &&
               tags == o.tags && status == o.status && inferred == o.inferred &&
               inferenceLevel == o.inferenceLevel && userEdited == o.userEdited;
    }
    bool operator!=(const Check &o) const { return !(*this == o); }
};

// What one Scan measured of one check on one container: records asserted and failing.
// How a check's metric says a constraint answered it: its details start so (stored data, the
// same in every language), and what follows says which constraint.
inline constexpr QLatin1String kGuaranteedDetail{"Guaranteed by "};

struct CheckMetric
{
    qint64 operationId = 0;
    qint64 checkId = 0;
    qint64 containerId = 0;
    qint64 assertedRecords = 0;
    qint64 anomalousRecords = 0;
    QString result; // "passed", "failed", "unasserted", "not_applicable"
    QString details;
    // For the checks that keep a history: the figure measured (a record count, an age, a
    // metric's value), the figure judged (the same, or its change) and the band the judged figure
    // was held against; NaN when there is none.
    double measured = qQNaN();
    double observed = qQNaN();
    double expectedLow = qQNaN();
    double expectedHigh = qQNaN();

    bool guaranteed() const { return details.startsWith(kGuaranteedDetail); }
};

} // namespace assay
