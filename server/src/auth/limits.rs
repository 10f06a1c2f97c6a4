//! Sign-in rate limits, per email and per client address, so passwords cannot be guessed at speed.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::token;
use crate::{Error, Result};

/// Attempts per minute for one email: enough for a person who mistypes,
/// far too few to guess a password.
pub const PER_EMAIL_PER_MINUTE: u32 = 5;
/// Attempts per minute from one address: higher, because an office or a
/// school can put many people behind one address.
pub const PER_IP_PER_MINUTE: u32 = 20;

/// How often (in checks) forgotten keys are swept out of the limiters.
const SWEEP_EVERY: u64 = 1024;

/// The sign-in limiters, shared by all requests.
pub struct Limits {
    per_email: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    checks: AtomicU64,
}

impl Limits {
    pub fn new() -> Self {
        Self::per_minute(PER_EMAIL_PER_MINUTE, PER_IP_PER_MINUTE)
    }

    /// Limits allowing `per_email` and `per_ip` attempts a minute (each also
    /// the burst: that many at once, then one every 60/n seconds).
    pub fn per_minute(per_email: u32, per_ip: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least 1"));
        Limits {
            per_email: RateLimiter::keyed(quota(per_email)),
            per_ip: RateLimiter::keyed(quota(per_ip)),
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one sign-in attempt for `email` (normalized) from `ip`, or
    /// refuses it. Every attempt counts, before the password is checked, so
    /// refused attempts cost no hashing either.
    pub fn check_sign_in(&self, email: &str, ip: Option<IpAddr>) -> Result<()> {
        self.check_address(ip)?;
        // Keyed by hash: a fixed 64 bytes per key however long the string
        // sent, and no email addresses held in memory.
        if self.per_email.check_key(&token::hash(email)).is_err() {
            // The email stays out of the log: it is personal data.
            tracing::warn!("sign-in rate limit reached for an account");
            return Err(Error::TooManyRequests);
        }
        Ok(())
    }

    /// Counts one attempt from `ip` (sign-in or sign-up: each costs a
    /// password hash), or refuses it.
    pub fn check_address(&self, ip: Option<IpAddr>) -> Result<()> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.per_email.retain_recent();
            self.per_ip.retain_recent();
        }
        if let Some(ip) = ip {
            if self.per_ip.check_key(&ip_key(ip)).is_err() {
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

    #[test]
    fn an_email_gets_its_quota_then_is_refused() {
        let limits = Limits::per_minute(3, 100);
        for _ in 0..3 {
            limits.check_sign_in("a@b.pl", None).unwrap();
        }
        assert!(matches!(
            limits.check_sign_in("a@b.pl", None),
            Err(Error::TooManyRequests)
        ));
        // Another account is not affected.
        limits.check_sign_in("c@d.pl", None).unwrap();
    }

    #[test]
    fn an_address_gets_its_quota_across_emails() {
        let limits = Limits::per_minute(100, 2);
        let ip = Some("192.0.2.1".parse().unwrap());
        limits.check_sign_in("a@b.pl", ip).unwrap();
        limits.check_sign_in("c@d.pl", ip).unwrap();
        assert!(limits.check_sign_in("e@f.pl", ip).is_err());
        limits
            .check_sign_in("e@f.pl", Some("192.0.2.2".parse().unwrap()))
            .unwrap();
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
