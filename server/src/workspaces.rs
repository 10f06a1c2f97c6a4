//! Shared workspaces and their members: who may see a workspace's document, in which role.

pub mod invitations;

use tandem_shared::wire::{Member, SharedWorkspace};
use tandem_shared::Role;

use crate::db::{self, Pool};
use crate::{Error, Result};

/// What sharing (uploading) a workspace came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Shared {
    /// The workspace is new; the caller is its first member.
    Created,
    /// The caller was a member already (an upload again).
    AlreadyMember,
    /// It exists and is somebody else's.
    NotMember,
}

/// Checks a workspace id: the app makes them (random UUIDs), so anything
/// unusual is a mistake or an attack. 1–64 of `[A-Za-z0-9_-]`, and not
/// `private`: `/api/sync/private` is the caller's private notes, so a
/// workspace of that id could never be synced.
pub fn check_id(id: &str) -> Result<()> {
    if id == tandem_shared::protocol::PRIVATE_DOC {
        return Err(Error::BadRequest(
            "\"private\" is reserved: pick another workspace id".into(),
        ));
    }
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::BadRequest(
            "a workspace id is 1 to 64 letters, digits, '-' or '_'".into(),
        ))
    }
}

/// `user_id`'s role in `workspace_id`, or `None` when they are not a member
/// (or there is no such workspace: callers must not tell the two apart).
pub async fn role_of(pool: &Pool, workspace_id: &str, user_id: &str) -> Result<Option<Role>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2")
            .bind(workspace_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    role.map(|r| parse_role(&r)).transpose()
}

/// Creates workspace `id` with `user_id` as its `role` member, unless it
/// exists already.
pub async fn share(pool: &Pool, id: &str, user_id: &str, role: Role) -> Result<Shared> {
    let now = db::now();
    let mut tx = pool.begin().await?;
    // Insert first: the write takes the lock, so two uploads of one id
    // cannot both believe they created it.
    let created = sqlx::query(
        "INSERT INTO workspaces (id, created_by, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if created {
        sqlx::query(
            "INSERT INTO members (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(Shared::Created);
    }
    tx.rollback().await?;
    Ok(match role_of(pool, id, user_id).await? {
        Some(_) => Shared::AlreadyMember,
        None => Shared::NotMember,
    })
}

/// The workspaces `user_id` is a member of, with everyone in them.
pub async fn list_for(pool: &Pool, user_id: &str) -> Result<Vec<SharedWorkspace>> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT mine.workspace_id, w.name, mine.role, m.user_id, u.email, m.role \
         FROM members mine \
         JOIN workspaces w ON w.id = mine.workspace_id \
         JOIN members m ON m.workspace_id = mine.workspace_id \
         JOIN users u ON u.id = m.user_id \
         WHERE mine.user_id = $1 \
         ORDER BY mine.joined_at, mine.workspace_id, m.role",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let mut workspaces: Vec<SharedWorkspace> = Vec::new();
    for (id, name, my_role, member_id, email, role) in rows {
        let member = Member {
            user_id: member_id,
            email,
            role: parse_role(&role)?,
        };
        match workspaces.last_mut() {
            Some(last) if last.id == id => last.members.push(member),
            _ => workspaces.push(SharedWorkspace {
                id,
                name,
                role: parse_role(&my_role)?,
                members: vec![member],
            }),
        }
    }
    Ok(workspaces)
}

/// Records the workspace's name as `state` (its whole document, a yrs v1
/// update) has it, for [`list_for`]. Only a convenience for the list: a
/// state that does not decode, or a write that fails (logged), leaves the
/// name as it was and fails nothing of what the caller does.
pub async fn remember_name(pool: &Pool, id: &str, state: &[u8]) {
    let Ok(ws) = tandem_shared::Workspace::load(state, Vec::new()) else {
        return;
    };
    let name: String = ws
        .name()
        .chars()
        .take(tandem_shared::validate::TITLE_MAX)
        .collect();
    let written = sqlx::query("UPDATE workspaces SET name = $1 WHERE id = $2 AND name <> $1")
        .bind(name)
        .bind(id)
        .execute(pool)
        .await;
    if let Err(error) = written {
        tracing::warn!(workspace = %id, %error, "keeping the workspace's name failed");
    }
}

/// One workspace as `user_id` sees it, if they are a member.
pub async fn get_for(pool: &Pool, id: &str, user_id: &str) -> Result<Option<SharedWorkspace>> {
    let all = list_for(pool, user_id).await?;
    Ok(all.into_iter().find(|w| w.id == id))
}

/// The roles taken in a workspace.
pub async fn roles(pool: &Pool, id: &str) -> Result<Vec<Role>> {
    let roles: Vec<String> = sqlx::query_scalar("SELECT role FROM members WHERE workspace_id = $1")
        .bind(id)
        .fetch_all(pool)
        .await?;
    roles.iter().map(|r| parse_role(r)).collect()
}

/// The ids of the workspace's members (none: there is no such workspace).
pub async fn member_ids(pool: &Pool, id: &str) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT user_id FROM members WHERE workspace_id = $1")
            .bind(id)
            .fetch_all(pool)
            .await?,
    )
}

/// Removes `user_id` from the workspace. When nobody is left, the
/// workspace goes too (nobody could ever reach it again); returns whether
/// it did. The caller deletes the document and closes connections.
pub async fn remove_member(pool: &Pool, id: &str, user_id: &str) -> Result<bool> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM members WHERE workspace_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    invitations::withdraw_all(&mut tx, id).await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE workspace_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if left == 0 {
        delete_rows(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(left == 0)
}

/// Deletes the workspace's rows: members, invitations, the workspace. The
/// caller deletes the document and closes connections.
pub async fn delete(pool: &Pool, id: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    delete_rows(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

async fn delete_rows(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: &str) -> Result<()> {
    // Explicit rather than through ON DELETE CASCADE, which SQLite honours
    // only with foreign keys switched on for the connection.
    for sql in [
        "DELETE FROM invitations WHERE workspace_id = $1",
        "DELETE FROM members WHERE workspace_id = $1",
        "DELETE FROM workspaces WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Reads a role the database holds (its CHECK constraint allows no other).
pub(crate) fn parse_role(role: &str) -> Result<Role> {
    Role::parse(role).ok_or_else(|| Error::Internal(format!("unknown role in database: {role}")))
}

#[cfg(test)]
mod tests {
    use super::check_id;

    #[test]
    fn workspace_ids_are_short_and_plain() {
        check_id("3f2a9c0d1e4b5a6978877665544332211").unwrap();
        check_id("a").unwrap();
        check_id("with-dash_and_underscore").unwrap();
        check_id(&"x".repeat(64)).unwrap();
        for bad in [
            "",
            "has space",
            "slash/es",
            "dot.ted",
            "ąę",
            &"x".repeat(65),
            "private",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }
}
