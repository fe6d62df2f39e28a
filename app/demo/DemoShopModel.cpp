#include "app/demo/DemoShopModel.h"

#include <QSet>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <random>

// Building the Demo Shop in memory: customers, products, orders, items and payments with their
// deliberate defects, all from one seed.
namespace assay::demo::detail {
namespace {

// ---- Deterministic randomness --------------------------------------------------------------

// std::mt19937 is specified bit for bit by the standard; the std distributions are not, so the
// numbers are derived from its raw output here to give the same demo on every platform.
class Random
{
public:
    explicit Random(unsigned seed) : m_engine(seed) {}

    quint32 next() { return quint32(m_engine()); }
    // A whole number in [lo, hi].
    qint64 between(qint64 lo, qint64 hi)
    {
        const quint64 span = quint64(hi - lo + 1);
        if (span <= 0xffffffffULL)
            return lo + qint64((quint64(next()) * span) >> 32);
        const quint64 wide = (quint64(next()) << 32) | next();
        return lo + qint64(wide % span);
    }
    int index(size_t size) { return int(between(0, qint64(size) - 1)); }
    // A number in [0, 1).
    double unit() { return next() / 4294967296.0; }
    bool chance(double p) { return unit() < p; }
    template <typename T, size_t N> const T &pick(const T (&items)[N]) { return items[index(N)]; }
    // An index into `weights`, with probability proportional to the weight.
    template <size_t N> int weighted(const int (&weights)[N])
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = int(between(0, total - 1));
        for (size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return int(i);
            r -= weights[i];
        }
        return int(N - 1);
    }
    // `count` distinct indices in [0, size), in random order.
    std::vector<int> distinct(int size, int count)
    {
        std::vector<int> all(static_cast<size_t>(size));
        for (int i = 0; i < size; ++i)
            all[size_t(i)] = i;
        count = std::min(count, size);
        for (int i = 0; i < count; ++i)
            std::swap(all[size_t(i)], all[size_t(between(i, size - 1))]);
        all.resize(size_t(count));
        return all;
    }

private:
    std::mt19937 m_engine;
};

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

// ---- Time: seconds since 1970-01-01T00:00:00 UTC, formatted without the clock or a zone ----

constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

constexpr qint64 at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0)
{
    return daysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {qint64(yoe) + era * 400 + (m <= 2), m, d};
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// ISO 8601, UTC, no zone suffix: 2025-03-14T09:26:53. `yearOverride` replaces the year (used for
// mistyped dates).
QString isoTimestamp(qint64 seconds, qint64 yearOverride = 0)
{
    const qint64 days = floorDiv(seconds, 86400);
    const qint64 rest = seconds - days * 86400;
    const Civil c = civilFromDays(days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d",
                  static_cast<long long>(yearOverride ? yearOverride : c.year), c.month, c.day,
                  int(rest / 3600), int(rest / 60 % 60), int(rest % 60));
    return QString::fromLatin1(buffer);
}

qint64 yearOf(qint64 seconds)
{
    return civilFromDays(floorDiv(seconds, 86400)).year;
}

// The demo's fixed "now": everything happened before this, except the deliberate future dates.
constexpr qint64 kShopOpens = at(2024, 1, 1, 8);
constexpr qint64 kSnapshot = at(2026, 12, 1);
constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

// ---- Vocabulary ----------------------------------------------------------------------------

const char *const kFirstNames[] = {
    "Emma",  "Olivia", "Liam",  "Noah",   "Sophia", "Mia",    "Lucas",    "Leon",  "Hannah",
    "Lena",  "Jack",   "Harry", "Amelia", "Isla",   "Oliver", "George",   "Chloe", "Camille",
    "Louis", "Hugo",   "Lucia", "Mateo",  "Sofia",  "Giulia", "Marco",    "Luca",  "Sanne",
    "Daan",  "Freya",  "Erik",  "Astrid", "Maja",   "Jakub",  "Zofia",    "Aoife", "Sean",
    "Ethan", "Ava",    "James", "Daniel", "Anna",   "Maria",  "David",    "Sarah", "Thomas",
    "Laura", "Julia",  "Noor",  "Priya",  "Kenji",  "Mei",    "Charlotte"};

const char *const kLastNames[] = {
    "Smith",    "Johnson",   "Williams", "Brown",    "Jones",     "Garcia",    "Miller",
    "Davis",    "Wilson",    "Taylor",   "Anderson", "Thomas",    "Moore",     "Martin",
    "Lee",      "Walker",    "Hall",     "Young",    "King",      "Wright",    "Muller",
    "Schmidt",  "Schneider", "Fischer",  "Weber",    "Dubois",    "Laurent",   "Bernard",
    "Moreau",   "Rossi",     "Russo",    "Bianchi",  "Romano",    "Fernandez", "Lopez",
    "Martinez", "de Vries",  "Jansen",   "Bakker",   "Andersson", "Johansson", "Nowak",
    "Kowalski", "O'Brien",   "Murphy",   "Kelly",    "Nguyen",    "Chen",      "Patel",
    "Singh",    "Tanaka",    "Haddad"};

struct Country
{
    const char *name;
    const char *callingCode;
    const char *cities[4];
    const char *variant; // how a careless form writes it (an inconsistency defect)
};

const Country kCountries[] = {
    {"United States", "1", {"New York", "Chicago", "Austin", "Seattle"}, "USA"},
    {"United Kingdom", "44", {"London", "Manchester", "Bristol", "Edinburgh"}, "UK"},
    {"Germany", "49", {"Berlin", "Hamburg", "Munich", "Cologne"}, "Deutschland"},
    {"France", "33", {"Paris", "Lyon", "Marseille", "Toulouse"}, "france"},
    {"Spain", "34", {"Madrid", "Barcelona", "Valencia", "Seville"}, "España"},
    {"Italy", "39", {"Rome", "Milan", "Turin", "Bologna"}, "Italia"},
    {"Netherlands", "31", {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"}, "The Netherlands"},
    {"Canada", "1", {"Toronto", "Vancouver", "Montreal", "Calgary"}, "CA"},
    {"Australia", "61", {"Sydney", "Melbourne", "Brisbane", "Perth"}, "AUS"},
    {"Sweden", "46", {"Stockholm", "Gothenburg", "Malmo", "Uppsala"}, "sweden "},
    {"Ireland", "353", {"Dublin", "Cork", "Galway", "Limerick"}, "Eire"},
    {"Poland", "48", {"Warsaw", "Krakow", "Wroclaw", "Gdansk"}, "PL"},
};
const int kCountryWeights[] = {20, 15, 14, 10, 7, 7, 6, 6, 5, 4, 3, 3};
static_assert(std::size(kCountries) == std::size(kCountryWeights));

const char *const kConsumerDomains[] = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com",
                                        "proton.me", "gmx.de",      "web.de",    "orange.fr",
                                        "libero.it", "hotmail.com", "mail.com",  "fastmail.com"};
const char *const kBusinessDomains[] = {"northwind.com",   "contoso.com",     "fabrikam.io",
                                        "initech.co",      "globex.net",      "acme-corp.com",
                                        "umbrella-ltd.eu", "bluesky-labs.com"};

struct Category
{
    const char *name;
    const char *code;
    double minPrice;
    double maxPrice;
    const char *nouns[10];
};

const Category kCategories[] = {
    {"Electronics",
     "ELE",
     19,
     349,
     {"Headphones", "Bluetooth Speaker", "USB-C Charger", "Mechanical Keyboard", "Wireless Mouse",
      "Webcam", "Power Bank", "Smartwatch", "Earbuds", "Monitor Stand"}},
    {"Home & Kitchen",
     "HOM",
     6,
     129,
     {"Kettle", "Coffee Mug", "Cutting Board", "Knife Set", "Blender", "Toaster", "Throw Pillow",
      "Table Lamp", "French Press", "Spice Rack"}},
    {"Clothing",
     "CLO",
     9,
     149,
     {"T-Shirt", "Hoodie", "Rain Jacket", "Wool Scarf", "Sneakers", "Socks 3-Pack", "Baseball Cap",
      "Jeans", "Sweater", "Beanie"}},
    {"Sports & Outdoors",
     "SPO",
     8,
     249,
     {"Yoga Mat", "Water Bottle", "Dumbbell Set", "Hiking Backpack", "Tent", "Running Shoes",
      "Bike Light", "Jump Rope", "Sleeping Bag", "Trekking Poles"}},
    {"Books & Stationery",
     "BOO",
     4,
     49,
     {"Notebook", "Cookbook", "Novel", "Weekly Planner", "World Atlas", "Fountain Pen",
      "Sketchbook", "Puzzle Book", "Pencil Set", "Journal"}},
    {"Beauty",
     "BEA",
     4,
     89,
     {"Face Cream", "Shampoo", "Soap Bar", "Lip Balm", "Eau de Parfum", "Hand Cream", "Sunscreen",
      "Body Lotion", "Face Serum", "Bath Salts"}},
    {"Toys & Games",
     "TOY",
     7,
     99,
     {"Jigsaw Puzzle", "Board Game", "Plush Bear", "Building Blocks", "Kite", "Card Game",
      "Toy Car", "Hand Puppet", "Marble Run", "Yo-Yo"}},
};
const int kCategoryWeights[] = {16, 18, 18, 14, 12, 12, 10};
static_assert(std::size(kCategories) == std::size(kCategoryWeights));

const char *const kAdjectives[] = {"Classic", "Compact",   "Deluxe",  "Eco",         "Essential",
                                   "Premium", "Everyday",  "Vintage", "Ultra",       "Cozy",
                                   "Urban",   "Nordic",    "Pro",     "Lightweight", "Organic",
                                   "Travel",  "Signature", "Studio"};
const char *const kColors[] = {"Black", "White", "Navy", "Olive", "Sand", "Red", "Grey", "Teal"};

const char *const kPaymentMethods[] = {"card", "paypal", "bank_transfer", "apple_pay"};
const int kPaymentMethodWeights[] = {58, 25, 9, 8};
const double kGiftCardValues[] = {10, 20, 25, 50};

// ---- The shop, in memory -------------------------------------------------------------------

// Defect sizes: small enough to look like real mistakes, large enough to be found.
constexpr int kCustomerCount = 2000;
constexpr int kLaunchProducts = 220;
constexpr int kProductCount = 300;
constexpr int kOrderCount = 15000;
constexpr int kNullEmails = 60;
constexpr int kMalformedEmails = 30;
constexpr int kDuplicateEmails = 25;
constexpr int kNullPhones = 100;
constexpr int kCountryVariants = 15;
constexpr int kBadPrices = 6;
constexpr int kNullShippingCountries = 300;
constexpr int kFutureOrders = 12;
constexpr int kTotalMismatches = 15;
constexpr int kNegativeQuantities = 40;
constexpr int kDuplicateTransactionRefs = 20;

// Sorted random instants in [from, to]; `growth` > 1 makes later instants denser.
std::vector<qint64> instants(Random &rng, int count, qint64 from, qint64 to, double growth = 1.0)
{
    std::vector<qint64> out(static_cast<size_t>(count));
    for (qint64 &t : out)
        t = from + qint64(double(to - from) * std::pow(rng.unit(), 1.0 / growth));
    std::sort(out.begin(), out.end());
    return out;
}

QString lettersOnly(const QString &text)
{
    QString out;
    for (const QChar c : text)
        if (c.isLetter())
            out += c.toLower();
    return out;
}

QString phoneNumber(Random &rng, const Country &country)
{
    return QStringLiteral("+%1 %2 %3 %4")
        .arg(QLatin1String(country.callingCode))
        .arg(rng.between(200, 989))
        .arg(rng.between(100, 999))
        .arg(rng.between(0, 9999), 4, 10, QLatin1Char('0'));
}

QString emailFor(Random &rng, const Customer &c)
{
    const QString first = lettersOnly(c.firstName);
    const QString last = lettersOnly(c.lastName);
    QString local;
    switch (rng.between(0, 4)) {
    case 0:
        local = first + QLatin1Char('.') + last;
        break;
    case 1:
        local = first + last;
        break;
    case 2:
        local = first.left(1) + QLatin1Char('.') + last;
        break;
    case 3:
        local = first + QLatin1Char('.') + last + QString::number(rng.between(1, 99));
        break;
    default:
        local = first + QLatin1Char('_') + last + QString::number(rng.between(1965, 2006));
        break;
    }
    const char *domain = c.business ? rng.pick(kBusinessDomains) : rng.pick(kConsumerDomains);
    return local + QLatin1Char('@') + QLatin1String(domain);
}

// The ways people mistype an e-mail address.
QString malformed(Random &rng, const Customer &c, const QString &email)
{
    switch (rng.between(0, 4)) {
    case 0: // no @
        return QString(email).replace(QLatin1Char('@'), QLatin1Char('.'));
    case 1: // double @
        return QString(email).replace(QLatin1Char('@'), QLatin1String("@@"));
    case 2: // spaces
        return c.firstName.toLower() + QLatin1Char(' ') + c.lastName.toLower() +
               email.mid(email.indexOf(QLatin1Char('@')));
    case 3: // no top-level domain
        return email.left(email.lastIndexOf(QLatin1Char('.')));
    default: // comma for a dot
        return email.left(email.lastIndexOf(QLatin1Char('.'))) + QLatin1Char(',') +
               email.mid(email.lastIndexOf(QLatin1Char('.')) + 1);
    }
}

QString transactionRef(Random &rng)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString ref = QStringLiteral("ch_");
    for (int i = 0; i < 16; ++i)
        ref += QLatin1Char(alphabet[rng.between(0, 61)]);
    return ref;
}

void makeCustomers(Random &rng, Shop &shop)
{
    const std::vector<qint64> created = instants(rng, kCustomerCount, kShopOpens, at(2026, 11, 20));
    shop.customers.resize(size_t(kCustomerCount));
    QSet<QString> emails;
    for (int i = 0; i < kCustomerCount; ++i) {
        Customer &c = shop.customers[size_t(i)];
        c.firstName = QLatin1String(rng.pick(kFirstNames));
        c.lastName = QLatin1String(rng.pick(kLastNames));
        c.countryIndex = rng.weighted(kCountryWeights);
        const Country &country = kCountries[c.countryIndex];
        c.country = QString::fromUtf8(country.name);
        c.city = QLatin1String(country.cities[rng.index(4)]);
        c.business = rng.chance(0.12);
        c.optIn = rng.chance(0.41);
        c.phone = phoneNumber(rng, country);
        c.email = emailFor(rng, c);
        while (emails.contains(c.email))
            c.email.insert(c.email.indexOf(QLatin1Char('@')), QString::number(rng.between(0, 9)));
        emails.insert(c.email);
        c.createdAt = i == 0 ? kShopOpens : created[size_t(i)];
        c.updatedAt = c.createdAt;
        if (rng.chance(0.35))
            c.updatedAt =
                std::min(kSnapshot - kMinute, c.createdAt + rng.between(kHour, 400 * kDay));
    }

    // Defects, each on different customers.
    const std::vector<int> picks = rng.distinct(
        kCustomerCount, kNullEmails + kMalformedEmails + kDuplicateEmails + kCountryVariants);
    const QSet<int> picked(picks.begin(), picks.end());
    auto it = picks.begin();
    for (int n = 0; n < kNullEmails; ++n)
        shop.customers[size_t(*it++)].email = QString();
    for (int n = 0; n < kMalformedEmails; ++n) {
        Customer &c = shop.customers[size_t(*it++)];
        c.email = malformed(rng, c, c.email);
    }
    for (int n = 0; n < kDuplicateEmails; ++n) {
        const int i = *it++;
        // Someone else's address (a shared family account, a typo in the sign-up form).
        int other = rng.index(size_t(kCustomerCount));
        while (picked.contains(other))
            other = rng.index(size_t(kCustomerCount));
        shop.customers[size_t(i)].email = shop.customers[size_t(other)].email;
    }
    for (int n = 0; n < kCountryVariants; ++n) {
        Customer &c = shop.customers[size_t(*it++)];
        c.country = QString::fromUtf8(kCountries[c.countryIndex].variant);
    }
    for (int i : rng.distinct(kCustomerCount, kNullPhones))
        shop.customers[size_t(i)].phone = QString();
}

void makeProducts(Random &rng, Shop &shop)
{
    const std::vector<qint64> launch =
        instants(rng, kLaunchProducts, at(2024, 1, 1), kShopOpens - kHour);
    const std::vector<qint64> later =
        instants(rng, kProductCount - kLaunchProducts, kShopOpens + 7 * kDay, at(2026, 9, 30));
    shop.products.resize(size_t(kProductCount));
    QSet<QString> names;
    for (int i = 0; i < kProductCount; ++i) {
        Product &p = shop.products[size_t(i)];
        const Category &category = kCategories[rng.weighted(kCategoryWeights)];
        do {
            // One draw per statement: the order of operands of + is unspecified.
            p.name = QLatin1String(rng.pick(kAdjectives)) + QLatin1Char(' ');
            p.name += QLatin1String(category.nouns[rng.index(10)]);
            if (rng.chance(0.5))
                p.name += QLatin1String(", ") + QLatin1String(rng.pick(kColors));
        } while (names.contains(p.name));
        names.insert(p.name);
        p.category = QLatin1String(category.name);
        p.sku = QStringLiteral("%1-%2")
                    .arg(QLatin1String(category.code))
                    .arg(10000 + i * 7 + int(rng.between(0, 6)), 5, 10, QLatin1Char('0'));
        const double raw =
            category.minPrice + (category.maxPrice - category.minPrice) * std::pow(rng.unit(), 2.0);
        p.listPrice = std::floor(raw) + (rng.chance(0.8) ? 0.99 : 0.49);
        p.price = p.listPrice;
        p.cost = round2(p.listPrice * (0.35 + 0.3 * rng.unit()));
        p.stock = int(rng.chance(0.06) ? 0 : rng.between(1, 450));
        p.active = !rng.chance(0.07);
        p.createdAt = i < kLaunchProducts ? launch[size_t(i)] : later[size_t(i - kLaunchProducts)];
        p.updatedAt = std::min(kSnapshot - kMinute, p.createdAt + rng.between(0, 500 * kDay));
    }
    // A few prices typed as zero or with a minus sign.
    const std::vector<int> bad = rng.distinct(kProductCount, kBadPrices);
    for (size_t n = 0; n < bad.size(); ++n) {
        Product &p = shop.products[size_t(bad[n])];
        p.price = n % 3 == 0 ? 0.0 : -p.listPrice;
    }
}

const char *statusFor(Random &rng, qint64 date)
{
    const qint64 age = kSnapshot - date;
    if (age < kDay)
        return rng.chance(0.5) ? "pending" : "paid";
    if (age < 4 * kDay)
        return rng.chance(0.3) ? "paid" : "shipped";
    if (age < 10 * kDay && rng.chance(0.4))
        return "shipped";
    const double r = rng.unit();
    return r < 0.92 ? "delivered" : r < 0.97 ? "cancelled" : "refunded";
}

qint64 updateDelay(Random &rng, const char *status)
{
    const QLatin1String s(status);
    if (s == QLatin1String("pending"))
        return 0;
    if (s == QLatin1String("paid"))
        return rng.between(kMinute, kHour);
    if (s == QLatin1String("shipped"))
        return rng.between(kDay, 3 * kDay);
    if (s == QLatin1String("delivered"))
        return rng.between(2 * kDay, 9 * kDay);
    if (s == QLatin1String("cancelled"))
        return rng.between(kHour, 2 * kDay);
    return rng.between(10 * kDay, 40 * kDay); // refunded
}

void makeOrders(Random &rng, Shop &shop)
{
    std::vector<qint64> customerCreated;
    customerCreated.reserve(shop.customers.size());
    for (const Customer &c : shop.customers)
        customerCreated.push_back(c.createdAt);
    std::vector<qint64> productCreated;
    productCreated.reserve(shop.products.size());
    for (const Product &p : shop.products)
        productCreated.push_back(p.createdAt);

    const std::vector<qint64> dates =
        instants(rng, kOrderCount, kShopOpens + kHour, kSnapshot - kMinute, 1.6);
    shop.orders.resize(size_t(kOrderCount));
    shop.items.reserve(size_t(kOrderCount) * 3);
    const int itemCountWeights[] = {25, 25, 20, 15, 10, 5};
    const int quantityWeights[] = {70, 18, 7, 3, 1, 1};
    const double discounts[] = {0.05, 0.10, 0.15, 0.20, 0.25};
    for (int i = 0; i < kOrderCount; ++i) {
        Order &o = shop.orders[size_t(i)];
        o.date = dates[size_t(i)];
        // A customer who had signed up by then.
        const auto signedUp =
            std::upper_bound(customerCreated.begin(), customerCreated.end(), o.date) -
            customerCreated.begin();
        o.customer = int(rng.between(0, std::max<qint64>(signedUp, 1) - 1));
        const Customer &c = shop.customers[size_t(o.customer)];
        o.status = statusFor(rng, o.date);
        o.updatedAt = std::min(kSnapshot - 1, o.date + updateDelay(rng, o.status));
        if (rng.chance(0.9)) {
            o.shippingCity = c.city;
            o.shippingCountry = QString::fromUtf8(kCountries[c.countryIndex].name);
        } else { // a gift, sent elsewhere
            const Country &to = kCountries[rng.weighted(kCountryWeights)];
            o.shippingCity = QLatin1String(to.cities[rng.index(4)]);
            o.shippingCountry = QString::fromUtf8(to.name);
        }

        // Its items: distinct products on sale at the time.
        const auto onSale = std::upper_bound(productCreated.begin(), productCreated.end(), o.date) -
                            productCreated.begin();
        o.firstItem = int(shop.items.size());
        o.itemCount = rng.weighted(itemCountWeights) + 1;
        for (int n = 0; n < o.itemCount; ++n) {
            OrderItem item;
            item.order = i;
            bool fresh = false;
            while (!fresh) {
                item.product = int(rng.between(0, qint64(onSale) - 1));
                fresh = std::none_of(
                    shop.items.begin() + o.firstItem, shop.items.end(),
                    [&](const OrderItem &other) { return other.product == item.product; });
            }
            item.quantity = rng.weighted(quantityWeights) + 1;
            item.unitPrice = shop.products[size_t(item.product)].listPrice;
            item.discount = rng.chance(0.15) ? rng.pick(discounts) : 0.0;
            shop.items.push_back(item);
        }
    }

    // Defects: future order dates (the year mistyped), missing shipping countries.
    for (int i : rng.distinct(kOrderCount, kFutureOrders)) {
        Order &o = shop.orders[size_t(i)];
        const qint64 year = yearOf(o.date);
        o.shownYear = (year / 100) * 100 + (year % 10) * 10 + (year / 10) % 10; // 2025 -> 2052
        if (o.shownYear % 4 != 0 && isoTimestamp(o.date).mid(5, 5) == QLatin1String("02-29"))
            o.shownYear = 2048; // keep the date a real one
    }
    for (int i : rng.distinct(kOrderCount, kNullShippingCountries))
        shop.orders[size_t(i)].shippingCountry = QString();
    // Negative quantities (a return typed into the order).
    for (int i : rng.distinct(int(shop.items.size()), kNegativeQuantities))
        shop.items[size_t(i)].quantity = -shop.items[size_t(i)].quantity;

    // Totals: the stored total follows the stored items; the customer paid the real amounts.
    for (Order &o : shop.orders) {
        double stored = 0;
        double real = 0;
        for (int n = o.firstItem; n < o.firstItem + o.itemCount; ++n) {
            const OrderItem &item = shop.items[size_t(n)];
            const double each = item.unitPrice * (1.0 - item.discount);
            stored += item.quantity * each;
            real += std::abs(item.quantity) * each;
        }
        o.shippingFee = real >= 50.0 ? 0.0 : 4.95;
        o.total = round2(round2(stored) + o.shippingFee);
        o.charged = round2(round2(real) + o.shippingFee);
    }
    // A few totals that do not match their items.
    for (int i : rng.distinct(kOrderCount, kTotalMismatches)) {
        Order &o = shop.orders[size_t(i)];
        const double delta = double(rng.between(100, 4000)) / 100.0;
        o.total = round2(rng.chance(0.5) ? o.total + delta : std::max(0.0, o.total - delta));
        if (std::abs(o.total - o.charged) < 1.0)
            o.total = round2(o.total + 10.0);
    }
}

void makePayments(Random &rng, Shop &shop)
{
    QSet<QString> refs;
    auto newRef = [&] {
        QString ref = transactionRef(rng);
        while (refs.contains(ref))
            ref = transactionRef(rng);
        refs.insert(ref);
        return ref;
    };
    shop.payments.reserve(shop.orders.size() + shop.orders.size() / 8);
    for (int i = 0; i < int(shop.orders.size()); ++i) {
        const Order &o = shop.orders[size_t(i)];
        const QLatin1String status(o.status);
        if (status == QLatin1String("pending") || status == QLatin1String("cancelled"))
            continue;
        const char *settled = status == QLatin1String("refunded") ? "refunded" : "captured";
        const char *method = kPaymentMethods[rng.weighted(kPaymentMethodWeights)];
        qint64 when = o.date + (QLatin1String(method) == QLatin1String("bank_transfer")
                                    ? rng.between(kDay, 3 * kDay)
                                    : rng.between(20, 15 * kMinute));
        when = std::min(when, kSnapshot - 1);
        if (rng.chance(0.05)) { // a declined card first
            shop.payments.push_back(
                {i, o.date + rng.between(10, 120), o.charged, "card", "failed", newRef()});
            when = std::max(when, o.date + 121);
        }
        if (o.charged > 20.0 && rng.chance(0.08)) { // part paid with a gift card
            const double gift = std::min(o.charged / 2.0, rng.pick(kGiftCardValues));
            shop.payments.push_back({i, when, round2(gift), "gift_card", settled, newRef()});
            shop.payments.push_back({i, when + rng.between(1, 30), round2(o.charged - gift), method,
                                     settled, newRef()});
        } else {
            shop.payments.push_back({i, when, o.charged, method, settled, newRef()});
        }
    }
    // A few provider references reused (a retry that recorded the first attempt's reference).
    for (int i : rng.distinct(int(shop.payments.size()) - 1, kDuplicateTransactionRefs)) {
        Payment &p = shop.payments[size_t(i) + 1];
        p.transactionRef = shop.payments[size_t(rng.between(0, i))].transactionRef;
    }
}

} // namespace

Shop makeShop(unsigned seed)
{
    Random rng(seed);
    Shop shop;
    makeCustomers(rng, shop);
    makeProducts(rng, shop);
    makeOrders(rng, shop);
    makePayments(rng, shop);
    return shop;
}

QString isoTimestampOf(qint64 seconds, qint64 yearOverride)
{
    return isoTimestamp(seconds, yearOverride);
}

} // namespace assay::demo::detail
