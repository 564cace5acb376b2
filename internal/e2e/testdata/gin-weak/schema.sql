CREATE TABLE products (
    id    SERIAL PRIMARY KEY,
    name  TEXT,
    price NUMERIC
);
