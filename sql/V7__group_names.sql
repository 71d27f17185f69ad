-- Groups addressed by name (msgd's clients join "group" + "user" by name): one Missive group per
-- name. Group names elsewhere are labels and may repeat; a name here is unique.
CREATE TABLE group_names (
    name     VARCHAR(64) PRIMARY KEY,
    group_id BIGINT NOT NULL UNIQUE REFERENCES chat_groups (id) ON DELETE CASCADE
);
