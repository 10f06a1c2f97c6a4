//! Tandem's shared crate: the domain model, its mapping onto the yrs CRDT
//! document, and the types both the app and the server use.

pub mod model;
pub mod splice;
pub mod validate;
pub mod wire;
pub mod workspace;

pub use model::*;
pub use splice::Splice;
pub use validate::{Invalid, Problem};
pub use workspace::{
    ActionDraft, ActionField, AgreementField, Error, GoalDraft, GoalField, MeetingDraft,
    MeetingField, TextField, Workspace,
};
/// Re-exported so the app names the same type the sync messages carry.
pub use yrs::StateVector;
