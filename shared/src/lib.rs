//! Tandem's shared crate: the domain model, its mapping onto the yrs CRDT
//! document, and the types both the app and the server use.

pub mod error;
pub mod model;
pub mod private_notes;
pub mod replica;
pub mod splice;
pub mod validate;
pub mod wire;
pub mod workspace;

pub use error::Error;
pub use model::*;
pub use private_notes::PrivateNotes;
pub use replica::Replica;
pub use splice::Splice;
pub use validate::{Invalid, Problem};
pub use workspace::{
    ActionDraft, ActionField, AgreementField, GoalDraft, GoalField, MeetingDraft, MeetingField,
    TextField, Workspace,
};
/// Re-exported so the app names the same type the sync messages carry.
pub use yrs::StateVector;
