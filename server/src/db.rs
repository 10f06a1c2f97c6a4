//! The database: SQLite (embedded default) or PostgreSQL, behind sqlx's
//! `Any` driver so one set of numbered migrations and one set of queries
//! serve both. Queries use `$1` placeholders, which both backends accept.

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;

use crate::Result;

/// The connection pool every handler shares.
pub type Pool = AnyPool;

/// The database file's name inside the data dir when no URL is given.
pub const DB_FILE: &str = "tandem.db";

/// The longest any caller waits for a pooled connection before it fails
/// (and its client is told to retry): a wait this long means the database
/// is down or overloaded, and the caller's client should hear so.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection given back to the pool may take to answer a ping.
const RELEASE_PING: Duration = Duration::from_secs(5);

/// Checks a connection given back to the pool, within [`RELEASE_PING`].
///
/// sqlx pings every connection given back before it takes it again, with
/// no time limit, and the ping holds one of the pool's places: a
/// connection that never answers (its peer gone without a word, a network
/// cut) would keep that place forever, and after 16 of them every acquire
/// times out, for good (sqlx issue 4349). Pinging here first, bounded,
/// closes such a connection instead (an error makes sqlx drop it without
/// further I/O), so the pool opens a fresh one once the database answers.
async fn bounded_ping(conn: &mut sqlx::AnyConnection) -> std::result::Result<bool, sqlx::Error> {
    use sqlx::Connection;
    match tokio::time::timeout(RELEASE_PING, conn.ping()).await {
        Ok(Ok(())) => Ok(true),
        Ok(Err(error)) => Err(error),
        Err(_) => Err(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "no answer to a ping on release",
        ))),
    }
}

/// Opens (creating if needed) the database and brings its schema up to date.
///
/// Without `database_url` this is the SQLite file `<data_dir>/tandem.db`.
pub async fn connect(data_dir: &Path, database_url: Option<&str>) -> Result<Pool> {
    sqlx::any::install_default_drivers();
    // Created even when the URL points elsewhere: the data dir is the server's.
    tokio::fs::create_dir_all(data_dir).await?;
    let mut url = match database_url {
        Some(url) => url.to_string(),
        None => format!("sqlite://{}", data_dir.join(DB_FILE).display()),
    };
    let sqlite = url.starts_with("sqlite:");
    // A SQLite file is created when missing unless the URL says otherwise.
    if sqlite && !url.contains("mode=") && !url.contains(":memory:") {
        url.push_str(if url.contains('?') {
            "&mode=rwc"
        } else {
            "?mode=rwc"
        });
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 5 } else { 16 })
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_release(|conn, _| Box::pin(bounded_ping(conn)))
        .connect(&url)
        .await?;
    if sqlite {
        // WAL lets readers proceed during a write; with sqlx's default
        // synchronous=FULL a committed update survives a power cut too.
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&pool)
            .await?;
    }
    sqlx::migrate!("./migrations").run(&pool).await?;

    // The first start stamps the instance; later starts leave it alone.
    sqlx::query("INSERT INTO instance (id, created_at) VALUES (1, $1) ON CONFLICT DO NOTHING")
        .bind(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .execute(&pool)
        .await?;
    Ok(pool)
}

/// When this instance's database was created, as RFC 3339 UTC text.
pub async fn created_at(pool: &Pool) -> Result<String> {
    let created_at = sqlx::query_scalar("SELECT created_at FROM instance WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(created_at)
}

/// Seconds since the Unix epoch: how every table stores time.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
