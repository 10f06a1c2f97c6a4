//! Fuzzing (proptest; cargo-fuzz needs nightly) of everything the server
//! decodes from a client, on a real socket (SQLite): WebSocket messages,
//! `POST /api/workspaces/{id}/updates`, the `state` of `PUT
//! /api/workspaces/{id}`, and the JSON bodies of the API. Inputs are
//! arbitrary bytes and damaged copies of real messages. Whatever comes in:
//! no panic, a clear refusal (close code 1007 with a reason, or a 4xx with a
//! JSON error), never a 5xx, and the stored document unharmed: unchanged
//! after a refusal, and always equal to the copy the server serves.
//!
//! Known bug (yrs 0.28.1, docs/benchmarks.md "Reliability"): in debug
//! builds its decoder panics on some hostile updates. The server catches
//! those panics and refuses the update like any other; the CI tests
//! tolerate exactly those panics, the ignored `strict_` twins do not. `TANDEM_LONG=1` runs many
//! more cases.

#[path = "common/client.rs"]
mod client;
mod common;

use std::panic;
use std::sync::{Mutex, Once};
use std::time::Duration;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::{json, Value};
use tandem_shared::{GoalDraft, TextField, Workspace};
use yrs::sync::awareness::AwarenessUpdate;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::encoder::Encode;

use client::{content, Incoming, SyncClient, WAIT};
use common::{Backend, Server};

const ID: &str = "fuzz";

fn cases() -> u32 {
    if long() {
        1_000
    } else {
        64
    }
}

fn long() -> bool {
    std::env::var("TANDEM_LONG").is_ok_and(|v| v == "1")
}

/// CI draws the same cases every time (a red CI must be reproducible); the
/// long run draws new ones.
fn seed() -> RngSeed {
    if long() {
        RngSeed::Random
    } else {
        RngSeed::Fixed(0x7a4d_656e_746f_7221)
    }
}

// ---- panics anywhere in the process (the server's tasks included) -------

/// Every panic since the last [`take_panics`]: place and message.
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Whether a panic is one of yrs 0.28.1's known debug-build panics on
/// hostile input: the 53-bit client id assertion, or an arithmetic overflow.
fn is_known_yrs_panic(file: &str, message: &str) -> bool {
    file.contains("/yrs-0.28.1/")
        && (message.contains("value & Self::MASK == 0")
            || (message.starts_with("attempt to ") && message.ends_with("with overflow")))
}

fn watch_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.to_string()).unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if !is_known_yrs_panic(&file, &message) {
                default(info);
            }
            PANICS.lock().unwrap().push((file, message));
        }));
    });
}

/// Held by each test for its whole run: panics are recorded process-wide,
/// so tests that look at them must not overlap.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn take_panics() -> Vec<(String, String)> {
    std::mem::take(&mut *PANICS.lock().unwrap())
}

/// Fails on a panic, except the known yrs one when not `strict`; returns
/// whether the known one happened.
fn check_panics(strict: bool) -> Result<bool, TestCaseError> {
    let mut known = false;
    for (file, message) in take_panics() {
        if strict || !is_known_yrs_panic(&file, &message) {
            return Err(TestCaseError::fail(format!(
                "panicked at {file}: {message}"
            )));
        }
        known = true;
    }
    Ok(known)
}

// ---- inputs -------------------------------------------------------------

/// One structural change to a byte string (positions modulo its length).
#[derive(Clone, Debug)]
enum Damage {
    Flip(usize, u8),
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
    Repeat(usize, usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let i = || any::<usize>();
    prop_oneof![
        (i(), 1..=255u8).prop_map(|(p, m)| Damage::Flip(p, m)),
        (
            i(),
            prop_oneof![Just(0u8), Just(0x7f), Just(0x80), Just(0xff), any::<u8>()]
        )
            .prop_map(|(p, v)| Damage::Set(p, v)),
        (i(), any::<u8>()).prop_map(|(p, v)| Damage::Insert(p, v)),
        i().prop_map(Damage::Remove),
        i().prop_map(Damage::Truncate),
        (i(), i(), 1..16usize).prop_map(|(from, to, len)| Damage::Repeat(from, to, len)),
    ]
}

fn apply_damage(bytes: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for d in damages {
        let n = b.len().max(1);
        match *d {
            Damage::Flip(p, m) if !b.is_empty() => b[p % n] ^= m,
            Damage::Set(p, v) if !b.is_empty() => b[p % n] = v,
            Damage::Insert(p, v) => b.insert(p % (b.len() + 1), v),
            Damage::Remove(p) if !b.is_empty() => {
                b.remove(p % n);
            }
            Damage::Truncate(p) => b.truncate(p % (b.len() + 1)),
            Damage::Repeat(from, to, len) if !b.is_empty() => {
                let from = from % n;
                let part: Vec<u8> = b[from..(from + len).min(b.len())].to_vec();
                let to = to % (b.len() + 1);
                b.splice(to..to, part);
            }
            _ => {}
        }
    }
    b
}

/// The workspace as shared at the start.
fn first_copy() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Fuzz").unwrap();
    ws.set_text(&TextField::Purpose, "Cel 🚀", None).unwrap();
    ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    ws
}

/// Real updates against the shared document: a whole state and single edits.
fn update_seeds() -> Vec<Vec<u8>> {
    let first = first_copy();
    let mut copy = Workspace::load(&first.encode(), Vec::new()).unwrap();
    copy.set_text(&TextField::Purpose, "Cel 🚀 wspólny", None)
        .unwrap();
    copy.set_text(&TextField::Purpose, "wspólny", None).unwrap();
    let goal = copy.goals()[0].id.clone();
    copy.delete_goal(&goal).unwrap();
    let mut seeds = vec![first.encode()];
    seeds.extend(copy.outbox().iter().cloned());
    seeds
}

/// Update bytes: arbitrary, or real ones damaged.
fn hostile_update() -> impl Strategy<Value = Vec<u8>> {
    let seeds = update_seeds();
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..128),
        3 => (0..seeds.len(), proptest::collection::vec(damage(), 1..5))
            .prop_map(move |(s, d)| apply_damage(&seeds[s], &d)),
    ]
}

/// Real y-websocket messages of every kind a client sends.
fn message_seeds() -> Vec<Vec<u8>> {
    let first = first_copy();
    let mut seeds: Vec<Vec<u8>> = update_seeds()
        .into_iter()
        .flat_map(|u| {
            [
                Message::Sync(SyncMessage::Update(u.clone())).encode_v1(),
                Message::Sync(SyncMessage::SyncStep2(u)).encode_v1(),
            ]
        })
        .collect();
    seeds.push(Message::Sync(SyncMessage::SyncStep1(first.state_vector())).encode_v1());
    let mut awareness = AwarenessUpdate {
        clients: Default::default(),
    };
    awareness.clients.insert(
        yrs::block::ClientID::new(7),
        yrs::sync::awareness::AwarenessUpdateEntry {
            clock: 1,
            json: r#"{"user":{"name":"Anna"}}"#.into(),
        },
    );
    seeds.push(Message::Awareness(awareness).encode_v1());
    seeds
}

/// A WebSocket message: arbitrary bytes, a valid envelope around hostile
/// update bytes, or a real message damaged.
fn hostile_message() -> impl Strategy<Value = Vec<u8>> {
    let seeds = message_seeds();
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..128),
        1 => hostile_update().prop_map(|u| Message::Sync(SyncMessage::Update(u)).encode_v1()),
        3 => (0..seeds.len(), proptest::collection::vec(damage(), 1..5))
            .prop_map(move |(s, d)| apply_damage(&seeds[s], &d)),
    ]
}

// ---- the server and its document ----------------------------------------

struct Env {
    server: Server,
    mentor: String,
    doc: String,
}

async fn env() -> Env {
    watch_panics();
    let server = Server::start(Backend::Sqlite).await;
    let mentor = client::sign_up(server.addr, "mentor@example.com").await;
    let mentee = client::sign_up(server.addr, "mentee@example.com").await;
    client::share(server.addr, ID, &first_copy().encode(), &mentor, &mentee).await;
    let doc = tandem_server::sync::workspace_doc(ID);
    Env {
        server,
        mentor,
        doc,
    }
}

impl Env {
    /// What is stored, read from the database (not the server's cache).
    async fn stored(&self) -> Result<String, TestCaseError> {
        let (bytes, _) = tandem_server::sync::store::load(&self.server.pool, &self.doc)
            .await
            .map_err(|e| TestCaseError::fail(format!("stored document does not load: {e}")))?;
        let ws = Workspace::load(&bytes.unwrap_or_default(), Vec::new())
            .map_err(|e| TestCaseError::fail(format!("stored document does not decode: {e}")))?;
        Ok(content(&ws))
    }

    /// Checks the stored document after a case: it loads, equals what the
    /// server serves, and is unchanged unless something was accepted.
    async fn unharmed(&self, before: &str, accepted: bool) -> Result<(), TestCaseError> {
        let after = self.stored().await?;
        let served = client::server_state(self.server.addr, ID, &self.mentor)
            .await
            .map_err(TestCaseError::fail)?;
        prop_assert_eq!(
            &content(&served),
            &after,
            "served copy differs from what is stored"
        );
        if !accepted {
            prop_assert_eq!(
                &after,
                before,
                "a refused input changed the stored document"
            );
        }
        Ok(())
    }
}

fn run(
    cases: u32,
    test: impl Fn(Vec<u8>) -> Result<(), TestCaseError>,
    input: impl Strategy<Value = Vec<u8>>,
) {
    let config = Config {
        cases,
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    };
    if let Err(e) = TestRunner::new(config).run(&input, test) {
        panic!("{e}");
    }
}

// ---- WebSocket -----------------------------------------------------------

/// How a connection that was sent one message ended.
#[derive(Debug)]
enum Ending {
    Open,
    /// Closed, with the server's close frame if it sent one.
    Closed(Option<(u16, String)>),
    /// The connection failed (the client's error).
    Broken(String),
}

/// Sends `message`, waits up to `settle` for the server to close, then
/// probes: a live connection answers sync step 1 with step 2. (Probing at
/// once would race a close: data sent to a closed socket draws a TCP reset,
/// which can discard the close frame before it is read.)
async fn exchange(
    env: &Env,
    message: Vec<u8>,
    settle: Duration,
) -> Result<(Ending, u64), TestCaseError> {
    let mut socket = SyncClient::connect(env.server.addr, ID, &env.mentor)
        .await
        .map_err(|e| TestCaseError::fail(format!("connect: {e}")))?;
    socket
        .send_raw(message)
        .await
        .map_err(TestCaseError::fail)?;
    let mut acked = 0;
    let mut probed = false;
    loop {
        let wait = if probed { WAIT } else { settle };
        match socket.next(wait).await.map_err(TestCaseError::fail)? {
            Incoming::Message(Message::Sync(SyncMessage::SyncStep2(_))) if probed => {
                return Ok((Ending::Open, acked))
            }
            Incoming::Message(Message::Custom(tandem_server::sync::ws::MSG_ACK, n)) => {
                acked = client::decode_var(&n)
            }
            Incoming::Message(_) => {}
            Incoming::Closed(why) => return Ok((Ending::Closed(why), acked)),
            Incoming::Broken(error) => return Ok((Ending::Broken(error), acked)),
            Incoming::Quiet if !probed => {
                let probe = Message::Sync(SyncMessage::SyncStep1(Default::default()));
                let _ = socket.send(&probe).await;
                probed = true;
            }
            Incoming::Quiet => return Err(TestCaseError::fail("no answer, no close")),
        }
    }
}

async fn websocket_case(env: &Env, message: Vec<u8>, strict: bool) -> Result<(), TestCaseError> {
    let before = env.stored().await?;
    take_panics();
    let (mut ending, mut acked) = exchange(env, message.clone(), Duration::from_millis(30)).await?;
    let mut known_panic = check_panics(strict)?;
    if matches!(ending, Ending::Closed(None)) && !known_panic {
        // Maybe the reset race despite the wait: once more, patiently.
        (ending, acked) = exchange(env, message, Duration::from_secs(2)).await?;
        known_panic = check_panics(strict)?;
    }
    match ending {
        Ending::Open => {}
        Ending::Closed(Some((code, reason))) => {
            prop_assert_eq!(code, 1007, "close reason {:?}", reason);
            prop_assert!(
                reason.starts_with("malformed message") || reason.starts_with("update does not"),
                "unclear close reason {:?}",
                reason
            );
        }
        // The server's close frame carried a reason over the 123 bytes a
        // control frame may carry: the client must refuse it (known bug).
        Ending::Broken(error) if !strict && error.contains("ControlFrameTooBig") => {}
        Ending::Broken(error) => prop_assert!(known_panic, "connection failed: {}", error),
        Ending::Closed(None) => {
            prop_assert!(known_panic, "connection dropped without a close frame")
        }
    }
    env.unharmed(&before, acked > 0).await
}

fn websocket_messages(strict: bool) {
    let _serial = one_at_a_time();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let env = runtime.block_on(env());
    run(
        cases(),
        |m| runtime.block_on(websocket_case(&env, m, strict)),
        hostile_message(),
    );
}

#[test]
fn hostile_websocket_messages_are_refused_clearly() {
    websocket_messages(false);
}

#[test]
#[ignore = "bug: yrs 0.28.1 panics on hostile updates in debug builds (block.rs:93, id_set.rs:30, update.rs:862); the server catches the panic and refuses with 1007, but the panic still happens, which `strict` fails on"]
fn strict_hostile_websocket_messages_never_panic() {
    websocket_messages(true);
}

// ---- HTTP updates --------------------------------------------------------

async fn http_update_case(env: &Env, update: Vec<u8>, strict: bool) -> Result<(), TestCaseError> {
    let before = env.stored().await?;
    take_panics();
    let addr = env.server.addr;
    let path = format!("/api/workspaces/{ID}/updates");
    let posted = client::try_http(
        addr,
        "POST",
        &path,
        Some(&env.mentor),
        "application/octet-stream",
        &update,
    )
    .await;
    // The same bytes as the state of a share (the route that creates a workspace).
    let body = json!({"role": "mentor", "state": B64.encode(&update)}).to_string();
    let shared = client::try_http(
        addr,
        "PUT",
        &format!("/api/workspaces/{ID}"),
        Some(&env.mentor),
        "application/json",
        body.as_bytes(),
    )
    .await;
    let known_panic = check_panics(strict)?;
    let mut accepted = false;
    for (answer, refusal) in [
        (posted, "update does not"),
        (shared, "not a document update"),
    ] {
        let Some((status, body)) = answer else {
            prop_assert!(known_panic, "no answer to a hostile update");
            continue;
        };
        let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        match status {
            200 | 201 => accepted = true,
            400 => {
                let error = json["error"].as_str().unwrap_or_default();
                prop_assert!(error.starts_with(refusal), "unclear error {:?}", json);
            }
            other => return Err(TestCaseError::fail(format!("status {other}: {json}"))),
        }
    }
    env.unharmed(&before, accepted).await
}

fn http_updates(strict: bool) {
    let _serial = one_at_a_time();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let env = runtime.block_on(env());
    run(
        cases(),
        |u| runtime.block_on(http_update_case(&env, u, strict)),
        hostile_update(),
    );
}

#[test]
fn hostile_http_updates_are_refused_clearly() {
    http_updates(false);
}

#[test]
#[ignore = "bug: yrs 0.28.1 panics on hostile updates in debug builds (block.rs:93, id_set.rs:30, update.rs:862); the server catches the panic and answers 400, but the panic still happens, which `strict` fails on"]
fn strict_hostile_http_updates_never_panic() {
    http_updates(true);
}

// ---- JSON bodies ---------------------------------------------------------

/// A JSON body: arbitrary bytes, or a JSON object with the fields the API
/// reads, holding random values of random types.
fn hostile_json() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!(["mentor"])),
        Just(Value::from("mentor")),
        Just(Value::from("a@b.cd")),
    ];
    let fields = proptest::collection::vec(
        (
            prop_oneof![
                Just("email"),
                Just("password"),
                Just("role"),
                Just("state"),
                Just("x")
            ],
            value,
        ),
        0..4,
    )
    .prop_map(|fields| {
        let object: serde_json::Map<String, Value> = fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        Value::Object(object).to_string().into_bytes()
    });
    prop_oneof![proptest::collection::vec(any::<u8>(), 0..64), fields]
}

async fn json_case(env: &Env, body: Vec<u8>, route: usize) -> Result<(), TestCaseError> {
    let routes = [
        ("POST", "/api/accounts".to_string()),
        ("POST", "/api/sessions".to_string()),
        ("PUT", format!("/api/workspaces/{ID}")),
        ("PUT", "/api/workspaces/fuzz-new".to_string()),
    ];
    let (method, path) = &routes[route % routes.len()];
    let before = env.stored().await?;
    take_panics();
    let answer = client::try_http(
        env.server.addr,
        method,
        path,
        Some(&env.mentor),
        "application/json",
        &body,
    )
    .await;
    check_panics(true)?;
    let (status, reply) = answer.ok_or_else(|| TestCaseError::fail("no answer"))?;
    let json: Value = serde_json::from_slice(&reply).unwrap_or(Value::Null);
    prop_assert!(status < 500, "{} {}: {} {}", method, path, status, json);
    if status >= 400 {
        prop_assert!(
            json["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{} {}: {} without a JSON error: {:?}",
            method,
            path,
            status,
            String::from_utf8_lossy(&reply)
        );
    }
    env.unharmed(&before, status < 300).await
}

#[test]
fn hostile_json_bodies_get_a_clear_4xx() {
    let _serial = one_at_a_time();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let env = runtime.block_on(env());
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    };
    let result = TestRunner::new(config).run(&(hostile_json(), 0..4usize), |(body, route)| {
        runtime.block_on(json_case(&env, body, route))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
