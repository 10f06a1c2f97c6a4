//! Test helpers: the two database backends, a fresh database per test, and an app driven with `oneshot`.
// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

mod live;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::{Connection, PgConnection};
use tandem_server::auth::Limits;
use tandem_server::db::{self, Pool};
use tandem_server::http::{router, AppState};
use tempfile::TempDir;
use tower::ServiceExt;

#[allow(unused_imports)]
pub use live::Server;

/// The PostgreSQL server tests create their databases on; override with
/// `TANDEM_TEST_POSTGRES` (any database on it the user may connect to).
pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// Names of the databases tests create, followed by `<unix seconds>_<random>`.
const DB_PREFIX: &str = "tandem_test_";
/// Test databases older than this are dropped by later runs: left behind by
/// a test that was killed, or one whose helper does not drop its own.
const STALE_AFTER_SECONDS: i64 = 60 * 60;

/// A database backend the server supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Both backends, for tests that loop over them.
pub fn backends() -> [Backend; 2] {
    [Backend::Sqlite, Backend::Postgres]
}

/// Generates `mod <test> { fn sqlite(); fn postgres(); }` for each
/// `async fn <test>(backend: Backend)`, so each backend passes or fails
/// (and can be run: `cargo test postgres`) on its own.
#[allow(unused_macros)]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(crate::common::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(crate::common::Backend::Postgres).await
            }
        }
    )+};
}

fn admin_url() -> String {
    std::env::var("TANDEM_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_POSTGRES.to_string())
}

/// Connects to the PostgreSQL server, failing the test when it is not
/// there: CI has one, so a missing server is a broken setup, not a skip.
async fn admin() -> PgConnection {
    let url = admin_url();
    PgConnection::connect(&url).await.unwrap_or_else(|e| {
        panic!(
            "PostgreSQL at {url} is unreachable ({e}); the PostgreSQL tests need it. \
             Start it (`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) \
             or point TANDEM_TEST_POSTGRES at one."
        )
    })
}

fn with_database(url: &str, database: &str) -> String {
    let (server, _) = url
        .rsplit_once('/')
        .expect("a postgres:// URL with a database");
    format!("{server}/{database}")
}

impl Backend {
    /// A URL for a brand-new empty database, or `None` for SQLite (the
    /// server then makes its file in the data dir, itself fresh per test).
    /// The PostgreSQL database is not dropped by anyone; a later run drops
    /// it once stale. Prefer [`Backend::fresh_database`].
    pub async fn fresh_database_url(self) -> Option<String> {
        self.fresh_database().await.map(TestDb::keep)
    }

    /// A brand-new empty database that is dropped when the guard is.
    pub async fn fresh_database(self) -> Option<TestDb> {
        match self {
            Backend::Sqlite => None,
            Backend::Postgres => Some(TestDb::create().await),
        }
    }
}

/// A PostgreSQL database made for one test; dropped (best effort) with it.
pub struct TestDb {
    pub name: String,
    pub url: String,
    keep: bool,
}

impl TestDb {
    async fn create() -> TestDb {
        let mut admin = admin().await;
        drop_stale(&mut admin).await;
        let name = format!("{DB_PREFIX}{}_{:016x}", db::now(), rand::random::<u64>());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
        let _ = admin.close().await;
        let url = with_database(&admin_url(), &name);
        TestDb {
            name,
            url,
            keep: false,
        }
    }

    fn keep(mut self) -> String {
        self.keep = true;
        self.url.clone()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        // Drop runs outside async code, maybe inside a runtime: a thread
        // with its own runtime can still wait for the DROP.
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url()).await.ok()?;
                // FORCE closes the test's own pool connections still open.
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await;
                admin.close().await.ok()
            })
        })
        .join();
    }
}

/// Drops test databases left behind by earlier runs.
async fn drop_stale(admin: &mut PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'tandem_test_%'")
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    let cutoff = db::now() - STALE_AFTER_SECONDS;
    for name in names {
        let created: Option<i64> = name
            .strip_prefix(DB_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse().ok());
        if created.is_some_and(|created| created < cutoff) {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut *admin)
                .await;
        }
    }
}

/// The whole server as a `Router` on a fresh database, called with `oneshot`.
pub struct TestApp {
    pub backend: Backend,
    pub app: Router,
    pub pool: Pool,
    pub static_dir: TempDir,
    // Dropped after the pool's users, in field order.
    _data: TempDir,
    _db: Option<TestDb>,
}

/// How a request proves who it comes from.
#[derive(Clone, Copy, Debug)]
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

/// What came back: status, headers, and the body as JSON (`Null` if empty).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

impl Reply {
    /// The `error` message of an error reply.
    pub fn error(&self) -> &str {
        self.json["error"].as_str().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

/// An account signed up through the API.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub email: String,
    pub token: String,
}

/// The password every test account has.
pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        TestApp::start_with(backend, false, Limits::new()).await
    }

    pub async fn start_with(backend: Backend, secure_cookies: bool, limits: Limits) -> TestApp {
        let data = TempDir::new().unwrap();
        let static_dir = TempDir::new().unwrap();
        write_index(static_dir.path());
        let test_db = backend.fresh_database().await;
        let url = test_db.as_ref().map(|db| db.url.clone());
        let pool = db::connect(data.path(), url.as_deref())
            .await
            .unwrap_or_else(|e| panic!("connecting to the {backend:?} test database: {e}"));
        let mut state = AppState::new(
            pool.clone(),
            static_dir.path().to_path_buf(),
            secure_cookies,
        );
        state.limits = Arc::new(limits);
        TestApp {
            backend,
            app: router(state),
            pool,
            static_dir,
            _data: data,
            _db: test_db,
        }
    }

    /// Sends a request; `from` sets the client address the server sees.
    pub async fn send(&self, request: Request<Body>, from: Option<SocketAddr>) -> Reply {
        let mut request = request;
        if let Some(addr) = from {
            request.extensions_mut().insert(ConnectInfo(addr));
        }
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply {
            status,
            headers,
            json,
        }
    }

    /// A JSON API call.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        auth: Auth<'_>,
        body: Option<Value>,
    ) -> Reply {
        self.send(request(method, path, auth, body), None).await
    }

    /// Signs up `email` and returns the account.
    pub async fn sign_up(&self, email: &str) -> Person {
        let body = serde_json::json!({"email": email, "password": PASSWORD});
        let reply = self
            .call("POST", "/api/accounts", Auth::None, Some(body))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "sign up {email}: {:?}",
            reply.json
        );
        Person {
            id: reply.json["user"]["id"].as_str().unwrap().to_string(),
            email: reply.json["user"]["email"].as_str().unwrap().to_string(),
            token: reply.json["token"].as_str().unwrap().to_string(),
        }
    }

    /// Counts rows of a table matching a condition (`sql` is the WHERE
    /// clause with `$1`).
    pub async fn count(&self, table: &str, condition: &str, value: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
            .bind(value)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// Builds an API request.
pub fn request(method: &str, path: &str, auth: Auth<'_>, body: Option<Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    match auth {
        Auth::None => {}
        Auth::Bearer(token) => builder = builder.header("authorization", format!("Bearer {token}")),
        Auth::Cookie(token) => {
            builder = builder.header("cookie", format!("tandem_session={token}"))
        }
    }
    match body {
        Some(json) => builder
            .header("content-type", "application/json")
            .body(Body::from(json.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

/// An index.html shaped like the build's: an inline module script that loads the app.
pub const INDEX_HTML: &str = "<!doctype html><html><head><title>Tandem</title>\
<script type=\"module\">import init from '/app.js'; await init();</script></head><body></body></html>";

fn write_index(dir: &Path) {
    std::fs::write(dir.join("index.html"), INDEX_HTML).unwrap();
}
