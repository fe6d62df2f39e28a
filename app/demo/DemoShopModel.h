#pragma once

#include <QString>
#include <vector>

// The Demo Shop as values, before it is written to SQLite (DemoShop.cpp writes it).
namespace assay::demo::detail {

struct Customer
{
    QString firstName;
    QString lastName;
    QString email; // null: missing
    QString phone; // null: missing
    QString city;
    QString country;
    int countryIndex = 0;
    bool business = false;
    bool optIn = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct Product
{
    QString sku;
    QString name;
    QString category;
    double price = 0;     // as stored (a few are wrong)
    double listPrice = 0; // what orders were charged
    double cost = 0;
    int stock = 0;
    bool active = true;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct Order
{
    int customer = 0; // index
    qint64 date = 0;
    qint64 shownYear = 0; // non-zero: the order date was typed with this (future) year
    const char *status = "";
    QString shippingCity;
    QString shippingCountry; // null: missing
    double shippingFee = 0;
    double total = 0;   // as stored
    double charged = 0; // what the customer paid
    qint64 updatedAt = 0;
    int firstItem = 0;
    int itemCount = 0;
};

struct OrderItem
{
    int order = 0;   // index
    int product = 0; // index
    int quantity = 0;
    double unitPrice = 0;
    double discount = 0;
};

struct Payment
{
    int order = 0; // index
    qint64 paidAt = 0;
    double amount = 0;
    const char *method = "";
    const char *status = "";
    QString transactionRef;
};

struct Shop
{
    std::vector<Customer> customers;
    std::vector<Product> products;
    std::vector<Order> orders;
    std::vector<OrderItem> items;
    std::vector<Payment> payments;
};

// The whole shop, deterministically from `seed`.
Shop makeShop(unsigned seed);

// "2025-03-14T09:26:53" for seconds since the epoch (UTC); `yearOverride` replaces the year
// (the deliberate future dates).
QString isoTimestampOf(qint64 seconds, qint64 yearOverride = 0);

} // namespace assay::demo::detail
