//! A document's durable form: a snapshot plus the log of updates accepted
//! after it. An update is appended (committed) before anyone is told about
//! it; compaction folds the log into the snapshot in one transaction, so a
//! crash at any point leaves either the old rows or the new snapshot.
//!
//! Several server instances may write one document at once (scale-out):
//! sequence numbers are taken with a retry on collision, so they commit in
//! order without gaps, and compaction replaces only the snapshot it read.

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Connection};
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit, Semaphore};

use super::fanout::Fanout;
use crate::db::{self, Pool};
use crate::{Error, Result};

/// Log rows after which a document is compacted.
pub const COMPACT_AFTER: i64 = 200;

/// How often an append retries when another instance took its number.
const APPEND_TRIES: usize = 20;

/// Checks that `bytes` (from a client) is a yrs (lib0 v1) update.
pub fn validate(bytes: &[u8]) -> Result<()> {
    super::update::decode(bytes)
        .map(|_| ())
        .map_err(|e| Error::BadRequest(format!("not a document update: {e}")))
}

/// The most updates one transaction stores (one group commit).
pub const MAX_BATCH: usize = 256;

/// Appends a validated update to the log on its own (one transaction) and
/// returns its sequence number. The server stores through a [`Writer`];
/// this is for tools and tests.
pub async fn append(pool: &Pool, doc: &str, update: &[u8], fanout: &Fanout) -> Result<i64> {
    validate(update)?;
    let seqs = commit(&mut *pool.acquire().await?, fanout, &[(doc, update)]).await?;
    Ok(seqs[0])
}

/// What the writer calls once an update's transaction has ended: its
/// sequence number (or why storing failed), and the update's bytes back.
pub type Done = Box<dyn FnOnce(Result<i64>, Vec<u8>) + Send>;

/// The bytes of updates that may wait for the writer (queued, or in the
/// batch being committed) before queueing more waits for room.
pub const QUEUE_BYTES: usize = 64 << 20;
/// What one waiting update counts as beyond its bytes.
pub const PENDING_OVERHEAD: usize = 256;

/// One update waiting for the writer.
struct Pending {
    doc: String,
    update: Vec<u8>,
    done: Done,
    /// Its room in the queue, given back once its transaction has ended.
    _room: OwnedSemaphorePermit,
}

/// What the writer's queue holds.
enum Job {
    Store(Pending),
    /// Answered once everything queued before it has been stored (or failed).
    Flush(oneshot::Sender<()>),
}

/// Stores updates by **group commit**: one task per pool takes the first
/// update waiting, and with it whatever else is queued by then (from any
/// connection, any document; at most [`MAX_BATCH`]), and appends them all
/// in one transaction, so one commit (one fsync on SQLite) serves many.
/// Each update's [`Done`] runs only after the transaction holding it has
/// committed; when it fails, every update in it fails. Updates are stored,
/// and their `Done`s run, in queue order.
///
/// The queue is bounded in bytes ([`QUEUE_BYTES`]): when the database
/// falls behind, [`Writer::queue`] waits for room, so the rooms (which
/// queue under their document's lock) and through them the connections
/// stop reading, instead of memory growing without end.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::UnboundedSender<Job>,
    room: Arc<Semaphore>,
    capacity: usize,
}

impl Writer {
    /// Starts the writer task; it ends when the last `Writer` is dropped.
    pub fn start(pool: Pool, fanout: Fanout) -> Writer {
        Writer::start_bounded(pool, fanout, QUEUE_BYTES)
    }

    /// [`Writer::start`] with a queue of at most `capacity` bytes.
    pub fn start_bounded(pool: Pool, fanout: Fanout, capacity: usize) -> Writer {
        let (queue, pending) = mpsc::unbounded_channel();
        tokio::spawn(write_batches(pool, fanout, pending));
        Writer {
            queue,
            room: Arc::new(Semaphore::new(capacity)),
            capacity,
        }
    }

    /// Queues an update the caller has already decoded (see [`validate`]),
    /// waiting only for room in the queue, not for the update to be
    /// stored: `done` runs in the writer's task once it is committed, so it
    /// must be quick. The fan-out notice goes out in the same transaction:
    /// PostgreSQL delivers it when, and only if, the row is committed.
    pub async fn queue(&self, doc: &str, update: Vec<u8>, done: Done) -> Result<()> {
        let cost = (update.len() + PENDING_OVERHEAD).min(self.capacity);
        let room = Arc::clone(&self.room)
            .acquire_many_owned(u32::try_from(cost).unwrap_or(u32::MAX))
            .await
            .map_err(|_| Error::Unavailable("server restarting, reconnect"))?;
        self.queue
            .send(Job::Store(Pending {
                doc: doc.to_string(),
                update,
                done,
                _room: room,
            }))
            .map_err(|_| Error::Unavailable("server restarting, reconnect"))
    }

    /// Waits until every update queued so far has been stored (or failed).
    pub async fn flush(&self) {
        let _ = self.flushed().await;
    }

    /// Answers once every update queued so far has been stored (or
    /// failed); an error if the writer stopped.
    pub fn flushed(&self) -> oneshot::Receiver<()> {
        let (done, answer) = oneshot::channel();
        // A writer that stopped drops `done`, which answers the receiver.
        let _ = self.queue.send(Job::Flush(done));
        answer
    }

    /// Appends an update to the log and returns its sequence number, once
    /// it is committed.
    pub async fn append(&self, doc: &str, update: &[u8]) -> Result<i64> {
        validate(update)?;
        let (done, answer) = oneshot::channel();
        self.queue(
            doc,
            update.to_vec(),
            Box::new(move |result, _| {
                let _ = done.send(result);
            }),
        )
        .await?;
        answer
            .await
            .map_err(|_| Error::Internal("the database writer stopped".into()))?
    }
}

async fn write_batches(pool: Pool, fanout: Fanout, mut queue: mpsc::UnboundedReceiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    // The writer keeps a connection of its own: waiting for one of the
    // pool's, busy with reads and compactions, cost more than the writes.
    // Closing the pool waits for every connection to come back, so it is
    // given back then (and batches after that fail: the pool is closed).
    let mut conn: Option<PoolConnection<Any>> = None;
    let closing = pool.close_event();
    tokio::pin!(closing);
    let mut closed = false;
    loop {
        tokio::select! {
            received = queue.recv_many(&mut jobs, MAX_BATCH) => if received == 0 { break },
            () = &mut closing, if !closed => {
                closed = true;
                conn = None;
                continue;
            }
        }
        let rows: Vec<(&str, &[u8])> = jobs
            .iter()
            .filter_map(|job| match job {
                Job::Store(p) => Some((p.doc.as_str(), p.update.as_slice())),
                Job::Flush(_) => None,
            })
            .collect();
        let result = if rows.is_empty() {
            Ok(Vec::new())
        } else {
            store_rows(&pool, &mut conn, &fanout, &rows).await
        };
        drop(rows);
        let mut seqs = match result {
            Ok(seqs) => Ok(seqs.into_iter()),
            Err(error) => {
                tracing::error!(%error, updates = jobs.len(), "storing updates failed");
                Err(format!("storing the update failed: {error}"))
            }
        };
        for job in jobs.drain(..) {
            match job {
                Job::Store(pending) => {
                    let result = match &mut seqs {
                        Ok(seqs) => Ok(seqs.next().expect("one number per row")),
                        Err(reason) => Err(Error::Internal(reason.clone())),
                    };
                    (pending.done)(result, pending.update);
                }
                Job::Flush(done) => {
                    let _ = done.send(());
                }
            }
        }
    }
}

/// Commits `rows` on the writer's connection, taking one from the pool
/// when it has none (at the start, or after a failure: a connection that
/// failed is given back, not kept).
async fn store_rows(
    pool: &Pool,
    conn: &mut Option<PoolConnection<Any>>,
    fanout: &Fanout,
    rows: &[(&str, &[u8])],
) -> Result<Vec<i64>> {
    let mut c = match conn.take() {
        Some(c) => c,
        None => pool.acquire().await?,
    };
    let result = commit(&mut c, fanout, rows).await;
    if result.is_ok() && !pool.is_closed() {
        *conn = Some(c);
    }
    result
}

/// Appends `rows` (document, update) in one transaction, in order, and
/// returns their sequence numbers. When another instance took a number
/// first (the insert collides), or PostgreSQL ended the transaction to
/// break a deadlock or a serialization conflict, the whole transaction is
/// tried again, a little later each time: no client sees it.
async fn commit(
    conn: &mut AnyConnection,
    fanout: &Fanout,
    rows: &[(&str, &[u8])],
) -> Result<Vec<i64>> {
    let mut tries = 0;
    loop {
        match try_commit(conn, fanout, rows).await {
            Err(Error::Sqlx(sqlx::Error::Database(e)))
                if retryable(e.as_ref()) && tries < APPEND_TRIES =>
            {
                tries += 1;
                tracing::debug!(tries, error = %e, "storing collided with another instance, retrying");
                // A taken number: the other batch has committed, so go again
                // at once. A deadlock or serialization failure: the other
                // transaction is still running; give it room first.
                if !e.is_unique_violation() {
                    let backoff = std::time::Duration::from_millis(1 << tries.min(7));
                    tokio::time::sleep(backoff).await;
                }
            }
            result => return result,
        }
    }
}

/// A collision that trying again resolves: a sequence number another
/// instance committed first, a deadlock or a serialization failure.
fn retryable(e: &dyn sqlx::error::DatabaseError) -> bool {
    const DEADLOCK: &str = "40P01";
    const SERIALIZATION: &str = "40001";
    e.is_unique_violation() || matches!(e.code().as_deref(), Some(DEADLOCK | SERIALIZATION))
}

async fn try_commit(
    conn: &mut AnyConnection,
    fanout: &Fanout,
    rows: &[(&str, &[u8])],
) -> Result<Vec<i64>> {
    // Each row's place among its document's rows in this batch (1, 2, …).
    let mut counts: HashMap<&str, i64> = HashMap::new();
    let nths: Vec<i64> = rows
        .iter()
        .map(|(doc, _)| {
            let count = counts.entry(*doc).or_default();
            *count += 1;
            *count
        })
        .collect();
    let mut tx = conn.begin().await?;
    // One statement for the whole batch. Each row's number is its place in
    // the batch after the document's newest row: the log's last (an index
    // lookup; the log holds only rows after the snapshot, as compaction
    // deletes what it folds) or, when the log is empty, the snapshot's.
    // The subqueries see only rows stored before this statement. Rows go
    // in by document id: two instances' batches that share documents then
    // wait on each other's new rows in one order, never in a circle (a
    // deadlock, which PostgreSQL ends by failing one of them). The
    // transaction's first statement is a write: SQLite then takes the
    // write lock at once, waiting (busy timeout) for another writer,
    // instead of reading first and failing with "database is locked" when
    // it cannot upgrade its read.
    // On SQLite plain `?`s: it takes `$N` for a named parameter and looks
    // each name up among those before it, and sqlx asks it each numbered
    // parameter's name, both quadratic in a statement this long.
    let sqlite = tx.backend_name() == "SQLite";
    let values: Vec<String> = (0..rows.len())
        .map(|i| match sqlite {
            true => "(?, ?, ?, ?)".to_string(),
            false => {
                let [a, b, c, d] = [1, 2, 3, 4].map(|k| 4 * i + k);
                format!("(${a}, ${b}, ${c}, ${d})")
            }
        })
        .collect();
    let sql = format!(
        "WITH v (doc_id, nth, data, created_at) AS (VALUES {}) \
         INSERT INTO doc_updates (doc_id, seq, data, created_at) \
         SELECT v.doc_id, v.nth + COALESCE(\
                (SELECT MAX(u.seq) FROM doc_updates u WHERE u.doc_id = v.doc_id), \
                (SELECT p.upto FROM doc_snapshots p WHERE p.doc_id = v.doc_id), 0), \
            v.data, v.created_at FROM v ORDER BY v.doc_id, v.nth \
         RETURNING doc_id, seq",
        values.join(", ")
    );
    let now = db::now();
    let mut insert = sqlx::query_as::<_, (String, i64)>(&sql).persistent(false);
    for ((doc, update), nth) in rows.iter().zip(&nths) {
        insert = insert.bind(*doc).bind(*nth).bind(update.to_vec()).bind(now);
    }
    let mut stored: HashMap<String, Vec<i64>> = HashMap::new();
    for (doc, seq) in insert.fetch_all(&mut *tx).await? {
        stored.entry(doc).or_default().push(seq);
    }
    for (doc, seqs) in &mut stored {
        seqs.sort_unstable();
        let newest = *seqs.last().expect("a row");
        fanout.announce_update(&mut tx, doc, newest).await?;
    }
    // The rows of one document got consecutive numbers, in batch order.
    let seqs = rows
        .iter()
        .zip(&nths)
        .map(|((doc, _), nth)| {
            stored
                .get(*doc)
                .and_then(|seqs| seqs.get(*nth as usize - 1))
                .copied()
                .ok_or_else(|| Error::Internal(format!("no number stored for a row of {doc}")))
        })
        .collect::<Result<Vec<i64>>>()?;
    tx.commit().await?;
    Ok(seqs)
}

/// What is stored past sequence number `seq`.
#[derive(Debug, Default)]
pub struct Since {
    /// The snapshot and its `upto`, when it covers rows past `seq` (which
    /// are then no longer in the log).
    pub snapshot: Option<(Vec<u8>, i64)>,
    /// Log rows past `seq` and past the snapshot, in order.
    pub rows: Vec<(i64, Vec<u8>)>,
}

impl Since {
    /// The sequence number this brings a reader up to (`seq` if nothing).
    pub fn last(&self, seq: i64) -> i64 {
        let upto = self.snapshot.as_ref().map_or(seq, |(_, upto)| *upto);
        self.rows.last().map_or(upto, |(last, _)| *last)
    }
}

/// Everything stored for `doc` after sequence number `seq`. One statement,
/// so a compaction committing meanwhile (on any instance) cannot make rows
/// vanish between reading the snapshot and reading the log.
pub async fn since(pool: &Pool, doc: &str, seq: i64) -> Result<Since> {
    let parts: Vec<(i64, i64, Vec<u8>)> = sqlx::query_as(
        "SELECT CAST(0 AS BIGINT) AS part, upto AS seq, snapshot AS data FROM doc_snapshots \
            WHERE doc_id = $1 AND upto > $2 \
         UNION ALL SELECT CAST(1 AS BIGINT) AS part, seq, data FROM doc_updates \
            WHERE doc_id = $1 AND seq > $2 \
         ORDER BY part, seq",
    )
    .bind(doc)
    .bind(seq)
    .fetch_all(pool)
    .await?;
    let mut since = Since::default();
    for (part, seq, data) in parts {
        if part == 0 {
            since.snapshot = Some((data, seq));
        } else if since.snapshot.as_ref().is_none_or(|(_, upto)| seq > *upto) {
            since.rows.push((seq, data));
        }
    }
    Ok(since)
}

/// Everything stored for a document, merged into one update (empty
/// document: `None`), and the sequence number it is current to.
pub async fn load(pool: &Pool, doc: &str) -> Result<(Option<Vec<u8>>, i64)> {
    load_from(doc, since(pool, doc, 0).await?)
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

/// Folds the log into the snapshot and returns the last row it folded.
/// Rows appended meanwhile stay in the log; if another instance compacted
/// meanwhile, this one leaves it be (`None`).
pub async fn compact(pool: &Pool, doc: &str) -> Result<Option<i64>> {
    let base = since(pool, doc, 0).await?;
    let base_upto = base.snapshot.as_ref().map_or(0, |(_, upto)| *upto);
    let (merged, upto) = load_from(doc, base)?;
    let Some(merged) = merged else {
        return Ok(None);
    };
    let mut tx = pool.begin().await?;
    // Only over the snapshot we merged from: another instance's newer one
    // may already have deleted rows we never read.
    let replaced = sqlx::query(
        "INSERT INTO doc_snapshots (doc_id, snapshot, upto) VALUES ($1, $2, $3) \
         ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot, upto = excluded.upto \
         WHERE doc_snapshots.upto = $4",
    )
    .bind(doc)
    .bind(merged)
    .bind(upto)
    .bind(base_upto)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if replaced == 0 {
        tx.rollback().await?;
        return Ok(None);
    }
    sqlx::query("DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2")
        .bind(doc)
        .bind(upto)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(upto))
}

/// `since` merged into one update, and the sequence number it is current to.
pub fn load_from(doc: &str, since: Since) -> Result<(Option<Vec<u8>>, i64)> {
    let last = since.last(0);
    let parts: Vec<Vec<u8>> = since
        .snapshot
        .map(|(bytes, _)| bytes)
        .into_iter()
        .chain(since.rows.into_iter().map(|(_, d)| d))
        .collect();
    if parts.is_empty() {
        return Ok((None, last));
    }
    let merged = yrs::merge_updates_v1(&parts)
        .map_err(|e| Error::Internal(format!("stored document {doc} does not merge: {e}")))?;
    Ok((Some(merged), last))
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

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;
    use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

    fn text_update(client: u64, text: &str) -> Vec<u8> {
        let doc = Doc::with_client_id(client);
        doc.get_or_insert_text("t")
            .insert(&mut doc.transact_mut(), 0, text);
        let update = doc
            .transact()
            .encode_state_as_update_v1(&Default::default());
        update
    }

    /// Updates queued together are stored together, each document's in
    /// queue order with consecutive numbers.
    #[tokio::test]
    async fn queued_updates_share_a_transaction_and_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let pool = db::connect(dir.path(), None).await.unwrap();
        let writer = Writer::start(pool.clone(), Fanout::off());
        let updates: Vec<(String, Vec<u8>)> = (0..40)
            .map(|i| (format!("d{}", i % 4), text_update(i + 1, &format!("{i}"))))
            .collect();
        let seqs =
            futures_util::future::join_all(updates.iter().map(|(doc, u)| writer.append(doc, u)))
                .await;
        for (i, seq) in seqs.into_iter().enumerate() {
            assert_eq!(seq.unwrap(), i as i64 / 4 + 1);
        }
        for d in 0..4 {
            let doc = format!("d{d}");
            let since = since(&pool, &doc, 0).await.unwrap();
            let expected: Vec<&Vec<u8>> = updates
                .iter()
                .filter(|(d, _)| *d == doc)
                .map(|(_, u)| u)
                .collect();
            let stored: Vec<&Vec<u8>> = since.rows.iter().map(|(_, u)| u).collect();
            assert_eq!(stored, expected);
        }
    }

    /// A transaction that fails fails every update in it: none is stored,
    /// and each caller gets an error.
    #[tokio::test]
    async fn a_failed_group_commit_fails_every_update_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let pool = db::connect(dir.path(), None).await.unwrap();
        sqlx::query(
            "CREATE TRIGGER refuse BEFORE INSERT ON doc_updates WHEN NEW.doc_id = 'bad' \
             BEGIN SELECT RAISE(ABORT, 'refused'); END",
        )
        .execute(&pool)
        .await
        .unwrap();
        let writer = Writer::start(pool.clone(), Fanout::off());
        let good = text_update(1, "good");
        let bad = text_update(2, "bad");
        // Queued in one go (the writer runs only once all are queued), so
        // they share one transaction.
        let results = futures_util::future::join_all([
            writer.append("good", &good),
            writer.append("bad", &bad),
            writer.append("good", &good),
        ])
        .await;
        for result in results {
            assert!(matches!(result, Err(Error::Internal(_))), "{result:?}");
        }
        assert_eq!(log_len(&pool, "good").await.unwrap(), 0);
        // The next batch, without the bad one, is stored.
        assert_eq!(writer.append("good", &good).await.unwrap(), 1);
    }

    /// An update stored while its dependencies were missing (see
    /// `room::apply`) survives merging into a snapshot, and applies once the
    /// missing one arrives.
    #[test]
    fn a_log_with_a_gap_merges_without_losing_what_follows_it() {
        let doc = Doc::with_client_id(7);
        let text = doc.get_or_insert_text("t");
        text.insert(&mut doc.transact_mut(), 0, "ab");
        let first = doc
            .transact()
            .encode_state_as_update_v1(&Default::default());
        let sv = doc.transact().state_vector();
        text.insert(&mut doc.transact_mut(), 2, "cd");
        let second = doc.transact().encode_state_as_update_v1(&sv);

        let since = Since {
            snapshot: None,
            rows: vec![(1, Update::EMPTY_V1.to_vec()), (2, second)],
        };
        let (merged, upto) = load_from("d", since).unwrap();
        assert_eq!(upto, 2);

        let copy = Doc::new();
        let text = copy.get_or_insert_text("t");
        let mut txn = copy.transact_mut();
        txn.apply_update(Update::decode_v1(&merged.unwrap()).unwrap())
            .unwrap();
        assert!(txn.has_missing_updates());
        txn.apply_update(Update::decode_v1(&first).unwrap())
            .unwrap();
        assert_eq!(text.get_string(&txn), "abcd");
    }
}
