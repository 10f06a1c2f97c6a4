//! No password, session token, invitation token or hash reaches the log, at any level, on either backend. A binary of its own: it installs a global subscriber.

#[macro_use]
mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use axum::http::StatusCode;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

use common::{request, Auth, Backend, TestApp, PASSWORD};

/// Everything logged by this process, at TRACE, as the fmt layer writes it
/// (span fields, such as each request's URI, included).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

/// The log so far. Global, not per test: the SQLite driver and blocking
/// tasks log from threads of their own.
fn log() -> String {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    let captured = CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(captured.clone())
            .init();
        captured
    });
    String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned()
}

async fn secrets_stay_out_of_the_log(backend: Backend) {
    log();
    let t = TestApp::start(backend).await;
    let password = format!("{PASSWORD} {backend:?} zebra-kite");
    let account = json!({"email": "anna@example.com", "password": password});
    let signed_up = t
        .call("POST", "/api/accounts", Auth::None, Some(account.clone()))
        .await;
    assert_eq!(signed_up.status, StatusCode::CREATED);
    let mut secrets = vec![
        password.clone(),
        signed_up.json["token"].as_str().unwrap().to_string(),
    ];
    let wrong = json!({"email": "anna@example.com", "password": format!("{password} wrong")});
    assert_eq!(
        t.call("POST", "/api/sessions", Auth::None, Some(wrong))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let short = json!({"email": "piotr@example.com", "password": "short-pw"});
    assert_eq!(
        t.call("POST", "/api/accounts", Auth::None, Some(short))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    secrets.push("short-pw".into());
    let signed_in = t
        .call("POST", "/api/sessions", Auth::None, Some(account))
        .await;
    let token = signed_in.json["token"].as_str().unwrap().to_string();
    secrets.push(token.clone());

    // Every way a token travels: header, cookie, and the WebSocket query.
    t.call("GET", "/api/me", Auth::Bearer(&token), None).await;
    t.call("GET", "/api/me", Auth::Cookie(&token), None).await;
    let mut upgrade = request("GET", &format!("/api/me?token={token}"), Auth::None, None);
    upgrade
        .headers_mut()
        .insert("upgrade", "websocket".parse().unwrap());
    assert_eq!(t.send(upgrade, None).await.status, StatusCode::OK);

    t.call(
        "PUT",
        "/api/workspaces/w1",
        Auth::Bearer(&token),
        Some(json!({"role": "mentor", "state": ""})),
    )
    .await;
    let invitation = t
        .call(
            "POST",
            "/api/workspaces/w1/invitations",
            Auth::Bearer(&token),
            None,
        )
        .await;
    let invitation = invitation.json["token"].as_str().unwrap().to_string();
    secrets.push(invitation.clone());
    t.call(
        "GET",
        &format!("/api/invitations/{invitation}"),
        Auth::None,
        None,
    )
    .await;
    t.call("GET", &format!("/join/{invitation}"), Auth::None, None)
        .await;
    let mentee = t.sign_up("piotr@example.com").await;
    secrets.push(mentee.token.clone());
    let accepted = t
        .call(
            "POST",
            &format!("/api/invitations/{invitation}/accept"),
            Auth::Bearer(&mentee.token),
            None,
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK);
    t.call(
        "DELETE",
        "/api/sessions/current",
        Auth::Bearer(&token),
        None,
    )
    .await;

    // What the database holds in their place must not leak either.
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_all(&t.pool)
        .await
        .unwrap();
    secrets.extend(hashes);
    secrets
        .extend([&token, &invitation, &mentee.token].map(|t| tandem_server::auth::token::hash(t)));

    let log = log();
    assert!(log.contains("sqlx"), "the SQL layer logs too");
    // The capture works: requests were logged, with their tokens redacted.
    assert!(log.contains("/api/invitations/<redacted>/accept"), "{log}");
    assert!(log.contains("/join/<redacted>"), "{log}");
    assert!(log.contains("/api/me?token=<redacted>"), "{log}");
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "{secret:?} is in the log:\n{log}"
        );
    }
}

both_backends!(secrets_stay_out_of_the_log);
