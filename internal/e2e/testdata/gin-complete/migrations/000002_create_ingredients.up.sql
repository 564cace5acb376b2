CREATE TABLE ingredients (
    id        BIGSERIAL PRIMARY KEY,
    recipe_id BIGINT NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    quantity  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ingredients_recipe_id_idx ON ingredients (recipe_id);
