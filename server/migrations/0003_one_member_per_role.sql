-- A workspace is one mentor–mentee pair: at most one member per role, so
-- two invitations accepted at once cannot both add a mentee.
CREATE UNIQUE INDEX members_one_per_role ON members (workspace_id, role);

-- Deleting a workspace deletes its invitations by this column.
CREATE INDEX invitations_workspace ON invitations (workspace_id);
