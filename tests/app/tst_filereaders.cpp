// The file engine's readers, byte by byte: gzip streams, encodings, delimited records (quotes,
// line breaks, oversize records), JSON lines and arrays, typed values, and Sync's reading of a
// folder (names, delimiters, encodings, bounds).
#include "Gzip.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/files/ByteSource.h"
#include "app/files/DelimitedReader.h"
#include "app/files/FileRecords.h"
#include "app/files/JsonRecordReader.h"
#include "app/files/TextEncoding.h"
#include "app/files/ValueParsing.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

namespace {

// Reads a whole source.
QByteArray drain(ByteSource &source, qint64 chunk = 7)
{
    QByteArray out;
    QByteArray buffer(chunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = source.read(buffer.data(), chunk);
        if (n <= 0)
            break;
        out.append(buffer.constData(), n);
    }
    return out;
}

struct Parsed
{
    QList<QStringList> rows;
    QList<qint64> lines;
    QList<qint64> oversize; // lines of skipped records
};

Parsed parse(const QByteArray &text, DelimitedReader::Options options = {})
{
    auto source = fromBytes(text);
    DelimitedReader reader(*source, options);
    Parsed out;
    RecordView r;
    while (reader.next(r)) {
        if (r.oversize) {
            out.oversize << r.line;
            continue;
        }
        QStringList cells;
        for (size_t i = 0; i < r.cells.size(); ++i)
            cells << (r.cells[i].empty() && !r.quoted[i]
                          ? QStringLiteral("<null>")
                          : QString::fromUtf8(r.cells[i].data(), qsizetype(r.cells[i].size())));
        out.rows << cells;
        out.lines << r.line;
    }
    return out;
}

} // namespace

class TestFileReaders : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(content);
        return path;
    }

private slots:
    void gzipStreamsAreInflatedAndTruncationIsReported()
    {
        QByteArray text;
        for (int i = 0; i < 20000; ++i)
            text += "line " + QByteArray::number(i) + "\n";
        const QString path = write(QStringLiteral("a.csv.gz"), test::gzip(text));
        QString error;
        auto source = openLocalFile(path, &error);
        QVERIFY2(source, qPrintable(error));
        QCOMPARE(drain(*source, 4096), text);

        // Two members one after the other read as one stream (cat a.gz b.gz).
        const QString two =
            write(QStringLiteral("two.csv.gz"), test::gzip("a\n") + test::gzip("b\n"));
        auto both = openLocalFile(two, &error);
        QCOMPARE(drain(*both), QByteArray("a\nb\n"));

        // Cut short: the bytes before the cut come out, then an error that says so.
        QByteArray cut = test::gzip(text);
        cut.truncate(cut.size() / 2);
        auto broken = openLocalFile(write(QStringLiteral("cut.csv.gz"), cut), &error);
        QByteArray buffer(1 << 16, Qt::Uninitialized);
        qint64 total = 0, n = 0;
        while ((n = broken->read(buffer.data(), buffer.size())) > 0)
            total += n;
        QCOMPARE(n, qint64(-1));
        QVERIFY(total > 0 && total < text.size());
        QVERIFY2(broken->errorString().contains(QLatin1String("cut short")),
                 qPrintable(broken->errorString()));
    }

    void encodingsAreDetectedAndConverted()
    {
        QCOMPARE(detectEncoding("plain ascii"), TextEncoding::Utf8);
        QCOMPARE(detectEncoding("caf\xc3\xa9"), TextEncoding::Utf8);
        QCOMPARE(detectEncoding("caf\xe9 au lait"), TextEncoding::Latin1);
        // Mostly UTF-8 with a stray junk byte: UTF-8 (the junk is reported where it is).
        QCOMPARE(detectEncoding("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xff"), TextEncoding::Utf8);
        QCOMPARE(detectEncoding("\xef\xbb\xbf"
                                "a"),
                 TextEncoding::Utf8);
        QCOMPARE(detectEncoding(QByteArray("\xff\xfe"
                                           "a\0",
                                           4)),
                 TextEncoding::Utf16LE);
        QCOMPARE(detectEncoding(QByteArray("\xfe\xff\0a", 4)), TextEncoding::Utf16BE);
        // A sequence cut by the end of the sample is no evidence against UTF-8.
        QCOMPARE(detectEncoding("ab\xc3"), TextEncoding::Utf8);
        QCOMPARE(encodingFromName(QStringLiteral("ISO-8859-1")), TextEncoding::Latin1);
        QCOMPARE(encodingFromName(QStringLiteral("UTF_16LE")), TextEncoding::Utf16LE);
        QVERIFY(!encodingFromName(QStringLiteral("ebcdic")));

        const auto decoded = [](const QByteArray &bytes, TextEncoding e) {
            auto s = decodeToUtf8(fromBytes(bytes), e);
            return drain(*s, 3);
        };
        QCOMPARE(decoded("\xef\xbb\xbf"
                         "a,b",
                         TextEncoding::Utf8),
                 QByteArray("a,b"));
        QCOMPARE(decoded("Z\xfcrich", TextEncoding::Latin1), QByteArray("Z\xc3\xbcrich"));
        const QString text = QStringLiteral("a,ü\n");
        QByteArray utf16("\xff\xfe", 2);
        utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        QCOMPARE(decoded(utf16, TextEncoding::Utf16LE), text.toUtf8());

        QVERIFY(isValidUtf8("\xf0\x9f\x98\x80", 4)); // an emoji
        QVERIFY(!isValidUtf8("\xc0\xaf", 2));        // overlong
        QVERIFY(!isValidUtf8("\xed\xa0\x80", 3));    // a surrogate
        QCOMPARE(repairUtf8("a\xffz", 3), QByteArray("a\xef\xbf\xbdz"));
    }

    void delimitedRecordsWithQuotesAndLineBreaks()
    {
        const Parsed p = parse("id,name,note\r\n1,\"Smith, J\",\"say \"\"hi\"\"\"\r\n\r\n"
                               "2,,\"two\nlines\"\n3,\"\",x");
        QCOMPARE(p.rows.size(), 4);
        QCOMPARE(p.rows.at(1), (QStringList{"1", "Smith, J", "say \"hi\""}));
        // An empty line is skipped but counted; a record with a line break spans two.
        QCOMPARE(p.lines, (QList<qint64>{1, 2, 4, 6}));
        QCOMPARE(p.rows.at(2), (QStringList{"2", "<null>", "two\nlines"}));
        // "" is an empty value, an empty cell a missing one.
        QCOMPARE(p.rows.at(3), (QStringList{"3", "", "x"}));

        DelimitedReader::Options semicolon;
        semicolon.delimiter = ';';
        QCOMPARE(parse("a;b\n1;\"x;y\"\n", semicolon).rows.at(1), (QStringList{"1", "x;y"}));
    }

    void oversizeRecordsAreSkippedWithBoundedMemory()
    {
        DelimitedReader::Options small;
        small.maxRecordBytes = 1024;
        QByteArray text = "a,b\n1,2\n";
        text += QByteArray(200000, 'x') + ",y\n"; // a line of junk far over the bound
        text += "3,4\n";
        const Parsed p = parse(text, small);
        QCOMPARE(p.rows.size(), 3);
        QCOMPARE(p.oversize, QList<qint64>{3});
        QCOMPARE(p.rows.last(), (QStringList{"3", "4"}));
        QCOMPARE(p.lines.last(), qint64(4));

        // Cells past the bound are counted, not kept.
        DelimitedReader::Options narrow;
        narrow.maxCells = 3;
        auto source = fromBytes("a,b,c,d,e\n");
        DelimitedReader reader(*source, narrow);
        RecordView r;
        QVERIFY(reader.next(r));
        QCOMPARE(r.cellCount, qsizetype(5));
        QCOMPARE(int(r.cells.size()), 3);
    }

    void jsonLinesAndArrays()
    {
        auto lines = fromBytes("{\"a\": 1, \"b\": \"x\\u00e9\\n\", \"c\": {\"d\": [1, 2]}}\n\n"
                               "not json\n{\"a\": null, \"e\": true}\n");
        JsonRecordReader reader(*lines);
        JsonRecord r;
        QVERIFY(reader.next(r));
        QCOMPARE(r.line, qint64(1));
        QCOMPARE(int(r.members.size()), 3);
        QCOMPARE(QString::fromUtf8(r.members[1].value.data(), int(r.members[1].value.size())),
                 QStringLiteral("xé\n"));
        QCOMPARE(r.members[2].kind, JsonMember::Kind::Nested);
        QCOMPARE(std::string(r.members[2].value), std::string("{\"d\": [1, 2]}"));
        QVERIFY(reader.next(r));
        QCOMPARE(r.line, qint64(3));
        QVERIFY(!r.invalid.isEmpty());
        QVERIFY(reader.next(r));
        QCOMPARE(r.line, qint64(4));
        QCOMPARE(r.members[0].kind, JsonMember::Kind::Null);
        QCOMPARE(r.members[1].kind, JsonMember::Kind::Boolean);
        QVERIFY(!reader.next(r));
        QVERIFY(reader.error().isEmpty());

        auto array = fromBytes(" [\n{\"a\": \"]\"},\n {\"a\": 2} ,{\"a\":\n3}]");
        JsonRecordReader arrayReader(*array);
        QList<qint64> starts;
        while (arrayReader.next(r))
            starts << r.line;
        QCOMPARE(starts, (QList<qint64>{2, 3, 3}));
        QVERIFY(arrayReader.error().isEmpty());

        auto cut = fromBytes("[{\"a\": 1}, {\"a\": ");
        JsonRecordReader cutReader(*cut);
        QVERIFY(cutReader.next(r));
        QVERIFY(!cutReader.next(r));
        QVERIFY(cutReader.error().contains(QLatin1String("cut short")));
    }

    void valuesParseByType()
    {
        int64_t i = 0;
        QVERIFY(value_parsing::integral(" +42 ", &i) && i == 42);
        QVERIFY(value_parsing::integral("-9223372036854775808", &i) &&
                i == std::numeric_limits<int64_t>::min());
        QVERIFY(!value_parsing::integral("9223372036854775808", &i)); // beyond 64 bits
        QVERIFY(!value_parsing::integral("4.5", &i));
        QVERIFY(!value_parsing::integral("n/a", &i));
        double d = 0;
        QVERIFY(value_parsing::fractional("1e3", &d) && d == 1000.0);
        QVERIFY(value_parsing::fractional("-Infinity", &d) && std::isinf(d) && d < 0);
        QVERIFY(value_parsing::fractional("NaN", &d) && std::isnan(d));
        QVERIFY(!value_parsing::fractional("1,5", &d));
        bool b = false;
        QVERIFY(value_parsing::boolean("YES", &b) && b);
        QVERIFY(value_parsing::boolean("f", &b) && !b);
        QVERIFY(!value_parsing::boolean("maybe", &b));
        int32_t days = 0;
        QVERIFY(value_parsing::date("1970-01-02", &days) && days == 1);
        QVERIFY(value_parsing::date("2024-02-29", &days));
        QVERIFY(!value_parsing::date("2023-02-29", &days));
        QVERIFY(!value_parsing::date("2024-13-01", &days));
        int64_t micros = 0;
        QVERIFY(value_parsing::timestamp("1970-01-01T00:00:01.5Z", &micros) && micros == 1500000);
        QVERIFY(value_parsing::timestamp("1970-01-01 02:00:00+02:00", &micros) && micros == 0);
        QVERIFY(value_parsing::timestamp("1969-12-31", &micros) && micros == -86400000000LL);
        QVERIFY(!value_parsing::timestamp("1970-01-01T25:00", &micros));
    }

    // Sync's view of a folder: names made distinct (the source's kept), delimiters and
    // encodings detected, column counts bounded, unreadable files skipped with a reason.
    void folderDiscoveryNamesAndDetects()
    {
        QTemporaryDir folder;
        const auto put = [&folder](const QString &name, const QByteArray &bytes) {
            QFile f(folder.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        put(QStringLiteral("dup.csv"), "a,a,,A\n1,2,3,4\n");
        put(QStringLiteral("semi.csv"), "x;y\n1;\"a;b\"\n2;c\n");
        put(QStringLiteral("latin.csv"), "name\nZ\xfcrich\n");
        put(QStringLiteral("empty.csv"), "");
        put(QStringLiteral("junk.csv"), QByteArray("\x00\x01\x02\x03", 4));
        QByteArray wide;
        for (int i = 0; i < 12000; ++i)
            wide += (i ? "," : "") + QByteArray("c") + QByteArray::number(i);
        put(QStringLiteral("wide.csv"), wide + "\n");
        put(QStringLiteral("arr.json"), "[{\"k\": 1}, {\"k\": 2.5, \"Z\": \"2024-01-01\"}]");

        QVector<DiscoveredContainer> found;
        QString error;
        FolderSyncNotes notes;
        QVERIFY2(discoverFolder(folder.path(), &found, &error, &notes), qPrintable(error));
        QHash<QString, DiscoveredContainer> byName;
        for (const DiscoveredContainer &c : found)
            byName.insert(c.name, c);
        QVERIFY(!byName.contains(QStringLiteral("empty.csv")));
        QVERIFY2(notes.warnings.join('\n').contains(QLatin1String("empty.csv")),
                 qPrintable(notes.warnings.join('\n')));

        const QVector<DiscoveredField> dup = byName.value(QStringLiteral("dup.csv")).fields;
        QStringList names, sources;
        for (const DiscoveredField &f : dup) {
            names << f.name;
            sources << f.sourceName;
        }
        QCOMPARE(names, (QStringList{"a", "a_2", "column_3", "A_3"}));
        QCOMPARE(sources, (QStringList{"", "a", "", "A"}));

        const DiscoveredContainer semi = byName.value(QStringLiteral("semi.csv"));
        QCOMPARE(semi.settings.value(QStringLiteral("delimiter")).toString(), QStringLiteral(";"));
        QCOMPARE(semi.fields.size(), 2);
        QCOMPARE(byName.value(QStringLiteral("latin.csv"))
                     .settings.value(QStringLiteral("encoding"))
                     .toString(),
                 QStringLiteral("latin-1"));
        QCOMPARE(byName.value(QStringLiteral("wide.csv")).fields.size(), 10000);
        QVERIFY(notes.warnings.join('\n').contains(QLatin1String("12000 columns")));
        const DiscoveredContainer arr = byName.value(QStringLiteral("arr.json"));
        QCOMPARE(arr.fields.size(), 2);
        QCOMPARE(arr.fields.at(0).declaredType, QStringLiteral("fractional"));
        QCOMPARE(arr.fields.at(1).declaredType, QStringLiteral("date"));
        QVERIFY(arr.fields.at(1).nullable);
    }

    // A container's rows, aligned to its columns by the names in each file's own header.
    void recordsAlignByHeaderAndReportProblems()
    {
        FileReadSpec spec;
        spec.columns = {{QStringLiteral("id"), QStringLiteral("id"), FileValueType::Integral, 0},
                        {QStringLiteral("name"), QStringLiteral("name"), FileValueType::Text, 1},
                        {QStringLiteral("x"), QStringLiteral(""), FileValueType::Text, 2}};
        spec.encoding = TextEncoding::Utf8; // as a container's settings may say
        const QString path = write(QStringLiteral("cols.csv"),
                                   "name,id,\n\"\xc3\x85nn\",1,p\nBob,2\nC\xff,3,q,extra\n");
        FileRecords records(spec, {path, QStringLiteral("cols.csv"), {}});
        QVERIFY(records.open());
        QVERIFY(records.next());
        QCOMPARE(std::string(records.text(0)), std::string("1"));
        QCOMPARE(std::string(records.text(1)), std::string("\xc3\x85nn"));
        QCOMPARE(std::string(records.text(2)), std::string("p")); // the unnamed column, by place
        QVERIFY(records.next());
        QVERIFY(records.isNull(2)); // a short row: padded
        QVERIFY(records.next());
        QCOMPARE(records.line(), qint64(4));
        QCOMPARE(QString::fromUtf8(records.text(1).data(), int(records.text(1).size())),
                 QStringLiteral("C\ufffd"));
        QVERIFY(!records.next());
        const FileReport &report = records.report();
        QVERIFY(report.complete);
        QCOMPARE(report.records, qint64(3));
        QStringList problems;
        for (const FileProblem &p : report.problems)
            problems << QStringLiteral("%1:%2:%3").arg(p.line).arg(p.column, p.message);
        QVERIFY2(problems.filter(QStringLiteral("3::the record has 2 fields")).size() == 1,
                 qPrintable(problems.join('\n')));
        QVERIFY2(problems.filter(QStringLiteral("4::the record has 4 fields")).size() == 1,
                 qPrintable(problems.join('\n')));
        QVERIFY2(problems.filter(QStringLiteral("4:name:invalid UTF-8")).size() == 1,
                 qPrintable(problems.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestFileReaders)
#include "tst_filereaders.moc"
