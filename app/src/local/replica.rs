//! One document kept on this device: a typed replica in memory, written to
//! IndexedDB (`db.rs`), kept in step with the other tabs (`tabs.rs`), and
//! synced with the server (`crate::sync` works on its [`LocalDoc`]). The open
//! workspace and the private notes are each one [`Local`]; what does not
//! depend on their layout is [`LocalDoc`], compiled once.
//!
//! Every change is appended to the document's log by one writer per tab
//! (so this tab's appends keep their order); the log is folded into the
//! snapshot when it grows long and when the page is hidden. What could not
//! be written stays in memory and is retried.

use std::any::Any;
use std::marker::PhantomData;
use std::ops::DerefMut;
use std::time::Duration;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::{Replica, StateVector};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

use super::{db, legacy, rescue, tabs, Problem};

/// The log is folded into the snapshot once it has this many entries…
const LOG_ENTRIES: usize = 500;
/// …and its entries are replaced by one once there are this many: typing
/// stores one small update per keystroke, each costing far more bytes than
/// the character it adds; written from the document instead (all it has
/// beyond the snapshot), consecutive characters take about one byte each
/// (docs/data-model.md).
const COMPACT_AT: usize = 64;
/// After a failed write, the next attempt comes this much later (or with
/// the next change, whichever is first).
const RETRY: Duration = Duration::from_secs(2);
/// A document waiting on a change reads storage up to this many times,
/// first at once, then after this wait, doubled each time (about 20 s in
/// all: the tab that made the change may be slow to store it, on a busy
/// phone).
const GAP_READS: u32 = 10;
const GAP_FIRST_WAIT: Duration = Duration::from_millis(20);

/// A replica with a typed layout on top (a workspace, private notes).
pub trait Document: DerefMut<Target = Replica> + From<Replica> + Any {}
impl<T: DerefMut<Target = Replica> + From<Replica> + Any> Document for T {}

/// A document as storage sees it: a replica, whatever its layout. The
/// machinery below is written against it, so it is compiled once, not once
/// per layout.
trait Doc: DerefMut<Target = Replica> + Any {}
impl<T: DerefMut<Target = Replica> + Any> Doc for T {}

/// One document on this device (none while nothing is open), read and
/// changed as a `T`.
pub struct Local<T> {
    core: LocalDoc,
    layout: PhantomData<fn() -> T>,
}

impl<T> Clone for Local<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Local<T> {}

/// What a [`Local`] does, for any layout: storage, the other tabs, and
/// what the sync client works on.
#[derive(Clone, Copy)]
pub struct LocalDoc {
    open: StoredValue<Option<Open>, LocalStorage>,
    /// Documents closed (another was opened) before all of their changes
    /// were stored: the writer stores those first, then lets them go.
    parked: StoredValue<Vec<Open>, LocalStorage>,
    /// Documents being opened, each with the changes other tabs announced
    /// for it meanwhile: applied once it is read, so none is missed.
    opening: StoredValue<Vec<Heard>, LocalStorage>,
    /// Bumped after every change, so views that read the document re-render.
    rev: RwSignal<u64>,
    /// Where a failed write or unreadable data is reported.
    problem: RwSignal<Option<Problem>>,
    /// Storage is being read for changes the open document waits on.
    filling: StoredValue<bool, LocalStorage>,
    writer: StoredValue<Writer, LocalStorage>,
}

/// A document's key, and the updates other tabs announced for it.
type Heard = (String, Vec<Vec<u8>>);

struct Open {
    key: String,
    doc: Box<dyn Doc>,
    /// The snapshot generation this copy holds.
    gen: u32,
    /// The highest log key this copy holds.
    seen: f64,
    /// Log entries stored, as far as this tab knows.
    log_len: usize,
}

#[derive(Default)]
struct Writer {
    running: bool,
    /// Changes not stored yet are held (and marked: `rescue::unstored`).
    holding: bool,
    fold: bool,
    /// The last write failed: what is unsaved lives only in memory.
    failing: bool,
}

impl<T: Document> Local<T> {
    pub fn new(problem: RwSignal<Option<Problem>>) -> Self {
        let core = LocalDoc {
            open: StoredValue::new_local(None),
            parked: StoredValue::new_local(Vec::new()),
            opening: StoredValue::new_local(Vec::new()),
            rev: RwSignal::new(0),
            problem,
            filling: StoredValue::new_local(false),
            writer: StoredValue::new_local(Writer::default()),
        };
        tabs::listen(move |doc, update| core.receive(&doc, &update));
        Local {
            core,
            layout: PhantomData,
        }
    }

    /// How many changes the document has had on this page (opening it
    /// counts): equal numbers, the same document. Not reactive.
    pub fn revision(&self) -> u64 {
        self.core.rev.get_untracked()
    }

    /// The document whatever its layout: what the sync client works on.
    pub fn untyped(&self) -> LocalDoc {
        self.core
    }

    /// Reads the open document (reactive: re-runs after every change).
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.core.rev.track();
        self.core.open.with_value(|o| {
            let doc: &dyn Any = &*o.as_ref()?.doc;
            doc.downcast_ref::<T>().map(f)
        })
    }

    /// Changes the open document with `f`, then saves and tells the other
    /// tabs. `None` when nothing is open.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.core.update(|doc| {
            let doc: &mut dyn Any = doc;
            doc.downcast_mut::<T>().map(f)
        })?
    }

    /// Opens the document stored under `key`: `Ok(false)` if nothing is
    /// stored there (then, with `or_new`, an empty one is opened). Data that
    /// cannot be read is left untouched and returned as the problem.
    /// `wanted` is asked once it is read: a later request may have won.
    pub async fn open(
        &self,
        key: &str,
        or_new: bool,
        wanted: impl Fn() -> bool,
    ) -> Result<bool, Problem> {
        let wanted: &dyn Fn() -> bool = &wanted;
        self.core
            .open(key, or_new, wanted, |replica| Box::new(T::from(replica)))
            .await
    }

    /// Makes `doc` the open document under `key` and stores it whole
    /// (merged with anything already stored there).
    pub fn create(&self, key: &str, doc: T) {
        self.core.create(key, Box::new(doc));
    }

    /// Stores the open document under `key` from now on (whole, at once),
    /// leaving what is stored under its old key as it is.
    pub fn rekey(&self, key: &str) {
        self.core.rekey(key);
    }

    /// Waits until everything changed so far is stored; `false` if a write failed.
    pub async fn flush(&self) -> bool {
        self.core.flush().await
    }

    /// Everything changed here and not stored yet, per document key.
    pub fn unsaved_updates(&self) -> Vec<(String, Vec<Vec<u8>>)> {
        self.core.unsaved_updates()
    }

    /// Folds the log into the snapshot soon (the page is being hidden).
    pub fn fold(&self) {
        self.core.fold();
    }

    /// Whether edits exist only in memory because storing them failed.
    pub fn losing(&self) -> bool {
        self.core.losing()
    }

    /// Removes document `key` from this device (closing it if open).
    pub async fn delete(&self, key: &str) {
        self.core.delete(key).await;
    }

    /// Reads what other tabs stored since this copy last looked (in case a
    /// message between tabs was missed, e.g. while this page was frozen).
    pub async fn catch_up(&self) {
        self.core.catch_up().await;
    }
}

impl LocalDoc {
    fn key(&self) -> Option<String> {
        self.open.with_value(|o| o.as_ref().map(|o| o.key.clone()))
    }

    /// Changes the open document with `f`, then saves and tells the other
    /// tabs. `None` when nothing is open.
    fn update<R>(&self, f: impl FnOnce(&mut dyn Doc) -> R) -> Option<R> {
        let (result, key, made) = self
            .open
            .try_update_value(|o| {
                o.as_mut().map(|o| {
                    let before = o.doc.outbox().len();
                    let result = f(&mut *o.doc);
                    // Local writes are what joins the outbox here.
                    let made = o.doc.outbox().get(before..).unwrap_or_default().to_vec();
                    (result, o.key.clone(), made)
                })
            })
            .flatten()?;
        for update in &made {
            tabs::post(&key, update);
        }
        self.rev.update(|r| *r += 1);
        self.kick();
        Some(result)
    }

    async fn open(
        &self,
        key: &str,
        or_new: bool,
        wanted: &dyn Fn() -> bool,
        make: fn(Replica) -> Box<dyn Doc>,
    ) -> Result<bool, Problem> {
        self.opening
            .update_value(|o| o.push((key.to_string(), Vec::new())));
        let read = db::read_to_open(key).await;
        let heard = self
            .opening
            .try_update_value(|o| {
                let at = o.iter().position(|(k, _)| k == key)?;
                Some(o.remove(at).1)
            })
            .flatten()
            .unwrap_or_default();
        let stored = read.map_err(|_| Problem::Unavailable)?;
        let (mut doc, found) = if stored.is_empty() {
            if let Some(old) = legacy::old_key(key) {
                return Err(Problem::unreadable_legacy(&old));
            }
            if !or_new {
                return Ok(false);
            }
            (make(Replica::new()), false)
        } else {
            let mut updates: Vec<&[u8]> = stored.snapshot.iter().map(Vec::as_slice).collect();
            updates.extend(stored.log.iter().map(|(_, u)| u.as_slice()));
            let log: Vec<Vec<u8>> = updates[1..].iter().map(|u| u.to_vec()).collect();
            match Replica::load_with_log(updates[0], &log, Vec::new()) {
                Ok(replica) => (make(replica), true),
                Err(_) => return Err(Problem::unreadable_bytes(key, &stored)),
            }
        };
        // Nothing is awaited from here on: no change can slip in between.
        for update in stored.heard.iter().chain(&heard) {
            apply_from_tab(&mut *doc, update);
        }
        if wanted() {
            self.install(Some(Open {
                key: key.to_string(),
                doc,
                gen: stored.gen,
                seen: stored.log.last().map(|(k, _)| *k).unwrap_or(0.0),
                log_len: stored.log.len(),
            }));
            self.fill_gaps();
        }
        Ok(found)
    }

    fn create(&self, key: &str, doc: Box<dyn Doc>) {
        self.install(Some(Open {
            key: key.to_string(),
            doc,
            gen: 0,
            seen: 0.0,
            log_len: 0,
        }));
        self.fold();
    }

    fn rekey(&self, key: &str) {
        self.open.update_value(|o| {
            if let Some(o) = o {
                o.key = key.to_string();
                o.gen = 0;
                o.seen = 0.0;
                o.log_len = 0;
            }
        });
        self.fold();
    }

    /// Makes `open` the open document; the one it replaces is parked until
    /// its changes are stored.
    fn install(&self, open: Option<Open>) {
        let old = self
            .open
            .try_update_value(|o| std::mem::replace(o, open))
            .flatten();
        if let Some(old) = old.filter(|o| !o.doc.unsaved().is_empty()) {
            self.park(old);
        }
        self.rev.update(|r| *r += 1);
    }

    fn park(&self, open: Open) {
        self.parked.update_value(|p| p.push(open));
        self.kick();
    }

    async fn flush(&self) -> bool {
        loop {
            let (busy, failing) = self.writer.with_value(|w| (w.running, w.failing));
            if failing {
                return false;
            }
            if !busy && !self.unsaved() {
                return true;
            }
            self.kick();
            sleep(Duration::from_millis(5)).await;
        }
    }

    fn unsaved_updates(&self) -> Vec<(String, Vec<Vec<u8>>)> {
        let mut all: Vec<(String, Vec<Vec<u8>>)> = self.parked.with_value(|p| {
            p.iter()
                .map(|o| (o.key.clone(), o.doc.unsaved().to_vec()))
                .collect()
        });
        self.open.with_value(|o| {
            if let Some(o) = o {
                all.push((o.key.clone(), o.doc.unsaved().to_vec()));
            }
        });
        all
    }

    /// Whether anything changed here is not stored yet.
    fn unsaved(&self) -> bool {
        self.parked.with_value(|p| !p.is_empty())
            || self
                .open
                .with_value(|o| o.as_ref().is_some_and(|o| !o.doc.unsaved().is_empty()))
    }

    fn fold(&self) {
        self.writer.update_value(|w| w.fold = true);
        self.kick();
    }

    fn losing(&self) -> bool {
        self.writer.with_value(|w| w.failing) && self.unsaved()
    }

    async fn delete(&self, key: &str) {
        if self.key().as_deref() == Some(key) {
            self.open.set_value(None);
            self.rev.update(|r| *r += 1);
        }
        self.parked.update_value(|p| p.retain(|o| o.key != key));
        let _ = db::delete(key).await;
    }

    async fn catch_up(&self) {
        let Some(key) = self.key() else { return };
        let Ok(stored) = db::read(&key).await else {
            return;
        };
        let changed = self
            .open
            .try_update_value(|o| {
                let o = o.as_mut().filter(|o| o.key == key)?;
                Some(merge(o, &stored))
            })
            .flatten();
        if changed == Some(Some(true)) {
            self.rev.update(|r| *r += 1);
        }
    }

    /// Whether the open document holds changes it cannot show yet: they
    /// build on one it has not got.
    fn waiting(&self) -> bool {
        self.open
            .with_value(|o| o.as_ref().is_some_and(|o| o.doc.is_waiting()))
    }

    /// Reads storage while the open document waits on a change (see
    /// [`Self::waiting`]): one another tab announced before this tab
    /// listened, or while it was being read. That tab stores it soon after
    /// announcing it, so storage is asked again, at growing intervals,
    /// until it is there; after that, the next announced change asks again.
    fn fill_gaps(&self) {
        if !self.waiting() || self.filling.with_value(|f| *f) {
            return;
        }
        self.filling.set_value(true);
        let this = *self;
        spawn_local(async move {
            let mut wait = GAP_FIRST_WAIT;
            for _ in 0..GAP_READS {
                this.catch_up().await;
                if !this.waiting() {
                    break;
                }
                sleep(wait).await;
                wait *= 2;
            }
            this.filling.set_value(false);
        });
    }

    /// A change another tab made and stored.
    fn receive(&self, key: &str, update: &[u8]) {
        let changed = self
            .open
            .try_update_value(|o| {
                let o = o.as_mut().filter(|o| o.key == key)?;
                Some(apply_from_tab(&mut *o.doc, update))
            })
            .flatten();
        match changed {
            // Not open yet: kept for when it is.
            None => self.opening.update_value(|o| {
                for (_, heard) in o.iter_mut().filter(|(k, _)| k == key) {
                    heard.push(update.to_vec());
                }
            }),
            // A change it cannot use yet counts as one (`Replica::apply`).
            Some(true) => {
                self.rev.update(|r| *r += 1);
                self.fill_gaps();
            }
            Some(false) => {}
        }
    }

    /// Starts the writer unless it is running.
    fn kick(&self) {
        self.hold(self.unsaved());
        let start = self
            .writer
            .try_update_value(|w| !std::mem::replace(&mut w.running, true));
        if start == Some(true) {
            let this = *self;
            spawn_local(async move { this.write().await });
        }
    }

    /// Writes until nothing is left to write, or a write fails.
    async fn write(self) {
        loop {
            let parked = self
                .parked
                .with_value(|p| p.first().map(|o| (o.key.clone(), o.doc.unsaved().to_vec())));
            let fold = self.writer.with_value(|w| w.fold);
            let open = self.open.with_value(|o| {
                o.as_ref()
                    .map(|o| (o.key.clone(), o.doc.unsaved().to_vec(), o.log_len))
            });
            let job = next_job(
                parked.is_some(),
                fold,
                open.as_ref().map(|(_, unsaved, log)| (unsaved.len(), *log)),
            );
            let written = match (job, parked, open) {
                (Job::Parked, Some((key, unsaved)), _) => {
                    db::append(&key, &unsaved).await.map(|_| {
                        self.parked.update_value(|p| {
                            p.remove(0);
                        })
                    })
                }
                (Job::Fold, _, Some((key, _, _))) => self.fold_now(&key).await,
                (Job::Append, _, Some((key, unsaved, _))) => self.append(&key, unsaved).await,
                (Job::Compact, _, Some((key, _, _))) => self.compact(&key).await,
                _ => break,
            };
            if !self.settle(written) {
                return;
            }
        }
        self.writer.update_value(|w| w.running = false);
        self.hold(false);
    }

    /// Marks whether this document holds changes not stored yet.
    fn hold(&self, holding: bool) {
        let changed = self
            .writer
            .try_update_value(|w| std::mem::replace(&mut w.holding, holding) != holding);
        if changed == Some(true) {
            rescue::unstored(holding);
        }
    }

    /// Records how a write went; `false` (and a retry later) if it failed.
    fn settle(&self, written: Result<(), db::Error>) -> bool {
        if let Err(e) = written {
            warn(&format!("saving failed: {e}"));
            self.writer.update_value(|w| {
                w.running = false;
                w.failing = true;
            });
            self.problem.set(Some(Problem::Full));
            let this = *self;
            set_timeout(move || this.kick(), RETRY);
            return false;
        }
        if self.writer.with_value(|w| w.failing) {
            self.writer.update_value(|w| w.failing = false);
            if self.problem.get_untracked() == Some(Problem::Full) {
                self.problem.set(None);
            }
        }
        true
    }

    async fn append(&self, key: &str, unsaved: Vec<Vec<u8>>) -> Result<(), db::Error> {
        db::append(key, &unsaved).await?;
        self.open.update_value(|o| {
            if let Some(o) = o.as_mut().filter(|o| o.key == key) {
                o.doc.saved(unsaved.len());
                o.log_len += unsaved.len();
                // `seen` stays: entries other tabs stored before this one
                // are below `last`, and one whose message this tab missed
                // is read from them yet (`merge`).
            }
        });
        Ok(())
    }

    /// Replaces the log's entries by one update: everything this copy has
    /// beyond the snapshot (the snapshot is left as it is).
    async fn compact(&self, key: &str) -> Result<(), db::Error> {
        let mut written = 0;
        let mut changed = false;
        let compacted = db::compact(key, |stored| {
            let sv = StateVector::decode_v1(stored.sv.as_deref()?).ok()?;
            self.open
                .try_update_value(|o| {
                    let o = o.as_mut().filter(|o| o.key == key)?;
                    changed = merge(o, stored)?;
                    written = o.doc.unsaved().len();
                    Some(o.doc.diff(&sv))
                })
                .flatten()
        })
        .await?;
        self.open.update_value(|o| {
            if let Some(o) = o.as_mut().filter(|o| o.key == key) {
                match compacted {
                    Some(entry) => {
                        o.doc.saved(written);
                        o.seen = o.seen.max(entry);
                        o.log_len = 1;
                    }
                    // A snapshot without its state vector: fold instead.
                    None => o.log_len = LOG_ENTRIES + 1,
                }
            }
        });
        if changed {
            self.rev.update(|r| *r += 1);
        }
        Ok(())
    }

    /// Folds in one transaction: what is stored joins this copy, and this
    /// copy (holding all of it) becomes the snapshot.
    async fn fold_now(&self, key: &str) -> Result<(), db::Error> {
        let mut written = 0;
        let mut changed = false;
        let folded = db::fold(key, |stored| {
            self.open
                .try_update_value(|o| {
                    let o = o.as_mut().filter(|o| o.key == key)?;
                    changed = merge(o, stored)?;
                    written = o.doc.unsaved().len();
                    Some((o.doc.encode(), o.doc.state_vector().encode_v1()))
                })
                .flatten()
        })
        .await?;
        self.writer.update_value(|w| w.fold = false);
        if let Some((gen, last)) = folded {
            self.open.update_value(|o| {
                if let Some(o) = o.as_mut().filter(|o| o.key == key) {
                    o.doc.saved(written);
                    o.gen = gen;
                    o.seen = o.seen.max(last);
                    o.log_len = 0;
                }
            });
        }
        if changed {
            self.rev.update(|r| *r += 1);
        }
        Ok(())
    }
}

/// Applies a change another tab made; whether it changed `doc`. One that
/// cannot be applied is reported on the console, not dropped in silence.
fn apply_from_tab(doc: &mut dyn Doc, update: &[u8]) -> bool {
    doc.apply_from_device(update).unwrap_or_else(|e| {
        warn(&format!(
            "a change from another tab could not be applied: {e}"
        ));
        false
    })
}

/// What the writer does next.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Job {
    /// Store a closed document's last changes.
    Parked,
    /// Fold the open document's log into its snapshot.
    Fold,
    /// Append the open document's unsaved changes to its log.
    Append,
    /// Merge the open document's log entries into one.
    Compact,
    Idle,
}

/// Closed documents' changes first (they are in memory nowhere else); then
/// a fold when one is asked for or the log has grown long; then merging a
/// long log's entries; then appends.
/// `open`: the open document's unsaved count and log length.
fn next_job(parked: bool, fold: bool, open: Option<(usize, usize)>) -> Job {
    match open {
        _ if parked => Job::Parked,
        Some((unsaved, log)) if fold || log + unsaved > LOG_ENTRIES => Job::Fold,
        Some((_, log)) if log >= COMPACT_AT => Job::Compact,
        Some((unsaved, _)) if unsaved > 0 => Job::Append,
        _ => Job::Idle,
    }
}

/// Applies to `open` what `stored` has that it has not seen; whether that
/// changed anything, or `None` if something stored cannot be applied.
fn merge(open: &mut Open, stored: &db::Stored) -> Option<bool> {
    let mut changed = false;
    if stored.gen != open.gen {
        if let Some(snapshot) = &stored.snapshot {
            changed |= open.doc.apply_stored(snapshot).ok()?;
        }
    }
    let seen = open.seen;
    for (key, update) in stored.log.iter().filter(|(k, _)| *k > seen) {
        changed |= open.doc.apply_stored(update).ok()?;
        open.seen = *key;
    }
    open.gen = stored.gen;
    Some(changed)
}

/// What the sync client (`crate::sync`) works on.
impl LocalDoc {
    /// What this copy has seen, per writer (`None`: nothing is open).
    pub fn state_vector(&self) -> Option<StateVector> {
        self.open
            .with_value(|o| o.as_ref().map(|o| o.doc.state_vector()))
    }

    /// Everything this copy has that a peer with state `sv` lacks.
    pub fn diff(&self, sv: &StateVector) -> Option<Vec<u8>> {
        self.open.with_value(|o| o.as_ref().map(|o| o.doc.diff(sv)))
    }

    /// Takes the local changes made since the last call, oldest first.
    pub fn take_outbox(&self) -> Vec<Vec<u8>> {
        self.open
            .try_update_value(|o| o.as_mut().map(|o| o.doc.take_outbox()))
            .flatten()
            .unwrap_or_default()
    }

    /// Applies an update from the server and saves it; one that cannot be
    /// applied is reported on the console.
    pub fn apply_remote(&self, update: &[u8]) {
        if let Some(Err(e)) = self.update(|doc| doc.apply_remote(update)) {
            warn(&format!(
                "an update from the server could not be applied: {e}"
            ));
        }
    }

    /// Re-runs the caller after every change.
    pub fn track_changes(&self) {
        self.rev.track();
    }
}

/// Bytes offered for download when stored data cannot be read.
pub(super) fn download_href(bytes: &[u8]) -> String {
    format!("data:application/octet-stream;base64,{}", B64.encode(bytes))
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            },
            duration,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_shared::{GoalDraft, Workspace};

    #[test]
    fn parked_changes_go_first_then_folds_then_merges_then_appends() {
        assert_eq!(next_job(true, true, Some((3, 0))), Job::Parked);
        assert_eq!(next_job(false, true, Some((0, 0))), Job::Fold);
        assert_eq!(next_job(false, false, Some((1, LOG_ENTRIES))), Job::Fold);
        assert_eq!(
            next_job(false, false, Some((1, COMPACT_AT - 1))),
            Job::Append
        );
        assert_eq!(next_job(false, false, Some((0, 10))), Job::Idle);
        assert_eq!(next_job(false, false, Some((5, COMPACT_AT))), Job::Compact);
        assert_eq!(next_job(false, true, None), Job::Idle);
    }

    fn opened(doc: Workspace, gen: u32, seen: f64) -> Open {
        Open {
            key: "ws/x".into(),
            doc: Box::new(doc),
            gen,
            seen,
            log_len: 0,
        }
    }

    /// What catching up and folding rely on: a copy takes the snapshot only
    /// when a fold it did not make wrote it, and only log entries newer
    /// than the last it took.
    #[test]
    fn merging_applies_only_what_the_copy_has_not_seen() {
        let mut elsewhere = Workspace::new();
        elsewhere.init("Para").unwrap();
        let snapshot = elsewhere.encode();
        elsewhere.add_goal(GoalDraft::new("Z logu")).unwrap();
        let entry = elsewhere.outbox().last().unwrap().clone();

        // Entry 7 is garbage: applying it would fail the merge, so it must be skipped.
        let stored = db::Stored {
            snapshot: Some(snapshot),
            sv: None,
            gen: 3,
            log: vec![(7.0, b"not an update".to_vec()), (9.0, entry)],
            heard: Vec::new(),
        };
        let mut copy = opened(Workspace::new(), 0, 7.0);
        assert_eq!(merge(&mut copy, &stored), Some(true));
        assert_eq!((copy.gen, copy.seen), (3, 9.0));
        let doc: &dyn Any = &*copy.doc;
        let ws = doc.downcast_ref::<Workspace>().unwrap();
        assert_eq!(ws.name(), "Para");
        assert_eq!(ws.goals().len(), 1);
        assert!(copy.doc.unsaved().is_empty(), "it is stored already");

        // Nothing new: nothing applied, nothing changed.
        assert_eq!(merge(&mut copy, &stored), Some(false));
        // An entry that cannot be applied stops the merge (and so the fold).
        let mut behind = opened(Workspace::new(), 3, 0.0);
        assert_eq!(merge(&mut behind, &stored), None);
    }
}
