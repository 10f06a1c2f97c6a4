//! The complete export: every typed view of the workspace in one versioned
//! JSON document, `{"format": "tandem.workspace", "version": 1, "workspace": {…}}`.
//! Importing it gives a new workspace with the same contents, ids and order,
//! so links hold.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Contents;
use crate::Workspace;

/// What the `format` field of an export says.
pub const FORMAT: &str = "tandem.workspace";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// The file's shape.
#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    version: u32,
    workspace: Contents,
}

/// Why a file could not be imported. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all (the parser's message).
    NotJson(String),
    /// JSON, but not a Tandem workspace export.
    NotTandem,
    /// A Tandem export of a version this build cannot read.
    UnsupportedVersion(u32),
    /// A Tandem export with a missing or wrong field: where, and what.
    Invalid(String),
}

/// Where in a refused file the trouble is, for a message in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportPlace {
    /// A position the JSON parser gave (1-based).
    Line { line: usize, column: usize },
    /// A field's path, such as `workspace.meetings[2].starts_at`.
    Field(String),
}

impl ImportError {
    /// Where the trouble is, when known: the parser's line and column, or
    /// the path of the field that failed its check. The rest of the reason
    /// is English (the `Display` form, for logs); the app says it in the
    /// person's language through [`ImportError::message_key`].
    pub fn place(&self) -> Option<ImportPlace> {
        let why = match self {
            ImportError::NotJson(why) | ImportError::Invalid(why) => why,
            _ => return None,
        };
        // serde_json ends its messages with "at line L column C".
        if let Some((_, at)) = why.rsplit_once(" at line ") {
            let (line, column) = at.split_once(" column ")?;
            return Some(ImportPlace::Line {
                line: line.parse().ok()?,
                column: column.parse().ok()?,
            });
        }
        let (path, _) = why.split_once(": ")?;
        path.starts_with("workspace")
            .then(|| ImportPlace::Field(path.to_string()))
    }

    /// The message's key in the translation files.
    pub fn message_key(&self) -> &'static str {
        match self {
            ImportError::NotJson(_) => "import-not-json",
            ImportError::NotTandem => "import-not-tandem",
            ImportError::UnsupportedVersion(_) => "import-unsupported-version",
            ImportError::Invalid(_) => "import-invalid",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "not a JSON file: {e}"),
            ImportError::NotTandem => write!(f, "not a Tandem workspace export"),
            ImportError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "export version {v} is not supported (this app reads {VERSION})"
                )
            }
            ImportError::Invalid(e) => write!(f, "the export is damaged: {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// The whole workspace as a pretty-printed JSON export.
pub fn to_json(ws: &Workspace) -> String {
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        workspace: ws.contents(),
    };
    serde_json::to_string_pretty(&doc).expect("plain data always serializes")
}

/// A new workspace restored from an export: the same typed contents, ids
/// and order. A file that is not JSON, not an export, of another version,
/// or damaged gives an error and no workspace; nothing else is touched.
pub fn from_json(text: &str) -> Result<Workspace, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ImportError::NotTandem);
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ImportError::Invalid("version: missing".into()))?;
    if version != VERSION as u64 {
        return Err(ImportError::UnsupportedVersion(
            u32::try_from(version).unwrap_or(u32::MAX),
        ));
    }
    // Read again from the text, so the error says where in the file the
    // wrong field is (`… at line 40 column 27`). Naming its path instead
    // (serde_path_to_error) cost the app about 100 KB of wasm.
    let doc: Document =
        serde_json::from_str(text).map_err(|e| ImportError::Invalid(e.to_string()))?;
    super::check::contents(&doc.workspace)
        .map_err(|e| ImportError::Invalid(format!("workspace.{e}")))?;
    Ok(Workspace::from_contents(&doc.workspace))
}
