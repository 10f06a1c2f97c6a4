//! The `users` table: creating accounts and finding them by email.

use tandem_shared::wire::User;

use crate::db::{self, Pool};
use crate::{Error, Result};

/// An account as sign-in needs it.
pub struct Account {
    pub user: User,
    /// The argon2id PHC string.
    pub password_hash: String,
}

const EMAIL_TAKEN: &str = "an account with this email exists";

/// Creates an account; the email must already be normalized.
pub async fn create(pool: &Pool, email: &str, password_hash: &str) -> Result<User> {
    let id = tandem_shared::new_id();
    let inserted = sqlx::query(
        "INSERT INTO users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(email)
    .bind(password_hash)
    .bind(db::now())
    .execute(pool)
    .await;
    match inserted {
        Ok(_) => Ok(User {
            id,
            email: email.to_string(),
        }),
        // Two sign-ups with one email at once: the UNIQUE constraint decides.
        Err(e) if db_is_unique_violation(&e) => Err(Error::Conflict(EMAIL_TAKEN)),
        Err(e) => Err(e.into()),
    }
}

/// Whether an account uses this (normalized) email; checked before the
/// costly hashing so a taken email is refused at once.
pub async fn email_taken(pool: &Pool, email: &str) -> Result<()> {
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await?;
    match taken {
        Some(_) => Err(Error::Conflict(EMAIL_TAKEN)),
        None => Ok(()),
    }
}

/// The account with this (normalized) email, if any.
pub async fn find_by_email(pool: &Pool, email: &str) -> Result<Option<Account>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, email, password_hash FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, email, password_hash)| Account {
        user: User { id, email },
        password_hash,
    }))
}

/// Whether a failed statement broke a UNIQUE or PRIMARY KEY constraint, on
/// either backend.
pub fn db_is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}
