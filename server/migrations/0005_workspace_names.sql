-- A workspace's name as last read from its document: when it is shared and
-- each time its log is compacted. A device that has just signed in lists
-- the account's workspaces by name from here, without the server decoding
-- every document on each `GET /api/workspaces`. The document stays the
-- truth: a rename shows here after the next compaction, and on a device at
-- once when it syncs.
ALTER TABLE workspaces ADD COLUMN name TEXT NOT NULL DEFAULT '';
