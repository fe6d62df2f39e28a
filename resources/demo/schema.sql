-- Demo Shop: the schema of Assay's bundled demo datastore, a small online shop in SQLite.
-- Read by assay::demo::generateDemoShop (app/demo/DemoShop.cpp) from :/demo/schema.sql.
-- Statements end with a semicolon at the end of a line. Lines starting with two dashes are
-- comments and are dropped before the statements are run.
--
-- Timestamps are ISO 8601 text in UTC without a zone suffix (YYYY-MM-DDTHH:MM:SS).
-- Ids grow with time (customers by created_at, orders by order_date) and every order and
-- customer has an updated_at column, so incremental scans can use either.
--
-- The data is clean except for deliberate defects a data-quality tool should find:
-- missing e-mails, phones and shipping countries, malformed and duplicated e-mails,
-- inconsistently written countries, products priced at or below zero, negative quantities,
-- order dates in the future (after 2026-12-31), order totals that do not match their items
-- and duplicated payment transaction references.

CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    segment TEXT NOT NULL CHECK (segment IN ('consumer', 'business')),
    marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE products (
    product_id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price REAL NOT NULL,
    cost REAL NOT NULL,
    stock_quantity INTEGER NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- total_amount is the sum of quantity * unit_price * (1 - discount) over the order's items,
-- rounded to cents, plus shipping_fee.
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
    order_date TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    shipping_city TEXT,
    shipping_country TEXT,
    shipping_fee REAL NOT NULL,
    total_amount REAL NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE order_items (
    order_item_id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (order_id),
    product_id INTEGER NOT NULL REFERENCES products (product_id),
    quantity INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    discount REAL NOT NULL DEFAULT 0
);

-- transaction_ref is the payment provider's reference: it should be unique, but is not
-- declared UNIQUE (a few are duplicated).
CREATE TABLE payments (
    payment_id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (order_id),
    paid_at TEXT NOT NULL,
    amount REAL NOT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('captured', 'failed', 'refunded')),
    transaction_ref TEXT NOT NULL
);

CREATE INDEX idx_customers_updated_at ON customers (updated_at);
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_updated_at ON orders (updated_at);
CREATE INDEX idx_order_items_order_id ON order_items (order_id);
CREATE INDEX idx_order_items_product_id ON order_items (product_id);
CREATE INDEX idx_payments_order_id ON payments (order_id);
