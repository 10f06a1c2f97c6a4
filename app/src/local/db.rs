//! The one IndexedDB database (through the `idb` crate) that holds every
//! document on this device, as bytes.
//!
//! Object stores (schema version [`VERSION`]):
//! - `snapshots`: key = the document's key (`ws/<id>`, `private/<owner>`),
//!   value = `{state: Uint8Array, sv: Uint8Array, gen: number}`: the whole
//!   document as of its last fold, its state vector, and how many folds it
//!   has had (a copy that has seen generation `gen` need not read the state
//!   again);
//! - `log`: auto-numbered, value = `{doc, update: Uint8Array}`, indexed by
//!   `doc`: updates written since the snapshot, oldest first. Only ever
//!   appended to; a fold removes exactly the entries it read.
//!
//! IndexedDB runs read-write transactions over the same stores one at a
//! time, across every tab of the origin, and commits each whole or not at
//! all: that is what makes a fold safe (docs/data-model.md).

use std::cell::{Cell, RefCell};
use std::future::IntoFuture;

use idb::{
    Database, DatabaseEvent, Factory, IndexParams, KeyPath, KeyRange, ObjectStoreParams, Query,
    TransactionMode,
};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

const NAME: &str = "tandem";
/// Raise it, and extend [`upgrade`], to change the layout.
const VERSION: u32 = 1;
const SNAPSHOTS: &str = "snapshots";
const LOG: &str = "log";
const BY_DOC: &str = "doc";

/// Why a storage call failed (shown as "storage full": whatever the cause,
/// the edit is only in memory).
pub type Error = idb::Error;

/// What is stored of one document.
#[derive(Default)]
pub struct Stored {
    pub snapshot: Option<Vec<u8>>,
    /// The snapshot's state vector (yrs encoding v1).
    pub sv: Option<Vec<u8>>,
    /// How many folds wrote the snapshot (0: none).
    pub gen: u32,
    /// Log entries, oldest first: (key, update).
    pub log: Vec<(f64, Vec<u8>)>,
    /// Updates other tabs announced while it was read: stored after the
    /// read, or in it already (applying one twice changes nothing).
    pub heard: Vec<Vec<u8>>,
}

impl Stored {
    pub fn is_empty(&self) -> bool {
        self.snapshot.is_none() && self.log.is_empty()
    }
}

thread_local! {
    /// The database once opened (and the old localStorage data moved in).
    static OPENING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// Whether the app took the connection `index.html` opened (and with it
    /// may take the read the page began).
    static FROM_PAGE: Cell<bool> = const { Cell::new(false) };
    /// The documents this page has written to: the page's read of one of
    /// them no longer stands for a read now.
    static WRITTEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The database, opened on first use; every later call gets the same one.
/// The first opening also moves data from the layout before IndexedDB
/// (`legacy.rs`) and stores what a page left unsaved as it went
/// (`rescue.rs`), so nobody reads before that is done.
pub async fn database() -> Result<Database, Error> {
    let promise = OPENING.with(|o| {
        o.borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async {
                    let db = open()
                        .await
                        .map_err(|e| JsValue::from_str(&e.to_string()))?;
                    super::legacy::migrate(&db).await;
                    super::rescue::restore(&db).await;
                    Ok(JsValue::from(db))
                })
            })
            .clone()
    });
    let db = JsFuture::from(promise).await.map_err(|e| {
        // A failed opening is retried by the next call.
        OPENING.with(|o| o.borrow_mut().take());
        Error::DomException(e.unchecked_into())
    })?;
    Database::try_from(db)
}

async fn open() -> Result<Database, Error> {
    if let Some(db) = opened_by_page().await {
        FROM_PAGE.with(|f| f.set(true));
        return Ok(db);
    }
    let mut request = Factory::new()?.open(NAME, Some(VERSION))?;
    request.on_upgrade_needed(|event| {
        if let (Ok(db), Ok(old)) = (event.database(), event.old_version()) {
            upgrade(&db, old);
        }
    });
    request.await
}

/// The connection `index.html` began opening before the app loaded, if
/// it is at this app's schema version (else the page closes it). Taken
/// once: an opening after a failure starts afresh.
async fn opened_by_page() -> Option<Database> {
    let take = Reflect::get(&js_sys::global(), &JsValue::from_str("tandemDatabase")).ok()?;
    let promise = take
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&JsValue::NULL, &JsValue::from(VERSION))
        .ok()?;
    let opened = JsFuture::from(js_sys::Promise::from(promise)).await.ok()?;
    Database::try_from(opened).ok()
}

/// Brings the schema from version `old` to [`VERSION`].
fn upgrade(db: &Database, old: u32) {
    if old < 1 {
        let _ = db.create_object_store(SNAPSHOTS, ObjectStoreParams::new());
        let mut params = ObjectStoreParams::new();
        params.auto_increment(true);
        if let Ok(log) = db.create_object_store(LOG, params) {
            let _ = log.create_index(
                BY_DOC,
                KeyPath::new_single(BY_DOC),
                Some(IndexParams::new()),
            );
        }
    }
}

/// Reads document `doc`: its snapshot and its log.
pub async fn read(doc: &str) -> Result<Stored, Error> {
    read_from(&database().await?, doc).await
}

/// Reads document `doc` to open it: the read `index.html` began while the
/// app loaded, when the page's address named `doc` and nothing has been
/// written since (moving old data in, a page's rescued edits), else a read
/// now.
pub async fn read_to_open(doc: &str) -> Result<Stored, Error> {
    let db = database().await?;
    let fresh = FROM_PAGE.with(Cell::get) && WRITTEN.with(|w| !w.borrow().iter().any(|d| d == doc));
    if fresh {
        if let Some(stored) = early_read(doc).await {
            return Ok(stored);
        }
    }
    read_from(&db, doc).await
}

/// The read `index.html` began of document `doc`, if it did and it worked.
async fn early_read(doc: &str) -> Option<Stored> {
    let take = Reflect::get(&js_sys::global(), &JsValue::from_str("tandemEarlyRead")).ok()?;
    let promise = take
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&JsValue::NULL, &JsValue::from_str(doc))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let read: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let keys: js_sys::Array = read.get(1).dyn_into().ok()?;
    let values: js_sys::Array = read.get(2).dyn_into().ok()?;
    let heard: js_sys::Array = read.get(3).dyn_into().ok()?;
    let (keys, values): (Vec<_>, Vec<_>) = (keys.iter().collect(), values.iter().collect());
    let mut stored = stored(read.get(0), &keys, &values);
    stored.heard = heard
        .iter()
        .filter_map(|u| u.dyn_into::<Uint8Array>().ok())
        .map(|u| u.to_vec())
        .collect();
    Some(stored)
}

pub(super) async fn read_from(db: &Database, doc: &str) -> Result<Stored, Error> {
    let txn = db.transaction(&[SNAPSHOTS, LOG], TransactionMode::ReadOnly)?;
    read_in(&txn, doc).await
}

async fn read_in(txn: &idb::Transaction, doc: &str) -> Result<Stored, Error> {
    // All three requests go out before the first answer is awaited: the
    // browser answers them one after another, instead of each waiting for
    // this page to hear the one before (a turn of its busy event loop at
    // start). Each is made a future, with its listeners, at once.
    let snapshot = txn
        .object_store(SNAPSHOTS)?
        .get(JsValue::from_str(doc))?
        .into_future();
    let index = txn.object_store(LOG)?.index(BY_DOC)?;
    let only = || KeyRange::only(&JsValue::from_str(doc)).map(Query::from);
    // Both in primary-key order within the one document: they line up.
    let keys = index.get_all_keys(Some(only()?), None)?.into_future();
    let values = index.get_all(Some(only()?), None)?.into_future();
    let snapshot = snapshot.await?.unwrap_or(JsValue::UNDEFINED);
    let (keys, values) = (keys.await?, values.await?);
    Ok(stored(snapshot, &keys, &values))
}

/// A document from its snapshot's record (`undefined` if none) and its log
/// entries' keys and records, in the same order.
fn stored(snapshot: JsValue, keys: &[JsValue], values: &[JsValue]) -> Stored {
    let (snapshot, sv, gen) = if snapshot.is_object() {
        (
            Some(bytes(&snapshot, "state")),
            Some(bytes(&snapshot, "sv")).filter(|sv| !sv.is_empty()),
            get(&snapshot, "gen").as_f64().unwrap_or(0.0) as u32,
        )
    } else {
        (None, None, 0)
    };
    let log = keys
        .iter()
        .zip(values.iter())
        .map(|(key, value)| (key.as_f64().unwrap_or(0.0), bytes(value, "update")))
        .collect();
    Stored {
        snapshot,
        sv,
        gen,
        log,
        heard: Vec::new(),
    }
}

/// This page writes to document `doc`: a read of it made before no longer
/// stands for a read now.
fn writing(doc: &str) {
    WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        if !w.iter().any(|d| d == doc) {
            w.push(doc.to_string());
        }
    });
}

/// Appends `updates` to document `doc`'s log, all or none; returns the key
/// of the last one.
pub async fn append(doc: &str, updates: &[Vec<u8>]) -> Result<f64, Error> {
    append_into(&database().await?, doc, updates).await
}

pub(super) async fn append_into(
    db: &Database,
    doc: &str,
    updates: &[Vec<u8>],
) -> Result<f64, Error> {
    writing(doc);
    let txn = db.transaction(&[LOG], TransactionMode::ReadWrite)?;
    let log = txn.object_store(LOG)?;
    let mut adds = Vec::with_capacity(updates.len());
    for update in updates {
        let record = record(&[("doc", JsValue::from_str(doc)), ("update", array(update))]);
        adds.push(log.add(&record, None)?.into_future());
    }
    // Committed as soon as asked, before this page hears of the adds: in a
    // keystroke's task the browser delivers their success events only after
    // the frame the key schedules (12–16 ms in Chromium), and waiting for
    // them held the commit back that long. Asked at once, the change is
    // stored 3–5 ms after the key (docs/benchmarks.md, "Keystroke").
    let committed = txn.commit()?.into_future();
    let mut last = 0.0;
    for add in adds {
        last = add.await?.as_f64().unwrap_or(0.0);
    }
    committed.await?;
    Ok(last)
}

/// Folds document `doc` in one transaction: `merge` gets what is stored and
/// returns the new snapshot and its state vector; the snapshot must hold
/// all that is stored (`None` leaves everything as it is). The log entries
/// it was given are removed, and nothing else. Returns the new generation
/// and the last key folded.
pub async fn fold(
    doc: &str,
    merge: impl FnOnce(&Stored) -> Option<(Vec<u8>, Vec<u8>)>,
) -> Result<Option<(u32, f64)>, Error> {
    fold_into(&database().await?, doc, merge).await
}

pub(super) async fn fold_into(
    db: &Database,
    doc: &str,
    merge: impl FnOnce(&Stored) -> Option<(Vec<u8>, Vec<u8>)>,
) -> Result<Option<(u32, f64)>, Error> {
    writing(doc);
    let txn = db.transaction(&[SNAPSHOTS, LOG], TransactionMode::ReadWrite)?;
    let stored = read_in(&txn, doc).await?;
    let Some((state, sv)) = merge(&stored) else {
        txn.abort()?;
        return Ok(None);
    };
    let gen = stored.gen + 1;
    let record = record(&[
        ("state", array(&state)),
        ("sv", array(&sv)),
        ("gen", JsValue::from(gen)),
    ]);
    txn.object_store(SNAPSHOTS)?
        .put(&record, Some(&JsValue::from_str(doc)))?
        .await?;
    let log = txn.object_store(LOG)?;
    for (key, _) in &stored.log {
        log.delete(Query::from(JsValue::from(*key)))?.await?;
    }
    let last = stored.log.last().map(|(k, _)| *k).unwrap_or(0.0);
    txn.commit()?.await?;
    Ok(Some((gen, last)))
}

/// Replaces document `doc`'s whole log, in one transaction, by one update:
/// `merge` gets what is stored and returns an update holding every log
/// entry (`None` leaves it as it is). Returns the new entry's key.
pub async fn compact(
    doc: &str,
    merge: impl FnOnce(&Stored) -> Option<Vec<u8>>,
) -> Result<Option<f64>, Error> {
    let db = database().await?;
    writing(doc);
    let txn = db.transaction(&[SNAPSHOTS, LOG], TransactionMode::ReadWrite)?;
    let stored = read_in(&txn, doc).await?;
    let Some(merged) = merge(&stored) else {
        txn.abort()?;
        return Ok(None);
    };
    let log = txn.object_store(LOG)?;
    for (key, _) in &stored.log {
        log.delete(Query::from(JsValue::from(*key)))?.await?;
    }
    let record = record(&[("doc", JsValue::from_str(doc)), ("update", array(&merged))]);
    let key = log.add(&record, None)?.await?.as_f64().unwrap_or(0.0);
    txn.commit()?.await?;
    Ok(Some(key))
}

/// Removes document `doc`: snapshot and log.
pub async fn delete(doc: &str) -> Result<(), Error> {
    let db = database().await?;
    writing(doc);
    let txn = db.transaction(&[SNAPSHOTS, LOG], TransactionMode::ReadWrite)?;
    let stored = read_in(&txn, doc).await?;
    txn.object_store(SNAPSHOTS)?
        .delete(Query::from(JsValue::from_str(doc)))?
        .await?;
    let log = txn.object_store(LOG)?;
    for (key, _) in &stored.log {
        log.delete(Query::from(JsValue::from(*key)))?.await?;
    }
    txn.commit()?.await?;
    Ok(())
}

fn record(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn array(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

fn get(record: &JsValue, field: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED)
}

fn bytes(record: &JsValue, field: &str) -> Vec<u8> {
    get(record, field)
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default()
}
