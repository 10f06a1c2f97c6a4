-- Accounts, shared workspaces and the documents' update logs.
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Times are Unix
-- seconds (BIGINT); binary data is BYTEA (SQLite stores it as a BLOB).

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,          -- stored lower-cased
    password_hash TEXT NOT NULL,         -- argon2id PHC string
    created_at BIGINT NOT NULL
);

-- A signed-in device. Only a SHA-256 of the token is stored, so a leaked
-- database does not hand out sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A workspace shared through the server; its id is the one the app made.
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

CREATE TABLE members (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

-- Single-use invitation links; only a hash of the token is stored.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    used_at BIGINT
);

-- A document (a workspace's, or a person's private notes) is its snapshot
-- plus the updates accepted after it. Every accepted update is a row here
-- before it is acknowledged or broadcast; compaction folds rows up to
-- `upto` into the snapshot in one transaction.
CREATE TABLE doc_snapshots (
    doc_id TEXT PRIMARY KEY,
    snapshot BYTEA NOT NULL,
    upto BIGINT NOT NULL
);

CREATE TABLE doc_updates (
    doc_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
