//! Two instances' writers over one PostgreSQL database, both storing
//! batches that span many documents at once (issue 16): group commits from
//! different instances must never deadlock, and every update must be
//! stored exactly once, numbered without gaps.

#[macro_use]
mod common;

use std::collections::BTreeMap;

use common::Backend;
use futures_util::future::join_all;
use tandem_server::db;
use tandem_server::sync::fanout::Fanout;
use tandem_server::sync::store::{self, Writer};
use yrs::{Doc, ReadTxn, Text, Transact};

const DOCS: usize = 200;
const ROUNDS: usize = 30;

/// One small update, as a client's keystroke would be.
fn update(client: u64, text: &str) -> Vec<u8> {
    let doc = Doc::with_client_id(client);
    doc.get_or_insert_text("t")
        .insert(&mut doc.transact_mut(), 0, text);
    let update = doc
        .transact()
        .encode_state_as_update_v1(&Default::default());
    update
}

#[tokio::test]
async fn two_instances_storing_batches_over_many_documents_never_deadlock() {
    let test_db = Backend::Postgres
        .fresh_database()
        .await
        .expect("a database");
    let dir = tempfile::tempdir().unwrap();
    // Two instances: two pools, two writers, one database.
    let a = db::connect(dir.path(), Some(&test_db.url)).await.unwrap();
    let b = db::connect(dir.path(), Some(&test_db.url)).await.unwrap();
    let (wa, wb) = (
        Writer::start(a.clone(), Fanout::off()),
        Writer::start(b.clone(), Fanout::off()),
    );

    // Each round, instance A queues an update for every document in one
    // order and B in the opposite one, all at once: each writer's batches
    // span many documents, which the other is writing too.
    let docs: Vec<String> = (0..DOCS).map(|d| format!("ws:doc{d:02}")).collect();
    let mut stored: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for round in 0..ROUNDS {
        let forward = docs.iter().enumerate().map(|(d, doc)| {
            let u = update((round * 1000 + d) as u64 + 1, "a");
            let (wa, doc) = (wa.clone(), doc.clone());
            async move { (doc.clone(), wa.append(&doc, &u).await) }
        });
        let backward = docs.iter().enumerate().rev().map(|(d, doc)| {
            let u = update((round * 1000 + d) as u64 + 500_000, "b");
            let (wb, doc) = (wb.clone(), doc.clone());
            async move { (doc.clone(), wb.append(&doc, &u).await) }
        });
        let (x, y) = tokio::join!(join_all(forward), join_all(backward));
        for (doc, seq) in x.into_iter().chain(y) {
            let seq = seq.unwrap_or_else(|e| panic!("storing into {doc} failed: {e}"));
            stored.entry(doc).or_default().push(seq);
        }
    }
    // Every update stored once, every document numbered 1, 2, … with no gap.
    for doc in &docs {
        let mut seqs = stored.remove(doc).unwrap();
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=2 * ROUNDS as i64).collect::<Vec<_>>(), "{doc}");
        let log = store::since(&a, doc, 0).await.unwrap();
        assert_eq!(log.rows.len(), 2 * ROUNDS, "{doc}");
    }
}

/// Batches that fail (a trigger refuses one document's rows, so every
/// batch holding one fails whole) on two instances' writers at once give
/// every pooled connection back: afterwards each pool hands out all of
/// its connections at once, and the writers store again.
#[tokio::test]
async fn failed_batches_leave_every_pooled_connection_to_take() {
    let test_db = Backend::Postgres
        .fresh_database()
        .await
        .expect("a database");
    let dir = tempfile::tempdir().unwrap();
    let a = db::connect(dir.path(), Some(&test_db.url)).await.unwrap();
    let b = db::connect(dir.path(), Some(&test_db.url)).await.unwrap();
    for sql in [
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
        "CREATE TRIGGER refuse BEFORE INSERT ON doc_updates FOR EACH ROW \
         WHEN (NEW.doc_id = 'ws:bad') EXECUTE FUNCTION refuse()",
    ] {
        sqlx::query(sql).execute(&a).await.unwrap();
    }
    let writers = [
        Writer::start(a.clone(), Fanout::for_pool(&a)),
        Writer::start(b.clone(), Fanout::for_pool(&b)),
    ];
    // 2,000 updates, a tenth of them refused, queued in bursts of 200 over
    // both writers at once: batches of every size fail and succeed.
    let mut failed = 0;
    for burst in 0..10u64 {
        let appends = (0..200u64).map(|i| {
            let n = burst * 200 + i;
            let doc = if n % 10 == 0 {
                "ws:bad".to_string()
            } else {
                format!("ws:good{}", n % 7)
            };
            let writer = writers[(n % 2) as usize].clone();
            let u = update(n + 1, "x");
            async move { writer.append(&doc, &u).await }
        });
        failed += join_all(appends)
            .await
            .iter()
            .filter(|r| r.is_err())
            .count();
    }
    assert!(failed >= 200, "only {failed} updates failed");
    // Every pooled connection can be taken at once (the writers' own
    // included: their tasks end with their last handle).
    drop(writers);
    for pool in [&a, &b] {
        let max = pool.options().get_max_connections();
        let taken = join_all((0..max).map(|_| pool.acquire())).await;
        let missing = taken.iter().filter(|c| c.is_err()).count();
        assert_eq!(
            missing, 0,
            "{missing} of {max} pooled connections could not be taken"
        );
    }
    // And a new writer stores again.
    let writer = Writer::start(a.clone(), Fanout::for_pool(&a));
    assert!(writer.append("ws:good0", &update(9_999, "y")).await.is_ok());
}
