//! Sessions: a random token held by the client, its SHA-256 in `sessions`, and the cookie that carries it.

use axum_extra::extract::cookie::{Cookie, SameSite};
use tandem_shared::wire::{User, SESSION_COOKIE};

use super::token;
use crate::db::{self, Pool};
use crate::Result;

/// How long a session lasts. Long, because the app is used offline for
/// days and should find itself still signed in when it comes back.
pub const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;
/// A session in use is extended at most this often: one write an hour per
/// session, however many requests it makes.
pub const RENEW_AFTER_SECONDS: i64 = 60 * 60;

/// How long sessions last from their last use, and how often use extends them.
#[derive(Clone, Copy, Debug)]
pub struct Lifetime {
    /// From sign-in, or the last extension, to expiry.
    pub seconds: i64,
    /// A session is extended by a request at least this long after its
    /// last extension; requests in between write nothing.
    pub renew_after: i64,
}

impl Default for Lifetime {
    fn default() -> Self {
        Lifetime {
            seconds: SESSION_SECONDS,
            renew_after: RENEW_AFTER_SECONDS,
        }
    }
}

/// Starts a session for `user_id` and returns its token (the only copy).
pub async fn create(pool: &Pool, user_id: &str, lifetime: Lifetime) -> Result<String> {
    let token = token::new_token();
    let now = db::now();
    // Expired sessions are useless; sweep this user's on the way.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token::hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now + lifetime.seconds)
    .execute(pool)
    .await?;
    Ok(token)
}

/// A live session: whose, until when, and whether this use extended it.
#[derive(Debug)]
pub struct Live {
    pub user: User,
    /// Unix seconds.
    pub expires_at: i64,
    /// This use moved the expiry (the client's cookie should follow).
    pub renewed: bool,
}

/// The live session of `token`, if it exists and has not expired; used,
/// so extended to a full `lifetime` when its last extension is at least
/// `lifetime.renew_after` old.
pub async fn user(pool: &Pool, token: &str, lifetime: Lifetime) -> Result<Option<Live>> {
    let now = db::now();
    let hash = token::hash(token);
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some((id, email, expires_at)) = row else {
        return Ok(None);
    };
    let user = User { id, email };
    // The expiry was set a full lifetime after the last extension.
    if expires_at - lifetime.seconds + lifetime.renew_after > now {
        return Ok(Some(Live {
            user,
            expires_at,
            renewed: false,
        }));
    }
    let renewed_to = now + lifetime.seconds;
    // Conditional: of requests arriving together, one writes.
    let written = sqlx::query(
        "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at = $3",
    )
    .bind(renewed_to)
    .bind(&hash)
    .bind(expires_at)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(Some(Live {
        user,
        expires_at: renewed_to,
        renewed: written == 1,
    }))
}

/// When the session of a token's hash expires, if it is still live.
pub async fn expiry(pool: &Pool, token_hash: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(db::now())
    .fetch_optional(pool)
    .await?)
}

/// Ends the session of `token` (nothing happens for an unknown one).
pub async fn delete(pool: &Pool, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token::hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

/// The cookie that carries a session to a browser: out of scripts' reach
/// (HttpOnly), not sent with cross-site subrequests or form posts (Lax),
/// for the whole site, and kept as long as the session lasts (`seconds`;
/// sent again whenever use extends the session).
pub fn cookie(token: String, secure: bool, seconds: i64) -> Cookie<'static> {
    let mut cookie = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .build();
    set_max_age(&mut cookie, seconds);
    cookie
}

/// A cookie that makes the browser drop the session cookie (same name and
/// path, empty, expired). Sent on every sign-out, even when the request
/// came with a Bearer token: the browser may hold a cookie all the same.
pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((SESSION_COOKIE, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .build();
    cookie.make_removal();
    cookie
}

// `Cookie::set_max_age` takes a `time::Duration`, a crate the server does
// not otherwise depend on; parsing the attribute gets the same cookie.
fn set_max_age(cookie: &mut Cookie<'static>, seconds: i64) {
    let with_age = format!("x=y; Max-Age={seconds}");
    if let Ok(parsed) = Cookie::parse(with_age) {
        cookie.set_max_age(parsed.max_age());
    }
}
