//! A document's durable form: a snapshot plus the log of updates accepted
//! after it. An update is appended (committed) before anyone is told about
//! it; compaction folds the log into the snapshot in one transaction, so a
//! crash at any point leaves either the old rows or the new snapshot.

use yrs::updates::decoder::Decode;
use yrs::Update;

use crate::db::{self, Pool};
use crate::{Error, Result};

/// Log rows after which a document is compacted.
pub const COMPACT_AFTER: i64 = 200;

/// Checks that `bytes` is a yrs (lib0 v1) update.
pub fn validate(bytes: &[u8]) -> Result<()> {
    Update::decode_v1(bytes)
        .map(|_| ())
        .map_err(|e| Error::BadRequest(format!("not a document update: {e}")))
}

/// Appends a validated update to the log and returns its sequence number.
pub async fn append(pool: &Pool, doc: &str, update: &[u8]) -> Result<i64> {
    validate(update)?;
    let mut tx = pool.begin().await?;
    // The next number after both the log and the snapshot: after a
    // compaction the log may be empty.
    let last: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq), 0) FROM (\
            SELECT seq FROM doc_updates WHERE doc_id = $1 \
            UNION ALL SELECT upto AS seq FROM doc_snapshots WHERE doc_id = $1) AS s",
    )
    .bind(doc)
    .fetch_one(&mut *tx)
    .await?;
    let seq = last + 1;
    sqlx::query("INSERT INTO doc_updates (doc_id, seq, data, created_at) VALUES ($1, $2, $3, $4)")
        .bind(doc)
        .bind(seq)
        .bind(update.to_vec())
        .bind(db::now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(seq)
}

/// Everything stored for a document, merged into one update (empty
/// document: `None`), and the sequence number it is current to.
pub async fn load(pool: &Pool, doc: &str) -> Result<(Option<Vec<u8>>, i64)> {
    let snapshot: Option<(Vec<u8>, i64)> =
        sqlx::query_as("SELECT snapshot, upto FROM doc_snapshots WHERE doc_id = $1")
            .bind(doc)
            .fetch_optional(pool)
            .await?;
    let (snapshot, upto) = match snapshot {
        Some((bytes, upto)) => (Some(bytes), upto),
        None => (None, 0),
    };
    let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT seq, data FROM doc_updates WHERE doc_id = $1 AND seq > $2 ORDER BY seq",
    )
    .bind(doc)
    .bind(upto)
    .fetch_all(pool)
    .await?;
    let last = rows.last().map_or(upto, |(seq, _)| *seq);
    let parts: Vec<Vec<u8>> = snapshot
        .into_iter()
        .chain(rows.into_iter().map(|(_, d)| d))
        .collect();
    if parts.is_empty() {
        return Ok((None, last));
    }
    let merged = yrs::merge_updates_v1(&parts)
        .map_err(|e| Error::Internal(format!("stored document {doc} does not merge: {e}")))?;
    Ok((Some(merged), last))
}

/// How many log rows a document has past its snapshot.
pub async fn log_len(pool: &Pool, doc: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM doc_updates WHERE doc_id = $1")
            .bind(doc)
            .fetch_one(pool)
            .await?,
    )
}

/// Folds the log into the snapshot. Rows appended meanwhile stay in the log.
pub async fn compact(pool: &Pool, doc: &str) -> Result<()> {
    let (merged, upto) = load(pool, doc).await?;
    let Some(merged) = merged else { return Ok(()) };
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO doc_snapshots (doc_id, snapshot, upto) VALUES ($1, $2, $3) \
         ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot, upto = excluded.upto",
    )
    .bind(doc)
    .bind(merged)
    .bind(upto)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2")
        .bind(doc)
        .bind(upto)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a document and its log for good.
pub async fn delete(pool: &Pool, doc: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM doc_updates WHERE doc_id = $1")
        .bind(doc)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM doc_snapshots WHERE doc_id = $1")
        .bind(doc)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
