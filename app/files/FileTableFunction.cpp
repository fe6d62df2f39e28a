#include "app/files/FileTableFunction.h"

#include "app/files/FileRecords.h"

#include <cmath>
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

double RecordReservoir::uniform()
{
    // In (0, 1): never 0, whose logarithm Algorithm L takes.
    return (double(m_random() >> 11) + 0.5) / 9007199254740992.0;
}

void RecordReservoir::drawNext()
{
    m_w *= std::exp(std::log(uniform()) / kRows);
    m_next += qint64(std::floor(std::log(uniform()) / std::log1p(-m_w))) + 1;
}

void RecordReservoir::restart()
{
    m_building.clear();
    m_seen = 0;
    m_slot = -1;
    m_random.seed(42);
    m_w = 1.0;
    m_next = kRows - 1;
    drawNext();
}

bool RecordReservoir::wants()
{
    const qint64 seen = m_seen++;
    if (seen < kRows) {
        m_slot = seen;
        return true;
    }
    if (seen != m_next)
        return false;
    m_slot = qint64(m_random() % quint64(kRows));
    drawNext();
    return true;
}

void RecordReservoir::keep(Row row)
{
    if (m_slot < 0)
        return;
    if (m_slot >= qint64(m_building.size()))
        m_building.push_back(std::move(row));
    else
        m_building[size_t(m_slot)] = std::move(row);
    m_slot = -1;
}

void RecordReservoir::complete()
{
    QMutexLocker lock(&m_mutex);
    m_ready.swap(m_building);
    m_building.clear();
    m_hasReady = true;
}

bool RecordReservoir::isReady() const
{
    QMutexLocker lock(&m_mutex);
    return m_hasReady;
}

std::vector<RecordReservoir::Row> RecordReservoir::rows() const
{
    QMutexLocker lock(&m_mutex);
    return m_ready;
}

std::shared_ptr<RecordReservoir> FileRegistry::reservoir(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_reservoirs.find(key);
    if (it == m_reservoirs.end())
        it = m_reservoirs.insert(key, std::make_shared<RecordReservoir>());
    return *it;
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
    std::shared_ptr<RecordReservoir> reservoir;
};

void setNull(duckdb_vector vector, idx_t row)
{
    duckdb_vector_ensure_validity_writable(vector);
    duckdb_validity_set_row_invalid(duckdb_vector_get_validity(vector), row);
}

// Writes one value, given as text, into `vector` at `row` as its column's type. False when the
// text is not a value of that type (the value is then null).
bool writeText(FileValueType type, std::string_view text, duckdb_vector vector, idx_t row)
{
    bool ok = true;
    switch (type) {
    case FileValueType::Text:
        duckdb_vector_assign_string_element_len(vector, row, text.data(), idx_t(text.size()));
        return true;
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
    if (!ok)
        setNull(vector, row);
    return ok;
}

void writeTimestamp(const QDateTime &at, duckdb_vector vector, idx_t row)
{
    if (at.isValid())
        static_cast<duckdb_timestamp *>(duckdb_vector_get_data(vector))[row].micros =
            at.toMSecsSinceEpoch() * 1000;
    else
        setNull(vector, row);
}

// One statement's read of a container's files.
struct ScanState
{
    std::shared_ptr<const FileReadSpec> spec;
    std::shared_ptr<FileProblems> problems;
    std::shared_ptr<RecordReservoir> reservoir;
    bool collect = false; // keep a sample: every data column is read, from the first record
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

    // The next file that opens; false when none is left (the read is then complete).
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
        if (collect)
            reservoir->complete();
        collect = false;
        return false;
    }

    // Offers the current record to the sample.
    void offer()
    {
        if (!reservoir->wants())
            return;
        RecordReservoir::Row row;
        row.file = fileIndex;
        row.line = current->line();
        for (int c = 0; c < spec->columns.size(); ++c)
            if (current->isNull(c))
                row.cells.emplace_back(std::nullopt);
            else
                row.cells.emplace_back(std::string(current->text(c)));
        reservoir->keep(std::move(row));
    }

    // Writes column `column` (a data column) of the current record.
    void writeValue(int column, duckdb_vector vector, idx_t row)
    {
        FileRecords &r = *current;
        if (r.isNull(column)) {
            setNull(vector, row);
            return;
        }
        const std::string_view text = r.text(column);
        const FileColumn &c = spec->columns.at(column);
        if (writeText(c.type, text, vector, row))
            return;
        // Not a value of the column's type: missing here, counted for the field's note.
        FileMismatches &m = r.report().mismatches[c.name];
        if (m.count++ == 0) {
            m.firstFile = r.file().name;
            m.firstLine = r.line();
            m.firstValue = QString::fromUtf8(text.data(), qsizetype(qMin<size_t>(text.size(), 60)));
        }
    }
};

QString keyOf(duckdb_bind_info info)
{
    duckdb_value keyValue = duckdb_bind_get_parameter(info, 0);
    char *keyText = duckdb_get_varchar(keyValue);
    const QString key = QString::fromUtf8(keyText ? keyText : "");
    duckdb_free(keyText);
    duckdb_destroy_value(&keyValue);
    return key;
}

// Both functions give the container's columns, then its file, line and modification time.
void bindFunction(duckdb_bind_info info)
{
    auto *registry = static_cast<FileRegistry *>(duckdb_bind_get_extra_info(info));
    const QString key = keyOf(info);
    auto data = std::make_unique<BindData>();
    data->spec = registry->spec(key);
    if (!data->spec) {
        duckdb_bind_set_error(info, "no file container is registered under this key");
        return;
    }
    data->problems = registry->problems(key);
    data->reservoir = registry->reservoir(key);
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

std::vector<idx_t> projectionOf(duckdb_init_info info)
{
    std::vector<idx_t> out;
    const idx_t n = duckdb_init_get_column_count(info);
    for (idx_t i = 0; i < n; ++i)
        out.push_back(duckdb_init_get_column_index(info, i));
    return out;
}

void readInit(duckdb_init_info info)
{
    auto *data = static_cast<BindData *>(duckdb_init_get_bind_data(info));
    auto state = std::make_unique<ScanState>();
    state->spec = data->spec;
    state->problems = data->problems;
    state->reservoir = data->reservoir;
    state->projection = projectionOf(info);
    // A read of every data column keeps a sample of the records as it goes.
    qsizetype dataColumns = 0;
    for (const idx_t c : state->projection)
        dataColumns += c < idx_t(data->spec->columns.size()) ? 1 : 0;
    state->collect = dataColumns == data->spec->columns.size();
    if (state->collect)
        state->reservoir->restart();
    // One file at a time, in order: rows come out in file order, lines counted as read.
    duckdb_init_set_max_threads(info, 1);
    duckdb_init_set_init_data(info, state.release(),
                              [](void *p) { delete static_cast<ScanState *>(p); });
}

void readFunction(duckdb_function_info info, duckdb_data_chunk output)
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
        if (s.collect)
            s.offer();
        for (size_t k = 0; k < s.projection.size(); ++k) {
            const int column = int(s.projection[k]);
            duckdb_vector v = vectors[k];
            if (column < dataColumns)
                s.writeValue(column, v, row);
            else if (column == dataColumns)
                duckdb_vector_assign_string_element_len(v, row, s.currentName.constData(),
                                                        idx_t(s.currentName.size()));
            else if (column == dataColumns + 1)
                static_cast<int64_t *>(duckdb_vector_get_data(v))[row] = s.current->line();
            else
                writeTimestamp(s.current->file().modified, v, row);
        }
        ++row;
    }
    duckdb_data_chunk_set_size(output, row);
}

// assay_sample: the records of the container's sample, in the order the sample keeps them
// (any first n of them are a uniform sample of n).
struct SampleState
{
    std::shared_ptr<const FileReadSpec> spec;
    std::vector<RecordReservoir::Row> rows;
    std::vector<QByteArray> fileNames;
    std::vector<idx_t> projection;
    size_t next = 0;
};

void sampleInit(duckdb_init_info info)
{
    auto *data = static_cast<BindData *>(duckdb_init_get_bind_data(info));
    auto state = std::make_unique<SampleState>();
    state->spec = data->spec;
    state->projection = projectionOf(info);
    if (!data->reservoir->isReady()) {
        // No full read kept one: read every record now, keeping the sample.
        ScanState read;
        read.spec = data->spec;
        read.problems = data->problems;
        read.reservoir = data->reservoir;
        read.collect = true;
        data->reservoir->restart();
        while (read.current || read.nextFile()) {
            if (!read.current->next()) {
                read.finishFile();
                continue;
            }
            read.offer();
        }
    }
    state->rows = data->reservoir->rows();
    for (const FileInput &f : data->spec->files)
        state->fileNames.push_back(f.name.toUtf8());
    duckdb_init_set_max_threads(info, 1);
    duckdb_init_set_init_data(info, state.release(),
                              [](void *p) { delete static_cast<SampleState *>(p); });
}

void sampleFunction(duckdb_function_info info, duckdb_data_chunk output)
{
    auto &s = *static_cast<SampleState *>(duckdb_function_get_init_data(info));
    const idx_t capacity = duckdb_vector_size();
    const int dataColumns = int(s.spec->columns.size());
    idx_t row = 0;
    for (; row < capacity && s.next < s.rows.size(); ++row, ++s.next) {
        const RecordReservoir::Row &r = s.rows[s.next];
        for (size_t k = 0; k < s.projection.size(); ++k) {
            const int column = int(s.projection[k]);
            duckdb_vector v = duckdb_data_chunk_get_vector(output, k);
            if (column < dataColumns) {
                const std::optional<std::string> &cell = r.cells[size_t(column)];
                if (!cell)
                    setNull(v, row);
                else
                    writeText(s.spec->columns.at(column).type, *cell, v, row);
            } else if (column == dataColumns) {
                const QByteArray &name = s.fileNames[size_t(r.file)];
                duckdb_vector_assign_string_element_len(v, row, name.constData(),
                                                        idx_t(name.size()));
            } else if (column == dataColumns + 1) {
                static_cast<int64_t *>(duckdb_vector_get_data(v))[row] = r.line;
            } else {
                writeTimestamp(s.spec->files.at(r.file).modified, v, row);
            }
        }
    }
    duckdb_data_chunk_set_size(output, row);
}

bool registerFunction(duckdb_connection connection, FileRegistry *registry, const char *name,
                      duckdb_table_function_init_t init, duckdb_table_function_t function)
{
    duckdb_table_function f = duckdb_create_table_function();
    duckdb_table_function_set_name(f, name);
    duckdb_logical_type varchar = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    duckdb_table_function_add_parameter(f, varchar);
    duckdb_destroy_logical_type(&varchar);
    duckdb_table_function_set_extra_info(f, registry, nullptr);
    duckdb_table_function_set_bind(f, bindFunction);
    duckdb_table_function_set_init(f, init);
    duckdb_table_function_set_function(f, function);
    duckdb_table_function_supports_projection_pushdown(f, true);
    const bool ok = duckdb_register_table_function(connection, f) == DuckDBSuccess;
    duckdb_destroy_table_function(&f);
    return ok;
}

} // namespace

bool registerFileTableFunction(void *connection, FileRegistry *registry, QString *error)
{
    auto c = static_cast<duckdb_connection>(connection);
    const bool ok = registerFunction(c, registry, "assay_read", readInit, readFunction) &&
                    registerFunction(c, registry, "assay_sample", sampleInit, sampleFunction);
    if (!ok && error)
        *error = QStringLiteral("DuckDB refused the file engine's table functions");
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
