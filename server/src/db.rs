//! The SQLite database: opening it, migrating it and the instance row.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool};

use crate::Result;

/// The database file's name inside the data dir when no URL is given.
pub const DB_FILE: &str = "tandem.db";

/// Opens (creating if needed) the database and brings its schema up to date.
///
/// Without `database_url` this is `sqlite://<data_dir>/tandem.db?mode=rwc`;
/// the path is passed as a filename rather than spliced into a URL so data
/// dirs containing `?`, `#` or `%` still work.
pub async fn connect(data_dir: &Path, database_url: Option<&str>) -> Result<SqlitePool> {
    // Created even when the URL points elsewhere: the data dir is the
    // server's, and later features will keep more than the database there.
    tokio::fs::create_dir_all(data_dir).await?;

    let options = match database_url {
        Some(url) => SqliteConnectOptions::from_str(url)?,
        None => SqliteConnectOptions::new().filename(data_dir.join(DB_FILE)),
    }
    .create_if_missing(true)
    // WAL lets readers (health checks, later sync reads) proceed while a
    // write is in progress, and is the recommended mode for servers.
    .journal_mode(SqliteJournalMode::Wal);

    let pool = SqlitePool::connect_with(options).await?;
    sqlx::migrate!("./migrations").run(&pool).await?;

    // The first start stamps the instance; later starts leave it alone.
    sqlx::query(
        "INSERT INTO instance (id, created_at) \
         VALUES (1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) \
         ON CONFLICT DO NOTHING",
    )
    .execute(&pool)
    .await?;

    Ok(pool)
}

/// When this instance's database was created, as RFC 3339 UTC text.
pub async fn created_at(pool: &SqlitePool) -> Result<String> {
    let created_at = sqlx::query_scalar("SELECT created_at FROM instance WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(created_at)
}
