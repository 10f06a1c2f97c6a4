//! Scale-out: two server instances on two ports over one PostgreSQL
//! database. Edits reach a member connected to the other instance live;
//! an instance that stops sends its clients to the other with nothing
//! lost; removals and deletions close connections on every instance; and
//! notices missed while an instance's listener was down (with the log
//! compacted meanwhile) are recovered from the database.

#[path = "common/cluster.rs"]
mod cluster;
mod common;

use std::collections::BTreeSet;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::json;
use tandem_server::sync::fanout::Fanout;
use tandem_server::sync::{store, workspace_doc};
use tandem_shared::{GoalDraft, Workspace};
use yrs::sync::{Message, SyncMessage};

use cluster::{Client, Incoming, Instance, WAIT};
use common::{Backend, TestDb};

const WS: &str = "ws-scale-1";

/// Two instances over one fresh database, and a workspace shared by a
/// mentor and a mentee (who signed up on different instances).
struct Cluster {
    a: Instance,
    b: Instance,
    mentor: String,
    mentee: String,
    mentee_id: String,
    /// The mentor's copy as uploaded.
    local: Workspace,
    _db: TestDb,
}

async fn cluster() -> Cluster {
    let db = Backend::Postgres.fresh_database().await.unwrap();
    let a = Instance::start(&db.url).await;
    let b = Instance::start(&db.url).await;
    let (_, mentor) = a.sign_up("mentor@example.com").await;
    let (mentee_id, mentee) = b.sign_up("mentee@example.com").await;
    let mut local = Workspace::new();
    local.init("Anna i Piotr").unwrap();
    local.add_goal(GoalDraft::new("Pierwszy cel")).unwrap();
    let (status, _) = a
        .call(
            "PUT",
            &format!("/api/workspaces/{WS}"),
            Some(&mentor),
            Some(json!({"role": "mentor", "state": B64.encode(local.encode())})),
        )
        .await;
    assert!(status.is_success(), "upload: {status}");
    let uploaded = local.outbox().len();
    local.acknowledge(uploaded);
    // Invited on A, accepted on B: invitations live in the database.
    let (_, invitation) = a
        .call(
            "POST",
            &format!("/api/workspaces/{WS}/invitations"),
            Some(&mentor),
            None,
        )
        .await;
    let token = invitation["token"].as_str().unwrap();
    let (status, _) = b
        .call(
            "POST",
            &format!("/api/invitations/{token}/accept"),
            Some(&mentee),
            None,
        )
        .await;
    assert!(status.is_success(), "accept: {status}");
    Cluster {
        a,
        b,
        mentor,
        mentee,
        mentee_id,
        local,
        _db: db,
    }
}

/// A member's device, like the app: a local copy whose changes wait in an
/// outbox until acknowledged, and a connection to one instance.
struct Device {
    copy: Workspace,
    client: Client,
    /// Update messages sent, and acknowledged, on this connection.
    sent: usize,
    acked: usize,
}

impl Device {
    /// Connects to `instance` and syncs both ways (as the app does on every
    /// connect): our state vector out, the server's answer in, our unsent
    /// updates out.
    async fn connect(instance: &Instance, token: &str, copy: Workspace) -> Device {
        let client = Client::connect(instance.addr, WS, token).await.unwrap();
        let mut device = Device {
            copy,
            client,
            sent: 0,
            acked: 0,
        };
        let step1 = Message::Sync(SyncMessage::SyncStep1(device.copy.state_vector()));
        assert!(device.client.send(&step1).await);
        loop {
            match device.client.next().await {
                Incoming::Message(Message::Sync(SyncMessage::SyncStep2(update))) => {
                    device.copy.apply_remote(&update).unwrap();
                    break;
                }
                Incoming::Message(message) => device.receive(message),
                Incoming::Closed(code, reason) => panic!("closed: {code} {reason}"),
            }
        }
        device.flush().await;
        device
    }

    /// Adds a goal and sends it without waiting for the ack; false once the
    /// socket is gone (the update stays in the outbox).
    async fn add_goal(&mut self, title: &str) -> bool {
        self.copy.add_goal(GoalDraft::new(title)).unwrap();
        self.send_unsent().await
    }

    async fn send_unsent(&mut self) -> bool {
        while self.sent - self.acked < self.copy.outbox().len() {
            let update = self.copy.outbox()[self.sent - self.acked].clone();
            if !self.client.send_update(&update).await {
                return false;
            }
            self.sent += 1;
        }
        true
    }

    /// Sends what is unsent and waits until all of it is acknowledged.
    async fn flush(&mut self) {
        assert!(self.send_unsent().await, "socket closed");
        while !self.copy.outbox().is_empty() {
            match self.client.next().await {
                Incoming::Message(message) => self.receive(message),
                Incoming::Closed(code, reason) => panic!("closed: {code} {reason}"),
            }
        }
    }

    fn receive(&mut self, message: Message) {
        match message {
            Message::Sync(SyncMessage::Update(update))
            | Message::Sync(SyncMessage::SyncStep2(update)) => {
                self.copy.apply_remote(&update).unwrap();
            }
            Message::Custom(tandem_server::sync::ws::MSG_ACK, payload) => {
                // Cumulative for this connection, in the order sent, which
                // is outbox order.
                let acked = cluster::decode_var(&payload) as usize;
                self.copy.acknowledge(acked - self.acked);
                self.acked = acked;
            }
            _ => {}
        }
    }

    /// Reads until `done(copy)` holds.
    async fn until(&mut self, what: &str, done: impl Fn(&Workspace) -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !done(&self.copy) {
            assert!(tokio::time::Instant::now() < deadline, "never got {what}");
            match self.client.next().await {
                Incoming::Message(message) => self.receive(message),
                Incoming::Closed(code, reason) => {
                    panic!("closed while waiting for {what}: {code} {reason}")
                }
            }
        }
    }

    /// Reads until the server closes; its code and reason.
    async fn closed(&mut self) -> (u16, String) {
        loop {
            match self.client.next().await {
                Incoming::Message(message) => self.receive(message),
                Incoming::Closed(code, reason) => return (code, reason),
            }
        }
    }
}

/// Adds `n` goals as fast as they go, then waits for all the acks.
async fn stream(device: &mut Device, who: &str, n: usize) {
    for i in 0..n {
        assert!(device.add_goal(&format!("{who} {i}")).await);
    }
    device.flush().await;
}

fn titles(ws: &Workspace) -> BTreeSet<String> {
    ws.goals().into_iter().map(|g| g.title).collect()
}

fn has(title: &str) -> impl Fn(&Workspace) -> bool + '_ {
    move |ws| titles(ws).contains(title)
}

/// The document as an instance has it, read over HTTP.
async fn server_titles(instance: &Instance, token: &str) -> BTreeSet<String> {
    let (status, body) = instance
        .call(
            "GET",
            &format!("/api/workspaces/{WS}/state"),
            Some(token),
            None,
        )
        .await;
    assert!(status.is_success(), "read state: {status} {body}");
    let bytes = B64.decode(body["state"].as_str().unwrap()).unwrap();
    titles(&Workspace::load(&bytes, Vec::new()).unwrap())
}

#[tokio::test]
async fn edits_reach_a_member_on_the_other_instance_live_both_ways() {
    let c = cluster().await;
    let mut mentor = Device::connect(&c.a, &c.mentor, c.local.clone_for_test()).await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;
    assert!(
        has("Pierwszy cel")(&mentee.copy),
        "the mentee starts from what is stored"
    );

    for round in 0..5 {
        let from_a = format!("Od mentora {round}");
        mentor.add_goal(&from_a).await;
        mentor.flush().await;
        mentee.until(&from_a, has(&from_a)).await;

        let from_b = format!("Od mentee {round}");
        mentee.add_goal(&from_b).await;
        mentee.flush().await;
        mentor.until(&from_b, has(&from_b)).await;
    }
    assert_eq!(titles(&mentor.copy), titles(&mentee.copy));
    assert_eq!(server_titles(&c.a, &c.mentor).await, titles(&mentor.copy));
    assert_eq!(server_titles(&c.b, &c.mentee).await, titles(&mentor.copy));
    // Each instance counted what it stored and what it passed on.
    assert!(c.a.metric("tandem_updates_accepted_total").await >= 5.0);
    assert!(c.b.metric("tandem_fanout_updates_total").await >= 5.0);
    assert!(c.b.metric("tandem_fanout_lag_seconds_count").await >= 5.0);
}

#[tokio::test]
async fn both_instances_writing_one_document_at_once_lose_nothing() {
    let c = cluster().await;
    let mut mentor = Device::connect(&c.a, &c.mentor, c.local.clone_for_test()).await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;
    // Both stream at once, so the two instances keep taking the same next
    // sequence number, past a compaction too.
    let n = store::COMPACT_AFTER as usize / 2 + 20;
    tokio::join!(stream(&mut mentor, "A", n), stream(&mut mentee, "B", n));
    let everything = |ws: &Workspace| titles(ws).len() == 1 + 2 * n;
    mentor.until("all of B's", everything).await;
    mentee.until("all of A's", everything).await;
    assert_eq!(titles(&mentor.copy), titles(&mentee.copy));
    assert_eq!(server_titles(&c.a, &c.mentor).await, titles(&mentor.copy));
    assert_eq!(server_titles(&c.b, &c.mentee).await, titles(&mentor.copy));
    // And the database, read afresh, has it all.
    let (stored, _) = store::load(c.a.state.hub.pool(), &workspace_doc(WS))
        .await
        .unwrap();
    let fresh = Workspace::load(&stored.unwrap(), Vec::new()).unwrap();
    assert_eq!(titles(&fresh), titles(&mentor.copy));
}

#[tokio::test]
async fn a_stopping_instance_sends_its_clients_elsewhere_and_nothing_is_lost() {
    let mut c = cluster().await;
    let mut mentor = Device::connect(&c.a, &c.mentor, c.local.clone_for_test()).await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;

    // The mentee streams edits into B; B stops midway: after 20 are
    // stored, with 20 more sent but perhaps not stored, and 20 to come.
    for i in 0..20 {
        assert!(mentee.add_goal(&format!("Strumień {i}")).await);
    }
    mentee.flush().await;
    for i in 20..40 {
        assert!(mentee.add_goal(&format!("Strumień {i}")).await);
    }
    c.b.begin_stop();
    for i in 40..60 {
        // Some of these may find the socket closed: they stay in the outbox.
        mentee.add_goal(&format!("Strumień {i}")).await;
    }
    let (code, reason) = mentee.closed().await;
    assert_eq!(
        (code, reason.as_str()),
        (1012, "server restarting, reconnect")
    );
    // B finishes shutting down: its port refuses connections now.
    c.b.stop().await;
    assert!(tokio::net::TcpStream::connect(c.b.addr).await.is_err());
    // Meanwhile the mentor goes on editing on A.
    mentor.add_goal("Mentor w trakcie").await;
    mentor.flush().await;

    // The mentee's app reconnects, to A: whatever B did not acknowledge is
    // sent again, and the state-vector exchange brings the mentor's edit.
    let mentee_copy = std::mem::take(&mut mentee.copy);
    assert!(mentee_copy.outbox().len() <= 40);
    drop(mentee);
    let mentee = Device::connect(&c.a, &c.mentee, mentee_copy).await;
    assert!(mentee.copy.outbox().is_empty(), "everything acknowledged");
    assert!(has("Mentor w trakcie")(&mentee.copy));
    mentor
        .until("the whole stream", |ws| {
            (0..60).all(|i| titles(ws).contains(&format!("Strumień {i}")))
        })
        .await;

    assert_eq!(titles(&mentor.copy), titles(&mentee.copy));
    assert_eq!(titles(&mentee.copy).len(), 1 + 60 + 1);
    assert_eq!(server_titles(&c.a, &c.mentor).await, titles(&mentee.copy));
}

#[tokio::test]
async fn removing_a_member_on_one_instance_closes_their_socket_on_the_other() {
    let c = cluster().await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;
    let mut mentor_on_b = Device::connect(&c.b, &c.mentor, Workspace::new()).await;

    let (status, _) =
        c.a.call(
            "DELETE",
            &format!("/api/workspaces/{WS}/members/{}", c.mentee_id),
            Some(&c.mentor),
            None,
        )
        .await;
    assert!(status.is_success(), "remove: {status}");
    assert_eq!(mentee.closed().await, (4403, "access revoked".to_string()));
    // Only theirs: the mentor, on the same instance, stays connected.
    mentor_on_b.add_goal("Nadal tu").await;
    mentor_on_b.flush().await;

    // Deleting the workspace on A closes the mentor's socket on B and
    // leaves nothing stored.
    let (status, _) =
        c.a.call(
            "DELETE",
            &format!("/api/workspaces/{WS}"),
            Some(&c.mentor),
            None,
        )
        .await;
    assert!(status.is_success(), "delete: {status}");
    assert_eq!(
        mentor_on_b.closed().await,
        (4404, "workspace deleted".to_string())
    );
    let doc = workspace_doc(WS);
    assert_eq!(store::log_len(c.b.state.hub.pool(), &doc).await.unwrap(), 0);
    assert_eq!(
        store::load(c.b.state.hub.pool(), &doc).await.unwrap().0,
        None
    );
}

#[tokio::test]
async fn signing_out_on_one_instance_closes_that_sessions_socket_on_the_other() {
    let c = cluster().await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;
    let mut mentor_on_b = Device::connect(&c.b, &c.mentor, Workspace::new()).await;

    let (status, _) =
        c.a.call("DELETE", "/api/sessions/current", Some(&c.mentee), None)
            .await;
    assert!(status.is_success(), "sign out: {status}");
    assert_eq!(mentee.closed().await, (4401, "signed out".to_string()));
    // Only that session's: the mentor, on the same instance, stays connected.
    mentor_on_b.add_goal("Nadal tu").await;
    mentor_on_b.flush().await;
}

#[tokio::test]
async fn notices_missed_while_the_listener_was_down_are_recovered_from_the_log() {
    let c = cluster().await;
    let mut mentee = Device::connect(&c.b, &c.mentee, Workspace::new()).await;

    // Updates stored with no notice sent (as if every one was missed), more
    // than a compaction's worth, and compacted: B's cached copy is behind
    // rows that are no longer in the log.
    let mut writer = Workspace::load(&c.local.encode(), Vec::new()).unwrap();
    let pool = c.a.state.hub.pool();
    let doc = workspace_doc(WS);
    for i in 0..(store::COMPACT_AFTER + 20) {
        writer
            .add_goal(GoalDraft::new(format!("Bez powiadomienia {i}")))
            .unwrap();
        let update = writer.outbox().last().unwrap().clone();
        store::append(pool, &doc, &update, &Fanout::off())
            .await
            .unwrap();
    }
    store::compact(pool, &doc).await.unwrap();
    assert!(store::log_len(pool, &doc).await.unwrap() < store::COMPACT_AFTER);
    assert!(mentee
        .client
        .next_within(std::time::Duration::from_millis(300))
        .await
        .is_none());

    // The listeners' connections drop (a database failover, a network
    // blip); when B's is back, B resyncs from the snapshot and the log.
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity          WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .fetch_all(&mut *sqlx_pg(&c._db.url).await)
    .await
    .unwrap();
    assert!(!killed.is_empty(), "no listener connection found");
    let last = format!("Bez powiadomienia {}", store::COMPACT_AFTER + 19);
    mentee.until("the missed updates", has(&last)).await;
    assert_eq!(titles(&mentee.copy), titles(&writer));
    assert!(c.b.metric("tandem_fanout_listener_reconnects_total").await >= 1.0);
    assert!(c.b.metric("tandem_fanout_resyncs_total").await >= 1.0);

    // And live fan-out works again over the new connection.
    let mut mentor = Device::connect(&c.a, &c.mentor, Workspace::new()).await;
    mentor.add_goal("Po przerwie").await;
    mentor.flush().await;
    mentee
        .until("the edit after the drop", has("Po przerwie"))
        .await;
}

#[tokio::test]
async fn readiness_and_metrics_follow_the_instance_state() {
    let c = cluster().await;
    let (status, body) = c.a.call("GET", "/api/health/ready", None, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["fanout"], "ok");
    let (status, _) = c.a.call("GET", "/api/health/live", None, None).await;
    assert_eq!(status, 200);
    let (status, text) = c.a.raw("GET", "/metrics", None, None).await;
    assert_eq!(status, 200);
    let text = String::from_utf8(text).unwrap();
    for name in [
        "tandem_ws_connections ",
        "tandem_updates_accepted_total ",
        "tandem_fanout_lag_seconds_bucket{le=\"+Inf\"} ",
        "tandem_fanout_listening 1",
    ] {
        assert!(text.contains(name), "{name} missing from\n{text}");
    }

    // Once shutdown begins the instance is not ready and takes no new sockets.
    c.b.state.hub.drain();
    let (status, body) = c.b.call("GET", "/api/health/ready", None, None).await;
    assert_eq!(status, 503);
    assert_eq!(body["draining"], true);
    let refused = Client::connect(c.b.addr, WS, &c.mentee)
        .await
        .err()
        .unwrap();
    match refused {
        tokio_tungstenite::tungstenite::Error::Http(response) => {
            assert_eq!(response.status(), 503)
        }
        other => panic!("expected a 503, got {other}"),
    }
}

async fn sqlx_pg(url: &str) -> sqlx::pool::PoolConnection<sqlx::Postgres> {
    sqlx::PgPool::connect(url)
        .await
        .unwrap()
        .acquire()
        .await
        .unwrap()
}

/// Test-only: a second copy of a workspace with the same content and no outbox.
trait CloneForTest {
    fn clone_for_test(&self) -> Workspace;
}

impl CloneForTest for Workspace {
    fn clone_for_test(&self) -> Workspace {
        Workspace::load(&self.encode(), Vec::new()).unwrap()
    }
}
