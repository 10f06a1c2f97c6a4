//! The load of issue 16: many workspaces, each with two clients (on two
//! instances, or both on one), each client typing characters as fast as it
//! can, one small yrs update per character, the way a Yjs client sends
//! keystrokes. Used by the scale-out load test and the scale-out bench.
//! Included with `#[path = "common/load.rs"] mod load;` next to
//! `#[path = "common/client.rs"] mod client;`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use futures_util::{SinkExt, StreamExt};
use tandem_server::sync::ws::MSG_ACK;
use tokio_tungstenite::tungstenite::Message as Ws;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

use crate::client;

/// The shared text every client types into.
const TEXT: &str = "t";

/// One client: its own copy of the document, kept between sessions like a
/// device keeps it, and where and as whom it connects.
pub struct Typist {
    pub doc: Doc,
    addr: SocketAddr,
    token: String,
    workspace: String,
    /// The character it types (so its keystrokes can be told apart).
    letter: char,
}

/// What one session of one client saw.
#[derive(Default)]
struct Session {
    /// Milliseconds from sending each keystroke to its acknowledgement.
    ack_ms: Vec<f64>,
    /// Why each connection but the last ended (the server closed it with a
    /// code, or it failed), and why connecting failed.
    interruptions: Vec<String>,
}

/// How one connection ended before its work was done.
enum Ended {
    /// Closed or cut: a Yjs client connects again and resyncs.
    Interrupted(String),
    /// The server broke the protocol: no use trying again.
    Failed(String),
}

impl Typist {
    /// Its copy of the text.
    pub fn text(&self) -> String {
        let text = self.doc.get_or_insert_text(TEXT);
        let txn = self.doc.transact();
        text.get_string(&txn)
    }

    /// Types `chars` characters, connected: each is sent as soon as it is
    /// typed, the server's messages read meanwhile. Done once every one is
    /// acknowledged and its copy holds `expect_len` characters. A connection
    /// that is closed or cut is made again, the way y-websocket does (after
    /// a short pause growing to 1 s), with a state-vector exchange that
    /// sends what the server lacks; each such interruption is recorded.
    /// An error when not done within `bound`.
    async fn session(
        &self,
        chars: usize,
        expect_len: usize,
        bound: Duration,
    ) -> Result<Session, String> {
        let mut session = Session::default();
        let left = AtomicUsize::new(chars);
        let mut pause = Duration::from_millis(50);
        let until = Instant::now() + bound;
        loop {
            let wait = until.saturating_duration_since(Instant::now());
            let attempt = tokio::time::timeout(
                wait,
                self.connection(&left, expect_len, &mut session.ack_ms),
            )
            .await;
            match attempt {
                Ok(Ok(())) => return Ok(session),
                Ok(Err(Ended::Failed(e))) => return Err(e),
                Ok(Err(Ended::Interrupted(why))) => session.interruptions.push(why),
                Err(_) => {
                    return Err(format!(
                    "not done in {bound:?}: {} characters left to type, {} of {expect_len} held; \
                         interruptions: {:?}",
                    left.load(SeqCst),
                    self.text().chars().count(),
                    session.interruptions
                ))
                }
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(1));
        }
    }

    /// One connection of [`Typist::session`].
    async fn connection(
        &self,
        left: &AtomicUsize,
        expect_len: usize,
        ack_ms: &mut Vec<f64>,
    ) -> Result<(), Ended> {
        let url = format!(
            "ws://{}/api/sync/{}?acks=1&token={}",
            self.addr, self.workspace, self.token
        );
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .map_err(|e| Ended::Interrupted(format!("connect: {e}")))?;
        let (mut sink, mut stream) = socket.split();
        let text = self.doc.get_or_insert_text(TEXT);
        // Update messages sent on this connection (sync step 2 and
        // keystrokes, acknowledged in order) and when each keystroke went out.
        let sent_at: Mutex<Vec<Option<Instant>>> = Mutex::new(Vec::new());
        let acked = AtomicUsize::new(0);
        let (queue, mut queued) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        let cut = |e: &dyn std::fmt::Display| Ended::Interrupted(format!("connection failed: {e}"));

        let read = async {
            let mut synced = false;
            loop {
                let all_acked =
                    left.load(SeqCst) == 0 && acked.load(SeqCst) == sent_at.lock().unwrap().len();
                if synced && all_acked && self.text().chars().count() >= expect_len {
                    return Ok(());
                }
                let frame = match stream.next().await {
                    Some(Ok(Ws::Binary(bytes))) => bytes,
                    Some(Ok(Ws::Close(frame))) => {
                        return Err(Ended::Interrupted(match frame {
                            Some(f) => {
                                format!("closed by the server: {} {}", u16::from(f.code), f.reason)
                            }
                            None => "closed by the server without a code".to_string(),
                        }))
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => return Err(cut(&e)),
                    None => return Err(Ended::Interrupted("connection ended".into())),
                };
                let message = Message::decode_v1(&frame)
                    .map_err(|e| Ended::Failed(format!("undecodable: {e}")))?;
                match message {
                    Message::Sync(SyncMessage::SyncStep1(sv)) => {
                        // The server's opening: answer with what it lacks
                        // (an update message, acknowledged like the others),
                        // then ask for what we lack.
                        let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                        sent_at.lock().unwrap().push(None);
                        let _ = queue.send(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1());
                        let ours = self.doc.transact().state_vector();
                        let _ = queue.send(Message::Sync(SyncMessage::SyncStep1(ours)).encode_v1());
                    }
                    Message::Sync(SyncMessage::SyncStep2(update)) => {
                        apply(&self.doc, &update).map_err(Ended::Failed)?;
                        synced = true;
                    }
                    Message::Sync(SyncMessage::Update(update)) => {
                        apply(&self.doc, &update).map_err(Ended::Failed)?
                    }
                    Message::Custom(MSG_ACK, payload) => {
                        let count = client::decode_var(&payload) as usize;
                        let sent = sent_at.lock().unwrap();
                        if count > sent.len() {
                            return Err(Ended::Failed(format!(
                                "ack {count} for {} sent",
                                sent.len()
                            )));
                        }
                        let now = Instant::now();
                        for at in sent[acked.load(SeqCst)..count].iter().flatten() {
                            ack_ms.push((now - *at).as_secs_f64() * 1000.0);
                        }
                        acked.store(count, SeqCst);
                    }
                    _ => {}
                }
            }
        };
        let type_and_send = async {
            // Sends what the reader queued (its sync answers) and the
            // keystrokes, in order; types once the opening exchange is out.
            loop {
                while let Ok(bytes) = queued.try_recv() {
                    sink.send(Ws::Binary(bytes.into()))
                        .await
                        .map_err(|e| cut(&e))?;
                }
                if sent_at.lock().unwrap().is_empty() || left.load(SeqCst) == 0 {
                    // Not yet answered the server's step 1, or done typing.
                    let Some(bytes) = queued.recv().await else {
                        return Ok(());
                    };
                    sink.send(Ws::Binary(bytes.into()))
                        .await
                        .map_err(|e| cut(&e))?;
                    continue;
                }
                left.fetch_sub(1, SeqCst);
                let update = {
                    let mut txn = self.doc.transact_mut();
                    let end = text.len(&txn);
                    text.insert(&mut txn, end, &self.letter.to_string());
                    txn.encode_update_v1()
                };
                sent_at.lock().unwrap().push(Some(Instant::now()));
                let message = Message::Sync(SyncMessage::Update(update)).encode_v1();
                sink.send(Ws::Binary(message.into()))
                    .await
                    .map_err(|e| cut(&e))?;
            }
        };
        tokio::select! {
            read = read => read,
            sent = type_and_send => sent.and(Err(Ended::Failed("the sender stopped".into()))),
        }
    }
}

fn apply(doc: &Doc, update: &[u8]) -> Result<(), String> {
    let update = Update::decode_v1(update).map_err(|e| format!("server's update: {e}"))?;
    doc.transact_mut()
        .apply_update(update)
        .map_err(|e| format!("server's update: {e}"))
}

/// One workspace and its two clients.
pub struct Pair {
    pub workspace: String,
    pub a: Typist,
    pub b: Typist,
    /// Characters both copies hold once the last round is done.
    pub expect_len: usize,
}

/// Signs up a mentor on `a` and a mentee on `b` and shares `n` workspaces
/// between them; each pair's first client connects to `a`, its second to
/// `b` (the same instance for the one-instance configuration). Returns the
/// pairs and the two tokens.
pub async fn pairs(
    a: SocketAddr,
    b: SocketAddr,
    n: usize,
    prefix: &str,
) -> (Vec<Pair>, String, String) {
    let mentor = client::sign_up(a, &format!("{prefix}-mentor@example.com")).await;
    let mentee = client::sign_up(b, &format!("{prefix}-mentee@example.com")).await;
    let mut pairs = Vec::new();
    for i in 0..n {
        let workspace = format!("{prefix}-{i}");
        client::share(a, &workspace, Update::EMPTY_V1, &mentor, &mentee).await;
        let typist = |addr, token: &str, letter| Typist {
            doc: Doc::new(),
            addr,
            token: token.to_string(),
            workspace: workspace.clone(),
            letter,
        };
        pairs.push(Pair {
            a: typist(a, &mentor, 'a'),
            b: typist(b, &mentee, 'b'),
            workspace,
            expect_len: 0,
        });
    }
    (pairs, mentor, mentee)
}

/// What one round of the load did.
pub struct Round {
    /// Keystrokes typed (each one update).
    pub updates: usize,
    /// From the first connection to the last pair done.
    pub seconds: f64,
    /// Keystroke-to-acknowledgement times in milliseconds, sorted.
    pub ack_ms: Vec<f64>,
    /// What went wrong, one line per failed client or diverged pair.
    pub failures: Vec<String>,
    /// Connections closed or cut by the server (and reconnected), one line each.
    pub interruptions: Vec<String>,
    /// Pairs whose two copies hold the same text, every keystroke included.
    pub converged: usize,
}

/// Every pair at once: both clients connect and type `chars` characters
/// each; each waits (at most `bound`) until its keystrokes are acknowledged
/// and it holds the other's too. Then the two copies are compared.
pub async fn round(pairs: Vec<Pair>, chars: usize, bound: Duration) -> (Vec<Pair>, Round) {
    let start = Instant::now();
    let tasks: Vec<_> = pairs
        .into_iter()
        .map(|mut pair| {
            tokio::spawn(async move {
                pair.expect_len += 2 * chars;
                let (a, b) = tokio::join!(
                    pair.a.session(chars, pair.expect_len, bound),
                    pair.b.session(chars, pair.expect_len, bound)
                );
                (pair, a, b)
            })
        })
        .collect();
    let mut done = Vec::new();
    let mut round = Round {
        updates: 0,
        seconds: 0.0,
        ack_ms: Vec::new(),
        failures: Vec::new(),
        interruptions: Vec::new(),
        converged: 0,
    };
    for task in tasks {
        let (pair, a, b) = task.await.expect("a pair's task");
        for (who, session) in [("a", a), ("b", b)] {
            match session {
                Ok(session) => {
                    round.ack_ms.extend(session.ack_ms);
                    for why in session.interruptions {
                        round
                            .interruptions
                            .push(format!("{} {who}: {why}", pair.workspace));
                    }
                }
                Err(e) => round
                    .failures
                    .push(format!("{} {who}: {e}", pair.workspace)),
            }
        }
        let (ta, tb) = (pair.a.text(), pair.b.text());
        if ta == tb && ta.chars().count() == pair.expect_len {
            round.converged += 1;
        } else {
            round.failures.push(format!(
                "{}: copies differ ({} and {} characters, {} expected)",
                pair.workspace,
                ta.chars().count(),
                tb.chars().count(),
                pair.expect_len
            ));
        }
        round.updates += 2 * chars;
        done.push(pair);
    }
    round.seconds = start.elapsed().as_secs_f64();
    round.ack_ms.sort_by(f64::total_cmp);
    (done, round)
}

/// The text of `workspace` as the instance at `addr` has it.
pub async fn server_text(addr: SocketAddr, workspace: &str, token: &str) -> Result<String, String> {
    let path = format!("/api/workspaces/{workspace}/state");
    let (status, json) = client::call(addr, "GET", &path, Some(token), None).await;
    if status != 200 {
        return Err(format!("read {workspace}: {status} {json}"));
    }
    let bytes = B64
        .decode(json["state"].as_str().unwrap_or_default())
        .map_err(|e| e.to_string())?;
    let doc = Doc::new();
    apply(&doc, &bytes)?;
    let text = doc.get_or_insert_text(TEXT);
    let txn = doc.transact();
    Ok(text.get_string(&txn))
}

/// The `p`th percentile of sorted values (0 when there are none).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
