CREATE TABLE tickets (
    id         BIGSERIAL PRIMARY KEY,
    event_id   BIGINT      NOT NULL,
    holder_id  BIGINT      NOT NULL,
    booked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT fk_tickets_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_tickets_holder FOREIGN KEY (holder_id) REFERENCES users (id),
    CONSTRAINT uq_ticket UNIQUE (event_id, holder_id)
);
