//! A workspace's overview: the dashboard's data, small beside the
//! document, and the same dashboard on the day it was taken and later.

use tandem_shared::generate::{self, Size};
use tandem_shared::health::{self, signals_of, FirstSteps};
use tandem_shared::validate::parse_date;
use tandem_shared::*;

fn meeting(ws: &mut Workspace, at: &str, open_action: bool) -> Id {
    let m = ws.add_meeting(MeetingDraft::new(at)).unwrap();
    ws.set_text(&TextField::MeetingNotes(m.clone()), "Długie notatki", None)
        .unwrap();
    ws.add_agenda_item(&m, "Plan kwartalny").unwrap();
    let action = ws
        .add_action(
            &m,
            ActionDraft {
                title: format!("Zadanie z {at}"),
                owner: Role::Mentee,
                due: "2026-03-20".into(),
            },
        )
        .unwrap();
    if !open_action {
        ws.set_action(&m, &action, ActionField::Done(true)).unwrap();
    }
    m
}

/// Everything the dashboard shows and judges on `today`, from the
/// workspace's overview taken on `taken`.
fn dashboard(ws: &Workspace, taken: &str, today: &str) -> String {
    let o = ws.overview(taken);
    let next = o.meetings.iter().find(|m| m.starts_at.as_str() >= today);
    let open: Vec<&str> = o
        .meetings
        .iter()
        .flat_map(|m| m.open_actions.iter().map(|a| a.title.as_str()))
        .collect();
    let goals: Vec<(&str, u8, bool)> = o
        .goals
        .iter()
        .map(|g| (g.title.as_str(), g.progress, g.is_overdue(today)))
        .collect();
    let signals = signals_of(&o, parse_date(today).unwrap(), 4);
    format!(
        "{:?}\n{open:?}\n{goals:?}\n{signals:?}\n{:?}",
        next.map(|m| (&m.id, &m.starts_at, m.duration_min, m.mode)),
        FirstSteps::of(&o)
    )
}

#[test]
fn the_overview_shows_the_same_dashboard_on_its_day_and_later() {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws.set_text(&TextField::Purpose, "Rozwój lidera", None)
        .unwrap();
    let goal = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    ws.set_text(
        &TextField::GoalCriteria(goal.clone()),
        "3 prezentacje",
        None,
    )
    .unwrap();
    ws.add_milestone(&goal, "Pierwsza").unwrap();
    let done = ws.add_milestone(&goal, "Druga").unwrap();
    ws.set_milestone_done(&goal, &done, true, "2026-02-01")
        .unwrap();
    let stale = ws.add_goal(GoalDraft::new("Stary cel")).unwrap();
    ws.set_goal(
        &stale,
        GoalField::TargetDate("2026-03-01".into()),
        "2026-01-10",
    )
    .unwrap();
    meeting(&mut ws, "2026-01-05T10:00", false);
    meeting(&mut ws, "2026-01-19T10:00", true);
    meeting(&mut ws, "2026-02-02T10:00", false);
    let last = meeting(&mut ws, "2026-02-16T10:00", false);
    meeting(&mut ws, "2026-03-03T10:00", false);
    meeting(&mut ws, "2026-03-17T10:00", false);

    let overview = ws.overview("2026-03-02");
    // Not the meetings long past without an open item; only open items.
    let kept: Vec<&str> = overview
        .meetings
        .iter()
        .map(|m| m.starts_at.as_str())
        .collect();
    assert_eq!(
        kept,
        [
            "2026-01-19T10:00",
            "2026-02-16T10:00",
            "2026-03-03T10:00",
            "2026-03-17T10:00"
        ]
    );
    assert_eq!(overview.meetings[1].id, last);
    assert!(overview.meetings[1].open_actions.is_empty());
    assert_eq!(overview.meetings[0].open_actions.len(), 1);
    let goal = &overview.goals[0];
    assert_eq!(
        (goal.progress, goal.progress_changed.as_deref()),
        (50, Some("2026-02-01"))
    );

    // The same dashboard from the overview taken that day as from one taken
    // on each later day, as from the whole document then.
    for day in ["2026-03-02", "2026-03-04", "2026-03-18", "2026-05-01"] {
        assert_eq!(
            dashboard(&ws, "2026-03-02", day),
            dashboard(&ws, day, day),
            "on {day}"
        );
        assert_eq!(
            signals_of(&ws.overview("2026-03-02"), parse_date(day).unwrap(), 4),
            health::signals(&ws, parse_date(day).unwrap(), 4),
            "on {day}"
        );
    }

    let json = serde_json::to_string(&overview).unwrap();
    assert_eq!(serde_json::from_str::<Overview>(&json).unwrap(), overview);
}

#[test]
fn the_five_year_overview_is_small_beside_its_document() {
    let ws = generate::workspace(2026, &Size::five_years());
    let last = ws.meetings().last().unwrap().starts_at[..10].to_string();
    let json = serde_json::to_string(&ws.overview(&last)).unwrap();
    let document = ws.encode().len();
    // Stored beside the document, it must stay a small part of it (issue
    // 12: stored bytes ≤ 1.2 × the document).
    assert!(
        json.len() * 40 < document,
        "overview {} bytes, document {document}",
        json.len()
    );
}
