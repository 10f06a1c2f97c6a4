//! Health-signal rules on fixed dates, and the chart series.

use chrono::NaiveDate;
use tandem_shared::health::{meeting_gap, signals, FirstSteps};
use tandem_shared::*;

fn day(s: &str) -> NaiveDate {
    validate::parse_date(s).unwrap()
}

fn workspace() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws
}

fn no_recent_meeting(ws: &Workspace, today: &str) -> Option<HealthSignal> {
    meeting_gap(&ws.agreement(), &ws.overview(today).meetings, day(today))
}

#[test]
fn no_meeting_for_longer_than_the_cadence() {
    let mut ws = workspace();
    ws.set_agreement(AgreementField::StartDate("2026-01-01".into()))
        .unwrap();
    // No meeting yet: counted from the start of the agreement, 14 days by default.
    assert_eq!(no_recent_meeting(&ws, "2026-01-15"), None);
    assert_eq!(
        no_recent_meeting(&ws, "2026-01-20"),
        Some(HealthSignal::NoRecentMeeting {
            last: None,
            days: 19,
            cadence_days: 14
        })
    );

    ws.set_agreement(AgreementField::CadenceDays(7)).unwrap();
    ws.add_meeting(MeetingDraft::new("2026-03-01T10:00"))
        .unwrap();
    // A meeting still to come does not count as held.
    ws.add_meeting(MeetingDraft::new("2026-03-20T10:00"))
        .unwrap();
    assert_eq!(
        no_recent_meeting(&ws, "2026-03-08"),
        None,
        "7 days: on time"
    );
    assert_eq!(
        no_recent_meeting(&ws, "2026-03-09"),
        Some(HealthSignal::NoRecentMeeting {
            last: Some("2026-03-01".into()),
            days: 8,
            cadence_days: 7
        })
    );
    assert_eq!(
        no_recent_meeting(&ws, "2026-03-21"),
        None,
        "met on the 20th"
    );

    // Once the agreement has ended the rhythm no longer matters.
    ws.set_agreement(AgreementField::EndDate("2026-06-30".into()))
        .unwrap();
    assert!(no_recent_meeting(&ws, "2026-06-30").is_some());
    assert_eq!(no_recent_meeting(&ws, "2026-07-01"), None);
}

#[test]
fn nothing_to_measure_from_gives_no_meeting_signal() {
    let ws = workspace();
    assert_eq!(no_recent_meeting(&ws, "2030-01-01"), None);
}

#[test]
fn a_goal_without_progress_for_n_weeks_is_stalled() {
    let mut ws = workspace();
    let running = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    ws.set_goal(
        &running,
        GoalField::Status(GoalStatus::InProgress),
        "2026-01-05",
    )
    .unwrap();
    let achieved = ws.add_goal(GoalDraft::new("Awans")).unwrap();
    ws.set_goal(
        &achieved,
        GoalField::Status(GoalStatus::Achieved),
        "2026-01-05",
    )
    .unwrap();
    // Never touched: no date to judge it by.
    ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();

    let stalled = |ws: &Workspace, today: &str, weeks: u32| {
        signals(ws, day(today), weeks)
            .into_iter()
            .filter(|s| matches!(s, HealthSignal::StalledGoal { .. }))
            .collect::<Vec<_>>()
    };
    assert!(stalled(&ws, "2026-02-01", 4).is_empty(), "27 days");
    assert_eq!(
        stalled(&ws, "2026-02-02", 4),
        [HealthSignal::StalledGoal {
            goal_id: running.clone(),
            title: "Rust".into(),
            since: "2026-01-05".into(),
            weeks: 4
        }]
    );
    assert!(
        stalled(&ws, "2026-06-01", 0).is_empty(),
        "0 turns the rule off"
    );

    // Progress resets the clock.
    let m = ws.add_milestone(&running, "Książka").unwrap();
    ws.set_milestone_done(&running, &m, true, "2026-01-30")
        .unwrap();
    assert!(stalled(&ws, "2026-02-02", 4).is_empty());
    assert_eq!(stalled(&ws, "2026-03-02", 4).len(), 1);
}

#[test]
fn overdue_actions_oldest_due_first() {
    let mut ws = workspace();
    let m = ws
        .add_meeting(MeetingDraft::new("2026-03-01T10:00"))
        .unwrap();
    let add = |ws: &mut Workspace, title: &str, due: &str| {
        ws.add_action(
            &m,
            ActionDraft {
                title: title.into(),
                owner: Role::Mentee,
                due: due.into(),
            },
        )
        .unwrap()
    };
    let late = add(&mut ws, "Późno", "2026-03-10");
    let later = add(&mut ws, "Bardzo późno", "2026-03-05");
    let done = add(&mut ws, "Zrobione", "2026-03-01");
    ws.set_action(&m, &done, ActionField::Done(true)).unwrap();
    add(&mut ws, "Bez terminu", "");
    add(&mut ws, "Na dziś", "2026-03-12");

    let overdue: Vec<_> = signals(&ws, day("2026-03-12"), 4)
        .into_iter()
        .filter(|s| matches!(s, HealthSignal::OverdueAction { .. }))
        .collect();
    assert_eq!(
        overdue,
        [
            HealthSignal::OverdueAction {
                meeting_id: m.clone(),
                action_id: later,
                title: "Bardzo późno".into(),
                due: "2026-03-05".into(),
                days: 7
            },
            HealthSignal::OverdueAction {
                meeting_id: m.clone(),
                action_id: late,
                title: "Późno".into(),
                due: "2026-03-10".into(),
                days: 2
            },
        ]
    );
}

#[test]
fn signals_come_meeting_first_then_goals_then_actions() {
    let mut ws = workspace();
    let m = ws
        .add_meeting(MeetingDraft::new("2026-01-05T10:00"))
        .unwrap();
    ws.add_action(
        &m,
        ActionDraft {
            title: "Slajdy".into(),
            owner: Role::Mentee,
            due: "2026-01-12".into(),
        },
    )
    .unwrap();
    let g = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    ws.set_goal(&g, GoalField::Status(GoalStatus::InProgress), "2026-01-05")
        .unwrap();
    let kinds: Vec<&str> = signals(&ws, day("2026-03-01"), 2)
        .iter()
        .map(|s| match s {
            HealthSignal::NoRecentMeeting { .. } => "meeting",
            HealthSignal::OverdueGoal { .. } => "late goal",
            HealthSignal::StalledGoal { .. } => "goal",
            HealthSignal::OverdueAction { .. } => "action",
        })
        .collect();
    assert_eq!(kinds, ["meeting", "goal", "action"]);
    // A healthy pair shows nothing.
    assert!(signals(&ws, day("2026-01-06"), 2).is_empty());
}

#[test]
fn chart_series_follow_the_check_ins_and_progress() {
    let mut ws = workspace();
    let g1 = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    let g2 = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    ws.add_goal(GoalDraft::new("Nieoceniany")).unwrap();
    let mut c = CheckInDraft::new("2026-02-01");
    c.skills.insert(g1.clone(), 3);
    c.confidence = 3;
    c.motivation = 4;
    ws.add_check_in(c).unwrap();
    let mut c = CheckInDraft::new("2026-01-01");
    c.skills.insert(g1.clone(), 1);
    c.skills.insert(g2.clone(), 2);
    c.confidence = 2;
    c.motivation = 5;
    ws.add_check_in(c).unwrap();

    let p = |date: &str, value: u8| Point {
        date: date.into(),
        value,
    };
    let series = ws.progress_series();
    assert_eq!(
        series
            .skills
            .iter()
            .map(|s| (s.title.as_str(), s.points.clone()))
            .collect::<Vec<_>>(),
        [
            ("Rust", vec![p("2026-01-01", 1), p("2026-02-01", 3)]),
            ("Wystąpienia", vec![p("2026-01-01", 2)]),
        ]
    );
    assert_eq!(series.confidence, [p("2026-01-01", 2), p("2026-02-01", 3)]);
    assert_eq!(series.motivation, [p("2026-01-01", 5), p("2026-02-01", 4)]);

    ws.set_goal(&g2, GoalField::ManualProgress(Some(30)), "2026-01-10")
        .unwrap();
    ws.set_goal(&g2, GoalField::ManualProgress(Some(60)), "2026-02-10")
        .unwrap();
    let progress = ws.goal_progress_series();
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].goal_id, g2);
    assert_eq!(
        progress[0].points,
        [p("2026-01-10", 30), p("2026-02-10", 60)]
    );
}

#[test]
fn meetings_per_month_include_empty_months() {
    let mut ws = workspace();
    assert!(ws.meetings_per_month(day("2026-06-01")).is_empty());
    for at in ["2026-01-05T10:00", "2026-01-19T10:00", "2026-03-31T18:00"] {
        ws.add_meeting(MeetingDraft::new(at)).unwrap();
    }
    let counts = |ws: &Workspace| {
        ws.meetings_per_month(day("2026-06-01"))
            .into_iter()
            .map(|m| (m.month, m.meetings, m.expected))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        counts(&ws),
        [
            ("2026-01".to_string(), 2, None),
            ("2026-02".to_string(), 0, None),
            ("2026-03".to_string(), 1, None),
        ]
    );
    ws.set_agreement(AgreementField::CadenceDays(14)).unwrap();
    let expected: Vec<_> = counts(&ws).into_iter().map(|c| c.2).collect();
    assert_eq!(expected, [Some(31.0 / 14.0), Some(2.0), Some(31.0 / 14.0)]);
}

#[test]
fn meetings_per_month_count_only_meetings_held() {
    let mut ws = workspace();
    for at in ["2026-01-05T10:00", "2026-02-10T10:00", "2026-02-20T10:00"] {
        ws.add_meeting(MeetingDraft::new(at)).unwrap();
    }
    let months = |today: &str| {
        ws.meetings_per_month(day(today))
            .into_iter()
            .map(|m| (m.month, m.meetings))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        months("2026-02-15"),
        [("2026-01".to_string(), 1), ("2026-02".to_string(), 1)],
        "the meeting on the 20th is still ahead"
    );
    assert_eq!(months("2026-02-20")[1].1, 2, "held on its day");
    assert!(months("2026-01-04").is_empty(), "nothing held yet");
}

#[test]
fn a_goal_past_its_target_date_is_overdue_until_achieved_or_dropped() {
    let mut ws = workspace();
    let mut draft = GoalDraft::new("Certyfikat");
    draft.target_date = "2026-03-01".into();
    let goal = ws.add_goal(draft).unwrap();
    ws.add_goal(GoalDraft::new("Bez terminu")).unwrap();
    let overdue = |ws: &Workspace, today: &str| {
        signals(ws, day(today), 4)
            .into_iter()
            .filter(|s| matches!(s, HealthSignal::OverdueGoal { .. }))
            .collect::<Vec<_>>()
    };
    assert!(
        overdue(&ws, "2026-03-01").is_empty(),
        "due today is not late"
    );
    assert_eq!(
        overdue(&ws, "2026-03-11"),
        [HealthSignal::OverdueGoal {
            goal_id: goal.clone(),
            title: "Certyfikat".into(),
            target: "2026-03-01".into(),
            days: 10
        }]
    );
    // Flagged as overdue, not also as stalled.
    ws.set_goal(
        &goal,
        GoalField::Status(GoalStatus::InProgress),
        "2026-01-05",
    )
    .unwrap();
    let all = signals(&ws, day("2026-06-01"), 4);
    assert_eq!(all.len(), 1, "{all:?}");
    ws.set_goal(&goal, GoalField::Status(GoalStatus::Achieved), "2026-06-01")
        .unwrap();
    assert!(overdue(&ws, "2026-06-01").is_empty());
}

#[test]
fn first_steps_follow_what_the_pair_has_done() {
    let mut ws = workspace();
    let steps = |ws: &Workspace| FirstSteps::of(&ws.overview("2026-01-01"));
    assert_eq!(steps(&ws), FirstSteps::default());
    ws.set_text(&TextField::Purpose, "Rozwój", None).unwrap();
    ws.add_goal(GoalDraft::new("Rust")).unwrap();
    assert!(steps(&ws).agreement && steps(&ws).goal && !steps(&ws).all_done());
    ws.add_meeting(MeetingDraft::new("2030-01-01T10:00"))
        .unwrap();
    assert!(steps(&ws).all_done());
}
