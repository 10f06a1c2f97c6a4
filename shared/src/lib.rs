//! Tandem's shared crate: the domain model, its mapping onto the yrs CRDT
//! document, and the types both the app and the server use.

pub mod charts;
pub mod error;
pub mod export;
#[cfg(feature = "generate")]
pub mod generate;
pub mod health;
pub mod model;
pub mod order;
pub mod overview;
pub mod private_notes;
pub mod protocol;
pub mod replica;
pub mod splice;
pub mod validate;
pub mod wire;
pub mod workspace;

pub use charts::{GoalSeries, MonthCount, Point, ProgressSeries};
pub use error::Error;
pub use health::HealthSignal;
pub use model::*;
pub use overview::Overview;
pub use private_notes::PrivateNotes;
pub use replica::Replica;
pub use splice::Splice;
pub use validate::{Invalid, Problem};
pub use workspace::{
    ActionDraft, ActionField, ActivityDraft, ActivityField, AgreementField, AreaDraft,
    CheckInDraft, CheckInField, ContactDraft, ContactField, FeedbackDraft, FeedbackField,
    GoalDraft, GoalField, MeetingDraft, MeetingField, TextField, Workspace,
};
/// Re-exported so the app names the same type the sync messages carry.
pub use yrs::StateVector;
