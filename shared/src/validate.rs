//! Validation of what a person types before it goes into the document. Both
//! the app (to show messages) and, later, the server use these rules.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The most characters a title or a name may have (a goal's, a meeting's,
/// a workspace's…): a line or two on a phone's card, with room to spare.
pub const TITLE_MAX: usize = 150;

/// What is wrong with one field. The app turns `field` and the problem into
/// a message in the current language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invalid {
    /// The field's name, as the drafts spell it (`"title"`, `"starts_at"`, …).
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// Must not be empty.
    Required,
    /// Not a date (`YYYY-MM-DD`).
    BadDate,
    /// Not a date and time (`YYYY-MM-DDTHH:MM`).
    BadDateTime,
    /// A number outside its allowed range.
    OutOfRange,
    /// An end that comes before its start.
    EndBeforeStart,
    /// A title or a name longer than [`TITLE_MAX`] characters.
    TooLong,
    /// Not the shape of an IANA time zone name (`Europe/Warsaw`).
    BadTimeZone,
}

impl Problem {
    /// The message's key in the translation files.
    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Required => "error-required",
            Problem::BadDate => "error-bad-date",
            Problem::BadDateTime => "error-bad-datetime",
            Problem::OutOfRange => "error-out-of-range",
            Problem::EndBeforeStart => "error-end-before-start",
            Problem::TooLong => "error-too-long",
            Problem::BadTimeZone => "error-bad-time-zone",
        }
    }
}

/// Collects problems field by field.
#[derive(Default)]
pub struct Check(Vec<Invalid>);

impl Check {
    pub fn required(mut self, field: &'static str, value: &str) -> Self {
        if value.trim().is_empty() {
            self.0.push(Invalid {
                field,
                problem: Problem::Required,
            });
        }
        self
    }

    /// A title or a name: required, and at most [`TITLE_MAX`] characters.
    pub fn title(self, field: &'static str, value: &str) -> Self {
        let mut check = self.required(field, value);
        if value.trim().chars().count() > TITLE_MAX {
            check.0.push(Invalid {
                field,
                problem: Problem::TooLong,
            });
        }
        check
    }

    /// An optional IANA time zone name (`Europe/Warsaw`, `UTC`). Only its
    /// shape is checked: the zone database lives in the browser, which
    /// treats a name it does not know as no zone.
    pub fn time_zone(mut self, field: &'static str, value: Option<&str>) -> Self {
        let shaped = |z: &str| {
            (1..=64).contains(&z.len())
                && z.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && z.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
        };
        if value.is_some_and(|z| !shaped(z)) {
            self.0.push(Invalid {
                field,
                problem: Problem::BadTimeZone,
            });
        }
        self
    }

    /// An optional date: empty is fine, anything else must parse.
    pub fn date(mut self, field: &'static str, value: &str) -> Self {
        if !value.is_empty() && parse_date(value).is_none() {
            self.0.push(Invalid {
                field,
                problem: Problem::BadDate,
            });
        }
        self
    }

    /// A required date and time.
    pub fn date_time(mut self, field: &'static str, value: &str) -> Self {
        if value.trim().is_empty() {
            self.0.push(Invalid {
                field,
                problem: Problem::Required,
            });
        } else if parse_date_time(value).is_none() {
            self.0.push(Invalid {
                field,
                problem: Problem::BadDateTime,
            });
        }
        self
    }

    pub fn range(mut self, field: &'static str, value: u32, min: u32, max: u32) -> Self {
        if value < min || value > max {
            self.0.push(Invalid {
                field,
                problem: Problem::OutOfRange,
            });
        }
        self
    }

    /// Both optional dates; when both are set the end may not precede the start.
    pub fn date_order(mut self, field: &'static str, start: &str, end: &str) -> Self {
        if let (Some(s), Some(e)) = (parse_date(start), parse_date(end)) {
            if e < s {
                self.0.push(Invalid {
                    field,
                    problem: Problem::EndBeforeStart,
                });
            }
        }
        self
    }

    pub fn finish(self) -> Result<(), Vec<Invalid>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` gives),
/// with optional seconds.
pub fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_required_and_at_most_the_limit_in_characters() {
        let problem = |value: &str| {
            Check::default()
                .title("title", value)
                .finish()
                .err()
                .map(|e| e[0].problem)
        };
        assert_eq!(problem(" "), Some(Problem::Required));
        // Characters, not bytes: 150 Polish letters take 300 bytes.
        assert_eq!(problem(&"ż".repeat(TITLE_MAX)), None);
        assert_eq!(problem(&"ż".repeat(TITLE_MAX + 1)), Some(Problem::TooLong));
        // The spaces around it are trimmed before it is stored, so not counted.
        assert_eq!(problem(&format!("  {}  ", "a".repeat(TITLE_MAX))), None);
    }

    #[test]
    fn reports_each_bad_field() {
        let err = Check::default()
            .required("title", "  ")
            .date("target_date", "2026-02-30")
            .date_time("starts_at", "tomorrow")
            .range("duration_min", 0, 1, 1440)
            .date_order("end_date", "2026-05-01", "2026-04-01")
            .finish()
            .unwrap_err();
        let problems: Vec<_> = err.iter().map(|i| (i.field, i.problem)).collect();
        assert_eq!(
            problems,
            vec![
                ("title", Problem::Required),
                ("target_date", Problem::BadDate),
                ("starts_at", Problem::BadDateTime),
                ("duration_min", Problem::OutOfRange),
                ("end_date", Problem::EndBeforeStart),
            ]
        );
    }

    #[test]
    fn accepts_good_values() {
        Check::default()
            .required("title", "Learn Rust")
            .date("target_date", "")
            .date("target_date", "2026-12-31")
            .date_time("starts_at", "2026-12-01T09:30")
            .range("duration_min", 60, 1, 1440)
            .finish()
            .unwrap();
    }
}
