//! Validation of what a person types before it goes into the document. Both
//! the app (to show messages) and, later, the server use these rules.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
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

// Dates are read and written here by hand, not with chrono's
// `parse_from_str` and `format`: their format-string machinery (about 30 KB
// of wasm) would otherwise be in the app's first download, for three fixed
// formats. The parsers accept exactly what chrono's `%Y-%m-%d`,
// `%Y-%m-%dT%H:%M` and `%Y-%m-%dT%H:%M:%S` accept (tests check it against
// chrono), and the writers write what chrono's would.

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    match date_prefix(s)? {
        (date, "") => Some(date),
        _ => None,
    }
}

/// Parses `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` gives),
/// with optional seconds.
pub fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    let (date, rest) = date_prefix(s)?;
    let rest = rest.strip_prefix('T')?;
    let (hour, rest) = number(rest, 2)?;
    let (minute, rest) = number(rest.strip_prefix(':')?, 2)?;
    let (second, rest) = match rest {
        "" => (0, rest),
        _ => number(rest.strip_prefix(':')?, 2)?,
    };
    if !rest.is_empty() {
        return None;
    }
    let (hour, minute) = (u32::try_from(hour).ok()?, u32::try_from(minute).ok()?);
    // As chrono: second 60 is a leap second, the last one of the minute.
    let time = match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000),
        s => NaiveTime::from_hms_opt(hour, minute, u32::try_from(s).ok()?),
    }?;
    Some(date.and_time(time))
}

/// `date` as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    // chrono's `Display` for a date is `%Y-%m-%d`.
    date.to_string()
}

/// `at` as `YYYY-MM-DDTHH:MM` (seconds dropped).
pub fn format_date_time(at: NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
}

/// A date at the start of `s`, as chrono's `%Y-%m-%d` reads it, and what follows.
fn date_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    // `%Y`: four digits, or any number of them after a sign.
    let s = s.trim_start();
    let (year, rest) = match s.as_bytes().first() {
        Some(b'-') => digits(&s[1..], usize::MAX).map(|(y, r)| (-y, r))?,
        Some(b'+') => digits(&s[1..], usize::MAX)?,
        _ => digits(s, 4)?,
    };
    let (month, rest) = number(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?, 2)?;
    let year = i32::try_from(year).ok()?;
    let date = NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, day as u32)?;
    Some((date, rest))
}

/// A number of at most `max` digits after optional white space, as chrono reads one.
fn number(s: &str, max: usize) -> Option<(i64, &str)> {
    digits(s.trim_start(), max)
}

/// One to `max` ASCII digits at the start of `s`, and what follows them.
fn digits(s: &str, max: usize) -> Option<(i64, &str)> {
    let count = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if count == 0 {
        return None;
    }
    let mut value = 0i64;
    for digit in s[..count].bytes() {
        value = value
            .checked_mul(10)?
            .checked_add(i64::from(digit - b'0'))?;
    }
    Some((value, &s[count..]))
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

    /// The hand-written parsers read exactly what chrono's format strings
    /// read, and the writers write what chrono's would.
    mod against_chrono {
        use super::super::*;
        use proptest::prelude::*;

        fn chrono_date(s: &str) -> Option<NaiveDate> {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        }

        fn chrono_date_time(s: &str) -> Option<NaiveDateTime> {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
                .ok()
        }

        const PIECES: &[&str] = &[
            "2026",
            "0",
            "1",
            "02",
            "12",
            "13",
            "29",
            "31",
            "60",
            "99",
            "123",
            "2024",
            "00999",
            "+",
            "-",
            "T",
            ":",
            " ",
            "\u{3000}",
            "\t",
            "a",
            "ż",
            "12345678901234567890",
            "2026-03-14",
            "T09:30",
            ":59",
            "-1-1",
        ];

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
                .prop_map(|pieces| pieces.concat())
        }

        #[test]
        fn edge_cases() {
            for s in [
                "2026-03-14",
                "2026-3-4",
                " 2026- 3- 4",
                "+12345-06-07",
                "-0044-03-15",
                "0999-01-01",
                "2026-02-29",
                "2024-02-29",
                "2026-03-14T09:30",
                "2026-03-14T9:5",
                "2026-03-14T09:30:15",
                "2026-03-14T23:59:60",
                "2026-03-14T24:00",
                "2026-03-14T09:30:",
                "2026-03-14 09:30",
                "20260-01-01",
                "",
                "-",
                "+-1-1-1",
                "2026-03-14T09:30:15:00",
                "2026-03-14x",
            ] {
                assert_eq!(parse_date(s), chrono_date(s), "{s:?}");
                assert_eq!(parse_date_time(s), chrono_date_time(s), "{s:?}");
            }
        }

        proptest! {
            #[test]
            fn parse_as_chrono_does(s in text()) {
                prop_assert_eq!(parse_date(&s), chrono_date(&s));
                prop_assert_eq!(parse_date_time(&s), chrono_date_time(&s));
            }

            #[test]
            fn write_as_chrono_does(days in -300_000i32 * 365..300_000 * 365, minutes in 0u32..1440) {
                let Some(date) = NaiveDate::from_num_days_from_ce_opt(days) else { return Ok(()) };
                prop_assert_eq!(format_date(date), date.format("%Y-%m-%d").to_string());
                let at = date.and_hms_opt(minutes / 60, minutes % 60, 0).unwrap();
                prop_assert_eq!(format_date_time(at), at.format("%Y-%m-%dT%H:%M").to_string());
            }
        }
    }
}
