//! Live sync over a real socket: who may connect, that updates reach the
//! other member, that nothing acknowledged is lost across a restart, and
//! that hostile input is refused with the stored document unharmed. Every
//! test runs against SQLite and against PostgreSQL.

#[macro_use]
mod common;

use std::time::Duration;
use yrs::encoding::read::Read;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tandem_server::sync::ws::{MAX_MESSAGE_BYTES, MSG_ACK};
use tandem_shared::{GoalDraft, Splice, TextField, Workspace};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Message as Ws};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

use common::{Backend, Server};

const WAIT: Duration = Duration::from_secs(10);

/// A mentor and a mentee sharing one workspace, created through the API.
struct Pair {
    server: Server,
    workspace: String,
    mentor: String,
    mentee: String,
    mentee_id: String,
    /// The mentor's local copy, as uploaded.
    local: Workspace,
}

async fn pair(backend: Backend) -> Pair {
    pair_on(Server::start(backend).await).await
}

/// [`pair`] on a server started by the caller.
async fn pair_on(server: Server) -> Pair {
    let mentor = server.sign_up("mentor@example.com").await;
    let mentee = server.sign_up("mentee@example.com").await;
    let mut local = Workspace::new();
    local.init("Anna i Piotr").unwrap();
    local
        .add_goal(GoalDraft::new("Wystąpienia publiczne"))
        .unwrap();
    let workspace = "ws-test-1".to_string();
    let (status, _) = server
        .call(
            "PUT",
            &format!("/api/workspaces/{workspace}"),
            Some(&mentor),
            Some(json!({"role": "mentor", "state": B64.encode(local.encode())})),
        )
        .await;
    assert!(status.is_success(), "upload: {status}");
    let (_, invitation) = server
        .call(
            "POST",
            &format!("/api/workspaces/{workspace}/invitations"),
            Some(&mentor),
            None,
        )
        .await;
    let token = invitation["token"]
        .as_str()
        .expect("invitation token")
        .to_string();
    let (status, _) = server
        .call(
            "POST",
            &format!("/api/invitations/{token}/accept"),
            Some(&mentee),
            None,
        )
        .await;
    assert!(status.is_success(), "accept: {status}");
    let (_, me) = server.call("GET", "/api/me", Some(&mentee), None).await;
    let mentee_id = me["user"]["id"].as_str().unwrap().to_string();
    Pair {
        server,
        workspace,
        mentor,
        mentee,
        mentee_id,
        local,
    }
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A sync client speaking the y-websocket protocol.
struct Client {
    socket: Socket,
}

impl Client {
    async fn connect(
        server: &Server,
        doc: &str,
        token: &str,
    ) -> Result<Client, tungstenite::Error> {
        let url = format!("ws://{}/api/sync/{doc}?acks=1&token={token}", server.addr);
        let (socket, _) = tokio_tungstenite::connect_async(url).await?;
        let mut client = Client { socket };
        // The server opens with its state vector.
        match client.recv().await {
            Some(Message::Sync(SyncMessage::SyncStep1(_))) => {}
            other => panic!("expected sync step 1 first, got {other:?}"),
        }
        Ok(client)
    }

    async fn send(&mut self, message: Message) {
        self.send_raw(message.encode_v1()).await;
    }

    async fn send_raw(&mut self, bytes: Vec<u8>) {
        self.socket.send(Ws::Binary(bytes.into())).await.unwrap();
    }

    /// The next protocol message (acks are returned as `Custom`), or `None` once closed.
    async fn recv(&mut self) -> Option<Message> {
        loop {
            match tokio::time::timeout(WAIT, self.socket.next())
                .await
                .expect("no message in time")?
            {
                Ok(Ws::Binary(bytes)) => {
                    return Some(Message::decode_v1(&bytes).expect("server sends valid messages"))
                }
                Ok(Ws::Close(_)) | Err(_) => return None,
                Ok(_) => continue,
            }
        }
    }

    /// Sends updates and waits until the server says all are stored.
    async fn push(&mut self, updates: &[Vec<u8>]) {
        for update in updates {
            self.send(Message::Sync(SyncMessage::Update(update.clone())))
                .await;
        }
        let mut acked = 0;
        while acked < updates.len() as u64 {
            if let Some(Message::Custom(MSG_ACK, payload)) = self.recv().await {
                acked = decode_var(&payload);
            }
        }
    }

    /// Reads until the server closes, returning its close code and reason.
    async fn closed(&mut self) -> (CloseCode, String) {
        loop {
            match tokio::time::timeout(WAIT, self.socket.next())
                .await
                .expect("not closed in time")
            {
                Some(Ok(Ws::Close(Some(frame)))) => return (frame.code, frame.reason.to_string()),
                other @ (Some(Ok(Ws::Close(None))) | None | Some(Err(_))) => {
                    panic!("closed without a reason: {other:?}")
                }
                Some(Ok(_)) => continue,
            }
        }
    }
}

fn decode_var(bytes: &[u8]) -> u64 {
    yrs::updates::decoder::DecoderV1::from(bytes)
        .read_var()
        .unwrap_or(0)
}

/// The workspace as the server has it, read over HTTP.
async fn server_copy(server: &Server, workspace: &str, token: &str) -> Workspace {
    let (status, body) = server
        .call(
            "GET",
            &format!("/api/workspaces/{workspace}/state"),
            Some(token),
            None,
        )
        .await;
    assert!(status.is_success(), "read state: {status} {body}");
    let bytes = B64.decode(body["state"].as_str().unwrap()).unwrap();
    Workspace::load(&bytes, Vec::new()).unwrap()
}

/// The HTTP status with which the server refuses `token` a connection to `doc`.
async fn refused(server: &Server, doc: &str, token: &str) -> u16 {
    match Client::connect(server, doc, token).await {
        Ok(_) => panic!("the server let the connection in"),
        Err(error) => status_of(error),
    }
}

fn status_of(error: tungstenite::Error) -> u16 {
    match error {
        tungstenite::Error::Http(response) => response.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

async fn edits_reach_the_other_member_live(backend: Backend) {
    let mut p = pair(backend).await;
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    let mut mentee = Client::connect(&p.server, &p.workspace, &p.mentee)
        .await
        .unwrap();

    // The mentee catches up with the uploaded workspace by the state-vector exchange.
    mentee
        .send(Message::Sync(SyncMessage::SyncStep1(Default::default())))
        .await;
    let Some(Message::Sync(SyncMessage::SyncStep2(state))) = mentee.recv().await else {
        panic!("step 2")
    };
    let mut mentee_copy = Workspace::new();
    mentee_copy.apply_remote(&state).unwrap();
    assert_eq!(mentee_copy.goals(), p.local.goals());

    // A live edit by the mentor arrives as an update.
    p.local.take_outbox_for_test();
    let goal = p.local.goals()[0].id.clone();
    p.local
        .set_text(
            &TextField::GoalDescription(goal),
            "Trzy prezentacje do czerwca",
            None,
        )
        .unwrap();
    let updates = p.local.outbox().to_vec();
    mentor.push(&updates).await;
    let Some(Message::Sync(SyncMessage::Update(update))) = mentee.recv().await else {
        panic!("update")
    };
    mentee_copy.apply_remote(&update).unwrap();
    assert_eq!(
        mentee_copy.goals()[0].description,
        "Trzy prezentacje do czerwca"
    );
}

async fn only_members_may_connect_read_or_write(backend: Backend) {
    let p = pair(backend).await;
    let stranger = p.server.sign_up("stranger@example.com").await;
    let path = |tail: &str| format!("/api/workspaces/{}/{tail}", p.workspace);

    // No session at all.
    let url = format!("ws://{}/api/sync/{}", p.server.addr, p.workspace);
    assert_eq!(
        status_of(tokio_tungstenite::connect_async(url).await.unwrap_err()),
        401
    );
    // A stranger: WebSocket, HTTP read, HTTP write.
    assert_eq!(refused(&p.server, &p.workspace, &stranger).await, 403);
    assert_eq!(
        p.server
            .call("GET", &path("state"), Some(&stranger), None)
            .await
            .0,
        403
    );
    assert_eq!(
        p.server
            .post_bytes(&path("updates"), &stranger, Workspace::new().encode())
            .await,
        403
    );
    // Members may.
    assert!(p
        .server
        .call("GET", &path("state"), Some(&p.mentee), None)
        .await
        .0
        .is_success());
    let mut edit = Workspace::load(&p.local.encode(), Vec::new()).unwrap();
    edit.add_goal(GoalDraft::new("Od mentee")).unwrap();
    assert_eq!(
        p.server
            .post_bytes(&path("updates"), &p.mentee, edit.outbox()[0].clone())
            .await,
        200
    );

    // A connected mentee who is removed is cut off at once, and stays out.
    let mut mentee = Client::connect(&p.server, &p.workspace, &p.mentee)
        .await
        .unwrap();
    let (status, _) = p
        .server
        .call(
            "DELETE",
            &format!("/api/workspaces/{}/members/{}", p.workspace, p.mentee_id),
            Some(&p.mentor),
            None,
        )
        .await;
    assert!(status.is_success(), "remove: {status}");
    let (code, reason) = mentee.closed().await;
    assert_eq!((u16::from(code), reason.as_str()), (4403, "access revoked"));
    assert_eq!(refused(&p.server, &p.workspace, &p.mentee).await, 403);
    assert_eq!(
        p.server
            .call("GET", &path("state"), Some(&p.mentee), None)
            .await
            .0,
        403
    );
    let mut late = Workspace::load(&p.local.encode(), Vec::new()).unwrap();
    late.add_goal(GoalDraft::new("Po usunięciu")).unwrap();
    assert_eq!(
        p.server
            .post_bytes(&path("updates"), &p.mentee, late.outbox()[0].clone())
            .await,
        403
    );
    let titles: Vec<_> = server_copy(&p.server, &p.workspace, &p.mentor)
        .await
        .goals()
        .into_iter()
        .map(|g| g.title)
        .collect();
    assert!(
        titles.contains(&"Od mentee".to_string()) && !titles.contains(&"Po usunięciu".to_string()),
        "{titles:?}"
    );
}

async fn a_restart_loses_nothing_acknowledged(backend: Backend) {
    let mut p = pair(backend).await;
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    p.local.take_outbox_for_test();
    for i in 0..(tandem_server::sync::store::COMPACT_AFTER + 25) {
        p.local
            .add_goal(GoalDraft::new(format!("Cel {i}")))
            .unwrap();
    }
    let updates = p.local.outbox().to_vec();
    mentor.push(&updates).await;
    drop(mentor);

    let server = p.server.restart().await;
    assert_eq!(
        server_copy(&server, &p.workspace, &p.mentor).await.goals(),
        p.local.goals()
    );
    // The log was compacted on the way, and nothing went missing in it.
    let rows = server
        .log_rows(&tandem_server::sync::workspace_doc(&p.workspace))
        .await;
    assert!(
        rows < tandem_server::sync::store::COMPACT_AFTER,
        "log compacted ({rows} rows)"
    );
}

/// An update whose dependencies the server lacks changes nothing it can
/// see yet (yrs keeps it pending), but it is acknowledged: it must be
/// stored, or it lives only in the server's memory.
async fn an_update_waiting_for_its_dependencies_is_stored(backend: Backend) {
    let mut p = pair(backend).await;
    p.local.take_outbox_for_test();
    // Two characters typed one after the other: the second's origin is the first.
    for (index, insert) in [(0, "a"), (1, "b")] {
        let splice = Splice {
            index,
            delete: 0,
            insert: insert.into(),
        };
        p.local.splice_text(&TextField::Purpose, &splice).unwrap();
    }
    let updates = p.local.outbox().to_vec();
    assert_eq!(updates.len(), 2);
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    // The second edit alone: it builds on the first, which the server lacks.
    mentor.push(&updates[1..]).await;
    drop(mentor);

    let server = p.server.restart().await;
    let mut mentor = Client::connect(&server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    mentor.push(&updates[..1]).await;
    let copy = server_copy(&server, &p.workspace, &p.mentor).await;
    assert_eq!(copy.agreement().purpose, "ab");
}

async fn hostile_messages_are_refused_and_the_document_is_unharmed(backend: Backend) {
    let p = pair(backend).await;
    let before = server_copy(&p.server, &p.workspace, &p.mentor)
        .await
        .encode();
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (vec![0xff, 0xff, 0xff, 0x07], 1007, "malformed message"),
        (
            Message::Sync(SyncMessage::Update(b"definitely not an update".to_vec())).encode_v1(),
            1007,
            "update does not",
        ),
        (vec![0u8; MAX_MESSAGE_BYTES + 1], 1009, "message too large"),
        // Six bytes claiming 2^28 clients (yrs would reserve ~500 MB for them),
        // and a state vector claiming as many entries.
        (
            Message::Sync(SyncMessage::Update(vec![
                0x80, 0x80, 0x80, 0x80, 0x01, 0x00,
            ]))
            .encode_v1(),
            1007,
            "update does not decode",
        ),
        (
            vec![0, 0, 6, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00],
            1007,
            "malformed message",
        ),
    ];
    for (bytes, code, reason) in cases {
        let mut client = Client::connect(&p.server, &p.workspace, &p.mentor)
            .await
            .unwrap();
        client.send_raw(bytes).await;
        let (got_code, got_reason) = client.closed().await;
        assert_eq!(u16::from(got_code), code, "{got_reason}");
        assert!(
            got_reason.starts_with(reason),
            "{got_reason:?} should start with {reason:?}"
        );
    }
    // Garbage over HTTP too.
    let path = format!("/api/workspaces/{}/updates", p.workspace);
    assert_eq!(
        p.server
            .post_bytes(&path, &p.mentor, b"garbage".to_vec())
            .await,
        400
    );
    assert_eq!(
        server_copy(&p.server, &p.workspace, &p.mentor)
            .await
            .encode(),
        before
    );
}

async fn private_notes_are_the_owners_alone(backend: Backend) {
    let p = pair(backend).await;
    let mut notes = Workspace::new();
    notes.init("Moje notatki").unwrap();
    let mut mentor = Client::connect(&p.server, "private", &p.mentor)
        .await
        .unwrap();
    mentor.push(notes.outbox()).await;
    // Another device of the mentor gets them; the mentee's private doc is separate and empty.
    let mut second = Client::connect(&p.server, "private", &p.mentor)
        .await
        .unwrap();
    second
        .send(Message::Sync(SyncMessage::SyncStep1(Default::default())))
        .await;
    let Some(Message::Sync(SyncMessage::SyncStep2(state))) = second.recv().await else {
        panic!("step 2")
    };
    assert_eq!(
        Workspace::load(&state, Vec::new()).unwrap().name(),
        "Moje notatki"
    );
    let mut mentee = Client::connect(&p.server, "private", &p.mentee)
        .await
        .unwrap();
    mentee
        .send(Message::Sync(SyncMessage::SyncStep1(Default::default())))
        .await;
    let Some(Message::Sync(SyncMessage::SyncStep2(state))) = mentee.recv().await else {
        panic!("step 2")
    };
    assert_eq!(Workspace::load(&state, Vec::new()).unwrap().name(), "");
}

/// Signing out ends that session's sockets at once (they kept writing
/// and receiving before); the same person's other sessions stay connected.
async fn signing_out_closes_that_sessions_sockets_only(backend: Backend) {
    let p = pair(backend).await;
    // A second device of the mentor: another session.
    let body =
        serde_json::json!({"email": "mentor@example.com", "password": "correct horse battery"});
    let (status, json) = p
        .server
        .call("POST", "/api/sessions", None, Some(body))
        .await;
    assert!(status.is_success(), "sign in: {json}");
    let other = json["token"].as_str().unwrap().to_string();

    let mut notes = Client::connect(&p.server, "private", &p.mentor)
        .await
        .unwrap();
    let mut shared = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    let mut kept = Client::connect(&p.server, &p.workspace, &other)
        .await
        .unwrap();

    let (status, _) = p
        .server
        .call("DELETE", "/api/sessions/current", Some(&p.mentor), None)
        .await;
    assert_eq!(status, axum::http::StatusCode::NO_CONTENT);
    for socket in [&mut notes, &mut shared] {
        let (code, reason) = socket.closed().await;
        assert_eq!((u16::from(code), reason.as_str()), (4401, "signed out"));
    }
    assert_eq!(refused(&p.server, "private", &p.mentor).await, 401);
    // The other session still syncs.
    let mut ws = Workspace::load(&p.local.encode(), Vec::new()).unwrap();
    ws.add_goal(GoalDraft::new("Z drugiego urządzenia"))
        .unwrap();
    kept.push(ws.outbox()).await;
}

/// Access is asked again once a connection listens to its room
/// (`access::join`): a removal or sign-out committed right after the
/// first check, before the socket subscribed (where it used to be missed:
/// the announcement found nobody listening), still ends the connection.
async fn a_removal_or_sign_out_right_after_the_check_is_not_missed(backend: Backend) {
    use tandem_server::sync::access;
    use tandem_server::sync::events::Event;
    let p = pair(backend).await;
    let hub = p.server.hub.clone();
    let session = tandem_server::auth::token::hash(&p.mentee);
    let doc = tandem_server::sync::workspace_doc(&p.workspace);
    let members = format!("/api/workspaces/{}/members/{}", p.workspace, p.mentee_id);
    let check = async {
        let allowed = access::still_allowed(&p.server.pool, &p.mentee_id, &session, &doc).await;
        // The removal commits just after the check's reads.
        let (status, _) = p
            .server
            .call("DELETE", &members, Some(&p.mentor), None)
            .await;
        assert_eq!(status, axum::http::StatusCode::NO_CONTENT);
        allowed
    };
    let (_room, mut events) = access::join(&hub, &doc, 1 << 20, check)
        .await
        .expect("still a member when checked");
    match tokio::time::timeout(WAIT, events.recv()).await {
        Ok(Ok(Event::Close { who, code, .. })) => {
            assert_eq!(code, 4403);
            assert!(who.includes(&p.mentee_id, &session));
        }
        other => panic!("the removal was missed: {other:?}"),
    }
    assert_eq!(refused(&p.server, &p.workspace, &p.mentee).await, 403);

    // The same for a sign-out, on the private notes.
    let private = tandem_server::sync::private_doc(&p.mentee_id);
    let check = async {
        let allowed = access::still_allowed(&p.server.pool, &p.mentee_id, &session, &private).await;
        let (status, _) = p
            .server
            .call("DELETE", "/api/sessions/current", Some(&p.mentee), None)
            .await;
        assert_eq!(status, axum::http::StatusCode::NO_CONTENT);
        allowed
    };
    let (_room, mut events) = access::join(&hub, &private, 1 << 20, check)
        .await
        .expect("signed in when checked");
    match tokio::time::timeout(WAIT, events.recv()).await {
        Ok(Ok(Event::Close { who, code, .. })) => {
            assert_eq!(code, 4401);
            assert!(who.includes(&p.mentee_id, &session));
        }
        other => panic!("the sign-out was missed: {other:?}"),
    }
    // Committed before the check: refused there.
    let refused_now = access::still_allowed(&p.server.pool, &p.mentee_id, &session, &private).await;
    assert!(matches!(
        refused_now,
        Err(tandem_server::Error::Unauthorized)
    ));
}

/// A session that expires while its socket is open ends the socket then;
/// one used elsewhere meanwhile (so extended: sessions slide with use)
/// keeps its socket past the end it had when the socket opened.
async fn an_expiring_session_closes_its_sockets(backend: Backend) {
    use tandem_server::auth::session::{Lifetime, SESSION_SECONDS};
    let keepalive = tandem_server::sync::ws::Keepalive {
        ping_every: Duration::from_millis(50),
        ..Default::default()
    };
    // Sessions that do not slide on their own, so connecting extends none.
    let fixed = Lifetime {
        seconds: SESSION_SECONDS,
        renew_after: SESSION_SECONDS,
    };
    let server = Server::start_configured(backend, |state| {
        state.with_keepalive(keepalive).with_sessions(fixed)
    })
    .await;
    let ending = server.sign_up("anna@example.com").await;
    let body = json!({"email": "anna@example.com", "password": "correct horse battery"});
    let (_, signed_in) = server.call("POST", "/api/sessions", None, Some(body)).await;
    let used = signed_in["token"].as_str().unwrap().to_string();
    let set_expiry = |token: &str, at: i64| {
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(tandem_server::auth::token::hash(token))
            .execute(&server.pool)
    };
    // Both have two seconds left.
    let first_end = tandem_server::db::now() + 2;
    set_expiry(&ending, first_end).await.unwrap();
    set_expiry(&used, first_end).await.unwrap();
    let mut closing = Client::connect(&server, "private", &ending).await.unwrap();
    let mut kept = Client::connect(&server, "private", &used).await.unwrap();
    // The second is used elsewhere, which extends it.
    set_expiry(&used, tandem_server::db::now() + 3600)
        .await
        .unwrap();

    let (code, reason) = closing.closed().await;
    assert_eq!(
        (u16::from(code), reason.as_str()),
        (4401, "session expired, sign in again")
    );
    // Its pings show the other open past the first end.
    while tandem_server::db::now() <= first_end + 1 {
        match tokio::time::timeout(WAIT, kept.socket.next())
            .await
            .expect("a ping in time")
        {
            Some(Ok(Ws::Close(frame))) => panic!("an extended session's socket closed: {frame:?}"),
            Some(Ok(_)) => {}
            other => panic!("the socket failed: {other:?}"),
        }
    }
}

/// One account holds at most its limit of open connections (2 here,
/// 32 by default): the next upgrade is refused with 429 and a clear
/// message, whichever session asks; other accounts are not affected; the
/// places come back as connections end.
async fn an_account_holds_a_limited_number_of_connections(backend: Backend) {
    use tandem_server::sync::limits::SyncLimits;
    let limits = SyncLimits {
        connections_per_account: 2,
        ..Default::default()
    };
    let server =
        Server::start_configured(backend, move |state| state.with_sync_limits(limits)).await;
    let first = server.sign_up("anna@example.com").await;
    let body = json!({"email": "anna@example.com", "password": "correct horse battery"});
    let (_, signed_in) = server.call("POST", "/api/sessions", None, Some(body)).await;
    let second = signed_in["token"].as_str().unwrap().to_string();
    let other = server.sign_up("piotr@example.com").await;

    let mut held = Vec::new();
    for _ in 0..2 {
        held.push(Client::connect(&server, "private", &first).await.unwrap());
    }
    for token in [&first, &second] {
        match Client::connect(&server, "private", token).await {
            Err(tungstenite::Error::Http(response)) => {
                assert_eq!(response.status().as_u16(), 429);
                let body: serde_json::Value =
                    serde_json::from_slice(response.body().as_deref().unwrap_or_default()).unwrap();
                assert_eq!(
                    body["error"],
                    "too many open connections for this account (limit 2): close some tabs"
                );
            }
            Ok(_) => panic!("a connection past the limit was let in"),
            Err(other) => panic!("expected a 429, got {other}"),
        }
    }
    let _his = Client::connect(&server, "private", &other).await.unwrap();

    // The first session signs out: its connections end, and give their
    // places back before their close frames go out.
    let (status, _) = server
        .call("DELETE", "/api/sessions/current", Some(&first), None)
        .await;
    assert_eq!(status, axum::http::StatusCode::NO_CONTENT);
    for client in &mut held {
        assert_eq!(u16::from(client.closed().await.0), 4401);
    }
    for _ in 0..2 {
        Client::connect(&server, "private", &second).await.unwrap();
    }
}

/// What waits for a connection is bounded in bytes, not in messages: one
/// broadcast bigger than the bound (4 KB here, 8 MiB by default) closes
/// the connection it waits for with 1013, where a count of messages let
/// it through. The sender's own update is not queued for it, so the
/// sender stays.
async fn a_connection_with_too_many_bytes_waiting_is_closed(backend: Backend) {
    use tandem_server::sync::limits::SyncLimits;
    let limits = SyncLimits {
        queued_bytes: 4096,
        ..Default::default()
    };
    let p = pair_on(
        Server::start_configured(backend, move |state| state.with_sync_limits(limits)).await,
    )
    .await;
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    let mut mentee = Client::connect(&p.server, &p.workspace, &p.mentee)
        .await
        .unwrap();
    mentor.push(&[text_update(999, &"x".repeat(8000))]).await;
    let (code, reason) = mentee.closed().await;
    assert_eq!(
        (u16::from(code), reason.as_str()),
        (1013, "fell behind, reconnect")
    );
    // The sender is still connected: it gets the answer to its step 1.
    mentor
        .send(Message::Sync(SyncMessage::SyncStep1(Default::default())))
        .await;
    assert!(matches!(
        mentor.recv().await,
        Some(Message::Sync(SyncMessage::SyncStep2(_)))
    ));
}

/// Storage quotas: an update that would pass its workspace's quota is
/// refused before anything of it is applied or stored (over the socket
/// 4413, over HTTP 413, both with a clear message); so is one that would
/// pass what the account's documents may hold together, checked again
/// as a connection writes, and a share that would.
async fn storage_quotas_refuse_what_would_pass_them(backend: Backend) {
    use tandem_server::sync::quota::{self, Quotas};
    let p = pair(backend).await;
    let pool = &p.server.pool;
    let doc = tandem_server::sync::workspace_doc(&p.workspace);
    let base = quota::doc_bytes(pool, &doc).await.unwrap();
    let big = |client: u64, n: usize| text_update(client, &"x".repeat(n));
    let first = big(101, 2000);
    // The workspace may hold 3,000 bytes more; the accounts, plenty.
    p.server.hub.set_quotas(Quotas {
        document: base + 3000,
        account: 1 << 20,
    });
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    mentor.push(std::slice::from_ref(&first)).await;
    mentor
        .send(Message::Sync(SyncMessage::Update(big(102, 2000))))
        .await;
    let (code, reason) = mentor.closed().await;
    let full = format!(
        "this workspace is full (limit {} bytes of stored changes)",
        base + 3000
    );
    assert_eq!((u16::from(code), reason.as_str()), (4413, full.as_str()));
    assert_eq!(
        quota::doc_bytes(pool, &doc).await.unwrap(),
        base + first.len()
    );
    let path = format!("/api/workspaces/{}/updates", p.workspace);
    let (status, body) = p.server.call_bytes(&path, &p.mentee, big(103, 2000)).await;
    assert_eq!((status, body["error"].as_str()), (413, Some(full.as_str())));
    // What still fits is taken.
    assert_eq!(
        p.server.post_bytes(&path, &p.mentee, big(104, 500)).await,
        200
    );

    // The account: its documents may hold 1,000 bytes more together.
    let used = quota::account_bytes(pool, &p.mentee_id).await.unwrap();
    p.server.hub.set_quotas(Quotas {
        document: 1 << 20,
        account: used + 1000,
    });
    let mut notes = Client::connect(&p.server, "private", &p.mentee)
        .await
        .unwrap();
    notes.push(&[big(105, 600)]).await;
    notes
        .send(Message::Sync(SyncMessage::Update(big(106, 600))))
        .await;
    let (code, reason) = notes.closed().await;
    let full = format!(
        "your account is full (limit {} bytes across your workspaces)",
        used + 1000
    );
    assert_eq!((u16::from(code), reason.as_str()), (4413, full.as_str()));
    // Sharing a new workspace that would pass it: refused, nothing created.
    let (status, body) = p
        .server
        .call(
            "PUT",
            "/api/workspaces/ws-full",
            Some(&p.mentee),
            Some(json!({"role": "mentor", "state": B64.encode(big(107, 600))})),
        )
        .await;
    assert_eq!(
        (status.as_u16(), body["error"].as_str()),
        (413, Some(full.as_str()))
    );
    let (_, list) = p
        .server
        .call("GET", "/api/workspaces", Some(&p.mentee), None)
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

/// The server pings every socket: a peer that answers (as browsers and Yjs
/// clients do on their own) stays; one that stops reading is closed once it
/// has been silent too long, instead of holding the server's memory.
async fn a_silent_peer_is_dropped_and_an_answering_one_kept(backend: Backend) {
    let keepalive = tandem_server::sync::ws::Keepalive {
        ping_every: std::time::Duration::from_millis(50),
        silent_for: std::time::Duration::from_millis(300),
        send_within: std::time::Duration::from_secs(10),
    };
    let server = Server::start_with(backend, keepalive).await;
    let token = server.sign_up("anna@example.com").await;
    let mut answering = Client::connect(&server, "private", &token).await.unwrap();
    let silent = Client::connect(&server, "private", &token).await.unwrap();

    // Reading answers each ping (tungstenite does it); ten pings take longer
    // than the silence allowed, and the socket stays open throughout.
    let mut pings = 0;
    while pings < 10 {
        match tokio::time::timeout(WAIT, answering.socket.next())
            .await
            .expect("a ping in time")
        {
            Some(Ok(Ws::Ping(_))) => pings += 1,
            Some(Ok(Ws::Close(frame))) => panic!("an answering peer was closed: {frame:?}"),
            Some(Ok(_)) => {}
            other => panic!("the socket failed: {other:?}"),
        }
    }
    // The one that read nothing meanwhile was closed by the server: one
    // connection is left open. (Reading the silent socket now would answer
    // its queued pings into a closed connection, so the count is asked.)
    let open = || async {
        let request = axum::http::Request::get("/metrics")
            .body(axum::body::Body::empty())
            .unwrap();
        let text = server.get_text(request).await;
        text.lines()
            .find_map(|l| l.strip_prefix("tandem_ws_connections "))
            .map(|n| n.trim().to_string())
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while open().await.as_deref() != Some("1") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the silent socket is still open"
        );
        // Each ping of the answering socket is a moment to look again.
        let _ = tokio::time::timeout(WAIT, answering.socket.next()).await;
    }
    drop(silent);
}

async fn deleting_a_workspace_closes_its_connections_and_keeps_nothing(backend: Backend) {
    let mut p = pair(backend).await;
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    let mut mentee = Client::connect(&p.server, &p.workspace, &p.mentee)
        .await
        .unwrap();
    p.local.take_outbox_for_test();
    p.local
        .add_goal(GoalDraft::new("Przed usunięciem"))
        .unwrap();
    mentor.push(p.local.outbox()).await;

    let (status, _) = p
        .server
        .call(
            "DELETE",
            &format!("/api/workspaces/{}", p.workspace),
            Some(&p.mentor),
            None,
        )
        .await;
    assert!(status.is_success(), "delete: {status}");
    for client in [&mut mentor, &mut mentee] {
        let (code, reason) = client.closed().await;
        assert_eq!(
            (u16::from(code), reason.as_str()),
            (4404, "workspace deleted")
        );
    }
    let doc = tandem_server::sync::workspace_doc(&p.workspace);
    assert_eq!(p.server.log_rows(&doc).await, 0, "no update rows left");
    assert_eq!(refused(&p.server, &p.workspace, &p.mentee).await, 403);
}

/// Messages far larger than the connection's read buffer (it starts small,
/// `READ_BUFFER_BYTES`) arrive whole, up to the size limit.
async fn large_messages_up_to_the_limit_are_accepted(backend: Backend) {
    let p = pair(backend).await;
    let mut mentor = Client::connect(&p.server, &p.workspace, &p.mentor)
        .await
        .unwrap();
    let mut mentee = Client::connect(&p.server, &p.workspace, &p.mentee)
        .await
        .unwrap();
    let doc = yrs::Doc::new();
    let text = {
        use yrs::Transact;
        let text = doc.get_or_insert_text("big");
        let mut txn = doc.transact_mut();
        yrs::Text::insert(&text, &mut txn, 0, &"x".repeat(MAX_MESSAGE_BYTES - 4096));
        drop(txn);
        yrs::ReadTxn::encode_state_as_update_v1(&doc.transact(), &Default::default())
    };
    let message = Message::Sync(SyncMessage::Update(text.clone()));
    assert!(message.encode_v1().len() > MAX_MESSAGE_BYTES - 4096);
    assert!(message.encode_v1().len() <= MAX_MESSAGE_BYTES);
    mentor.push(std::slice::from_ref(&text)).await;
    let Some(Message::Sync(SyncMessage::Update(update))) = mentee.recv().await else {
        panic!("update")
    };
    assert_eq!(update, text);
    // And small ones still, after the buffer grew.
    let sv = yrs::ReadTxn::state_vector(&yrs::Transact::transact(&doc));
    {
        use yrs::Transact;
        let t = doc.get_or_insert_text("big");
        yrs::Text::insert(&t, &mut doc.transact_mut(), 0, "y");
    }
    let small = yrs::ReadTxn::encode_state_as_update_v1(&yrs::Transact::transact(&doc), &sv);
    mentor.push(std::slice::from_ref(&small)).await;
    let Some(Message::Sync(SyncMessage::Update(update))) = mentee.recv().await else {
        panic!("update")
    };
    assert_eq!(update, small);
}

/// A text update from a device of its own (`client`), valid on its own.
fn text_update(client: u64, text: &str) -> Vec<u8> {
    use yrs::{ReadTxn, Text, Transact};
    let doc = yrs::Doc::with_client_id(client);
    doc.get_or_insert_text("t")
        .insert(&mut doc.transact_mut(), 0, text);
    let update = doc
        .transact()
        .encode_state_as_update_v1(&Default::default());
    update
}

/// The writer's queue is bounded in bytes: while the database does not
/// take its commits, queueing waits once the bound is reached (so rooms,
/// and through them connections, stop reading: back-pressure instead of
/// memory without end), and goes on as soon as the commits are taken.
async fn the_writers_queue_is_bounded_and_pushes_back(backend: Backend) {
    use futures_util::FutureExt;
    use tandem_server::sync::{fanout::Fanout, store};
    let dir = tempfile::tempdir().unwrap();
    let database = backend.fresh_database().await;
    let pool = tandem_server::db::connect(dir.path(), database.as_ref().map(|d| d.url.as_str()))
        .await
        .unwrap();
    let update = |i: u64| text_update(i, "x");
    let cost = update(1).len() + store::PENDING_OVERHEAD;
    let writer = store::Writer::start_bounded(pool.clone(), Fanout::off(), 3 * cost);
    // Another connection keeps the writer's commits waiting.
    let mut blocker = pool.acquire().await.unwrap();
    let block = match backend {
        Backend::Sqlite => vec!["BEGIN IMMEDIATE"],
        Backend::Postgres => vec!["BEGIN", "LOCK TABLE doc_updates IN EXCLUSIVE MODE"],
    };
    for statement in block {
        sqlx::query(statement).execute(&mut *blocker).await.unwrap();
    }
    let mut stored = Vec::new();
    let mut queue = |i: u64| {
        let (tell, answer) = tokio::sync::oneshot::channel();
        stored.push(answer);
        let done: store::Done = Box::new(move |result, _| {
            let _ = tell.send(result.is_ok());
        });
        writer.queue("doc", update(i), done)
    };
    for i in 1..=3 {
        let queued = queue(i).now_or_never();
        assert!(matches!(queued, Some(Ok(()))), "update {i} waited");
    }
    let fourth = queue(4);
    tokio::pin!(fourth);
    assert!(
        (&mut fourth).now_or_never().is_none(),
        "queued past the bound while nothing was stored"
    );
    sqlx::query("COMMIT").execute(&mut *blocker).await.unwrap();
    tokio::time::timeout(WAIT, fourth)
        .await
        .expect("room in the queue once the commits were taken")
        .unwrap();
    for answer in stored {
        assert!(tokio::time::timeout(WAIT, answer).await.unwrap().unwrap());
    }
    assert_eq!(store::log_len(&pool, "doc").await.unwrap(), 4);
}

/// The writer stores a batch in one statement: each document's rows get
/// the numbers after its newest stored one (in the log, or in the snapshot
/// once compaction emptied the log), in the order they were queued.
async fn a_group_commit_numbers_each_documents_rows_after_what_is_stored(backend: Backend) {
    use tandem_server::sync::{fanout::Fanout, store};
    let dir = tempfile::tempdir().unwrap();
    let database = backend.fresh_database().await;
    let pool = tandem_server::db::connect(dir.path(), database.as_ref().map(|d| d.url.as_str()))
        .await
        .unwrap();
    let writer = store::Writer::start(pool.clone(), Fanout::off());
    for i in 0..3 {
        writer.append("a", &text_update(i + 1, "a")).await.unwrap();
    }
    writer.append("b", &text_update(9, "b")).await.unwrap();
    assert_eq!(store::compact(&pool, "a").await.unwrap(), Some(3));
    assert_eq!(store::log_len(&pool, "a").await.unwrap(), 0);

    let queued: Vec<(&str, Vec<u8>)> = (0..6)
        .map(|i| {
            (
                ["a", "b", "a", "c", "a", "b"][i],
                text_update(20 + i as u64, "x"),
            )
        })
        .collect();
    // Queued in one go (the test's runtime runs the writer only once all
    // are queued), so they share one transaction.
    let seqs: Vec<i64> = futures_util::future::join_all(
        queued
            .iter()
            .map(|(doc, update)| writer.append(doc, update)),
    )
    .await
    .into_iter()
    .map(Result::unwrap)
    .collect();
    assert_eq!(seqs, [4, 2, 5, 1, 6, 3]);
    for doc in ["a", "b", "c"] {
        let since = store::since(&pool, doc, if doc == "a" { 3 } else { 0 })
            .await
            .unwrap();
        let expected: Vec<(i64, Vec<u8>)> = queued
            .iter()
            .zip(&seqs)
            .filter(|((d, _), _)| *d == doc)
            .map(|((_, update), seq)| (*seq, update.clone()))
            .collect();
        let stored = &since.rows[since.rows.len() - expected.len()..];
        assert_eq!(stored, expected, "{doc}");
    }
}

/// An update that repeats one still waiting for its commit (a client
/// sending it again over a new connection) is acknowledged only once that
/// one is stored: else a crash in between would lose what both carried.
#[tokio::test]
async fn a_repeated_update_is_acknowledged_only_after_the_one_it_repeats() {
    use tandem_server::sync::{store, Hub};
    let dir = tempfile::tempdir().unwrap();
    let pool = tandem_server::db::connect(dir.path(), None).await.unwrap();
    let hub = Hub::start(pool.clone());
    let room = hub.room("ws:x").await.unwrap();
    // Another connection holds SQLite's write lock: the writer's commit waits.
    let mut blocker = pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *blocker)
        .await
        .unwrap();
    let update = text_update(1, "hello");
    let first = room.submit(&hub, 1, update.clone()).await.unwrap();
    let again = room.submit(&hub, 2, update).await.unwrap();
    assert!(first.changed() && !again.changed());
    let settled = room.settle(&hub, again);
    tokio::pin!(settled);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut settled)
            .await
            .is_err(),
        "acknowledged before the update it repeats was stored"
    );
    sqlx::query("COMMIT").execute(&mut *blocker).await.unwrap();
    settled.await.unwrap();
    assert_eq!(store::log_len(&pool, "ws:x").await.unwrap(), 1);
    room.settle(&hub, first).await.unwrap();
}

both_backends!(
    storage_quotas_refuse_what_would_pass_them,
    the_writers_queue_is_bounded_and_pushes_back,
    an_account_holds_a_limited_number_of_connections,
    a_connection_with_too_many_bytes_waiting_is_closed,
    a_removal_or_sign_out_right_after_the_check_is_not_missed,
    a_silent_peer_is_dropped_and_an_answering_one_kept,
    signing_out_closes_that_sessions_sockets_only,
    an_expiring_session_closes_its_sockets,
    a_group_commit_numbers_each_documents_rows_after_what_is_stored,
    large_messages_up_to_the_limit_are_accepted,
    edits_reach_the_other_member_live,
    only_members_may_connect_read_or_write,
    a_restart_loses_nothing_acknowledged,
    an_update_waiting_for_its_dependencies_is_stored,
    hostile_messages_are_refused_and_the_document_is_unharmed,
    private_notes_are_the_owners_alone,
    deleting_a_workspace_closes_its_connections_and_keeps_nothing,
);

/// Test-only convenience: forget what was queued so far (it was uploaded).
trait ForTest {
    fn take_outbox_for_test(&mut self);
}

impl ForTest for Workspace {
    fn take_outbox_for_test(&mut self) {
        let n = self.outbox().len();
        self.acknowledge(n);
    }
}
