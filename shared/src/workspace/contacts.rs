//! Contacts the mentor introduced: name, role, organisation, why, and how
//! far the mentee has followed up.

use yrs::{Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{child_map, key, read_str, read_text, List, Workspace};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// What the "new contact" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactDraft {
    pub name: String,
    pub role: String,
    pub organisation: String,
    /// Why the mentor makes the introduction.
    pub why: String,
    pub follow_up: FollowUp,
    /// `YYYY-MM-DD` or empty.
    pub introduced_on: String,
}

impl ContactDraft {
    /// A contact not yet followed up, with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        ContactDraft {
            name: name.into(),
            role: String::new(),
            organisation: String::new(),
            why: String::new(),
            follow_up: FollowUp::ToContact,
            introduced_on: String::new(),
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .title(key::NAME, &self.name)
            .date(key::INTRODUCED_ON, &self.introduced_on)
            .finish()
    }
}

/// A scalar field of a contact.
#[derive(Clone, Debug, PartialEq)]
pub enum ContactField {
    FollowUp(FollowUp),
    IntroducedOn(String),
}

impl Workspace {
    /// Contacts in their user-chosen order.
    pub fn contacts(&self) -> Vec<Contact> {
        let txn = self.doc().transact();
        self.ordered(&txn, List::Contacts)
            .into_iter()
            .map(|(id, m)| read_contact(&txn, id, &m))
            .collect()
    }

    /// One contact, if it exists.
    pub fn contact(&self, id: &str) -> Option<Contact> {
        let txn = self.doc().transact();
        child_map(&txn, &self.roots.contacts.clone(), id)
            .map(|m| read_contact(&txn, id.to_string(), &m))
    }

    /// Adds a contact at the end of the list.
    pub fn add_contact(&mut self, draft: ContactDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let contact = Contact {
            id: new_id(),
            name: draft.name.trim().to_string(),
            role: draft.role,
            organisation: draft.organisation,
            why: draft.why,
            follow_up: draft.follow_up,
            introduced_on: draft.introduced_on,
        };
        let position = self.end_position(List::Contacts);
        let map = self.roots.contacts.clone();
        self.write(|txn| put_contact(txn, &map, &contact, position));
        Ok(contact.id)
    }

    /// Sets one scalar field of a contact.
    pub fn set_contact(&mut self, id: &str, field: ContactField) -> Result<()> {
        if let ContactField::IntroducedOn(d) = &field {
            Check::default()
                .date(key::INTRODUCED_ON, d)
                .finish()
                .map_err(Error::Invalid)?;
        }
        let m = self.entity(List::Contacts, id)?;
        self.write(|txn| match field {
            ContactField::FollowUp(f) => {
                m.insert(txn, key::FOLLOW_UP, f.as_str());
            }
            ContactField::IntroducedOn(d) => {
                m.insert(txn, key::INTRODUCED_ON, d);
            }
        });
        Ok(())
    }

    /// Deletes a contact.
    pub fn delete_contact(&mut self, id: &str) -> Result<()> {
        self.delete(List::Contacts, id)
    }

    /// Moves a contact to `to` in the list (clamped to the list).
    pub fn move_contact(&mut self, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Contacts, id, to)
    }
}

fn read_contact<T: ReadTxn>(txn: &T, id: Id, m: &MapRef) -> Contact {
    Contact {
        id,
        name: read_text(txn, m, key::NAME),
        role: read_text(txn, m, key::ROLE),
        organisation: read_text(txn, m, key::ORGANISATION),
        why: read_text(txn, m, key::WHY),
        follow_up: FollowUp::parse(&read_str(txn, m, key::FOLLOW_UP))
            .unwrap_or(FollowUp::ToContact),
        introduced_on: read_str(txn, m, key::INTRODUCED_ON),
    }
}

/// Writes a whole contact under `contact.id`: every text is created here,
/// with the entity, never later.
pub(super) fn put_contact(
    txn: &mut TransactionMut,
    map: &MapRef,
    contact: &Contact,
    position: f64,
) {
    let m = map.insert(txn, contact.id.clone(), MapPrelim::default());
    m.insert(txn, key::NAME, TextPrelim::new(contact.name.as_str()));
    m.insert(txn, key::ROLE, TextPrelim::new(contact.role.as_str()));
    m.insert(
        txn,
        key::ORGANISATION,
        TextPrelim::new(contact.organisation.as_str()),
    );
    m.insert(txn, key::WHY, TextPrelim::new(contact.why.as_str()));
    m.insert(txn, key::FOLLOW_UP, contact.follow_up.as_str());
    m.insert(txn, key::INTRODUCED_ON, contact.introduced_on.as_str());
    m.insert(txn, key::POSITION, position);
}
