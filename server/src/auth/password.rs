//! What a valid email and password are, and argon2id hashing of passwords.

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::{Error, Result};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest, so nobody can make the server hash megabytes.
pub const MAX_PASSWORD_CHARS: usize = 1000;

/// The email as stored (trimmed, lower-cased), or why it is not one.
pub fn check_email(raw: &str) -> Result<String> {
    let email = normalize_email(raw);
    let looks_valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if looks_valid {
        Ok(email)
    } else {
        Err(Error::BadRequest(
            "enter a valid email address, like name@example.com".into(),
        ))
    }
}

/// The form emails are stored and looked up in.
pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Whether a new password is acceptable. It is never trimmed or changed.
pub fn check_new_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::BadRequest(format!(
            "the password must be at least {MIN_PASSWORD_CHARS} characters long"
        )));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Error::BadRequest(format!(
            "the password must be at most {MAX_PASSWORD_CHARS} characters long"
        )));
    }
    Ok(())
}

/// The argon2id PHC string for `password` (default parameters: 19 MiB, 2
/// passes, OWASP's recommendation). Runs off the async workers: it takes
/// tens of milliseconds of CPU by design.
pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| Error::Internal(format!("password hashing task: {e}")))?
}

fn hash_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::Internal(format!("password hashing: {e}")))
}

/// Whether `password` matches `stored`. With no stored hash (unknown email)
/// it still does the work against a throwaway hash and answers false, so
/// the time taken does not tell which emails have accounts.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match &stored {
            Some(stored) => (stored.as_str(), true),
            None => (dummy_hash()?, false),
        };
        let parsed = PasswordHash::new(hash)
            .map_err(|e| Error::Internal(format!("stored password hash does not parse: {e}")))?;
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        // A match against the throwaway hash must never sign anyone in.
        Ok(matches && real)
    })
    .await
    .map_err(|e| Error::Internal(format!("password hashing task: {e}")))?
}

/// A hash of a random password nobody knows, made once.
fn dummy_hash() -> Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_now(&crate::auth::token::new_token())?;
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(check_email("  Ala@Example.PL ").unwrap(), "ala@example.pl");
    }

    #[test]
    fn things_that_are_not_emails_are_refused() {
        for bad in [
            "",
            "ala",
            "ala@",
            "@example.pl",
            "ala@example",
            "ala@@example.pl",
            "a la@example.pl",
            "ala@.pl",
            "ala@example.",
            "ala@example..pl",
        ] {
            let error = check_email(bad).unwrap_err().to_string();
            assert!(error.contains("valid email"), "{bad}: {error}");
        }
    }

    #[test]
    fn passwords_need_ten_characters_counted_as_characters() {
        assert!(check_new_password("123456789")
            .unwrap_err()
            .to_string()
            .contains("at least 10"));
        check_new_password("1234567890").unwrap();
        // Ten characters, more than ten bytes.
        check_new_password("zażółćgęśl").unwrap();
        assert!(check_new_password("żółć").is_err());
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify("correct horse battery".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse battery".into(), Some(hash))
            .await
            .unwrap());
        assert!(!verify("anything at all".into(), None).await.unwrap());
    }
}
