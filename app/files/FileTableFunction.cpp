#include "files/FileTableFunction.h"

#include "files/FileRecords.h"

#include <vector>

#ifdef ASSAY_HAS_DUCKDB
#include <duckdb.h>
#endif

namespace assay {

void FileRegistry::set(const QString &key, FileReadSpec spec)
{
    QMutexLocker lock(&m_mutex);
    m_specs.insert(key, std::make_shared<const FileReadSpec>(std::move(spec)));
}

std::shared_ptr<const FileReadSpec> FileRegistry::spec(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_specs.value(key);
}

std::shared_ptr<FileProblems> FileRegistry::problems(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_problems.find(key);
    if (it == m_problems.end())
        it = m_problems.insert(key, std::make_shared<FileProblems>());
    return *it;
}

#ifdef ASSAY_HAS_DUCKDB

namespace {

duckdb_type duckTypeOf(FileValueType type)
{
    switch (type) {
    case FileValueType::Integral:
        return DUCKDB_TYPE_BIGINT;
    case FileValueType::Fractional:
        return DUCKDB_TYPE_DOUBLE;
    case FileValueType::Boolean:
        return DUCKDB_TYPE_BOOLEAN;
    case FileValueType::Date:
        return DUCKDB_TYPE_DATE;
    case FileValueType::Timestamp:
        return DUCKDB_TYPE_TIMESTAMP;
    case FileValueType::Text:
        break;
    }
    return DUCKDB_TYPE_VARCHAR;
}

struct BindData
{
    std::shared_ptr<const FileReadSpec> spec;
    std::shared_ptr<FileProblems> problems;
};

struct ScanState
{
    std::shared_ptr<const FileReadSpec> spec;
    std::shared_ptr<FileProblems> problems;
    std::vector<idx_t> projection; // output columns wanted, by index
    int fileIndex = -1;
    std::unique_ptr<FileRecords> current;
    QByteArray currentName;

    ~ScanState() { finishFile(); }

    void finishFile()
    {
        if (current)
            problems->record(current->file().name, current->report());
        current.reset();
    }

    // The next file that opens; false when none is left.
    bool nextFile()
    {
        finishFile();
        while (++fileIndex < spec->files.size()) {
            auto records = std::make_unique<FileRecords>(*spec, spec->files.at(fileIndex));
            if (records->open()) {
                current = std::move(records);
                currentName = current->file().name.toUtf8();
                return true;
            }
            problems->record(records->file().name, records->report());
        }
        return false;
    }
};

void setNull(duckdb_vector vector, idx_t row)
{
    duckdb_vector_ensure_validity_writable(vector);
    duckdb_validity_set_row_invalid(duckdb_vector_get_validity(vector), row);
}

void bindFunction(duckdb_bind_info info)
{
    auto *registry = static_cast<FileRegistry *>(duckdb_bind_get_extra_info(info));
    duckdb_value keyValue = duckdb_bind_get_parameter(info, 0);
    char *keyText = duckdb_get_varchar(keyValue);
    const QString key = QString::fromUtf8(keyText ? keyText : "");
    duckdb_free(keyText);
    duckdb_destroy_value(&keyValue);
    auto data = std::make_unique<BindData>();
    data->spec = registry->spec(key);
    if (!data->spec) {
        duckdb_bind_set_error(info, "no file container is registered under this key");
        return;
    }
    data->problems = registry->problems(key);
    const auto add = [info](const QString &name, duckdb_type type) {
        duckdb_logical_type t = duckdb_create_logical_type(type);
        duckdb_bind_add_result_column(info, name.toUtf8().constData(), t);
        duckdb_destroy_logical_type(&t);
    };
    for (const FileColumn &c : data->spec->columns)
        add(c.name, duckTypeOf(c.type));
    add(data->spec->fileColumn, DUCKDB_TYPE_VARCHAR);
    add(data->spec->lineColumn, DUCKDB_TYPE_BIGINT);
    add(data->spec->modifiedColumn, DUCKDB_TYPE_TIMESTAMP);
    duckdb_bind_set_bind_data(info, data.release(),
                              [](void *p) { delete static_cast<BindData *>(p); });
}

void initFunction(duckdb_init_info info)
{
    auto *data = static_cast<BindData *>(duckdb_init_get_bind_data(info));
    auto state = std::make_unique<ScanState>();
    state->spec = data->spec;
    state->problems = data->problems;
    const idx_t n = duckdb_init_get_column_count(info);
    for (idx_t i = 0; i < n; ++i)
        state->projection.push_back(duckdb_init_get_column_index(info, i));
    // One file at a time, in order: rows come out in file order, lines counted as read.
    duckdb_init_set_max_threads(info, 1);
    duckdb_init_set_init_data(info, state.release(),
                              [](void *p) { delete static_cast<ScanState *>(p); });
}

// Writes column `column` (a data column) of the current record into `vector` at `row`.
void writeValue(ScanState &s, int column, duckdb_vector vector, idx_t row)
{
    FileRecords &r = *s.current;
    if (r.isNull(column)) {
        setNull(vector, row);
        return;
    }
    const std::string_view text = r.text(column);
    const FileColumn &c = s.spec->columns.at(column);
    bool ok = true;
    switch (c.type) {
    case FileValueType::Text:
        duckdb_vector_assign_string_element_len(vector, row, text.data(), idx_t(text.size()));
        return;
    case FileValueType::Integral:
        ok = value_parsing::integral(text,
                                     static_cast<int64_t *>(duckdb_vector_get_data(vector)) + row);
        break;
    case FileValueType::Fractional:
        ok = value_parsing::fractional(text,
                                       static_cast<double *>(duckdb_vector_get_data(vector)) + row);
        break;
    case FileValueType::Boolean:
        ok =
            value_parsing::boolean(text, static_cast<bool *>(duckdb_vector_get_data(vector)) + row);
        break;
    case FileValueType::Date: {
        int32_t days = 0;
        ok = value_parsing::date(text, &days);
        static_cast<duckdb_date *>(duckdb_vector_get_data(vector))[row].days = days;
        break;
    }
    case FileValueType::Timestamp: {
        int64_t micros = 0;
        ok = value_parsing::timestamp(text, &micros);
        static_cast<duckdb_timestamp *>(duckdb_vector_get_data(vector))[row].micros = micros;
        break;
    }
    }
    if (ok)
        return;
    // Not a value of the column's type: missing here, counted for the field's note.
    setNull(vector, row);
    FileMismatches &m = r.report().mismatches[c.name];
    if (m.count++ == 0) {
        m.firstFile = r.file().name;
        m.firstLine = r.line();
        m.firstValue = QString::fromUtf8(text.data(), qsizetype(qMin<size_t>(text.size(), 60)));
    }
}

void scanFunction(duckdb_function_info info, duckdb_data_chunk output)
{
    auto &s = *static_cast<ScanState *>(duckdb_function_get_init_data(info));
    const idx_t capacity = duckdb_vector_size();
    const int dataColumns = int(s.spec->columns.size());
    std::vector<duckdb_vector> vectors;
    for (idx_t k = 0; k < s.projection.size(); ++k)
        vectors.push_back(duckdb_data_chunk_get_vector(output, k));
    idx_t row = 0;
    while (row < capacity) {
        if (!s.current && !s.nextFile())
            break;
        if (!s.current->next()) {
            s.finishFile();
            continue;
        }
        for (size_t k = 0; k < s.projection.size(); ++k) {
            const int column = int(s.projection[k]);
            duckdb_vector v = vectors[k];
            if (column < dataColumns) {
                writeValue(s, column, v, row);
            } else if (column == dataColumns) {
                duckdb_vector_assign_string_element_len(v, row, s.currentName.constData(),
                                                        idx_t(s.currentName.size()));
            } else if (column == dataColumns + 1) {
                static_cast<int64_t *>(duckdb_vector_get_data(v))[row] = s.current->line();
            } else {
                const QDateTime modified = s.current->file().modified;
                if (modified.isValid())
                    static_cast<duckdb_timestamp *>(duckdb_vector_get_data(v))[row].micros =
                        modified.toMSecsSinceEpoch() * 1000;
                else
                    setNull(v, row);
            }
        }
        ++row;
    }
    duckdb_data_chunk_set_size(output, row);
}

} // namespace

bool registerFileTableFunction(void *connection, FileRegistry *registry, QString *error)
{
    duckdb_table_function function = duckdb_create_table_function();
    duckdb_table_function_set_name(function, "assay_read");
    duckdb_logical_type varchar = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    duckdb_table_function_add_parameter(function, varchar);
    duckdb_destroy_logical_type(&varchar);
    duckdb_table_function_set_extra_info(function, registry, nullptr);
    duckdb_table_function_set_bind(function, bindFunction);
    duckdb_table_function_set_init(function, initFunction);
    duckdb_table_function_set_function(function, scanFunction);
    duckdb_table_function_supports_projection_pushdown(function, true);
    const bool ok = duckdb_register_table_function(static_cast<duckdb_connection>(connection),
                                                   function) == DuckDBSuccess;
    duckdb_destroy_table_function(&function);
    if (!ok && error)
        *error = QStringLiteral("DuckDB refused the file table function");
    return ok;
}

#else

bool registerFileTableFunction(void *, FileRegistry *, QString *error)
{
    if (error)
        *error = QStringLiteral("this build has no file engine (DuckDB)");
    return false;
}

#endif

} // namespace assay
