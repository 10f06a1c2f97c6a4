//! Single-use invitation links that bring the second person (the missing role) into a workspace.

use tandem_shared::wire::{InvitationInfo, Joined, OpenInvitation};
use tandem_shared::{Role, Workspace};

use super::parse_role;
use crate::auth::accounts::db_is_unique_violation;
use crate::auth::token;
use crate::db::{self, Pool};
use crate::sync::{self, store};
use crate::{Error, Result};

/// How long an invitation link works.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;

const EXPIRED: &str = "this invitation has expired";
const USED: &str = "this invitation was already used";
const WITHDRAWN: &str = "this invitation was withdrawn";
const FULL: &str = "this workspace already has a mentor and a mentee";

/// The role an invitation to this workspace would offer: the one nobody
/// has yet.
pub async fn open_role(pool: &Pool, workspace_id: &str) -> Result<Role> {
    let taken = super::roles(pool, workspace_id).await?;
    [Role::Mentee, Role::Mentor]
        .into_iter()
        .find(|role| !taken.contains(role))
        .ok_or(Error::Conflict(FULL))
}

/// Makes an invitation for `role`; returns its token (the only copy) and
/// when it expires.
pub async fn create(
    pool: &Pool,
    workspace_id: &str,
    role: Role,
    created_by: &str,
) -> Result<(String, i64)> {
    let token = token::new_token();
    let now = db::now();
    let expires_at = now + INVITATION_SECONDS;
    sqlx::query(
        "INSERT INTO invitations (token_hash, workspace_id, role, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token::hash(&token))
    .bind(workspace_id)
    .bind(role.as_str())
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok((token, expires_at))
}

/// What a still usable invitation offers; 404 unknown, 410 used or expired.
pub async fn info(pool: &Pool, token: &str) -> Result<InvitationInfo> {
    let row = find(pool, token).await?.ok_or(Error::NotFound)?;
    if row.withdrawn {
        return Err(Error::Gone(WITHDRAWN));
    }
    if row.used {
        return Err(Error::Gone(USED));
    }
    if row.expires_at <= db::now() {
        return Err(Error::Gone(EXPIRED));
    }
    // Who sent it and what it is for, so the join page can say so: the
    // name is read from the stored document, as the members' apps do.
    let invited_by: Option<String> = sqlx::query_scalar(
        "SELECT u.email FROM invitations i JOIN users u ON u.id = i.created_by \
         WHERE i.token_hash = $1",
    )
    .bind(token::hash(token))
    .fetch_optional(pool)
    .await?;
    let workspace_name = match store::load(pool, &sync::workspace_doc(&row.workspace_id)).await? {
        (Some(state), _) => Workspace::load(&state, Vec::new())
            .map(|ws| ws.name())
            .unwrap_or_default(),
        (None, _) => String::new(),
    };
    Ok(InvitationInfo {
        workspace_id: row.workspace_id,
        workspace_name,
        invited_by: invited_by.unwrap_or_default(),
        role: row.role,
        expires_at: row.expires_at,
    })
}

/// Uses the invitation: `user_id` joins its workspace in its role. Exactly
/// one accept succeeds per invitation; a refused accept leaves it unused.
pub async fn accept(pool: &Pool, token: &str, user_id: &str) -> Result<Joined> {
    let hash = token::hash(token);
    let now = db::now();
    let mut tx = pool.begin().await?;
    // The conditional UPDATE is the single-use guarantee: of two accepts
    // racing, only one changes the row. Writing first also takes the
    // write lock up front, so SQLite never has to upgrade a read.
    let claimed = sqlx::query(
        "UPDATE invitations SET used_by = $1, used_at = $2 \
         WHERE token_hash = $3 AND used_by IS NULL AND used_at IS NULL AND expires_at > $2",
    )
    .bind(user_id)
    .bind(now)
    .bind(&hash)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        tx.rollback().await?;
        // Why not: the same answers as `info`.
        info(pool, token).await?;
        return Err(Error::Gone(USED));
    }
    let (workspace_id, role): (String, String) =
        sqlx::query_as("SELECT workspace_id, role FROM invitations WHERE token_hash = $1")
            .bind(&hash)
            .fetch_one(&mut *tx)
            .await?;
    let role = parse_role(&role)?;
    let member: Option<String> =
        sqlx::query_scalar("SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2")
            .bind(&workspace_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if member.is_some() {
        tx.rollback().await?;
        return Err(Error::Conflict(
            "you are already a member of this workspace",
        ));
    }
    let joined = sqlx::query(
        "INSERT INTO members (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&workspace_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await;
    match joined {
        Ok(_) => {}
        // Somebody took the role meanwhile (through another invitation):
        // one mentor and one mentee per workspace, enforced by an index.
        Err(e) if db_is_unique_violation(&e) => {
            tx.rollback().await?;
            return Err(Error::Conflict(match role {
                Role::Mentor => "this workspace already has a mentor",
                Role::Mentee => "this workspace already has a mentee",
            }));
        }
        Err(e) => return Err(e.into()),
    }
    // The role is filled: other links for it are withdrawn, so none can
    // bring someone in after this person is removed, say.
    sqlx::query(WITHDRAW_OPEN_FOR_ROLE)
        .bind(now)
        .bind(&workspace_id)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Joined { workspace_id, role })
}

/// Withdrawn: `used_at` set, `used_by` not (nobody used it).
const WITHDRAW_OPEN_FOR_ROLE: &str = "UPDATE invitations SET used_at = $1 \
    WHERE workspace_id = $2 AND role = $3 AND used_at IS NULL";
const WITHDRAW_OPEN: &str =
    "UPDATE invitations SET used_at = $1 WHERE workspace_id = $2 AND used_at IS NULL";

/// Withdraws every open invitation to `workspace_id` (a member was
/// removed: links made before must not bring anyone back).
pub async fn withdraw_all(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    workspace_id: &str,
) -> Result<()> {
    sqlx::query(WITHDRAW_OPEN)
        .bind(db::now())
        .bind(workspace_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The workspace's invitations that still work: id (the token's hash,
/// never the token), role, when made and when they expire.
pub async fn open(pool: &Pool, workspace_id: &str) -> Result<Vec<OpenInvitation>> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT token_hash, role, created_at, expires_at FROM invitations \
         WHERE workspace_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(workspace_id)
    .bind(db::now())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, role, created_at, expires_at)| {
            Ok(OpenInvitation {
                id,
                role: parse_role(&role)?,
                created_at,
                expires_at,
            })
        })
        .collect()
}

/// Withdraws one open invitation of `workspace_id`; whether there was one.
pub async fn withdraw(pool: &Pool, workspace_id: &str, id: &str) -> Result<bool> {
    let changed = sqlx::query(
        "UPDATE invitations SET used_at = $1 \
         WHERE workspace_id = $2 AND token_hash = $3 AND used_at IS NULL",
    )
    .bind(db::now())
    .bind(workspace_id)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

struct Row {
    workspace_id: String,
    role: Role,
    expires_at: i64,
    used: bool,
    /// Withdrawn unused (the role was filled, a member removed, or a
    /// member withdrew it).
    withdrawn: bool,
}

async fn find(pool: &Pool, token: &str) -> Result<Option<Row>> {
    /// workspace_id, role, expires_at, used_at, used_by
    type Stored = (String, String, i64, Option<i64>, Option<String>);
    let row: Option<Stored> = sqlx::query_as(
        "SELECT workspace_id, role, expires_at, used_at, used_by FROM invitations WHERE token_hash = $1",
    )
    .bind(token::hash(token))
    .fetch_optional(pool)
    .await?;
    row.map(|(workspace_id, role, expires_at, used_at, used_by)| {
        Ok(Row {
            workspace_id,
            role: parse_role(&role)?,
            expires_at,
            used: used_at.is_some(),
            withdrawn: used_at.is_some() && used_by.is_none(),
        })
    })
    .transpose()
}
