//! Dates, times and numbers as each language writes them: the patterns,
//! month names and separators are messages (`format-…` in
//! `locales/*.ftl`), filled in here.
//!
//! Not through the browser's `Intl`: a page's first Intl formatter costs
//! the browser 20–50 ms on the project's machine (it loads its locale
//! data; a CPU profile of the five-years bench), and the first screen's
//! dates would wait for it. What a language needs beyond these messages
//! (another calendar, other digits) would bring Intl back.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use fluent_bundle::{FluentArgs, FluentValue};

/// A message of the current language, with its arguments.
pub(super) type Message<'a> = &'a dyn Fn(&str, Option<&FluentArgs>) -> String;

/// "2 mar 2026", "Mar 2, 2026".
pub(super) fn date(msg: Message, d: NaiveDate) -> String {
    let mut args = FluentArgs::new();
    args.set("day", d.day().to_string());
    // A number, so that the message can choose the month's name by it.
    args.set("month", FluentValue::from(d.month()));
    args.set("year", d.year().to_string());
    msg("format-date", Some(&args))
}

/// A month's short name ("mar", "Mar"), with its year when asked ("mar
/// 2026"); `month` counts from 1.
pub(super) fn month(msg: Message, year: i32, month: u32, with_year: bool) -> String {
    let mut args = FluentArgs::new();
    args.set("month", FluentValue::from(month));
    args.set("year", year.to_string());
    let key = if with_year {
        "format-month-year"
    } else {
        "format-month"
    };
    msg(key, Some(&args))
}

/// "14:05", "2:05 PM".
fn time(msg: Message, t: NaiveTime) -> String {
    let (pm, hour12) = t.hour12();
    let mut args = FluentArgs::new();
    args.set("hour", format!("{:02}", t.hour()));
    args.set("hour12", hour12.to_string());
    args.set("minute", format!("{:02}", t.minute()));
    args.set("period", if pm { "pm" } else { "am" });
    msg("format-time", Some(&args))
}

/// "2 mar 2026, 14:05", "Mar 2, 2026, 2:05 PM".
pub(super) fn date_time(msg: Message, at: NaiveDateTime) -> String {
    let mut args = FluentArgs::new();
    args.set("date", date(msg, at.date()));
    args.set("time", time(msg, at.time()));
    msg("format-date-time", Some(&args))
}

/// `n` with up to three decimals (as Intl writes it by default), the
/// language's decimal separator, and its digits grouped in threes from
/// `format-group-from` on (Polish: "12 345", but "1234").
pub(super) fn number(msg: Message, n: f64) -> String {
    let text = format!("{:.3}", n.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let group_from: f64 = msg("format-group-from", None).parse().unwrap_or(1000.0);
    let mut out = String::new();
    if n < 0.0 && text != "0" {
        out.push('-');
    }
    if n.abs() >= group_from {
        let separator = msg("format-group-separator", None);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push_str(&separator);
            }
            out.push(digit);
        }
    } else {
        out.push_str(whole);
    }
    if !fraction.is_empty() {
        out.push_str(&msg("format-decimal-separator", None));
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentBundle, FluentResource};

    /// The app's own messages in `lang`, as a [`Message`].
    fn messages(lang: &str) -> impl Fn(&str, Option<&FluentArgs>) -> String {
        let source = match lang {
            "pl" => include_str!("../../locales/pl.ftl"),
            _ => include_str!("../../locales/en.ftl"),
        };
        let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(source.to_string()).unwrap())
            .unwrap();
        move |key, args| {
            let pattern = bundle.get_message(key).unwrap().value().unwrap();
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            assert!(errors.is_empty(), "{key}: {errors:?}");
            text.into_owned()
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        tandem_shared::validate::parse_date_time(s).unwrap()
    }

    // The expected strings are what Chromium 156's Intl writes for the
    // same values (`dateStyle: "medium"`, `timeStyle: "short"`, and
    // `NumberFormat` with no options), which the app used before.

    #[test]
    fn dates_and_times_as_intl_wrote_them() {
        let (pl, en) = (messages("pl"), messages("en"));
        assert_eq!(date(&pl, at("2026-05-09T00:00").date()), "9 maj 2026");
        assert_eq!(date(&en, at("2026-05-09T00:00").date()), "May 9, 2026");
        for (at_, pl_, en_) in [
            (
                "2026-11-19T00:05",
                "19 lis 2026, 00:05",
                "Nov 19, 2026, 12:05 AM",
            ),
            (
                "2026-11-19T12:05",
                "19 lis 2026, 12:05",
                "Nov 19, 2026, 12:05 PM",
            ),
            (
                "2026-11-19T17:45",
                "19 lis 2026, 17:45",
                "Nov 19, 2026, 5:45 PM",
            ),
        ] {
            assert_eq!(date_time(&pl, at(at_)), pl_);
            assert_eq!(date_time(&en, at(at_)), en_);
        }
    }

    #[test]
    fn every_month_has_its_name() {
        let (pl, en) = (messages("pl"), messages("en"));
        let names = |msg: Message| -> Vec<String> {
            (1..=12)
                .map(|m| date(msg, NaiveDate::from_ymd_opt(2026, m, 1).unwrap()))
                .collect()
        };
        assert_eq!(
            names(&pl).join(" | "),
            "1 sty 2026 | 1 lut 2026 | 1 mar 2026 | 1 kwi 2026 | 1 maj 2026 | 1 cze 2026 | \
             1 lip 2026 | 1 sie 2026 | 1 wrz 2026 | 1 paź 2026 | 1 lis 2026 | 1 gru 2026"
        );
        assert_eq!(
            names(&en).join(" | "),
            "Jan 1, 2026 | Feb 1, 2026 | Mar 1, 2026 | Apr 1, 2026 | May 1, 2026 | Jun 1, 2026 | \
             Jul 1, 2026 | Aug 1, 2026 | Sep 1, 2026 | Oct 1, 2026 | Nov 1, 2026 | Dec 1, 2026"
        );
    }

    #[test]
    fn months_as_intl_wrote_them() {
        let (pl, en) = (messages("pl"), messages("en"));
        assert_eq!(month(&pl, 2026, 3, false), "mar");
        assert_eq!(month(&pl, 2026, 10, true), "paź 2026");
        assert_eq!(month(&en, 2026, 5, false), "May");
        assert_eq!(month(&en, 2026, 10, true), "Oct 2026");
    }

    #[test]
    fn numbers_as_intl_wrote_them() {
        let (pl, en) = (messages("pl"), messages("en"));
        let all = |msg: Message| -> Vec<String> {
            [
                1234.5, 12345.0, 0.25, 1234567.0, 3.0, 2.5, -1.5, 0.0, 1.23456,
            ]
            .into_iter()
            .map(|n| number(msg, n))
            .collect()
        };
        assert_eq!(
            all(&pl),
            [
                "1234,5",
                "12\u{a0}345",
                "0,25",
                "1\u{a0}234\u{a0}567",
                "3",
                "2,5",
                "-1,5",
                "0",
                "1,235"
            ]
        );
        assert_eq!(
            all(&en),
            [
                "1,234.5",
                "12,345",
                "0.25",
                "1,234,567",
                "3",
                "2.5",
                "-1.5",
                "0",
                "1.235"
            ]
        );
    }
}
