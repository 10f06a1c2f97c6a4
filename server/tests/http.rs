//! End-to-end tests of the router, driven with `oneshot` (no socket).

use std::path::PathBuf;

use axum::body::Body;
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, IF_MODIFIED_SINCE,
    LAST_MODIFIED, VARY,
};
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tandem_server::db;
use tandem_server::db::Pool;
use tandem_server::http::{router, AppState};
use tempfile::TempDir;
use tower::ServiceExt;

const INDEX_HTML: &str = "<!doctype html><title>Tandem test app</title>";
const APP_JS: &str = "console.log('tandem');";
// Starts with the wasm magic number, which is all a browser checks first.
const APP_WASM: &[u8] = b"\0asm\x01\0\0\0";

/// A fresh data dir and static dir per test, so tests cannot see each
/// other's databases.
struct Fixture {
    // Held so the directories live as long as the test.
    _data: TempDir,
    _static: TempDir,
    data_dir: PathBuf,
    pool: Pool,
    app: Router,
}

async fn fixture() -> Fixture {
    let data = TempDir::new().unwrap();
    let static_files = TempDir::new().unwrap();
    std::fs::write(static_files.path().join("index.html"), INDEX_HTML).unwrap();
    // A build's own directory, as `cargo xtask build` writes it.
    let build = static_files.path().join("pkg/0123456789abcdef");
    std::fs::create_dir_all(&build).unwrap();
    std::fs::write(build.join("tandem-app.js"), APP_JS).unwrap();
    std::fs::write(build.join("tandem-app_bg.wasm"), APP_WASM).unwrap();

    // A not-yet-existing subdirectory, to check the server creates it.
    let data_dir = data.path().join("server-data");
    let pool = db::connect(&data_dir, None).await.unwrap();
    let app = router(AppState::new(
        pool.clone(),
        static_files.path().to_path_buf(),
        false,
    ));
    Fixture {
        _data: data,
        _static: static_files,
        data_dir,
        pool,
        app,
    }
}

async fn get(app: &Router, uri: &str) -> Response {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    app.clone().oneshot(request).await.unwrap()
}

async fn body_bytes(response: Response) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

async fn body_text(response: Response) -> String {
    String::from_utf8(body_bytes(response).await).unwrap()
}

async fn body_json(response: Response) -> Value {
    serde_json::from_slice(&body_bytes(response).await).unwrap()
}

fn header(response: &Response, name: HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
        .unwrap_or_default()
}

fn is_rfc3339_utc_seconds(text: &str) -> bool {
    // YYYY-MM-DDTHH:MM:SSZ, the shape `strftime` is asked for.
    let shape = "dddd-dd-ddTdd:dd:ddZ";
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(c, s)| match s {
            b'd' => c.is_ascii_digit(),
            _ => c == s,
        })
}

#[tokio::test]
async fn health_reports_ok_with_version_and_created_at() {
    let f = fixture().await;

    let response = get(&f.app, "/api/health").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "application/json");
    let json = body_json(response).await;
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["database"], "ok");
    let created_at = json["created_at"].as_str().unwrap();
    assert!(is_rfc3339_utc_seconds(created_at), "{created_at}");
    assert_eq!(created_at, db::created_at(&f.pool).await.unwrap());
}

#[tokio::test]
async fn one_sqlite_instance_is_ready_without_fanout_and_reports_metrics() {
    let f = fixture().await;

    let ready = get(&f.app, "/api/health/ready").await;
    assert_eq!(ready.status(), StatusCode::OK);
    let body = body_json(ready).await;
    assert_eq!(body["fanout"], "off", "{body}");
    assert_eq!(
        get(&f.app, "/api/health/live").await.status(),
        StatusCode::OK
    );

    let metrics = get(&f.app, "/metrics").await;
    assert_eq!(metrics.status(), StatusCode::OK);
    assert!(header(&metrics, CONTENT_TYPE).starts_with("text/plain; version=0.0.4"));
    let text = body_text(metrics).await;
    assert!(text.contains("\ntandem_ws_connections 0\n"), "{text}");
    assert!(text.contains("\ntandem_fanout_listening 0\n"), "{text}");
}

/// An instance whose connections are all taken (say, held by something
/// stuck) says so at once: a load balancer stops sending it clients. Once
/// they come back it is ready again.
#[tokio::test]
async fn readiness_fails_fast_while_no_connection_is_free() {
    let f = fixture().await;
    assert_eq!(
        get(&f.app, "/api/health/ready").await.status(),
        StatusCode::OK
    );
    // Take every connection the pool has (nothing else holds one here).
    let mut held = Vec::new();
    for _ in 0..f.pool.options().get_max_connections() {
        held.push(f.pool.acquire().await.unwrap());
    }
    let started = std::time::Instant::now();
    let response = get(&f.app, "/api/health/ready").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(body_json(response).await["database"], "error");
    drop(held);
    assert_eq!(
        get(&f.app, "/api/health/ready").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn health_reports_unavailable_when_database_fails() {
    let f = fixture().await;
    // A closed pool makes every query fail, as a lost database would.
    f.pool.close().await;

    let response = get(&f.app, "/api/health").await;

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let json = body_json(response).await;
    assert_eq!(
        json,
        serde_json::json!({"status": "unavailable", "database": "error"})
    );
}

#[tokio::test]
async fn migrations_ran_and_reconnecting_keeps_created_at() {
    let f = fixture().await;
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&f.pool)
        .await
        .unwrap();
    let files = std::fs::read_dir("migrations").unwrap().count() as i64;
    assert_eq!(migrations, files, "every numbered migration ran");
    // A distinctive value: had the reconnect re-stamped the row, it would
    // now hold the current time instead.
    let stamped = "2001-02-03T04:05:06Z";
    sqlx::query("UPDATE instance SET created_at = $1")
        .bind(stamped)
        .execute(&f.pool)
        .await
        .unwrap();
    f.pool.close().await;

    let pool = db::connect(&f.data_dir, None).await.unwrap();

    assert_eq!(db::created_at(&pool).await.unwrap(), stamped);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM instance")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn database_file_is_created_under_data_dir() {
    let f = fixture().await;

    assert!(f.data_dir.join(db::DB_FILE).is_file());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&f.pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn client_side_route_serves_index_html_uncached() {
    let f = fixture().await;

    let response = get(&f.app, "/w/some/client/route").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
    assert_eq!(body_text(response).await, INDEX_HTML);
}

#[tokio::test]
async fn root_serves_index_html_uncached() {
    let f = fixture().await;

    let response = get(&f.app, "/").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
    assert_eq!(body_text(response).await, INDEX_HTML);
}

#[tokio::test]
async fn unhashed_files_are_always_sent_whole() {
    let f = fixture().await;
    let hashed = get(&f.app, "/pkg/0123456789abcdef/tandem-app.js").await;
    let stamp = header(&hashed, LAST_MODIFIED).to_string();

    // Asked "changed since <its own time>?": a hashed asset answers 304,
    // index.html (like sw.js) is sent again, with no time to ask by.
    for (uri, status) in [
        (
            "/pkg/0123456789abcdef/tandem-app.js",
            StatusCode::NOT_MODIFIED,
        ),
        ("/index.html", StatusCode::OK),
    ] {
        let request = Request::get(uri)
            .header(IF_MODIFIED_SINCE, &stamp)
            .body(Body::empty())
            .unwrap();
        let response = f.app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), status, "{uri}");
        if status == StatusCode::OK {
            assert!(response.headers().get(LAST_MODIFIED).is_none());
            assert_eq!(body_text(response).await, INDEX_HTML);
        }
    }
}

#[tokio::test]
async fn hashed_asset_is_served_and_cacheable() {
    let f = fixture().await;

    let response = get(&f.app, "/pkg/0123456789abcdef/tandem-app.js").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).contains("javascript"));
    assert!(header(&response, CACHE_CONTROL).contains("immutable"));
    assert_eq!(body_text(response).await, APP_JS);
}

/// The build writes `name.br` and `name.gz` beside each hashed asset
/// (`cargo xtask build`); a browser gets the smallest copy it accepts, as
/// the original type, and caches are told the answer depends on it.
#[tokio::test]
async fn hashed_assets_are_sent_precompressed_to_browsers_that_accept_it() {
    let f = fixture().await;
    let dir = f._static.path();
    std::fs::write(
        dir.join("pkg/0123456789abcdef/tandem-app_bg.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    std::fs::write(
        dir.join("pkg/0123456789abcdef/tandem-app_bg.wasm.gz"),
        b"gzip bytes",
    )
    .unwrap();

    for (accepts, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"brotli bytes"[..],
        ),
        (Some("gzip, deflate"), Some("gzip"), &b"gzip bytes"[..]),
        (None, None, APP_WASM),
    ] {
        let mut request = Request::get("/pkg/0123456789abcdef/tandem-app_bg.wasm");
        if let Some(accepts) = accepts {
            request = request.header(ACCEPT_ENCODING, accepts);
        }
        let response = f
            .app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accepts:?}");
        assert_eq!(header(&response, CONTENT_TYPE), "application/wasm");
        assert_eq!(
            response
                .headers()
                .get(CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accepts:?}"
        );
        assert_eq!(header(&response, VARY), "accept-encoding");
        assert!(header(&response, CACHE_CONTROL).contains("immutable"));
        assert_eq!(body_bytes(response).await, body, "{accepts:?}");
    }

    // A file with no compressed copy is sent as it is, whatever is accepted.
    let request = Request::get("/pkg/0123456789abcdef/tandem-app.js")
        .header(ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
        .unwrap();
    let response = f.app.clone().oneshot(request).await.unwrap();
    assert!(response.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(body_text(response).await, APP_JS);
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let f = fixture().await;

    let response = get(&f.app, "/pkg/0123456789abcdef/tandem-app_bg.wasm").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "application/wasm");
    assert_eq!(body_bytes(response).await, APP_WASM);
}

#[tokio::test]
async fn missing_hashed_asset_falls_back_uncached() {
    let f = fixture().await;

    // Were this cached as immutable, a browser would keep index.html as
    // this script for a year.
    let response = get(&f.app, "/pkg/fedcba9876543210/tandem-app.js").await;

    assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn unknown_api_path_is_json_404() {
    let f = fixture().await;

    for uri in [
        "/api/nope",
        "/api/health/extra",
        "/api/w/abc",
        "/api",
        "/api/",
    ] {
        let response = get(&f.app, uri).await;

        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(header(&response, CONTENT_TYPE), "application/json", "{uri}");
        let body = body_text(response).await;
        assert!(!body.contains(INDEX_HTML), "{uri}");
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap(),
            serde_json::json!({"error": "not found"}),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn explicit_database_url_is_used() {
    let data = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    let file = elsewhere.path().join("other.db");
    let url = format!("sqlite://{}", file.display());

    let pool = db::connect(data.path(), Some(&url)).await.unwrap();

    assert!(file.is_file());
    assert!(!data.path().join(db::DB_FILE).exists());
    assert!(is_rfc3339_utc_seconds(
        &db::created_at(&pool).await.unwrap()
    ));
}
