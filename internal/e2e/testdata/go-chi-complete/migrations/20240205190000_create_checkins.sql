-- +goose Up
CREATE TABLE checkins (
    id       BIGSERIAL PRIMARY KEY,
    habit_id BIGINT NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    day      DATE NOT NULL,
    UNIQUE (habit_id, day)
);

-- +goose Down
DROP TABLE checkins;
