//! Who may use a document, asked again once a connection listens to its
//! room. A removal (or sign-out) is announced to the room's listeners once
//! it is committed; a connection that subscribed first and checked second
//! either sees it committed or hears it announced, so none slips through.

use std::future::Future;
use std::sync::Arc;

use super::events::Subscription;
use super::hub::Hub;
use super::room::Room;
use crate::auth::session;
use crate::db::Pool;
use crate::workspaces::role_of;
use crate::{Error, Result};

/// Subscribes to `doc_id`'s room (falling behind past `queued_bytes`),
/// then awaits `allowed`: a refusal there drops the subscription.
/// Whatever `allowed` misses because it happened after its reads is
/// announced to the subscription.
pub async fn join(
    hub: &Hub,
    doc_id: &str,
    queued_bytes: usize,
    allowed: impl Future<Output = Result<()>>,
) -> Result<(Arc<Room>, Subscription)> {
    let room = hub.room(doc_id).await?;
    let events = room.subscribe(queued_bytes);
    allowed.await?;
    Ok((room, events))
}

/// Whether `user_id`'s session (its token's hash) is still live and, for a
/// workspace's document, they are still a member.
pub async fn still_allowed(pool: &Pool, user_id: &str, session: &str, doc_id: &str) -> Result<()> {
    if session::expiry(pool, session).await?.is_none() {
        return Err(Error::Unauthorized);
    }
    if let Some(workspace) = super::workspace_of(doc_id) {
        if role_of(pool, workspace, user_id).await?.is_none() {
            return Err(Error::Forbidden("not a member of this workspace"));
        }
    }
    Ok(())
}
