CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL
);

CREATE TABLE rooms (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(120) NOT NULL,
    seats      INT NOT NULL CHECK (seats > 0),
    owner_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
