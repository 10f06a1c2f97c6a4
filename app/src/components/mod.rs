//! Reusable pieces of the UI.

mod confirm;
mod field;
mod header;
mod progress;
mod select;
mod storage_problem;
mod text_editor;

pub use confirm::ConfirmButton;
pub use field::{FieldError, FormErrors};
pub use header::Header;
pub use progress::ProgressBar;
pub use select::Select;
pub use storage_problem::StorageProblem;
pub use text_editor::TextEditor;
