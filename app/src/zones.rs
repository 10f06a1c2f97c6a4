//! Time zones: which one this device is in, and a meeting's start moved
//! from the zone it was set in to this device's clock. The zone rules are
//! the browser's (`Intl`), so the app ships no zone database.
//!
//! The device's zone is remembered in localStorage: asking `Intl` for it
//! costs the page its first Intl formatter (20–50 ms here, `i18n/format.rs`),
//! on the first screen's path since a meeting's start depends on it. The
//! remembered zone is taken while the device's offsets from UTC (in
//! January and July, which `Date` knows without Intl) are still the ones
//! it was read with; once the page is idle the zone is read again, for a
//! change the offsets do not show (to a zone with other names or rules).

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use gloo_storage::{LocalStorage, Storage};
use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use serde::{Deserialize, Serialize};
use tandem_shared::validate::parse_date_time;
use tandem_shared::Meeting;
use wasm_bindgen::JsCast;

use crate::i18n::wall_clock;

const ZONE_KEY: &str = "tandem.zone";

thread_local! {
    /// This device's zone: `None` until first asked for.
    static HERE: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
    /// One formatter per zone asked about (`None`: the browser does not
    /// know that zone), since making one costs far more than using it. A
    /// pair meets in two zones at most: a list is enough.
    static FORMATS: RefCell<Vec<(String, Option<Intl::DateTimeFormat>)>> = const { RefCell::new(Vec::new()) };
}

/// This device's IANA time zone ("Europe/Warsaw"), if the browser says.
pub fn here() -> Option<String> {
    HERE.with(|here| {
        here.borrow_mut()
            .get_or_insert_with(remembered_or_read)
            .clone()
    })
}

/// When a meeting's zone is another than this device's: that zone.
pub fn elsewhere(m: &Meeting) -> Option<&str> {
    zone_elsewhere(m.time_zone.as_deref())
}

/// `zone`, when it is another than this device's.
fn zone_elsewhere(zone: Option<&str>) -> Option<&str> {
    let zone = zone?;
    (here().as_deref() != Some(zone) && format_in(zone).is_some()).then_some(zone)
}

/// A meeting's start on this device's wall clock, `YYYY-MM-DDTHH:MM`: as
/// stored when it has no zone or was set in this device's zone, else moved
/// to this zone (10:00 in Warsaw reads 04:00 in New York).
pub fn start_here(m: &Meeting) -> String {
    start_at_here(&m.starts_at, m.time_zone.as_deref())
}

/// [`start_here`] of a start `starts_at` on the wall clock of `zone`.
pub fn start_at_here(starts_at: &str, zone: Option<&str>) -> String {
    let moved = || {
        let zone = zone_elsewhere(zone)?;
        let utc = to_utc_ms(parse_date_time(starts_at)?, zone)?;
        Some(wall_clock(&Date::new(&(utc as f64).into())))
    };
    moved().unwrap_or_else(|| starts_at.to_string())
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

/// The zone as remembered, checked against the offsets; else read, and
/// remembered.
fn remembered_or_read() -> Option<String> {
    let offsets = offsets();
    match LocalStorage::get::<Remembered>(ZONE_KEY) {
        Ok(r) if r.offsets == offsets => {
            let zone = r.zone.clone();
            // Read again once nothing else waits, for the next screens.
            leptos::prelude::request_idle_callback(move || {
                let now = read_here();
                if now.as_ref() != Some(&zone) {
                    HERE.with(|here| *here.borrow_mut() = Some(now.clone()));
                    remember(now, offsets);
                }
            });
            Some(r.zone)
        }
        _ => {
            let zone = read_here();
            remember(zone.clone(), offsets);
            zone
        }
    }
}

/// The device's zone as remembered, with the offsets it was read with.
#[derive(Serialize, Deserialize)]
struct Remembered {
    zone: String,
    offsets: [i32; 2],
}

fn remember(zone: Option<String>, offsets: [i32; 2]) {
    match zone {
        Some(zone) => {
            let _ = LocalStorage::set(ZONE_KEY, Remembered { zone, offsets });
        }
        None => LocalStorage::delete(ZONE_KEY),
    }
}

/// The device's offsets from UTC, in minutes, on 1 January and 1 July of
/// this year: a move to another zone changes one of them, mostly.
fn offsets() -> [i32; 2] {
    let year = Date::new_0().get_full_year();
    [0, 6].map(|month| Date::new_with_year_month_day(year, month, 1).get_timezone_offset() as i32)
}

/// The zone as `Intl` tells it.
fn read_here() -> Option<String> {
    let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
}
