#pragma once

#include <QJsonArray>
#include <QString>
#include <optional>

// Formats inference recognises in text values, each as one anchored pattern that admits the
// several shapes real data has (so a fresh draw of the same population passes), and text that
// holds numbers or dates (an isType proposal).
namespace assay::inference {

struct KnownFormat
{
    QString name;    // "e-mail address", "URL", "UUID", "phone number", "postcode"
    QString pattern; // anchored, in the syntax every supported regex flavour reads alike
};

// The format most values of `histogram` ([{"value", "count"}...]: at least five of them and 80%)
// have, preferring the most specific; nullopt when they share none. Phone numbers
// and postcodes are recognised only in a field whose name says so ("phone", "zip"...): many
// codes share their shapes.
std::optional<KnownFormat> knownFormatOf(const QJsonArray &histogram, const QString &fieldName);

// The type ("integral", "fractional", "date", "timestamp") every value of `histogram` reads
// as, for a text field; empty when some value reads as none or there are fewer than five.
QString textTypeOf(const QJsonArray &histogram);

// Whether a field's name says it names or codes a record rather than measuring it: "id",
// "customer_id", "AlbumId", "order_no", "sku", "product_code", "uuid". Such fields grow with
// the table (new keys) and are never compared with other fields.
bool keyLikeName(const QString &fieldName);
// keyLikeName but not a code: "customer_id", "order_no", not "country_code". A code may be a
// category (an Expected Values list); an identifier names one record each.
bool identifierName(const QString &fieldName);

} // namespace assay::inference
