//! A workspace's overview: the dashboard's data, small beside the
//! document, and the same dashboard on the day it was taken and later.

use tandem_shared::generate::{self, Size};
use tandem_shared::health::{signals_of, FirstSteps};
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

/// Everything the dashboard derives, on `today`.
fn dashboard(agreement: &Agreement, goals: &[Goal], meetings: &[Meeting], today: &str) -> String {
    let next = meetings.iter().find(|m| m.starts_at.as_str() >= today);
    let open: Vec<&str> = meetings
        .iter()
        .flat_map(|m| {
            m.actions
                .iter()
                .filter(|a| !a.done)
                .map(|a| a.title.as_str())
        })
        .collect();
    let goals_shown: Vec<(String, u8, bool)> = goals
        .iter()
        .map(|g| (g.title.clone(), g.progress(), g.is_overdue(today)))
        .collect();
    let signals = signals_of(agreement, meetings, goals, parse_date(today).unwrap(), 4);
    format!(
        "{:?}\n{open:?}\n{goals_shown:?}\n{signals:?}\n{:?}",
        next.map(|m| (&m.id, &m.starts_at, m.duration_min, m.mode)),
        FirstSteps::of(agreement, goals, meetings)
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
    // Not the long texts, nor the meetings long past without an open item.
    assert!(overview
        .meetings
        .iter()
        .all(|m| m.notes.is_empty() && m.agenda.is_empty()));
    assert!(overview
        .goals
        .iter()
        .all(|g| g.success_criteria.is_empty() && g.milestones.is_empty()));
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

    let (agreement, goals, meetings) = (ws.agreement(), ws.goals(), ws.meetings());
    for day in ["2026-03-02", "2026-03-04", "2026-03-18", "2026-05-01"] {
        assert_eq!(
            dashboard(
                &overview.agreement,
                &overview.goals,
                &overview.meetings,
                day
            ),
            dashboard(&agreement, &goals, &meetings, day),
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
        json.len() * 20 < document,
        "overview {} bytes, document {document}",
        json.len()
    );
}
