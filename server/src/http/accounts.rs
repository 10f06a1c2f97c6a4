//! Accounts and sessions over HTTP: sign up, sign in, sign out, who am I.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::CookieJar;
use tandem_shared::wire::{ApiError, Credentials, Me, SignedIn, User};

use super::json::ApiJson;
use super::AppState;
use crate::auth::{accounts, password, session, token, ClientIp, CurrentUser, SessionTokens};
use crate::{Error, Result};

/// `POST /api/accounts`: creates an account and signs it in (201). Counts
/// against the per-address limit of signing in: each attempt costs a
/// password hash, and unlimited sign-ups would let anyone fill the database.
pub async fn sign_up(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<(StatusCode, CookieJar, Json<SignedIn>)> {
    let email = password::check_email(&credentials.email)?;
    state.limits.check_address(&state.pool, ip).await?;
    password::check_new_password(&credentials.password)?;
    accounts::email_taken(&state.pool, &email).await?;
    let hash = password::hash(credentials.password).await?;
    let user = accounts::create(&state.pool, &email, &hash).await?;
    tracing::info!(user = %user.id, "account created");
    let (jar, body) = start_session(&state, jar, user).await?;
    Ok((StatusCode::CREATED, jar, body))
}

/// `POST /api/sessions`: signs in with email and password (200), or 401
/// without saying which of the two was wrong.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Response> {
    let email = password::normalize_email(&credentials.email);
    state.limits.check_sign_in(&state.pool, &email, ip).await?;
    let account = accounts::find_by_email(&state.pool, &email).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = password::verify(credentials.password, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        // Not `Error::Unauthorized`, whose "sign in first" would confuse
        // someone who just tried to.
        let body = ApiError {
            error: "wrong email or password".into(),
        };
        return Ok((StatusCode::UNAUTHORIZED, Json(body)).into_response());
    };
    tracing::info!(user = %account.user.id, "signed in");
    let (jar, body) = start_session(&state, jar, account.user).await?;
    Ok((jar, body).into_response())
}

async fn start_session(
    state: &AppState,
    jar: CookieJar,
    user: User,
) -> Result<(CookieJar, Json<SignedIn>)> {
    let token = session::create(&state.pool, &user.id, state.sessions).await?;
    let jar = jar.add(session::cookie(
        token.clone(),
        state.secure_cookies,
        state.sessions.seconds,
    ));
    Ok((jar, Json(SignedIn { user, token })))
}

/// `DELETE /api/sessions/current`: ends the session the request carries
/// and clears the cookie. Always 204: signing out twice, or with an
/// expired session, still leaves the client signed out.
pub async fn sign_out(
    State(state): State<AppState>,
    SessionTokens(tokens): SessionTokens,
    jar: CookieJar,
) -> Result<(StatusCode, CookieJar)> {
    for token in &tokens {
        session::delete(&state.pool, token).await?;
        // Its sockets end too, on every instance: signed out means out.
        state.hub.end_session(&token::hash(token)).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        jar.add(session::removal_cookie(state.secure_cookies)),
    ))
}

/// `GET /api/me`: the signed-in account, or `{"user": null}` (200 either
/// way: signed out is not an error; a failing database still is).
pub async fn me(user: Result<CurrentUser, Error>) -> Result<Json<Me>> {
    let user = match user {
        Ok(user) => Some(User {
            id: user.id,
            email: user.email,
        }),
        Err(Error::Unauthorized) => None,
        Err(other) => return Err(other),
    };
    Ok(Json(Me { user }))
}
