//! Storage quotas: what one document may hold, and what the documents one
//! account can open may hold together, so that one account (sign-up is
//! open) cannot fill the server's disk.

use crate::db::Pool;
use crate::{Error, Result};

/// Stored bytes (snapshot and log) one document may hold: about twenty
/// times a five-year workspace (1.7 MB encoded).
pub const DOCUMENT_BYTES: usize = 32 << 20;
/// Stored bytes of every document an account can open together: the
/// workspaces it is a member of and its private notes.
pub const ACCOUNT_BYTES: usize = 128 << 20;
/// A connection asks the database for its account's use again after
/// writing this much (and before its first update).
pub const CHECK_EVERY: usize = 1 << 20;

/// The quotas in force (`config.rs` sets them).
#[derive(Clone, Copy, Debug)]
pub struct Quotas {
    pub document: usize,
    pub account: usize,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            document: DOCUMENT_BYTES,
            account: ACCOUNT_BYTES,
        }
    }
}

/// The refusal when a document is full.
pub fn document_full(limit: usize) -> Error {
    Error::QuotaExceeded(format!(
        "this workspace is full (limit {} of stored changes)",
        size(limit)
    ))
}

/// The refusal when an account is full.
pub fn account_full(limit: usize) -> Error {
    Error::QuotaExceeded(format!(
        "your account is full (limit {} across your workspaces)",
        size(limit)
    ))
}

/// `limit` for people: in MiB when it is whole MiB.
fn size(limit: usize) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{limit} bytes")
    }
}

/// The bytes stored for `doc`: its snapshot and its log.
pub async fn doc_bytes(pool: &Pool, doc: &str) -> Result<usize> {
    let bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE((SELECT SUM(LENGTH(snapshot)) FROM doc_snapshots WHERE doc_id = $1), 0) \
              + COALESCE((SELECT SUM(LENGTH(data)) FROM doc_updates WHERE doc_id = $1), 0) AS BIGINT)",
    )
    .bind(doc)
    .fetch_one(pool)
    .await?;
    Ok(usize::try_from(bytes).unwrap_or(0))
}

/// The bytes stored for every document `user_id` can open.
pub async fn account_bytes(pool: &Pool, user_id: &str) -> Result<usize> {
    let bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE((SELECT SUM(LENGTH(snapshot)) FROM doc_snapshots WHERE doc_id = $2 \
                OR doc_id IN (SELECT 'ws:' || workspace_id FROM members WHERE user_id = $1)), 0) \
              + COALESCE((SELECT SUM(LENGTH(data)) FROM doc_updates WHERE doc_id = $2 \
                OR doc_id IN (SELECT 'ws:' || workspace_id FROM members WHERE user_id = $1)), 0) \
            AS BIGINT)",
    )
    .bind(user_id)
    .bind(super::private_doc(user_id))
    .fetch_one(pool)
    .await?;
    Ok(usize::try_from(bytes).unwrap_or(0))
}

/// Refuses `adding` bytes more to what `user_id`'s documents hold if that
/// passes `limit`.
pub async fn check_account(pool: &Pool, user_id: &str, limit: usize, adding: usize) -> Result<()> {
    if account_bytes(pool, user_id).await? + adding > limit {
        return Err(account_full(limit));
    }
    Ok(())
}

/// What one connection may still write before asking the database again
/// how much its account holds.
pub struct Allowance {
    user_id: String,
    left: usize,
}

impl Allowance {
    pub fn new(user_id: &str) -> Allowance {
        Allowance {
            user_id: user_id.to_string(),
            left: 0,
        }
    }

    /// Takes `bytes` from the allowance, asking the database first when
    /// it has run out; refused when the account is full.
    pub async fn spend(&mut self, pool: &Pool, limit: usize, bytes: usize) -> Result<()> {
        if bytes > self.left {
            let used = account_bytes(pool, &self.user_id).await?;
            let free = limit.saturating_sub(used);
            if bytes > free {
                return Err(account_full(limit));
            }
            self.left = free.min(CHECK_EVERY.max(bytes));
        }
        self.left -= bytes;
        Ok(())
    }
}
