//! Reusable pieces of the UI.

mod chart;
mod confirm;
mod entity_page;
mod export;
mod feedback;
mod field;
mod goal_links;
mod header;
mod health;
mod invitations;
mod lazy_view;
mod own_entry;
mod private_note;
mod progress;
mod pwa;
mod rating;
mod sections;
mod select;
mod share;
mod show_all;
mod storage_problem;
mod sync_status;
mod text_editor;

pub use chart::{Line, LineChart, MeetingsChart, Scale};
pub use confirm::ConfirmButton;
pub use entity_page::EntityPage;
pub use feedback::{parse_about, AboutKind, AboutPicker, FeedbackAbout, FeedbackEntry};
pub use field::{FieldError, FormErrors};
pub use goal_links::GoalLinks;
pub use header::Header;
pub use health::{FirstStepsCard, HealthSignals};
pub(crate) use lazy_view::lazy_views;
pub use lazy_view::{chunk_failed, when_idle, LazyView, Loading, WhenIdle};
pub use own_entry::EditDelete;
pub use progress::ProgressBar;
pub use pwa::{provide_pwa, use_pwa, InstallButton, ShortcutLanding, UpdateBanner};
pub use rating::Rating;
pub use sections::SectionNav;
pub use select::Select;
pub use show_all::{shown, ShowAll};
pub use storage_problem::StorageProblem;
pub use text_editor::{CharCount, TextEditor};

// Below the first screen's fold, and the heaviest of it: the export (JSON,
// Markdown, .ics), the import and the sharing panel are built after it
// (`WhenIdle`), from the chunk of the workspace's sections
// (`pages/mod.rs`). The sync status and the private note read the
// workspaces' runtime, so they come with it, in `sections` too; they show
// once a workspace is open, when that is here anyway.
lazy_views! {
    SyncStatus: load_sync_status in sections => sync_status::SyncStatus,
    PrivateNote: load_private_note in sections => private_note::PrivateNote,
    ExportPanel: load_export_panel in sections => export::ExportPanel,
    ImportForm: load_import_form in sections => export::ImportForm,
    SharePanel: load_share_panel in sections => share::SharePanel,
}
