//! The meetings as calendar events (.ics, RFC 5545), importable by any
//! calendar app. Written with the `icalendar` crate.
//!
//! A meeting with a time zone is written in UTC (`DTSTART:…Z`), so every
//! calendar shows it at the same instant for both people, each in their
//! own zone. A `TZID` would need a `VTIMEZONE` definition beside it, and
//! the zone rules live in the browser, not in this crate; UTC needs none.
//! A meeting made before zones were recorded stays floating: 10:00 shows at
//! 10:00 wherever the calendar is, as the workspace shows it.

use chrono::{NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use super::markdown::{label, Lang};
use crate::validate::parse_date_time;
use crate::Workspace;

/// Every meeting of `ws` as one event of a calendar named after the
/// workspace; labels in `lang`. `to_utc` turns a wall-clock time in an
/// IANA zone into UTC (`None` for a zone it does not know, which leaves
/// that meeting floating). An event's UID is the meeting's id, so a
/// calendar that imports the file again updates the events instead of
/// doubling them.
pub fn to_ics(
    ws: &Workspace,
    lang: Lang,
    to_utc: impl Fn(&NaiveDateTime, &str) -> Option<NaiveDateTime>,
) -> String {
    let name = ws.name();
    let goals = ws.goals();
    let mut calendar = Calendar::new();
    calendar.name(&name);
    for m in ws.meetings() {
        let Some(start) = parse_date_time(&m.starts_at) else {
            continue;
        };
        let length = chrono::Duration::minutes(m.duration_min as i64);
        let utc = m.time_zone.as_deref().and_then(|zone| to_utc(&start, zone));
        let (start, end) = match utc {
            Some(at) => (
                CalendarDateTime::Utc(Utc.from_utc_datetime(&at)),
                CalendarDateTime::Utc(Utc.from_utc_datetime(&(at + length))),
            ),
            None => (
                CalendarDateTime::Floating(start),
                CalendarDateTime::Floating(start + length),
            ),
        };
        let mut summary = label(lang, "mentoring_meeting").to_string();
        if !name.is_empty() {
            summary = format!("{summary}: {name}");
        }
        let mut description = Vec::new();
        let linked: Vec<&str> = goals
            .iter()
            .filter(|g| m.goal_ids.contains(&g.id))
            .map(|g| g.title.as_str())
            .collect();
        if !linked.is_empty() {
            description.push(format!(
                "{}: {}",
                label(lang, "linked_goals"),
                linked.join(", ")
            ));
        }
        if !m.agenda.is_empty() {
            description.push(format!("{}:", label(lang, "agenda")));
            description.extend(m.agenda.iter().map(|a| format!("- {}", a.text)));
        }
        let mut event = Event::new();
        event
            .uid(&format!("{}@tandem", m.id))
            .summary(&summary)
            .starts(start)
            .ends(end);
        if !description.is_empty() {
            event.description(&description.join("\n"));
        }
        let place = m.place.trim();
        if !place.is_empty() {
            event.location(place);
            if place.starts_with("https://") || place.starts_with("http://") {
                event.url(place);
            }
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
