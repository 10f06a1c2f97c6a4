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
