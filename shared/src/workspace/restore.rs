//! The whole workspace at once: all its typed views ([`Contents`]), and a
//! new workspace built from them with the same ids, order and texts (what
//! an import and the workspace generator need).

use yrs::{Map, TextPrelim, TransactionMut};

use super::activities::put_activity;
use super::areas::put_area;
use super::check_ins::put_check_in;
use super::contacts::put_contact;
use super::feedback::put_feedback;
use super::goals::put_goal;
use super::meetings::put_meeting;
use super::{key, Roots, Workspace};
use crate::model::*;

impl Workspace {
    /// Everything in the workspace, as typed views.
    pub fn contents(&self) -> Contents {
        Contents {
            name: self.name(),
            agreement: self.agreement(),
            goals: self.goals(),
            meetings: self.meetings(),
            activities: self.activities(),
            feedback: self.feedback(),
            check_ins: self.check_ins(),
            areas: self.areas(),
            contacts: self.contacts(),
        }
    }

    /// A new workspace whose typed views read exactly `contents`: same ids,
    /// same order, same texts. It is written in one transaction, so its
    /// outbox holds all of it as one update, sent like anything typed here.
    pub fn from_contents(contents: &Contents) -> Workspace {
        let mut ws = Workspace::new();
        let roots = Roots::of(ws.doc());
        ws.write(|txn| put_contents(txn, &roots, contents));
        ws
    }
}

#[cfg(feature = "generate")]
/// `contents` as one document update written by the yrs client `client_id`:
/// the same contents and client always give the same bytes.
pub(crate) fn encode_contents(contents: &Contents, client_id: u64) -> Vec<u8> {
    use yrs::{Doc, Options, ReadTxn, StateVector, Transact};
    // A client id has at most 53 bits (JavaScript's safe integers) and is not 0.
    let client_id = (client_id & ((1 << 53) - 1)).max(1);
    let mut options = Options::with_client_id(yrs::ClientID::new(client_id));
    options.offset_kind = yrs::OffsetKind::Utf16;
    let doc = Doc::with_options(options);
    let roots = Roots::of(&doc);
    let mut txn = doc.transact_mut();
    put_contents(&mut txn, &roots, contents);
    txn.commit();
    txn.encode_state_as_update_v1(&StateVector::default())
}

fn put_contents(txn: &mut TransactionMut, roots: &Roots, c: &Contents) {
    if !c.name.is_empty() {
        roots.meta.insert(txn, key::NAME, c.name.as_str());
    }
    let a = &roots.agreement;
    a.insert(
        txn,
        key::PURPOSE,
        TextPrelim::new(c.agreement.purpose.as_str()),
    );
    let confidentiality = c.agreement.confidentiality.as_str();
    a.insert(txn, key::CONFIDENTIALITY, TextPrelim::new(confidentiality));
    a.insert(txn, key::START_DATE, c.agreement.start_date.as_str());
    a.insert(txn, key::END_DATE, c.agreement.end_date.as_str());
    if c.agreement.cadence_days > 0 {
        a.insert(txn, key::CADENCE_DAYS, c.agreement.cadence_days as f64);
    }
    let channels = a.insert(txn, key::CHANNELS, yrs::MapPrelim::default());
    for mode in &c.agreement.channels {
        channels.insert(txn, mode.as_str(), true);
    }
    // Positions follow the given order; meetings, feedback and check-ins
    // are shown by date whatever their position.
    for (i, goal) in c.goals.iter().enumerate() {
        put_goal(txn, &roots.goals, goal, i as f64);
    }
    for (i, meeting) in c.meetings.iter().enumerate() {
        put_meeting(txn, &roots.meetings, meeting, i as f64);
    }
    for (i, activity) in c.activities.iter().enumerate() {
        put_activity(txn, &roots.activities, activity, i as f64);
    }
    for (i, feedback) in c.feedback.iter().enumerate() {
        put_feedback(txn, &roots.feedback, feedback, i as f64);
    }
    for (i, check_in) in c.check_ins.iter().enumerate() {
        put_check_in(txn, &roots.check_ins, check_in, i as f64);
    }
    for (i, area) in c.areas.iter().enumerate() {
        put_area(txn, &roots.areas, area, i as f64);
    }
    for (i, contact) in c.contacts.iter().enumerate() {
        put_contact(txn, &roots.contacts, contact, i as f64);
    }
}
