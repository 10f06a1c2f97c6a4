//! Layout of the document: root maps and the keys inside entities (see
//! `docs/data-model.md`).

pub const META: &str = "meta";
pub const AGREEMENT: &str = "agreement";
pub const GOALS: &str = "goals";
pub const MEETINGS: &str = "meetings";
pub const ACTIVITIES: &str = "activities";
pub const FEEDBACK: &str = "feedback";
pub const CHECK_INS: &str = "check_ins";
pub const AREAS: &str = "areas";
pub const CONTACTS: &str = "contacts";

pub const NAME: &str = "name";
pub const POSITION: &str = "position";
pub const TITLE: &str = "title";
pub const DONE: &str = "done";
// agreement
pub const PURPOSE: &str = "purpose";
pub const START_DATE: &str = "start_date";
pub const END_DATE: &str = "end_date";
pub const CADENCE_DAYS: &str = "cadence_days";
pub const CHANNELS: &str = "channels";
pub const CONFIDENTIALITY: &str = "confidentiality";
// goal
pub const DESCRIPTION: &str = "description";
pub const CATEGORY: &str = "category";
pub const CRITERIA: &str = "success_criteria";
pub const TARGET_DATE: &str = "target_date";
pub const STATUS: &str = "status";
pub const MILESTONES: &str = "milestones";
pub const PROGRESS: &str = "manual_progress";
pub const PROGRESS_COMMENT: &str = "progress_comment";
pub const PROGRESS_LOG: &str = "progress_log";
// meeting
pub const STARTS_AT: &str = "starts_at";
pub const TIME_ZONE: &str = "time_zone";
pub const DURATION: &str = "duration_min";
pub const MODE: &str = "mode";
pub const PLACE: &str = "place";
pub const AGENDA: &str = "agenda";
pub const NOTES: &str = "notes";
pub const ACTIONS: &str = "actions";
pub const GOAL_LINKS: &str = "goals";
pub const DISCUSSED: &str = "discussed";
pub const TEXT: &str = "text";
pub const OWNER: &str = "owner";
pub const DUE: &str = "due";
// activity
pub const KIND: &str = "kind";
pub const SUPPORT: &str = "support";
pub const EVALUATION: &str = "evaluation";
pub const REFLECTION: &str = "reflection";
// feedback
pub const FROM: &str = "from";
pub const DATE: &str = "date";
pub const WENT_WELL: &str = "went_well";
pub const TO_IMPROVE: &str = "to_improve";
pub const NEXT_STEP: &str = "next_step";
pub const GOAL: &str = "goal";
pub const MEETING: &str = "meeting";
pub const ACTIVITY: &str = "activity";
// check-in
pub const BY: &str = "by";
pub const SKILLS: &str = "skills";
pub const CONFIDENCE: &str = "confidence";
pub const MOTIVATION: &str = "motivation";
pub const COMMENT: &str = "comment";
// area
pub const NOTE: &str = "note";
// contact
pub const ROLE: &str = "role";
pub const ORGANISATION: &str = "organisation";
pub const WHY: &str = "why";
pub const FOLLOW_UP: &str = "follow_up";
pub const INTRODUCED_ON: &str = "introduced_on";
