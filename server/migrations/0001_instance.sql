-- One row describing this server instance; `id = 1` keeps it a singleton.
-- The row itself is inserted at start-up (see src/db.rs), not here, so a
-- database created by any means gets one.
CREATE TABLE instance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- RFC 3339 UTC text, e.g. 2025-01-31T12:00:00Z.
    created_at TEXT NOT NULL
);
