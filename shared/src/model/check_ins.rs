//! Self-assessment check-ins: the mentee rates skills per goal, confidence
//! and motivation, at the start and then periodically.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Id, Role};

/// One self-assessment. Every rating is 1–5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: Id,
    /// Who filled it in: the mentee, whose self-assessment it is, unless a
    /// workspace kept on one device says otherwise. Check-ins written before
    /// authors were recorded are the mentee's.
    #[serde(default = "Role::mentee")]
    pub by: Role,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Skill level per goal id (goals deleted since are left out).
    pub skills: BTreeMap<Id, u8>,
    pub confidence: u8,
    pub motivation: u8,
    pub comment: String,
}
