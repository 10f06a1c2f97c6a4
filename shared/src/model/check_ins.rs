//! Self-assessment check-ins: the mentee rates skills per goal, confidence
//! and motivation, at the start and then periodically.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;

/// One self-assessment. Every rating is 1–5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: Id,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Skill level per goal id (goals deleted since are left out).
    pub skills: BTreeMap<Id, u8>,
    pub confidence: u8,
    pub motivation: u8,
    pub comment: String,
}
