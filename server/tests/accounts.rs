//! Accounts and sessions through the router: sign up, in and out, the session cookie, Bearer tokens, rate limits, security headers. Every test runs on SQLite and on PostgreSQL.

#[macro_use]
mod common;

use std::net::SocketAddr;

use axum::http::StatusCode;
use serde_json::json;
use tandem_server::auth::Limits;

use common::{request, Auth, Backend, TestApp, PASSWORD};

const THIRTY_DAYS: i64 = 30 * 24 * 60 * 60;

/// Whom `GET /api/me` answered is signed in (its email), if anyone; it
/// answers 200 either way.
fn signed_in_as(me: &common::Reply) -> Option<&str> {
    assert_eq!(me.status, StatusCode::OK, "{:?}", me.json);
    me.json["user"]["email"].as_str()
}

async fn sign_up_signs_in(backend: Backend) {
    let t = TestApp::start(backend).await;

    let reply = t
        .call(
            "POST",
            "/api/accounts",
            Auth::None,
            Some(json!({"email": "  Anna@Example.COM ", "password": PASSWORD})),
        )
        .await;

    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.json);
    assert_eq!(reply.json["user"]["email"], "anna@example.com");
    let id = reply.json["user"]["id"].as_str().unwrap();
    let token = reply.json["token"].as_str().unwrap();
    assert_eq!(token.len(), 43);
    assert!(reply
        .header("set-cookie")
        .starts_with(&format!("tandem_session={token};")));
    for auth in [Auth::Bearer(token), Auth::Cookie(token)] {
        let me = t.call("GET", "/api/me", auth, None).await;
        assert_eq!(me.status, StatusCode::OK, "{auth:?}");
        assert_eq!(
            me.json,
            json!({"user": {"id": id, "email": "anna@example.com"}})
        );
    }
    // Only a hash of the token and of the password is stored.
    assert_eq!(t.count("sessions", "token_hash = $1", token).await, 0);
    assert_eq!(t.count("sessions", "user_id = $1", id).await, 1);
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&t.pool)
        .await
        .unwrap();
    assert!(
        stored.starts_with("$argon2id$") && !stored.contains(PASSWORD),
        "{stored}"
    );
}

async fn sign_up_refuses_bad_input_with_clear_errors(backend: Backend) {
    let t = TestApp::start(backend).await;
    t.sign_up("anna@example.com").await;

    let cases = [
        (
            json!({"email": "anna", "password": PASSWORD}),
            StatusCode::BAD_REQUEST,
            "valid email",
        ),
        (
            json!({"email": "anna@example", "password": PASSWORD}),
            StatusCode::BAD_REQUEST,
            "valid email",
        ),
        (
            json!({"email": "piotr@example.com", "password": "short"}),
            StatusCode::BAD_REQUEST,
            "at least 10 characters",
        ),
        (
            json!({"email": "ANNA@example.com", "password": PASSWORD}),
            StatusCode::CONFLICT,
            "an account with this email exists",
        ),
        (
            json!({"email": "piotr@example.com"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
        ),
    ];
    for (body, status, message) in cases {
        let reply = t
            .call("POST", "/api/accounts", Auth::None, Some(body.clone()))
            .await;
        assert_eq!(reply.status, status, "{body}: {:?}", reply.json);
        assert!(reply.error().contains(message), "{body}: {:?}", reply.json);
        assert!(reply.header("set-cookie").is_empty(), "{body}");
    }
    let not_json = request("POST", "/api/accounts", Auth::None, None);
    let reply = t.send(not_json, None).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        !reply.error().is_empty(),
        "errors are JSON: {:?}",
        reply.json
    );
    assert_eq!(
        t.count("users", "email LIKE $1", "%").await,
        1,
        "nothing else was created"
    );
}

async fn sign_in_needs_the_right_password(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;

    let reply = t
        .call(
            "POST",
            "/api/sessions",
            Auth::None,
            Some(json!({"email": "Anna@example.com", "password": PASSWORD})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
    assert_eq!(reply.json["user"]["id"], anna.id.as_str());
    let token = reply.json["token"].as_str().unwrap();
    assert_ne!(token, anna.token, "each sign-in is a new session");
    assert!(reply.header("set-cookie").starts_with("tandem_session="));
    assert_eq!(
        signed_in_as(&t.call("GET", "/api/me", Auth::Bearer(token), None).await),
        Some("anna@example.com")
    );

    for (email, password) in [
        ("anna@example.com", "wrong password!"),
        ("nobody@example.com", PASSWORD),
    ] {
        let reply = t
            .call(
                "POST",
                "/api/sessions",
                Auth::None,
                Some(json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{email}");
        // The same answer either way: it does not tell who has an account.
        assert_eq!(reply.error(), "wrong email or password");
        assert!(reply.header("set-cookie").is_empty());
    }
}

async fn sign_out_ends_the_session_and_clears_the_cookie(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let other_device = t
        .call(
            "POST",
            "/api/sessions",
            Auth::None,
            Some(json!({"email": anna.email, "password": PASSWORD})),
        )
        .await;
    let other_token = other_device.json["token"].as_str().unwrap();

    let reply = t
        .call(
            "DELETE",
            "/api/sessions/current",
            Auth::Cookie(&anna.token),
            None,
        )
        .await;

    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let cookie = reply.header("set-cookie");
    assert!(
        cookie.starts_with("tandem_session=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    for auth in [Auth::Cookie(&anna.token), Auth::Bearer(&anna.token)] {
        let me = t.call("GET", "/api/me", auth, None).await;
        assert_eq!(signed_in_as(&me), None, "{auth:?}");
    }
    // The other device stays signed in.
    assert!(signed_in_as(
        &t.call("GET", "/api/me", Auth::Bearer(other_token), None)
            .await
    )
    .is_some());
    // Signing out again, or with no session, still answers 204.
    let again = t
        .call(
            "DELETE",
            "/api/sessions/current",
            Auth::Bearer(&anna.token),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NO_CONTENT);
}

async fn session_cookie_is_http_only_lax_and_secure_when_configured(backend: Backend) {
    for secure in [false, true] {
        let t = TestApp::start_with(backend, secure, Limits::new()).await;
        let body = json!({"email": "anna@example.com", "password": PASSWORD});

        let signed_up = t
            .call("POST", "/api/accounts", Auth::None, Some(body.clone()))
            .await;
        let signed_in = t
            .call("POST", "/api/sessions", Auth::None, Some(body))
            .await;
        let token = signed_in.json["token"].as_str().unwrap();
        let signed_out = t
            .call("DELETE", "/api/sessions/current", Auth::Bearer(token), None)
            .await;

        for reply in [&signed_up, &signed_in, &signed_out] {
            let cookie = reply.header("set-cookie");
            let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
            assert!(attributes.contains(&"HttpOnly"), "{cookie}");
            assert!(attributes.contains(&"SameSite=Lax"), "{cookie}");
            assert!(attributes.contains(&"Path=/"), "{cookie}");
            assert_eq!(attributes.contains(&"Secure"), secure, "{cookie}");
        }
        let cookie = signed_in.header("set-cookie");
        assert!(
            cookie.contains(&format!("Max-Age={THIRTY_DAYS}")),
            "{cookie}"
        );
    }
}

/// Sessions slide with use: one used 28 days after its last extension
/// lives 30 days from then (the cookie is sent again with a full
/// Max-Age), one used again within the hour writes nothing, and one
/// left unused for its 30 days is over.
async fn sessions_slide_with_use_and_unused_ones_expire(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let hash = tandem_server::auth::token::hash(&anna.token);
    let day = 24 * 60 * 60;
    let set = |expires_at: i64| {
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(expires_at)
            .bind(hash.clone())
            .execute(&t.pool)
    };
    let expiry = || async {
        sqlx::query_scalar::<_, i64>("SELECT expires_at FROM sessions WHERE token_hash = $1")
            .bind(hash.clone())
            .fetch_one(&t.pool)
            .await
            .unwrap()
    };
    let now = tandem_server::db::now;

    // Last used 28 days ago (2 days left), used now by its cookie.
    set(now() + 2 * day).await.unwrap();
    let used = t
        .call("GET", "/api/me", Auth::Cookie(&anna.token), None)
        .await;
    assert_eq!(signed_in_as(&used), Some("anna@example.com"));
    assert!((expiry().await - (now() + THIRTY_DAYS)).abs() <= 5);
    let cookie = used.header("set-cookie");
    assert!(
        cookie.starts_with(&format!("tandem_session={};", anna.token))
            && cookie.contains(&format!("Max-Age={THIRTY_DAYS}")),
        "{cookie}"
    );
    // Used 29 days on (by a Bearer token: no cookie to send): extended again.
    set(now() + day).await.unwrap();
    let used = t
        .call("GET", "/api/me", Auth::Bearer(&anna.token), None)
        .await;
    assert_eq!(signed_in_as(&used), Some("anna@example.com"));
    assert!((expiry().await - (now() + THIRTY_DAYS)).abs() <= 5);
    assert_eq!(used.header("set-cookie"), "");

    // Extended ten minutes ago: nothing is written, no cookie is sent.
    let recent = now() + THIRTY_DAYS - 600;
    set(recent).await.unwrap();
    let used = t
        .call("GET", "/api/me", Auth::Cookie(&anna.token), None)
        .await;
    assert_eq!(signed_in_as(&used), Some("anna@example.com"));
    assert_eq!(expiry().await, recent);
    assert_eq!(used.header("set-cookie"), "");

    // Unused for its 30 days: over, and not brought back by trying.
    let over = now() - 1;
    set(over).await.unwrap();
    let late = t
        .call("GET", "/api/me", Auth::Cookie(&anna.token), None)
        .await;
    assert_eq!(signed_in_as(&late), None);
    assert_eq!(expiry().await, over);
}

async fn requests_without_a_valid_session_get_401(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let w = "/api/workspaces/w1";
    let calls = [
        ("GET", "/api/workspaces".to_string(), None),
        (
            "PUT",
            w.to_string(),
            Some(json!({"role": "mentor", "state": ""})),
        ),
        ("DELETE", w.to_string(), None),
        ("POST", format!("{w}/invitations"), None),
        ("DELETE", format!("{w}/members/me"), None),
        (
            "POST",
            "/api/invitations/some-token/accept".to_string(),
            None,
        ),
    ];
    // The session exists, but has expired.
    let expired = t
        .call(
            "POST",
            "/api/sessions",
            Auth::None,
            Some(json!({"email": anna.email, "password": PASSWORD})),
        )
        .await;
    let expired = expired.json["token"].as_str().unwrap().to_string();
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(tandem_server::db::now() - 1)
        .bind(tandem_server::auth::token::hash(&expired))
        .execute(&t.pool)
        .await
        .unwrap();

    for (method, path, body) in &calls {
        for auth in [
            Auth::None,
            Auth::Bearer("not-a-token"),
            Auth::Cookie("not-a-token"),
            Auth::Bearer(&expired),
        ] {
            let reply = t.call(method, path, auth, body.clone()).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} {auth:?}"
            );
            assert_eq!(reply.error(), "sign in first", "{method} {path} {auth:?}");
        }
    }
    // `GET /api/me` says "signed out" instead, with a 200: the app asks on
    // every start, and a browser logs every 401 as an error.
    for auth in [
        Auth::None,
        Auth::Bearer("not-a-token"),
        Auth::Cookie("not-a-token"),
        Auth::Bearer(&expired),
    ] {
        let me = t.call("GET", "/api/me", auth, None).await;
        assert_eq!(me.json, json!({"user": null}), "{auth:?}");
        assert_eq!(signed_in_as(&me), None, "{auth:?}");
    }
    // A stale cookie does not hide a valid Bearer token.
    let mut both = request("GET", "/api/me", Auth::Bearer(&anna.token), None);
    both.headers_mut()
        .insert("cookie", "tandem_session=stale".parse().unwrap());
    assert_eq!(
        signed_in_as(&t.send(both, None).await),
        Some("anna@example.com")
    );
    assert_eq!(t.count("workspaces", "id = $1", "w1").await, 0);
}

async fn query_token_is_accepted_only_on_websocket_upgrades(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let path = format!("/api/me?token={}", anna.token);

    let plain = t.call("GET", &path, Auth::None, None).await;
    assert_eq!(signed_in_as(&plain), None);

    let mut upgrade = request("GET", &path, Auth::None, None);
    upgrade
        .headers_mut()
        .insert("upgrade", "websocket".parse().unwrap());
    upgrade
        .headers_mut()
        .insert("connection", "upgrade".parse().unwrap());
    let reply = t.send(upgrade, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["user"]["id"], anna.id.as_str());
}

async fn repeated_sign_in_failures_are_rate_limited_per_email(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let wrong = json!({"email": anna.email, "password": "not the password"});

    for attempt in 1..=5 {
        let reply = t
            .call("POST", "/api/sessions", Auth::None, Some(wrong.clone()))
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let limited = t
        .call("POST", "/api/sessions", Auth::None, Some(wrong))
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error(), "too many attempts, try again in a minute");
    // Even the right password waits now (the limit is on attempts, so a
    // guesser learns nothing), and the email's case makes no difference.
    let right = json!({"email": "ANNA@example.com", "password": PASSWORD});
    let reply = t
        .call("POST", "/api/sessions", Auth::None, Some(right))
        .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    // Those were someone else's guesses: from her own address, Anna signs in.
    let home: SocketAddr = "198.51.100.4:40000".parse().unwrap();
    let right = json!({"email": "anna@example.com", "password": PASSWORD});
    let reply = t
        .send(
            request("POST", "/api/sessions", Auth::None, Some(right)),
            Some(home),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    // Other accounts are not affected.
    t.sign_up("piotr@example.com").await;
    let piotr = json!({"email": "piotr@example.com", "password": PASSWORD});
    assert_eq!(
        t.call("POST", "/api/sessions", Auth::None, Some(piotr))
            .await
            .status,
        StatusCode::OK
    );
}

/// Guessing one account's password from many addresses stays slow: past
/// a dozen addresses' worth of attempts a minute, every address waits.
async fn guessing_from_many_addresses_is_limited_per_account(backend: Backend) {
    let t = TestApp::start_with(backend, false, Limits::per_minute(2, 100)).await;
    t.sign_up("anna@example.com").await;
    let wrong = json!({"email": "anna@example.com", "password": "not the password"});
    let from = |n: usize| -> SocketAddr { format!("203.0.113.{n}:40000").parse().unwrap() };
    for address in 1..=12 {
        for _ in 0..2 {
            let reply = t
                .send(
                    request("POST", "/api/sessions", Auth::None, Some(wrong.clone())),
                    Some(from(address)),
                )
                .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "address {address}");
        }
    }
    let reply = t
        .send(
            request("POST", "/api/sessions", Auth::None, Some(wrong)),
            Some(from(13)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn sign_in_attempts_are_rate_limited_per_address(backend: Backend) {
    let t = TestApp::start_with(backend, false, Limits::per_minute(100, 3)).await;
    let attacker: SocketAddr = "192.0.2.7:50000".parse().unwrap();
    let neighbour: SocketAddr = "192.0.2.8:50000".parse().unwrap();
    let attempt = |n: usize| {
        request(
            "POST",
            "/api/sessions",
            Auth::None,
            Some(json!({"email": format!("user{n}@example.com"), "password": "guess guess guess"})),
        )
    };

    for n in 0..3 {
        assert_eq!(
            t.send(attempt(n), Some(attacker)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // A new port is the same client.
    let same_client: SocketAddr = "192.0.2.7:50001".parse().unwrap();
    let reply = t.send(attempt(3), Some(same_client)).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        t.send(attempt(4), Some(neighbour)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn sign_ups_are_rate_limited_per_address(backend: Backend) {
    let t = TestApp::start_with(backend, false, Limits::per_minute(100, 2)).await;
    let spammer: SocketAddr = "192.0.2.9:40000".parse().unwrap();
    let sign_up = |n: usize| {
        request(
            "POST",
            "/api/accounts",
            Auth::None,
            Some(
                json!({"email": format!("new{n}@example.com"), "password": "correct horse battery"}),
            ),
        )
    };
    for n in 0..2 {
        assert_eq!(
            t.send(sign_up(n), Some(spammer)).await.status,
            StatusCode::CREATED
        );
    }
    let reply = t.send(sign_up(2), Some(spammer)).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        t.count("users", "email = $1", "new2@example.com").await,
        0,
        "no account made"
    );
}

async fn every_response_carries_security_headers(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;

    let replies = [
        t.call("GET", "/", Auth::None, None).await,
        t.call("GET", "/w/some/route", Auth::None, None).await,
        t.call("GET", "/api/me", Auth::Bearer(&anna.token), None)
            .await,
        t.call("GET", "/api/me", Auth::None, None).await,
        t.call("GET", "/api/nope", Auth::None, None).await,
    ];

    for reply in &replies {
        let csp = reply.header("content-security-policy");
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{csp}"
        );
        for directive in [
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        assert_eq!(reply.header("referrer-policy"), "no-referrer");
        assert_eq!(reply.header("x-frame-options"), "DENY");
        // Plain HTTP (no --secure-cookies): no HSTS, which would lock
        // browsers out of a server without HTTPS.
        assert_eq!(reply.header("strict-transport-security"), "");
    }
    // Behind HTTPS: browsers are told to use nothing else.
    let https = TestApp::start_with(backend, true, Limits::new()).await;
    let reply = https.call("GET", "/", Auth::None, None).await;
    assert_eq!(
        reply.header("strict-transport-security"),
        "max-age=31536000"
    );
}

async fn csp_follows_a_rebuilt_index_html(backend: Backend) {
    let t = TestApp::start(backend).await;
    let before = t.call("GET", "/", Auth::None, None).await;
    let csp_before = before.header("content-security-policy").to_string();

    // A rebuild under the running server: a new loader script. The mtime
    // is set forward explicitly: a rewrite within the same second might
    // otherwise keep it.
    let index = t.static_dir.path().join("index.html");
    std::fs::write(
        &index,
        "<!doctype html><script type=\"module\">import('/other.js')</script>",
    )
    .unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&index)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let after = t.call("GET", "/", Auth::None, None).await;

    let csp_after = after.header("content-security-policy");
    assert!(csp_after.contains("'sha256-"), "{csp_after}");
    assert_ne!(csp_before, csp_after);
}

/// A page of another origin (another port of the host, a sibling
/// subdomain: the same *site*, so the cookie goes along) cannot act for the
/// person: state changes and the sync socket are refused before the session
/// is read. The app's own pages, and clients that are not browsers, pass.
async fn cookie_carrying_requests_from_other_origins_are_refused(backend: Backend) {
    let t = TestApp::start(backend).await;
    let anna = t.sign_up("anna@example.com").await;
    let with = |mut request: axum::http::Request<axum::body::Body>,
                headers: &[(&'static str, &'static str)]| {
        for (name, value) in headers {
            request.headers_mut().insert(*name, value.parse().unwrap());
        }
        request
    };
    let socket = [
        ("upgrade", "websocket"),
        ("connection", "upgrade"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    for foreign in [
        vec![
            ("host", "tandem.test"),
            ("origin", "http://tandem.test:8081"),
        ],
        vec![("host", "tandem.test"), ("origin", "https://evil.example")],
        vec![("host", "tandem.test"), ("sec-fetch-site", "same-site")],
    ] {
        let sign_out = with(
            request(
                "DELETE",
                "/api/sessions/current",
                Auth::Cookie(&anna.token),
                None,
            ),
            &foreign,
        );
        let reply = t.send(sign_out, None).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{foreign:?}");
        assert!(
            reply.json["error"]
                .as_str()
                .unwrap()
                .contains("cross-origin"),
            "{:?}",
            reply.json
        );

        let headers: Vec<_> = foreign.iter().chain(socket.iter()).copied().collect();
        let upgrade = with(
            request("GET", "/api/sync/private", Auth::Cookie(&anna.token), None),
            &headers,
        );
        assert_eq!(
            t.send(upgrade, None).await.status,
            StatusCode::FORBIDDEN,
            "{foreign:?}"
        );

        let body = json!({"email": "mallory@example.com", "password": PASSWORD});
        let sign_up = with(
            request("POST", "/api/accounts", Auth::None, Some(body)),
            &foreign,
        );
        assert_eq!(
            t.send(sign_up, None).await.status,
            StatusCode::FORBIDDEN,
            "{foreign:?}"
        );
    }
    // Reads are not refused, and nothing above changed anything.
    let me = with(
        request("GET", "/api/me", Auth::Cookie(&anna.token), None),
        &[("origin", "https://evil.example")],
    );
    assert_eq!(t.send(me, None).await.status, StatusCode::OK);

    // The app's own page: the session ends as asked.
    let own = [
        ("host", "tandem.test"),
        ("origin", "http://tandem.test"),
        ("sec-fetch-site", "same-origin"),
    ];
    let sign_out = with(
        request(
            "DELETE",
            "/api/sessions/current",
            Auth::Cookie(&anna.token),
            None,
        ),
        &own,
    );
    assert!(t.send(sign_out, None).await.status.is_success());
    assert_eq!(
        signed_in_as(
            &t.call("GET", "/api/me", Auth::Cookie(&anna.token), None)
                .await
        ),
        None
    );
}

both_backends!(
    cookie_carrying_requests_from_other_origins_are_refused,
    sign_up_signs_in,
    sign_up_refuses_bad_input_with_clear_errors,
    sign_in_needs_the_right_password,
    sign_out_ends_the_session_and_clears_the_cookie,
    session_cookie_is_http_only_lax_and_secure_when_configured,
    requests_without_a_valid_session_get_401,
    sessions_slide_with_use_and_unused_ones_expire,
    query_token_is_accepted_only_on_websocket_upgrades,
    repeated_sign_in_failures_are_rate_limited_per_email,
    guessing_from_many_addresses_is_limited_per_account,
    sign_in_attempts_are_rate_limited_per_address,
    every_response_carries_security_headers,
    csp_follows_a_rebuilt_index_html,
    sign_ups_are_rate_limited_per_address,
);
