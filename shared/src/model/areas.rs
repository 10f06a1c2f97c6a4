//! Areas for further development: a list both members keep.

use serde::{Deserialize, Serialize};

use super::Id;

/// Something to develop later; it may be turned into a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub id: Id,
    pub title: String,
    pub note: String,
    /// The goal it was turned into, while that goal exists.
    pub goal_id: Option<Id>,
}
