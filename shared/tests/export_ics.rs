//! The .ics export, read back by the `icalendar` crate's own parser: one
//! event per meeting, at its time (UTC when the meeting has a zone,
//! floating when it has none), for its length, with its place.

use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use tandem_shared::export::{to_ics, Lang};
use tandem_shared::generate::{self, Size};
use tandem_shared::*;

/// The app converts with the browser's zone rules; here Warsaw in winter
/// (UTC+1) stands in for them, and every other zone is unknown.
fn winter_warsaw(t: &chrono::NaiveDateTime, zone: &str) -> Option<chrono::NaiveDateTime> {
    (zone == "Europe/Warsaw").then(|| *t - chrono::Duration::hours(1))
}

fn utc(s: &str) -> DatePerhapsTime {
    use chrono::TimeZone;
    DatePerhapsTime::DateTime(CalendarDateTime::Utc(
        chrono::Utc.from_utc_datetime(&validate::parse_date_time(s).unwrap()),
    ))
}

fn floating(s: &str) -> DatePerhapsTime {
    DatePerhapsTime::DateTime(CalendarDateTime::Floating(
        validate::parse_date_time(s).unwrap(),
    ))
}

#[test]
fn meetings_become_calendar_events() {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    let goal = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    let online = ws
        .add_meeting(MeetingDraft {
            starts_at: "2026-03-02T10:00".into(),
            time_zone: Some("Europe/Warsaw".into()),
            duration_min: 45,
            mode: MeetingMode::Online,
            place: "https://meet.example/abc".into(),
        })
        .unwrap();
    ws.link_goal(&online, &goal, true).unwrap();
    ws.add_agenda_item(&online, "Plan; kwartalny, \"ważny\"")
        .unwrap();
    let office = ws
        .add_meeting(MeetingDraft::new("2026-03-16T23:30"))
        .unwrap();
    ws.set_text(&TextField::MeetingPlace(office.clone()), "Sala 3.14", None)
        .unwrap();

    let text = to_ics(&ws, Lang::Pl, winter_warsaw);
    assert!(text.contains("DTSTART:20260302T090000Z\r\n"), "{text}");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    let calendar: icalendar::Calendar = text.parse().expect("the crate reads its own format");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 2);

    let first = events[0];
    assert_eq!(first.get_uid(), Some(format!("{online}@tandem").as_str()));
    assert_eq!(
        first.get_summary(),
        Some("Spotkanie mentoringowe: Anna & Piotr")
    );
    assert_eq!(first.get_start(), Some(utc("2026-03-02T09:00")));
    assert_eq!(first.get_end(), Some(utc("2026-03-02T09:45")));
    assert_eq!(first.get_location(), Some("https://meet.example/abc"));
    assert_eq!(first.get_url(), Some("https://meet.example/abc"));
    assert_eq!(
        first.get_description(),
        Some("Cele: Wystąpienia\nAgenda:\n- Plan; kwartalny, \"ważny\"")
    );

    let second = events[1];
    assert_eq!(second.get_uid(), Some(format!("{office}@tandem").as_str()));
    assert_eq!(second.get_start(), Some(floating("2026-03-16T23:30")));
    assert_eq!(
        second.get_end(),
        Some(floating("2026-03-17T00:30")),
        "past midnight"
    );
    assert_eq!(second.get_location(), Some("Sala 3.14"));
    assert_eq!(second.get_url(), None);
    assert!(
        second.get_timestamp().is_some(),
        "DTSTAMP, required by RFC 5545"
    );
}

#[test]
fn every_meeting_of_five_years_is_an_event() {
    let ws = generate::workspace(11, &Size::five_years());
    let text = to_ics(&ws, Lang::En, winter_warsaw);
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let uids: Vec<String> = calendar
        .events()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    let expected: Vec<String> = ws
        .meetings()
        .iter()
        .map(|m| format!("{}@tandem", m.id))
        .collect();
    assert_eq!(uids, expected);
    assert!(calendar
        .events()
        .all(|e| e.get_summary().unwrap().starts_with("Mentoring meeting")));
    assert!(
        text.lines().all(|l| l.len() <= 75 + 1),
        "lines folded at 75 octets"
    );
}

#[test]
fn a_zone_the_browser_does_not_know_leaves_the_meeting_floating() {
    let mut ws = Workspace::new();
    ws.init("Strefy").unwrap();
    let mut draft = MeetingDraft::new("2026-03-02T10:00");
    draft.time_zone = Some("Mars/Olympus_Mons".into());
    ws.add_meeting(draft).unwrap();
    let calendar: icalendar::Calendar = to_ics(&ws, Lang::Pl, winter_warsaw).parse().unwrap();
    let event = calendar.events().next().unwrap();
    assert_eq!(event.get_start(), Some(floating("2026-03-02T10:00")));
}

#[test]
fn a_zone_name_of_the_wrong_shape_is_refused() {
    let mut ws = Workspace::new();
    ws.init("Strefy").unwrap();
    let mut draft = MeetingDraft::new("2026-03-02T10:00");
    draft.time_zone = Some("Europe/Warsaw\r\nX-EVIL:1".into());
    assert!(matches!(ws.add_meeting(draft), Err(Error::Invalid(_))));
    let id = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    let bad = MeetingField::StartsAt {
        at: "2026-03-02T11:00".into(),
        time_zone: Some("".into()),
    };
    assert!(matches!(ws.set_meeting(&id, bad), Err(Error::Invalid(_))));
    let good = MeetingField::StartsAt {
        at: "2026-03-02T11:00".into(),
        time_zone: Some("America/New_York".into()),
    };
    ws.set_meeting(&id, good).unwrap();
    let m = ws.meeting(&id).unwrap();
    assert_eq!(
        (m.starts_at.as_str(), m.time_zone.as_deref()),
        ("2026-03-02T11:00", Some("America/New_York"))
    );
    let copy = Workspace::load(&ws.encode(), Vec::new()).unwrap();
    assert_eq!(
        copy.meeting(&id).unwrap().time_zone.as_deref(),
        Some("America/New_York")
    );
}
