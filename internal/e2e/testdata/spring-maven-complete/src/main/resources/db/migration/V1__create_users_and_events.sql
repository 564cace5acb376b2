CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE events (
    id           BIGSERIAL PRIMARY KEY,
    title        VARCHAR(200) NOT NULL,
    starts_at    TIMESTAMPTZ  NOT NULL,
    capacity     INTEGER      NOT NULL CHECK (capacity > 0),
    organizer_id BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_events_organizer ON events (organizer_id);
