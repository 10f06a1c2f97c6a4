//! Time zones: which one this device is in, and a meeting's start moved
//! from the zone it was set in to this device's clock. The zone rules are
//! the browser's (`Intl`), so the app ships no zone database.

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use tandem_shared::validate::parse_date_time;
use tandem_shared::Meeting;
use wasm_bindgen::JsCast;

use crate::i18n::wall_clock;

thread_local! {
    static HERE: Option<String> = read_here();
    /// One formatter per zone asked about (`None`: the browser does not
    /// know that zone), since making one costs far more than using it. A
    /// pair meets in two zones at most: a list is enough.
    static FORMATS: RefCell<Vec<(String, Option<Intl::DateTimeFormat>)>> = const { RefCell::new(Vec::new()) };
}

/// This device's IANA time zone ("Europe/Warsaw"), if the browser says.
pub fn here() -> Option<String> {
    HERE.with(Clone::clone)
}

/// When a meeting's zone is another than this device's: that zone.
pub fn elsewhere(m: &Meeting) -> Option<&str> {
    let zone = m.time_zone.as_deref()?;
    (HERE.with(|h| h.as_deref() != Some(zone)) && format_in(zone).is_some()).then_some(zone)
}

/// A meeting's start on this device's wall clock, `YYYY-MM-DDTHH:MM`: as
/// stored when it has no zone or was set in this device's zone, else moved
/// to this zone (10:00 in Warsaw reads 04:00 in New York).
pub fn start_here(m: &Meeting) -> String {
    let moved = || {
        let zone = elsewhere(m)?;
        let utc = to_utc_ms(parse_date_time(&m.starts_at)?, zone)?;
        Some(wall_clock(&Date::new(&(utc as f64).into())))
    };
    moved().unwrap_or_else(|| m.starts_at.clone())
}

/// `wall`, a wall-clock time in `zone`, in UTC; `None` for a zone the
/// browser does not know. For the calendar export.
pub fn to_utc(wall: &NaiveDateTime, zone: &str) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(to_utc_ms(*wall, zone)?).map(|d| d.naive_utc())
}

/// `wall` in `zone` as milliseconds since the epoch. The zone's offset is
/// read at a first guess and again at the result, which settles it on
/// either side of a daylight-saving change.
fn to_utc_ms(wall: NaiveDateTime, zone: &str) -> Option<i64> {
    let format = format_in(zone)?;
    let guess = wall.and_utc().timestamp_millis();
    let first = offset_ms(&format, guess)?;
    let second = offset_ms(&format, guess - first)?;
    Some(guess - second)
}

/// How far `format`'s zone is ahead of UTC at the instant `utc_ms`.
fn offset_ms(format: &Intl::DateTimeFormat, utc_ms: i64) -> Option<i64> {
    let parts = format.format_to_parts(&Date::new(&(utc_ms as f64).into()));
    let mut n = [0u32; 6]; // year, month, day, hour, minute, second
    for part in parts.iter() {
        let slot = match Reflect::get(&part, &"type".into())
            .ok()?
            .as_string()?
            .as_str()
        {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        n[slot] = Reflect::get(&part, &"value".into())
            .ok()?
            .as_string()?
            .parse()
            .ok()?;
    }
    let wall = NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])?.and_hms_opt(n[3], n[4], n[5])?;
    // Whole seconds: the instant's milliseconds are not in the parts.
    Some(wall.and_utc().timestamp_millis() - (utc_ms - utc_ms.rem_euclid(1000)))
}

/// A formatter giving the wall-clock parts in `zone`, made once.
fn format_in(zone: &str) -> Option<Intl::DateTimeFormat> {
    FORMATS.with(|f| {
        let known = f
            .borrow()
            .iter()
            .find(|(z, _)| z == zone)
            .map(|(_, f)| f.clone());
        known.unwrap_or_else(|| {
            let made = make_format(zone);
            f.borrow_mut().push((zone.to_string(), made.clone()));
            made
        })
    })
}

/// `Intl.DateTimeFormat` for `zone`, built through `Reflect::construct`
/// because the constructor throws for a zone it does not know.
fn make_format(zone: &str) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Reflect::construct(&constructor, &Array::of2(&"en-US".into(), &options))
        .ok()
        .map(JsCast::unchecked_into)
}

fn read_here() -> Option<String> {
    let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}
