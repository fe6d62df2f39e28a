#pragma once

// The data bench_detection measures: a small shop (customers, orders, order_items) drawn from
// a fixed population with a PRNG of our own, so every run and every machine writes the same
// rows. Four copies:
//   clean  - seed A, the copy Profile learns from;
//   draw2  - seed B: a second, independent draw of the same population, same sizes;
//   grown  - seed A with 10% more rows in every table: exactly the clean rows, then new ones
//            whose keys and dates continue past the clean copy's last ones;
//   dirty  - the clean copy with defects injected at known rows (the manifest).
// Each row draws from its own stream (seed, table, row number), which is what lets the grown
// copy start with the clean rows.
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

namespace assay::bench::detection {

// --- PRNG: splitmix64 to seed, xoshiro256** to draw; uniform and normal helpers of our own so
// no standard-library distribution decides the data.

inline std::uint64_t splitmix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng
{
public:
    Rng(std::uint64_t seed, std::uint64_t stream = 0, std::uint64_t index = 0)
    {
        std::uint64_t x = seed * 0x2545F4914F6CDD1DULL ^ (stream << 48) ^ index;
        for (std::uint64_t &w : m_s)
            w = splitmix64(x);
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }   // [0, 1)
    int below(int n) { return int(uniform() * n); }                 // [0, n)
    int between(int lo, int hi) { return lo + below(hi - lo + 1); } // [lo, hi]
    bool chance(double p) { return uniform() < p; }
    double normal(double mean, double sd)
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    // An index drawn with the given cumulative weights.
    int pick(const std::vector<double> &cumulative)
    {
        const double r = uniform() * cumulative.back();
        return int(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

inline std::vector<double> cumulative(const std::vector<double> &weights)
{
    std::vector<double> out;
    double sum = 0;
    for (double w : weights)
        out.push_back(sum += w);
    return out;
}

inline std::vector<double> zipf(int n, double exponent)
{
    std::vector<double> w;
    for (int i = 1; i <= n; ++i)
        w.push_back(1.0 / std::pow(double(i), exponent));
    return cumulative(w);
}

// --- The population.

inline const QStringList &firstNames()
{
    static const QStringList names =
        QStringLiteral(
            "Anna Ben Clara David Emma Felix Grace Henry Isla Jack Kara Liam Maya Noah Olivia Paul "
            "Quinn Rosa Sam Tara Uma Victor Wendy Xavier Yara Zoe Adam Bella Carl Diana Ethan "
            "Fiona "
            "George Hannah Ivan Julia Kevin Laura Martin Nina Oscar Petra Rafael Sofia Thomas "
            "Ursula "
            "Vera William Alice Bruno Chloe Daniel Elena Frank Gina Hugo Irene Jonas Lena Marco")
            .split(u' ');
    return names;
}

inline const QStringList &lastNames()
{
    static const QStringList names =
        QStringLiteral(
            "Smith Johnson Brown Taylor Miller Wilson Moore Clark Lewis Walker Hall Allen Young "
            "King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter "
            "Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris Murphy Cook Rogers "
            "Morgan Peterson Cooper Reed Bailey Bell Gomez Kelly Howard Ward Cox Diaz Richardson "
            "Wood Watson Brooks Bennett Gray James Reyes Cruz Hughes Price Myers Long Foster "
            "Sanders Ross Morales Powell Sullivan Russell Ortiz Jenkins Perry Butler Barnes "
            "Fisher Henderson Coleman Simmons Patterson Jordan O'Brien")
            .split(u' ');
    return names;
}

// A name from the open tail: two or three syllables, capitalised ("Kovarin", "Belmo").
template <typename R> QString rareName(R &r, int maxSyllables)
{
    static const QStringList syllables =
        QStringLiteral("ka lo mi ren to sa vel dor an is bel mo tri ga nu ver hol ste fan rik "
                       "zel po lan cor dru mae thi ros")
            .split(u' ');
    QString name;
    const int n = r.between(2, maxSyllables);
    for (int k = 0; k < n; ++k)
        name += syllables.at(r.below(int(syllables.size())));
    name[0] = name[0].toUpper();
    return name;
}

inline const QStringList &emailDomains()
{
    static const QStringList d{QStringLiteral("example.com"),  QStringLiteral("mail.example.org"),
                               QStringLiteral("inbox.test"),   QStringLiteral("post.example.net"),
                               QStringLiteral("webmail.test"), QStringLiteral("shopper.example"),
                               QStringLiteral("corp.example"), QStringLiteral("home.example.com")};
    return d;
}

// 15 countries: few enough for an Expected Values list.
inline const QStringList &countries()
{
    static const QStringList c =
        QStringLiteral("US GB DE FR CA ES IT NL SE PL AU JP BR IE NZ").split(u' ');
    return c;
}
inline const std::vector<double> &countryWeights()
{
    static const std::vector<double> w =
        cumulative({35, 10, 9, 8, 7, 5, 5, 4, 3, 3, 3, 3, 2, 2, 1});
    return w;
}

// 150 cities: a category far beyond 20 distinct values, Zipf-weighted.
inline const QStringList &cities()
{
    static const QStringList c = [] {
        const QStringList prefixes =
            QStringLiteral("North South East West Port Lake Mount New Fort Glen Bay Cedar Oak "
                           "River Stone")
                .split(u' ');
        const QStringList suffixes =
            QStringLiteral("field ford haven ville bridge wood ton burg dale mouth").split(u' ');
        QStringList out;
        for (const QString &s : suffixes)
            for (const QString &p : prefixes)
                out << p + s;
        return out;
    }();
    return c;
}

// 60 product categories: another category beyond 20 values.
inline const QStringList &categories()
{
    static const QStringList c =
        QStringLiteral(
            "Audio Baby Bags Bath Bedding Bikes Books Cameras Camping Candles Cleaning Clocks "
            "Coffee Computers Cookware Crafts Cycling Decor Drinks Fishing Fitness Flooring "
            "Footwear Furniture Games Garden Gifts Grocery Hardware Health Jewelry Kitchen "
            "Lighting Luggage Music Networking Office Outdoor Paint Party Pets Phones Plumbing "
            "Printers Rugs Running Safety Seasonal Shelving Snacks Software Sports Stationery "
            "Storage Swimwear Tableware Tools Toys Travel Watches")
            .split(u' ');
    return c;
}

inline const QStringList &statuses()
{
    static const QStringList s{QStringLiteral("DELIVERED"),  QStringLiteral("SHIPPED"),
                               QStringLiteral("PROCESSING"), QStringLiteral("PENDING"),
                               QStringLiteral("CANCELLED"),  QStringLiteral("RETURNED")};
    return s;
}
inline const std::vector<double> &statusWeights()
{
    static const std::vector<double> w = cumulative({70, 10, 5, 5, 7, 3});
    return w;
}

inline const QStringList &channels()
{
    static const QStringList c{QStringLiteral("web"), QStringLiteral("app"),
                               QStringLiteral("phone"), QStringLiteral("store")};
    return c;
}

inline const QStringList &notePhrases()
{
    static const QStringList p{
        QStringLiteral("Please leave the parcel at the door."),
        QStringLiteral("Gift wrap, please."),
        QStringLiteral("Call before delivery."),
        QStringLiteral("Deliver to the back entrance."),
        QStringLiteral("This is a birthday present."),
        QStringLiteral("No invoice in the box."),
        QStringLiteral("Ring twice."),
        QStringLiteral("Leave with the neighbour if I am out."),
        QStringLiteral("Fragile items inside."),
        QStringLiteral("Second attempt after a missed delivery."),
        QStringLiteral("Customer asked for express handling."),
        QStringLiteral("Box was slightly damaged last time."),
        QStringLiteral("Use the side gate."),
        QStringLiteral("Office hours only, 9 to 5."),
        QStringLiteral("Reorder of a previous purchase."),
        QStringLiteral("Thanks!"),
    };
    return p;
}

inline const QStringList &noteWords()
{
    static const QStringList w =
        QStringLiteral(
            "please the a parcel box door gate neighbour office reception deliver leave call ring "
            "before after morning afternoon evening weekend monday friday today tomorrow late "
            "early gift wrap card message birthday present fragile glass handle care damaged "
            "missing item items order invoice receipt refund return exchange size colour wrong "
            "again thanks thank you for quick fast slow express standard courier driver van "
            "apartment floor second third lift stairs code entry buzzer name label address "
            "postcode phone email contact if not home out away back side front garage shed porch "
            "mailbox safe place hidden behind under near next to with without and or but")
            .split(u' ');
    return w;
}

constexpr int kProducts = 800;

inline std::uint64_t productHash(int product)
{
    std::uint64_t x = 0xC0FFEEULL + std::uint64_t(product);
    return splitmix64(x);
}
inline double productPrice(int product) // 1.99 .. 499.99, the same in every copy
{
    return 1.99 + double(productHash(product) % 49801) / 100.0;
}
inline QString productCategory(int product)
{
    return categories().at(int((productHash(product) >> 20) % std::uint64_t(categories().size())));
}

// --- Tables.

struct Table
{
    QString name;
    QStringList columns;
    QStringList types; // declared SQL types, the same text for SQLite and PostgreSQL
    QString key;       // the column naming a row in the manifest
    std::vector<std::vector<QVariant>> rows;

    int column(const QString &name) const { return int(columns.indexOf(name)); }
    qint64 keyOf(const std::vector<QVariant> &row) const
    {
        return row.at(std::size_t(column(key))).toLongLong();
    }
};

struct Copy
{
    QString name;
    std::vector<Table> tables; // customers, orders, order_items
    Table &table(const QString &name)
    {
        for (Table &t : tables)
            if (t.name == name)
                return t;
        return tables.front();
    }
};

// Sizes of the clean copy (and of the second draw); the grown copy has 10% more of each.
constexpr int kCustomers = 20000;
constexpr int kOrders = 50000;
// Customers sign up from 2016 to the end of 2023, orders run from 2020 to the end of 2023, at
// fixed rates: the grown copy's rows continue past those dates at the same rates.
inline const QDate kSignupStart{2016, 1, 1};
inline const QDate kOrderStart{2020, 1, 1};
inline const QDate kCleanEnd{2024, 1, 1};
inline double daysPerCustomer()
{
    return double(kSignupStart.daysTo(kCleanEnd)) / kCustomers;
}
inline double secondsPerOrder()
{
    return double(kOrderStart.daysTo(kCleanEnd)) * 86400.0 / kOrders;
}

inline QString dateText(const QDate &d)
{
    return d.toString(Qt::ISODate);
}
inline QString timestampText(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
inline double cents(double v)
{
    return std::round(v * 100.0) / 100.0;
}

inline Table customersTable(std::uint64_t seed, int count)
{
    Table t{QStringLiteral("customers"),
            {QStringLiteral("customer_id"), QStringLiteral("email"), QStringLiteral("first_name"),
             QStringLiteral("last_name"), QStringLiteral("country"), QStringLiteral("city"),
             QStringLiteral("postal_code"), QStringLiteral("phone"), QStringLiteral("signup_date"),
             QStringLiteral("birth_date")},
            {QStringLiteral("INTEGER"), QStringLiteral("TEXT"), QStringLiteral("TEXT"),
             QStringLiteral("TEXT"), QStringLiteral("TEXT"), QStringLiteral("TEXT"),
             QStringLiteral("TEXT"), QStringLiteral("TEXT"), QStringLiteral("DATE"),
             QStringLiteral("DATE")},
            QStringLiteral("customer_id"),
            {}};
    static const std::vector<double> cityWeights = zipf(int(cities().size()), 1.0);
    static const std::vector<double> domainWeights = cumulative({30, 15, 12, 10, 10, 8, 8, 7});
    t.rows.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        Rng r(seed, 1, std::uint64_t(i));
        const qint64 id = i + 1;
        // Names: common ones, and an open tail of rarer ones (5% of first names, 10% of last
        // names) that a fresh draw does not repeat: no closed list.
        const QString first =
            r.chance(0.05) ? rareName(r, 2) : firstNames().at(r.below(int(firstNames().size())));
        const QString last =
            r.chance(0.10) ? rareName(r, 3) : lastNames().at(r.below(int(lastNames().size())));
        const QString email = QStringLiteral("%1.%2%3@%4")
                                  .arg(first.toLower(), QString(last.toLower()).remove(u'\''))
                                  .arg(id)
                                  .arg(emailDomains().at(r.pick(domainWeights)));
        const QString country = countries().at(r.pick(countryWeights()));
        const QString city = cities().at(r.pick(cityWeights));
        const QString postal = QStringLiteral("%1").arg(r.between(501, 99950), 5, 10, QChar(u'0'));
        const QString phone = QStringLiteral("(%1) %2-%3")
                                  .arg(r.between(201, 989))
                                  .arg(r.between(200, 999))
                                  .arg(r.between(0, 9999), 4, 10, QChar(u'0'));
        const QDate signup = kSignupStart.addDays(qint64(std::floor(i * daysPerCustomer())));
        const int year = int(std::clamp(std::round(r.normal(1982, 12)), 1940.0, 2005.0));
        const QDate birth = QDate(year, 1, 1).addDays(r.below(365));
        t.rows.push_back({QVariant(id), email, first, last, country, city, postal, phone,
                          dateText(signup), dateText(birth)});
    }
    return t;
}

// Orders and their items: each order draws its items from its own stream, so item ids (a
// running count) continue in the grown copy.
inline void ordersTables(std::uint64_t seed, int count, int customers, Table &orders, Table &items)
{
    orders = Table{
        QStringLiteral("orders"),
        {QStringLiteral("order_id"), QStringLiteral("customer_id"), QStringLiteral("order_date"),
         QStringLiteral("ship_date"), QStringLiteral("status"), QStringLiteral("channel"),
         QStringLiteral("total"), QStringLiteral("weight_g"), QStringLiteral("note")},
        {QStringLiteral("INTEGER"), QStringLiteral("INTEGER"), QStringLiteral("TIMESTAMP"),
         QStringLiteral("TIMESTAMP"), QStringLiteral("TEXT"), QStringLiteral("TEXT"),
         QStringLiteral("NUMERIC(10,2)"), QStringLiteral("INTEGER"), QStringLiteral("TEXT")},
        QStringLiteral("order_id"),
        {}};
    items = Table{
        QStringLiteral("order_items"),
        {QStringLiteral("item_id"), QStringLiteral("order_id"), QStringLiteral("product_code"),
         QStringLiteral("category"), QStringLiteral("quantity"), QStringLiteral("unit_price")},
        {QStringLiteral("INTEGER"), QStringLiteral("INTEGER"), QStringLiteral("TEXT"),
         QStringLiteral("TEXT"), QStringLiteral("INTEGER"), QStringLiteral("NUMERIC(10,2)")},
        QStringLiteral("item_id"),
        {}};
    static const std::vector<double> productWeights = zipf(kProducts, 0.8);
    static const std::vector<double> quantityWeights =
        cumulative({45, 20, 10, 7, 5, 4, 3, 2, 2, 2});
    static const std::vector<double> channelWeights = cumulative({55, 25, 8, 12});
    const QDateTime start(kOrderStart, QTime(0, 0), Qt::UTC);
    const QDateTime signupStart(kSignupStart, QTime(0, 0), Qt::UTC);
    orders.rows.reserve(std::size_t(count));
    items.rows.reserve(std::size_t(count) * 5 / 2);
    qint64 itemId = 0;
    for (int j = 0; j < count; ++j) {
        Rng r(seed, 2, std::uint64_t(j));
        const qint64 id = j + 1;
        const QDateTime ordered =
            start.addSecs(qint64(std::floor((j + r.uniform()) * secondsPerOrder())));
        // Customers who had signed up by then (ids follow signup dates).
        const double days = signupStart.secsTo(ordered) / 86400.0;
        const int available = std::clamp(int(days / daysPerCustomer()), 1, customers);
        const qint64 customer = 1 + r.below(available);
        const QString status = statuses().at(r.pick(statusWeights()));
        QVariant shipped;
        if (status != QLatin1String("PENDING") && status != QLatin1String("CANCELLED"))
            shipped = timestampText(ordered.addSecs(r.between(6 * 3600, 7 * 86400)));
        const QString channel = channels().at(r.pick(channelWeights));
        // The parcel's weight: heavy-tailed (log-normal), as amounts are.
        const qint64 weight = std::max<qint64>(50, std::llround(std::exp(r.normal(7.3, 0.9))));
        // Free text: a stock phrase, or words of the shop's vocabulary, or both.
        QVariant note;
        if (r.chance(0.25)) {
            QStringList parts;
            if (r.chance(0.6))
                parts << notePhrases().at(r.below(int(notePhrases().size())));
            if (parts.isEmpty() || r.chance(0.4)) {
                QStringList words;
                const int n = r.between(1, 18);
                for (int k = 0; k < n; ++k)
                    words << noteWords().at(r.below(int(noteWords().size())));
                words.first()[0] = words.first()[0].toUpper();
                parts << words.join(u' ') + u'.';
            }
            note = parts.join(u' ');
        }
        const int lines = 1 + r.pick(cumulative({40, 30, 20, 10}));
        double total = r.chance(0.3) ? 4.99 : 0.0;
        for (int k = 0; k < lines; ++k) {
            const int product = 1 + r.pick(productWeights);
            const qint64 quantity = 1 + r.pick(quantityWeights);
            const double price = cents(productPrice(product));
            total += quantity * price;
            items.rows.push_back({QVariant(++itemId), QVariant(id),
                                  QStringLiteral("PRD-%1").arg(product, 5, 10, QChar(u'0')),
                                  productCategory(product), QVariant(quantity), QVariant(price)});
        }
        orders.rows.push_back({QVariant(id), QVariant(customer), timestampText(ordered), shipped,
                               status, channel, QVariant(cents(total)), QVariant(weight), note});
    }
}

inline Copy generateCopy(const QString &name, std::uint64_t seed, double scale)
{
    Copy c;
    c.name = name;
    const int customers = int(std::lround(kCustomers * scale));
    c.tables.push_back(customersTable(seed, customers));
    Table orders, items;
    ordersTables(seed, int(std::lround(kOrders * scale)), customers, orders, items);
    c.tables.push_back(std::move(orders));
    c.tables.push_back(std::move(items));
    return c;
}

// --- Defects.

struct Defect
{
    QString kind;
    QString table;
    QString column;
    QString description;
    QSet<qint64> keys; // the key values (Table::key) of the defective rows
};

// Picks rows of a table for the defects: each row at most one defect, in a fixed order.
class RowPicker
{
public:
    RowPicker(const Table &table, std::uint64_t seed) : m_table(table)
    {
        Rng r(seed, 9, std::uint64_t(qHash(table.name)));
        for (int i = 0; i < int(table.rows.size()); ++i)
            m_order.push_back(i);
        for (int i = int(m_order.size()) - 1; i > 0; --i)
            std::swap(m_order[std::size_t(i)], m_order[std::size_t(r.below(i + 1))]);
    }
    // `share` of the table's rows (at least one) that satisfy `eligible` and were not picked.
    template <typename Eligible> std::vector<int> take(double share, Eligible eligible)
    {
        const int want = std::max(1, int(std::lround(share * double(m_table.rows.size()))));
        std::vector<int> out;
        for (std::size_t k = 0; k < m_order.size() && int(out.size()) < want; ++k) {
            const int row = m_order[k];
            if (m_used.contains(row) || !eligible(m_table.rows[std::size_t(row)]))
                continue;
            m_used.insert(row);
            out.push_back(row);
        }
        return out;
    }
    std::vector<int> take(double share)
    {
        return take(share, [](const std::vector<QVariant> &) { return true; });
    }

private:
    const Table &m_table;
    std::vector<int> m_order;
    QSet<int> m_used;
};

// The clean copy with 19 defect kinds injected at 0.2-1% of a table's rows; fills `manifest`.
inline Copy dirtyCopy(const Copy &clean, std::uint64_t seed, QList<Defect> &manifest)
{
    Copy dirty = clean;
    dirty.name = QStringLiteral("dirty");
    Rng r(seed, 8, 0);
    const auto apply =
        [&](Table &t, const QString &kind, const QString &column, const QString &description,
            const std::vector<int> &rows,
            const std::function<QVariant(const std::vector<QVariant> &, int)> &value) {
            Defect d{kind, t.name, column, description, {}};
            const std::size_t c = std::size_t(t.column(column));
            int n = 0;
            for (int row : rows) {
                std::vector<QVariant> &cells = t.rows[std::size_t(row)];
                cells[c] = value(cells, n++);
                d.keys.insert(t.keyOf(cells));
            }
            manifest << d;
        };
    const auto always = [](const std::vector<QVariant> &) { return true; };

    Table &customers = dirty.table(QStringLiteral("customers"));
    {
        RowPicker pick(customers, seed);
        const std::size_t emailColumn = std::size_t(customers.column(QStringLiteral("email")));
        apply(customers, QStringLiteral("malformed_email"), QStringLiteral("email"),
              QStringLiteral("no @, two @ or a space"), pick.take(0.01, always),
              [&](const std::vector<QVariant> &row, int n) {
                  QString e = row[emailColumn].toString();
                  switch (n % 3) {
                  case 0:
                      return QVariant(e.replace(u'@', QString()));
                  case 1:
                      return QVariant(e.replace(u'@', QStringLiteral("@@")));
                  default:
                      return QVariant(e.replace(u'.', u' '));
                  }
              });
        apply(customers, QStringLiteral("long_string"), QStringLiteral("last_name"),
              QStringLiteral("a 300-character last name"), pick.take(0.002, always),
              [&](const std::vector<QVariant> &, int) {
                  QString s;
                  while (s.size() < 300)
                      s += lastNames().at(r.below(int(lastNames().size())));
                  return QVariant(s.left(300));
              });
        const QStringList unknownCities{QStringLiteral("Atlantis"), QStringLiteral("Gotham"),
                                        QStringLiteral("Eldorado"), QStringLiteral("Springwood")};
        apply(customers, QStringLiteral("invalid_city"), QStringLiteral("city"),
              QStringLiteral("a city outside the 150 known"), pick.take(0.005, always),
              [&](const std::vector<QVariant> &, int n) {
                  return QVariant(unknownCities.at(n % unknownCities.size()));
              });
        const std::size_t countryColumn = std::size_t(customers.column(QStringLiteral("country")));
        apply(customers, QStringLiteral("code_case"), QStringLiteral("country"),
              QStringLiteral("a country code in lower case"), pick.take(0.005, always),
              [&](const std::vector<QVariant> &row, int) {
                  return QVariant(row[countryColumn].toString().toLower());
              });
        apply(customers, QStringLiteral("phone_shape"), QStringLiteral("phone"),
              QStringLiteral("a phone number of another shape"), pick.take(0.005, always),
              [&](const std::vector<QVariant> &, int n) {
                  return n % 2 ? QVariant(QStringLiteral("%1-%2")
                                              .arg(r.between(200, 999))
                                              .arg(r.between(1000, 9999)))
                               : QVariant(
                                     QStringLiteral("+1%1").arg(r.between(200000000, 999999999)));
              });
        apply(customers, QStringLiteral("letters_in_digits"), QStringLiteral("postal_code"),
              QStringLiteral("letters in a numeric postal code"), pick.take(0.005, always),
              [&](const std::vector<QVariant> &, int) {
                  return QVariant(QStringLiteral("AB%1").arg(r.between(100, 999)));
              });
        apply(customers, QStringLiteral("date_far_past"), QStringLiteral("birth_date"),
              QStringLiteral("a birth date in 1900"), pick.take(0.003, always),
              [&](const std::vector<QVariant> &, int) {
                  return QVariant(dateText(QDate(1900, 1, 1).addDays(r.below(365))));
              });
        apply(customers, QStringLiteral("date_far_future"), QStringLiteral("signup_date"),
              QStringLiteral("a signup date in 2099"), pick.take(0.003, always),
              [&](const std::vector<QVariant> &, int) {
                  return QVariant(dateText(QDate(2099, 1, 1).addDays(r.below(365))));
              });
        apply(customers, QStringLiteral("null_required"), QStringLiteral("first_name"),
              QStringLiteral("a missing first name"), pick.take(0.01, always),
              [](const std::vector<QVariant> &, int) { return QVariant(); });
    }

    Table &orders = dirty.table(QStringLiteral("orders"));
    {
        RowPicker pick(orders, seed);
        apply(orders, QStringLiteral("orphan_key"), QStringLiteral("customer_id"),
              QStringLiteral("a customer id no customer has"), pick.take(0.005, always),
              [](const std::vector<QVariant> &, int n) { return QVariant(qint64(900001 + n)); });
        const std::size_t shipColumn = std::size_t(orders.column(QStringLiteral("ship_date")));
        const std::size_t orderColumn = std::size_t(orders.column(QStringLiteral("order_date")));
        apply(
            orders, QStringLiteral("ship_before_order"), QStringLiteral("ship_date"),
            QStringLiteral("shipped 1 to 10 days before it was ordered"),
            pick.take(0.01,
                      [&](const std::vector<QVariant> &row) { return !row[shipColumn].isNull(); }),
            [&](const std::vector<QVariant> &row, int) {
                const QDateTime ordered = QDateTime::fromString(
                    row[orderColumn].toString(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                return QVariant(timestampText(ordered.addSecs(-r.between(86400, 10 * 86400))));
            });
        const QStringList badStatuses{QStringLiteral("SHIPPD"), QStringLiteral("DELIVERD"),
                                      QStringLiteral("LOST")};
        apply(orders, QStringLiteral("invalid_category"), QStringLiteral("status"),
              QStringLiteral("a status outside the six"), pick.take(0.003, always),
              [&](const std::vector<QVariant> &, int n) {
                  return QVariant(badStatuses.at(n % badStatuses.size()));
              });
        const std::size_t totalColumn = std::size_t(orders.column(QStringLiteral("total")));
        apply(orders, QStringLiteral("negative_amount"), QStringLiteral("total"),
              QStringLiteral("a negative order total"),
              pick.take(0.005,
                        [&](const std::vector<QVariant> &row) {
                            return row[totalColumn].toDouble() > 0;
                        }),
              [&](const std::vector<QVariant> &row, int) {
                  return QVariant(-row[totalColumn].toDouble());
              });
        apply(orders, QStringLiteral("old_timestamp"), QStringLiteral("order_date"),
              QStringLiteral("an order placed in 1900"),
              pick.take(0.002,
                        [&](const std::vector<QVariant> &row) { return row[shipColumn].isNull(); }),
              [&](const std::vector<QVariant> &row, int) {
                  const QString t = row[orderColumn].toString();
                  return QVariant(QStringLiteral("1900") + t.mid(4));
              });
        // Duplicate keys: copies of existing orders appended under the same order_id.
        Defect d{QStringLiteral("duplicate_key"),
                 orders.name,
                 QStringLiteral("order_id"),
                 QStringLiteral("an order row appearing twice"),
                 {}};
        for (int row : pick.take(0.002)) {
            const std::vector<QVariant> copy = orders.rows[std::size_t(row)];
            d.keys.insert(orders.keyOf(copy));
            orders.rows.push_back(copy);
        }
        manifest << d;
    }

    Table &items = dirty.table(QStringLiteral("order_items"));
    {
        RowPicker pick(items, seed);
        const std::size_t codeColumn = std::size_t(items.column(QStringLiteral("product_code")));
        apply(items, QStringLiteral("code_shape"), QStringLiteral("product_code"),
              QStringLiteral("a product code of another shape (prd_12)"), pick.take(0.003, always),
              [&](const std::vector<QVariant> &row, int) {
                  return QVariant(
                      QStringLiteral("prd_%1").arg(row[codeColumn].toString().mid(4).toInt()));
              });
        apply(
            items, QStringLiteral("quantity_range"), QStringLiteral("quantity"),
            QStringLiteral("a quantity of 0 or 500"), pick.take(0.003, always),
            [](const std::vector<QVariant> &, int n) { return QVariant(qint64(n % 2 ? 500 : 0)); });
        const std::size_t priceColumn = std::size_t(items.column(QStringLiteral("unit_price")));
        apply(items, QStringLiteral("amount_outlier"), QStringLiteral("unit_price"),
              QStringLiteral("a unit price 1000 times too large"), pick.take(0.002, always),
              [&](const std::vector<QVariant> &row, int) {
                  return QVariant(cents(row[priceColumn].toDouble() * 1000));
              });
        const QStringList badCategories{QStringLiteral("Misc"), QStringLiteral("Unknown"),
                                        QStringLiteral("Clearance"), QStringLiteral("Samples")};
        apply(items, QStringLiteral("invalid_wide_category"), QStringLiteral("category"),
              QStringLiteral("a category outside the 60 known"), pick.take(0.005, always),
              [&](const std::vector<QVariant> &, int n) {
                  return QVariant(badCategories.at(n % badCategories.size()));
              });
    }
    return dirty;
}

inline QJsonArray manifestJson(const QList<Defect> &manifest)
{
    QJsonArray out;
    for (const Defect &d : manifest) {
        QList<qint64> keys(d.keys.begin(), d.keys.end());
        std::sort(keys.begin(), keys.end());
        QJsonArray k;
        for (qint64 key : keys)
            k.append(double(key));
        out.append(QJsonObject{{QStringLiteral("kind"), d.kind},
                               {QStringLiteral("table"), d.table},
                               {QStringLiteral("column"), d.column},
                               {QStringLiteral("description"), d.description},
                               {QStringLiteral("rows"), double(d.keys.size())},
                               {QStringLiteral("keys"), k}});
    }
    return out;
}

// --- SQL text: the same DDL and multi-row INSERTs for SQLite and PostgreSQL.

inline QString literal(const QVariant &v, const QString &type)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (type.startsWith(QLatin1String("NUMERIC")))
        return QString::number(v.toDouble(), 'f', 2);
    if (type == QLatin1String("INTEGER"))
        return QString::number(v.toLongLong());
    QString s = v.toString();
    return u'\'' + s.replace(u'\'', QStringLiteral("''")) + u'\'';
}

inline QString createTableSql(const Table &t, const QString &prefix)
{
    QStringList defs;
    for (int i = 0; i < t.columns.size(); ++i)
        defs << t.columns.at(i) + u' ' + t.types.at(i);
    return QStringLiteral("CREATE TABLE %1%2 (%3)")
        .arg(prefix, t.name, defs.join(QStringLiteral(", ")));
}

// INSERT statements of at most `batch` rows each.
inline QStringList insertSql(const Table &t, const QString &prefix, int batch = 400)
{
    QStringList out;
    const QString head = QStringLiteral("INSERT INTO %1%2 (%3) VALUES ")
                             .arg(prefix, t.name, t.columns.join(QStringLiteral(", ")));
    QStringList values;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (t.rows[r].size() != std::size_t(t.columns.size()))
            qFatal("bench_detection: a row of %s has %d values for %d columns", qPrintable(t.name),
                   int(t.rows[r].size()), int(t.columns.size()));
        QStringList cells;
        for (int c = 0; c < t.columns.size(); ++c)
            cells << literal(t.rows[r][std::size_t(c)], t.types.at(c));
        values << u'(' + cells.join(u',') + u')';
        if (values.size() == batch || r + 1 == t.rows.size()) {
            out << head + values.join(u',');
            values.clear();
        }
    }
    return out;
}

} // namespace assay::bench::detection
