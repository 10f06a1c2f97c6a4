//! Sign-in rate limits, per email and per client address, so passwords
//! cannot be guessed at speed. The counts live in the database (table
//! `rate_limits`), so every server instance over one database enforces one
//! limit together.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use super::token;
use crate::db::Pool;
use crate::{Error, Result};

/// Attempts per minute for one email from one address: enough for a person
/// who mistypes, far too few to guess a password.
pub const PER_EMAIL_PER_MINUTE: u32 = 5;
/// How many times that an email may be tried from all addresses together:
/// guessing from many addresses stays slow, while a stranger at one address
/// cannot use up the person's own attempts (they count per address).
const EMAIL_FROM_ANYWHERE: u32 = 12;
/// Attempts per minute from one address: higher, because an office or a
/// school can put many people behind one address.
pub const PER_IP_PER_MINUTE: u32 = 20;

/// How often (in checks) expired rows are swept out of the table.
const SWEEP_EVERY: u64 = 1024;

/// One attempt under GCRA (the algorithm `governor` uses too), in one
/// statement so two instances counting at once cannot both slip through.
/// A bucket allows `n` attempts at once and one more every `60/n` seconds:
/// `tat` moves one interval ($3) further per attempt, and an attempt that
/// would push it more than `n` intervals ($4) past now ($2) is refused,
/// which leaves the row alone (no row changed = refused).
const TAKE: &str = "INSERT INTO rate_limits (bucket, tat) VALUES ($1, $2 + $3) \
    ON CONFLICT (bucket) DO UPDATE \
    SET tat = (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 \
    WHERE (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 <= $2 + $4";

/// The sign-in limits: how many attempts a minute, per email and per address.
pub struct Limits {
    per_email: u32,
    per_ip: u32,
    checks: AtomicU64,
}

impl Limits {
    pub fn new() -> Self {
        Self::per_minute(PER_EMAIL_PER_MINUTE, PER_IP_PER_MINUTE)
    }

    /// Limits allowing `per_email` and `per_ip` attempts a minute (each also
    /// the burst: that many at once, then one every 60/n seconds).
    pub fn per_minute(per_email: u32, per_ip: u32) -> Self {
        Limits {
            per_email: per_email.max(1),
            per_ip: per_ip.max(1),
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one sign-in attempt for `email` (normalized) from `ip`, or
    /// refuses it. Every attempt counts, before the password is checked, so
    /// refused attempts cost no hashing either.
    pub async fn check_sign_in(&self, pool: &Pool, email: &str, ip: Option<IpAddr>) -> Result<()> {
        self.check_address(pool, ip).await?;
        // Keyed by hash: a fixed size however long the string sent, and no
        // email addresses stored. Per email *and* address first, so that
        // someone else's failed guesses never lock the person out; then
        // per email from anywhere, at a higher limit.
        let email = token::hash(email);
        let from = ip.map_or_else(|| "unknown".to_string(), |ip| ip_key(ip).to_string());
        let here = take(pool, &format!("email:{email}:{from}"), self.per_email).await?;
        let anywhere = here
            && take(
                pool,
                &format!("email:{email}"),
                self.per_email.saturating_mul(EMAIL_FROM_ANYWHERE),
            )
            .await?;
        if !anywhere {
            // The email stays out of the log: it is personal data.
            tracing::warn!("sign-in rate limit reached for an account");
            return Err(Error::TooManyRequests);
        }
        Ok(())
    }

    /// Counts one attempt from `ip` (sign-in or sign-up: each costs a
    /// password hash), or refuses it.
    pub async fn check_address(&self, pool: &Pool, ip: Option<IpAddr>) -> Result<()> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            sqlx::query("DELETE FROM rate_limits WHERE tat < $1")
                .bind(now_ms())
                .execute(pool)
                .await?;
        }
        if let Some(ip) = ip {
            let bucket = format!("ip:{}", token::hash(&ip_key(ip).to_string()));
            if !take(pool, &bucket, self.per_ip).await? {
                tracing::warn!(%ip, "rate limit reached for an address");
                return Err(Error::TooManyRequests);
            }
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}

/// Takes one attempt from `bucket`, which allows `per_minute`; false when
/// there is none left.
async fn take(pool: &Pool, bucket: &str, per_minute: u32) -> Result<bool> {
    let interval = 60_000 / i64::from(per_minute);
    let taken = sqlx::query(TAKE)
        .bind(bucket)
        .bind(now_ms())
        .bind(interval)
        .bind(interval * i64::from(per_minute))
        .execute(pool)
        .await?
        .rows_affected();
    Ok(taken == 1)
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The key an address is limited under. An IPv6 client usually has a whole
/// /64 to pick addresses from, so that is what one client is.
fn ip_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mask = !0u128 << 64;
                IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
            }
        },
    }
}

/// The client's address when the server knows it (it is started with
/// connect info; requests built in tests have none).
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(ClientIp(ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    async fn pool() -> (tempfile::TempDir, Pool) {
        let dir = tempfile::TempDir::new().unwrap();
        let pool = db::connect(dir.path(), None).await.unwrap();
        (dir, pool)
    }

    #[tokio::test]
    async fn an_email_gets_its_quota_then_is_refused() {
        let (_dir, pool) = pool().await;
        let limits = Limits::per_minute(3, 100);
        for _ in 0..3 {
            limits.check_sign_in(&pool, "a@b.pl", None).await.unwrap();
        }
        assert!(matches!(
            limits.check_sign_in(&pool, "a@b.pl", None).await,
            Err(Error::TooManyRequests)
        ));
        // Another account is not affected.
        limits.check_sign_in(&pool, "c@d.pl", None).await.unwrap();
    }

    #[tokio::test]
    async fn an_address_gets_its_quota_across_emails() {
        let (_dir, pool) = pool().await;
        let limits = Limits::per_minute(100, 2);
        let ip = Some("192.0.2.1".parse().unwrap());
        limits.check_sign_in(&pool, "a@b.pl", ip).await.unwrap();
        limits.check_sign_in(&pool, "c@d.pl", ip).await.unwrap();
        assert!(limits.check_sign_in(&pool, "e@f.pl", ip).await.is_err());
        let other = Some("192.0.2.2".parse().unwrap());
        limits.check_sign_in(&pool, "e@f.pl", other).await.unwrap();
    }

    #[tokio::test]
    async fn two_instances_share_one_limit() {
        // Two `Limits` over one database are two server instances.
        let (_dir, pool) = pool().await;
        let (a, b) = (Limits::per_minute(2, 100), Limits::per_minute(2, 100));
        a.check_sign_in(&pool, "a@b.pl", None).await.unwrap();
        b.check_sign_in(&pool, "a@b.pl", None).await.unwrap();
        assert!(a.check_sign_in(&pool, "a@b.pl", None).await.is_err());
        assert!(b.check_sign_in(&pool, "a@b.pl", None).await.is_err());
    }

    #[tokio::test]
    async fn an_attempt_comes_back_after_its_interval() {
        let (_dir, pool) = pool().await;
        // Spent: the bucket's time is one full minute ahead.
        let bucket = "email:test";
        for _ in 0..2 {
            assert!(take(&pool, bucket, 2).await.unwrap());
        }
        assert!(!take(&pool, bucket, 2).await.unwrap());
        // Half a minute later (moved back rather than waited for), one is free again.
        sqlx::query("UPDATE rate_limits SET tat = tat - 30000 WHERE bucket = $1")
            .bind(bucket)
            .execute(&pool)
            .await
            .unwrap();
        assert!(take(&pool, bucket, 2).await.unwrap());
        assert!(!take(&pool, bucket, 2).await.unwrap());
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(ip_key(a), ip_key(b));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(ip_key(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
