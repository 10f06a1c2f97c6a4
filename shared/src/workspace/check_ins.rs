//! Self-assessment check-ins: the mentee rates each goal's skill level,
//! their confidence and motivation (1–5), at the start and then
//! periodically, with an optional comment.

use std::collections::BTreeMap;

use yrs::{Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{
    child_map, ensure_map, key, read_num, read_rating, read_str, read_text, List, Workspace,
};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// What the "new check-in" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInDraft {
    /// Who fills it in.
    pub by: Role,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Skill level (1–5) per goal id; goals left out are not rated.
    pub skills: BTreeMap<Id, u8>,
    pub confidence: u8,
    pub motivation: u8,
    pub comment: String,
}

impl CheckInDraft {
    /// The mentee's check-in on `date` with middling confidence and
    /// motivation and no skills rated yet.
    pub fn new(date: impl Into<String>) -> Self {
        CheckInDraft {
            by: Role::Mentee,
            date: date.into(),
            skills: BTreeMap::new(),
            confidence: 3,
            motivation: 3,
            comment: String::new(),
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let check = Check::default()
            .required(key::DATE, &self.date)
            .date(key::DATE, &self.date)
            .range(key::CONFIDENCE, self.confidence as u32, 1, 5)
            .range(key::MOTIVATION, self.motivation as u32, 1, 5);
        self.skills
            .values()
            .fold(check, |c, n| c.range(key::SKILLS, *n as u32, 1, 5))
            .finish()
    }
}

/// A scalar field of a check-in.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckInField {
    Date(String),
    Confidence(u8),
    Motivation(u8),
    /// The skill level for one goal; `None` takes the rating out.
    Skill(Id, Option<u8>),
}

impl Workspace {
    /// Check-ins by date, oldest (the starting point) first.
    pub fn check_ins(&self) -> Vec<CheckIn> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        let mut list: Vec<CheckIn> = self
            .ordered(&txn, List::CheckIns)
            .into_iter()
            .map(|(id, m)| read_check_in(&txn, id, &m, &goals))
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// One check-in, if it exists.
    pub fn check_in(&self, id: &str) -> Option<CheckIn> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        child_map(&txn, &self.roots.check_ins.clone(), id)
            .map(|m| read_check_in(&txn, id.to_string(), &m, &goals))
    }

    /// Records a check-in. Every rated goal must exist.
    pub fn add_check_in(&mut self, draft: CheckInDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        for goal in draft.skills.keys() {
            self.entity(List::Goals, goal)?;
        }
        let check_in = CheckIn {
            id: new_id(),
            by: draft.by,
            date: draft.date,
            skills: draft.skills,
            confidence: draft.confidence,
            motivation: draft.motivation,
            comment: draft.comment,
        };
        let position = self.end_position(List::CheckIns);
        let map = self.roots.check_ins.clone();
        self.write(|txn| put_check_in(txn, &map, &check_in, position));
        Ok(check_in.id)
    }

    /// Sets one scalar field of a check-in.
    pub fn set_check_in(&mut self, id: &str, field: CheckInField) -> Result<()> {
        let check = Check::default();
        match &field {
            CheckInField::Date(d) => check.required(key::DATE, d).date(key::DATE, d),
            CheckInField::Confidence(n) => check.range(key::CONFIDENCE, *n as u32, 1, 5),
            CheckInField::Motivation(n) => check.range(key::MOTIVATION, *n as u32, 1, 5),
            CheckInField::Skill(_, Some(n)) => check.range(key::SKILLS, *n as u32, 1, 5),
            CheckInField::Skill(_, None) => check,
        }
        .finish()
        .map_err(Error::Invalid)?;
        if let CheckInField::Skill(goal, Some(_)) = &field {
            self.entity(List::Goals, goal)?;
        }
        let m = self.entity(List::CheckIns, id)?;
        self.write(|txn| match field {
            CheckInField::Date(d) => {
                m.insert(txn, key::DATE, d);
            }
            CheckInField::Confidence(n) => {
                m.insert(txn, key::CONFIDENCE, n as f64);
            }
            CheckInField::Motivation(n) => {
                m.insert(txn, key::MOTIVATION, n as f64);
            }
            CheckInField::Skill(goal, level) => {
                let skills = ensure_map(txn, &m, key::SKILLS);
                if let Some(n) = level {
                    skills.insert(txn, goal, n as f64);
                } else {
                    skills.remove(txn, &goal);
                }
            }
        });
        Ok(())
    }

    /// Deletes a check-in.
    pub fn delete_check_in(&mut self, id: &str) -> Result<()> {
        self.delete(List::CheckIns, id)
    }
}

fn read_check_in<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, goals: &MapRef) -> CheckIn {
    // Ratings of goals deleted since are not shown.
    let skills = child_map(txn, m, key::SKILLS)
        .map(|s| {
            s.keys(txn)
                .filter(|g| goals.contains_key(txn, g))
                .filter_map(|g| {
                    let n = read_num(txn, &s, g)?;
                    Some((g.to_string(), n.clamp(1.0, 5.0) as u8))
                })
                .collect()
        })
        .unwrap_or_default();
    CheckIn {
        id,
        by: Role::parse(&read_str(txn, m, key::BY)).unwrap_or(Role::Mentee),
        date: read_str(txn, m, key::DATE),
        skills,
        confidence: read_rating(txn, m, key::CONFIDENCE).unwrap_or(3),
        motivation: read_rating(txn, m, key::MOTIVATION).unwrap_or(3),
        comment: read_text(txn, m, key::COMMENT),
    }
}

/// Writes a whole check-in under `check_in.id`: every text is created here,
/// with the entity, never later.
pub(super) fn put_check_in(
    txn: &mut TransactionMut,
    map: &MapRef,
    check_in: &CheckIn,
    position: f64,
) {
    let m = map.insert(txn, check_in.id.clone(), MapPrelim::default());
    m.insert(txn, key::BY, check_in.by.as_str());
    m.insert(txn, key::DATE, check_in.date.as_str());
    m.insert(txn, key::CONFIDENCE, check_in.confidence as f64);
    m.insert(txn, key::MOTIVATION, check_in.motivation as f64);
    m.insert(
        txn,
        key::COMMENT,
        TextPrelim::new(check_in.comment.as_str()),
    );
    m.insert(txn, key::POSITION, position);
    let skills = m.insert(txn, key::SKILLS, MapPrelim::default());
    for (goal, level) in &check_in.skills {
        skills.insert(txn, goal.as_str(), *level as f64);
    }
}
