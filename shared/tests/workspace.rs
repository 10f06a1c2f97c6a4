//! The typed model over the CRDT document: every mutation survives an
//! encode/load round trip, and two copies edited apart merge without loss.

use tandem_shared::*;

/// A copy of `ws` made the way another device gets it: from its encoding.
fn reload(ws: &Workspace) -> Workspace {
    Workspace::load(&ws.encode(), Vec::new()).expect("own encoding loads")
}

/// Asserts that every typed view reads the same after a round trip.
fn assert_round_trips(ws: &Workspace) {
    let copy = reload(ws);
    assert_eq!(copy.name(), ws.name());
    assert_eq!(copy.agreement(), ws.agreement());
    assert_eq!(copy.goals(), ws.goals());
    assert_eq!(copy.meetings(), ws.meetings());
    assert_eq!(copy.contents(), ws.contents());
}

/// The day the tests' progress happens.
const DAY: &str = "2026-03-02";

fn workspace() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws
}

#[test]
fn agreement_mutations_round_trip() {
    let mut ws = workspace();
    ws.set_text(&TextField::Purpose, "Rozwój kompetencji lidera", None)
        .unwrap();
    ws.set_text(&TextField::Confidentiality, "Zostaje między nami.", None)
        .unwrap();
    ws.set_agreement(AgreementField::StartDate("2026-01-05".into()))
        .unwrap();
    ws.set_agreement(AgreementField::EndDate("2026-12-18".into()))
        .unwrap();
    ws.set_agreement(AgreementField::CadenceDays(14)).unwrap();
    ws.set_agreement(AgreementField::Channel(MeetingMode::Online, true))
        .unwrap();
    ws.set_agreement(AgreementField::Channel(MeetingMode::Phone, true))
        .unwrap();
    ws.set_agreement(AgreementField::Channel(MeetingMode::Phone, false))
        .unwrap();
    let a = ws.agreement();
    assert_eq!(a.purpose, "Rozwój kompetencji lidera");
    assert_eq!(a.confidentiality, "Zostaje między nami.");
    assert_eq!(
        (a.start_date.as_str(), a.end_date.as_str()),
        ("2026-01-05", "2026-12-18")
    );
    assert_eq!(a.cadence_days, 14);
    assert_eq!(a.channels, vec![MeetingMode::Online]);
    assert_round_trips(&ws);
}

#[test]
fn goal_mutations_round_trip() {
    let mut ws = workspace();
    let mut draft = GoalDraft::new("Publiczne wystąpienia");
    draft.category = GoalCategory::Career;
    draft.target_date = "2026-06-30".into();
    draft.description = "Mówić bez stresu".into();
    let g = ws.add_goal(draft).unwrap();
    let other = ws.add_goal(GoalDraft::new("Awans")).unwrap();
    ws.set_goal(&g, GoalField::Status(GoalStatus::InProgress), DAY)
        .unwrap();
    ws.set_goal(&g, GoalField::Category(GoalCategory::Skill), DAY)
        .unwrap();
    ws.set_goal(&g, GoalField::TargetDate("2026-07-31".into()), DAY)
        .unwrap();
    ws.set_text(&TextField::GoalCriteria(g.clone()), "3 prezentacje", None)
        .unwrap();
    ws.set_text(
        &TextField::GoalTitle(g.clone()),
        "Publiczne wystąpienia!",
        None,
    )
    .unwrap();
    let m1 = ws.add_milestone(&g, "Pierwsza prezentacja").unwrap();
    let m2 = ws.add_milestone(&g, "Druga prezentacja").unwrap();
    ws.set_milestone_done(&g, &m1, true, DAY).unwrap();
    ws.move_milestone(&g, &m2, 0).unwrap();
    ws.move_goal(&g, 1).unwrap();

    let goals = ws.goals();
    assert_eq!(
        goals.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        [other.as_str(), g.as_str()]
    );
    let goal = ws.goal(&g).unwrap();
    assert_eq!(goal.title, "Publiczne wystąpienia!");
    assert_eq!(goal.description, "Mówić bez stresu");
    assert_eq!(goal.success_criteria, "3 prezentacje");
    assert_eq!(goal.status, GoalStatus::InProgress);
    assert_eq!(goal.category, GoalCategory::Skill);
    assert_eq!(goal.target_date, "2026-07-31");
    assert_eq!(
        goal.milestones
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        [m2.as_str(), m1.as_str()]
    );
    assert_eq!(goal.progress(), 50);
    assert_round_trips(&ws);

    ws.set_goal(&g, GoalField::ManualProgress(Some(80)), DAY)
        .unwrap();
    ws.set_text(
        &TextField::GoalProgressComment(g.clone()),
        "Prawie gotowe",
        None,
    )
    .unwrap();
    assert_eq!(ws.goal(&g).unwrap().progress(), 80);
    assert_round_trips(&ws);
    ws.set_goal(&g, GoalField::ManualProgress(None), DAY)
        .unwrap();
    assert_eq!(ws.goal(&g).unwrap().progress(), 50, "back to milestones");

    ws.delete_milestone(&g, &m1).unwrap();
    assert_eq!(ws.goal(&g).unwrap().progress(), 0);
    ws.delete_goal(&other).unwrap();
    assert_eq!(ws.goals().len(), 1);
    assert_round_trips(&ws);
}

#[test]
fn meeting_mutations_round_trip() {
    let mut ws = workspace();
    let goal = ws.add_goal(GoalDraft::new("Delegowanie")).unwrap();
    let m = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    ws.set_meeting(&m, MeetingField::Mode(MeetingMode::Online))
        .unwrap();
    ws.set_meeting(&m, MeetingField::DurationMin(45)).unwrap();
    ws.set_meeting(
        &m,
        MeetingField::StartsAt {
            at: "2026-03-02T11:00".into(),
            time_zone: None,
        },
    )
    .unwrap();
    ws.set_text(
        &TextField::MeetingPlace(m.clone()),
        "https://meet.example/abc",
        None,
    )
    .unwrap();
    ws.set_text(
        &TextField::MeetingNotes(m.clone()),
        "Omówiliśmy plan.",
        None,
    )
    .unwrap();
    let a = ws.add_agenda_item(&m, "Plan kwartalny").unwrap();
    let b = ws.add_agenda_item(&m, "Feedback").unwrap();
    ws.set_agenda_discussed(&m, &a, true).unwrap();
    ws.move_agenda_item(&m, &b, 0).unwrap();
    ws.set_text(
        &TextField::AgendaText(m.clone(), b.clone()),
        "Feedback 360",
        None,
    )
    .unwrap();
    let act = ws
        .add_action(
            &m,
            ActionDraft {
                title: "Przygotować slajdy".into(),
                owner: Role::Mentee,
                due: "2026-03-09".into(),
            },
        )
        .unwrap();
    ws.set_action(&m, &act, ActionField::Owner(Role::Mentor))
        .unwrap();
    ws.set_action(&m, &act, ActionField::Due("2026-03-10".into()))
        .unwrap();
    ws.set_action(&m, &act, ActionField::Done(true)).unwrap();
    ws.set_text(
        &TextField::ActionTitle(m.clone(), act.clone()),
        "Slajdy v2",
        None,
    )
    .unwrap();
    ws.link_goal(&m, &goal, true).unwrap();

    let meeting = ws.meeting(&m).unwrap();
    assert_eq!(meeting.starts_at, "2026-03-02T11:00");
    assert_eq!(
        (meeting.duration_min, meeting.mode),
        (45, MeetingMode::Online)
    );
    assert_eq!(meeting.place, "https://meet.example/abc");
    assert_eq!(meeting.notes, "Omówiliśmy plan.");
    assert_eq!(
        meeting
            .agenda
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["Feedback 360", "Plan kwartalny"]
    );
    assert!(meeting.agenda[1].discussed);
    let action = &meeting.actions[0];
    assert_eq!(
        (
            action.title.as_str(),
            action.owner,
            action.due.as_str(),
            action.done
        ),
        ("Slajdy v2", Role::Mentor, "2026-03-10", true)
    );
    assert_eq!(meeting.goal_ids, vec![goal.clone()]);
    assert_round_trips(&ws);

    ws.delete_goal(&goal).unwrap();
    assert!(
        ws.meeting(&m).unwrap().goal_ids.is_empty(),
        "a deleted goal's link is not shown"
    );
    ws.delete_action(&m, &act).unwrap();
    ws.delete_agenda_item(&m, &a).unwrap();
    assert_eq!(ws.meeting(&m).unwrap().agenda.len(), 1);
    ws.delete_meeting(&m).unwrap();
    assert!(ws.meetings().is_empty());
    assert_round_trips(&ws);
}

#[test]
fn carry_over_moves_open_items_to_the_next_meeting() {
    let mut ws = workspace();
    let first = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    let second = ws
        .add_meeting(MeetingDraft::new("2026-03-16T10:00"))
        .unwrap();
    ws.add_agenda_item(&second, "Już zaplanowane").unwrap();
    let done = ws.add_agenda_item(&first, "Omówione").unwrap();
    ws.add_agenda_item(&first, "Nieomówione").unwrap();
    ws.set_agenda_discussed(&first, &done, true).unwrap();

    assert_eq!(ws.carry_over_agenda(&first).unwrap(), second);
    let texts = |id: &str| {
        ws.meeting(id)
            .unwrap()
            .agenda
            .into_iter()
            .map(|a| a.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&first), ["Omówione"]);
    assert_eq!(texts(&second), ["Już zaplanowane", "Nieomówione"]);

    // No later meeting: one is scheduled a cadence later.
    ws.set_agreement(AgreementField::CadenceDays(7)).unwrap();
    ws.add_agenda_item(&second, "Następnym razem").unwrap();
    let third = ws.carry_over_agenda(&second).unwrap();
    let third = ws.meeting(&third).unwrap();
    assert_eq!(third.starts_at, "2026-03-23T10:00");
    assert_eq!(third.agenda.len(), 3);
    assert!(ws.meeting(&second).unwrap().agenda.is_empty());
}

#[test]
fn invalid_input_is_refused_and_changes_nothing() {
    let mut ws = workspace();
    let before = ws.encode();
    let err = ws.add_goal(GoalDraft::new("   ")).unwrap_err();
    assert_eq!(
        err,
        Error::Invalid(vec![Invalid {
            field: "title",
            problem: Problem::Required
        }])
    );
    assert!(matches!(
        ws.add_meeting(MeetingDraft::new("jutro")),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        ws.set_agreement(AgreementField::CadenceDays(0)),
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        ws.set_goal("missing", GoalField::Status(GoalStatus::Achieved), DAY),
        Err(Error::NotFound)
    );
    assert_eq!(ws.encode(), before);
}

#[test]
fn garbage_does_not_load() {
    assert!(matches!(
        Workspace::load(b"not a yrs update", Vec::new()),
        Err(Error::Decode(_))
    ));
    let good = workspace().encode();
    assert!(matches!(
        Workspace::load(&good, vec![vec![0xff, 0xff, 0xff]]),
        Err(Error::Decode(_))
    ));
}

#[test]
fn outbox_replays_every_local_change() {
    let mut ws = workspace();
    let g = ws.add_goal(GoalDraft::new("Cel")).unwrap();
    for i in 0..40 {
        ws.set_text(&TextField::GoalDescription(g.clone()), &"x".repeat(i), None)
            .unwrap();
    }
    // A change that changes nothing queues nothing.
    let queued = ws.outbox().len();
    ws.set_text(
        &TextField::GoalDescription(g.clone()),
        &"x".repeat(39),
        None,
    )
    .unwrap();
    assert_eq!(ws.outbox().len(), queued);
    ws.compact_outbox().unwrap();
    assert_eq!(ws.outbox().len(), 1, "merged into one");
    // A fresh replica that receives only the outbox has everything.
    let mut fresh = Workspace::new();
    for update in ws.outbox() {
        fresh.apply_remote(update).unwrap();
    }
    assert_eq!(fresh.goals(), ws.goals());
    ws.acknowledge(1);
    assert!(ws.outbox().is_empty());
    // Remote updates are not ours to send.
    fresh.apply_remote(&reload(&ws).encode()).unwrap();
    assert!(fresh.outbox().is_empty());
}

/// What the app's storage keeps: a snapshot, then only each change's own
/// update appended to a log. Snapshot + log loads as the whole workspace,
/// remote changes included, and loading leaves nothing unsaved.
#[test]
fn snapshot_and_log_of_unsaved_updates_restore_everything() {
    let mut ws = workspace();
    let snapshot = ws.encode();
    let count = ws.unsaved().len();
    ws.saved(count);
    assert!(ws.unsaved().is_empty());

    let g = ws.add_goal(GoalDraft::new("Cel")).unwrap();
    for i in 1..=20 {
        ws.set_text(&TextField::GoalDescription(g.clone()), &"x".repeat(i), None)
            .unwrap();
    }
    let mut other = reload(&ws);
    other.add_goal(GoalDraft::new("Drugi cel")).unwrap();
    let theirs = other.outbox().last().unwrap().clone();
    ws.apply_remote(&theirs).unwrap();
    // Every local change and the remote one, each once, in order.
    assert_eq!(ws.unsaved().len(), 22);
    assert_eq!(ws.unsaved().last(), Some(&theirs));
    // Saved in two goes, as when one write failed and the next one retried.
    let mut log = ws.unsaved()[..5].to_vec();
    ws.saved(5);
    log.extend(ws.unsaved().iter().cloned());
    let count = ws.unsaved().len();
    ws.saved(count);
    assert!(ws.unsaved().is_empty());

    let loaded: Workspace = Replica::load_with_log(&snapshot, &log, ws.outbox().to_vec())
        .unwrap()
        .into();
    assert_eq!(loaded.contents(), ws.contents());
    assert_eq!(loaded.goals().len(), 2);
    assert_eq!(loaded.outbox(), ws.outbox());
    assert!(loaded.unsaved().is_empty());
    // An entry of the log that is not an update: the whole load fails.
    let mut broken = log.clone();
    broken.insert(3, vec![0xff, 0x00, 0x13]);
    assert!(Replica::load_with_log(&snapshot, &broken, Vec::new()).is_err());
}

/// Two devices each edit a copy of one workspace with no connection, then
/// exchange their states in both orders.
#[test]
fn concurrent_edits_merge_without_loss() {
    let mut anna = workspace();
    let g = anna.add_goal(GoalDraft::new("Negocjacje")).unwrap();
    let m = anna
        .add_meeting(MeetingDraft::new("2026-04-01T09:00"))
        .unwrap();
    let notes = TextField::MeetingNotes(m.clone());
    anna.set_text(&notes, "Początek. Koniec.", None).unwrap();
    let mut piotr = reload(&anna);

    // Both type in the middle of the same notes, at the same spot.
    anna.set_text(&notes, "Początek. Anna pisze. Koniec.", None)
        .unwrap();
    piotr
        .set_text(&notes, "Początek. Piotr dopisuje. Koniec.", None)
        .unwrap();
    // Each edits a different field of one goal.
    anna.set_goal(&g, GoalField::Status(GoalStatus::InProgress), DAY)
        .unwrap();
    piotr
        .set_goal(&g, GoalField::TargetDate("2026-09-30".into()), DAY)
        .unwrap();

    let (a_state, p_state) = (anna.encode(), piotr.encode());
    anna.apply_remote(&p_state).unwrap();
    piotr.apply_remote(&a_state).unwrap();

    assert_eq!(anna.meetings(), piotr.meetings());
    assert_eq!(anna.goals(), piotr.goals());
    let merged = anna.text(&notes);
    assert!(merged.contains("Anna pisze. "), "{merged}");
    assert!(merged.contains("Piotr dopisuje. "), "{merged}");
    assert!(
        merged.starts_with("Początek. ") && merged.ends_with("Koniec."),
        "{merged}"
    );
    assert_eq!(
        merged.chars().count(),
        "Początek. Anna pisze. Piotr dopisuje. Koniec."
            .chars()
            .count()
    );
    let goal = anna.goal(&g).unwrap();
    assert_eq!(
        (goal.status, goal.target_date.as_str()),
        (GoalStatus::InProgress, "2026-09-30")
    );
}

#[test]
fn concurrent_reorders_keep_every_item_once() {
    let mut a = workspace();
    let ids: Vec<_> = (0..4)
        .map(|i| a.add_goal(GoalDraft::new(format!("G{i}"))).unwrap())
        .collect();
    let mut b = reload(&a);
    a.move_goal(&ids[3], 0).unwrap();
    b.move_goal(&ids[0], 3).unwrap();
    let (sa, sb) = (a.encode(), b.encode());
    a.apply_remote(&sb).unwrap();
    b.apply_remote(&sa).unwrap();
    let order = |w: &Workspace| w.goals().into_iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(order(&a), order(&b));
    let mut sorted = order(&a);
    sorted.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(sorted, expected);
}

/// How the app keeps tabs in step: an echo of what a copy has is neither
/// stored again nor sent again; another tab's change is sent (in case that
/// tab goes before it does) but not stored (that tab stores it); what is
/// read back from storage is neither.
#[test]
fn updates_are_kept_for_storage_and_the_server_only_where_they_belong() {
    let mut tab1 = workspace();
    let mut tab2 = reload(&tab1);
    let saved = tab1.unsaved().len();
    tab1.saved(saved);
    tab1.take_outbox();
    let g = tab1.add_goal(GoalDraft::new("Z drugiej karty")).unwrap();
    let made = tab1.take_outbox();
    assert_eq!(made.len(), 1);
    assert_eq!(tab1.unsaved().len(), 1, "the tab that made it stores it");

    assert!(tab2.apply_from_device(&made[0]).unwrap());
    assert!(tab2.unsaved().is_empty(), "stored by the tab that made it");
    assert_eq!(
        tab2.take_outbox(),
        made,
        "sent by whichever tab is connected"
    );
    assert!(tab2.goal(&g).is_some());

    // The server echoes it back: nothing changes, nothing is kept.
    assert!(!tab1.apply_remote(&made[0]).unwrap());
    assert_eq!(tab1.unsaved().len(), 1);
    assert!(!tab2.apply_from_device(&made[0]).unwrap());
    assert!(tab2.take_outbox().is_empty());

    // Read back from storage: applied, queued nowhere.
    let mut tab3 = Workspace::new();
    assert!(tab3.apply_stored(&tab1.encode()).unwrap());
    assert!(tab3.unsaved().is_empty() && tab3.outbox().is_empty());
    assert_eq!(tab3.goals(), tab1.goals());
}

/// An update that arrives before the one it builds on changes nothing
/// visible yet, but must still be kept, or it would be lost.
#[test]
fn an_update_waiting_for_its_dependency_counts_as_a_change() {
    let mut source = workspace();
    let base = source.encode();
    let g = source.add_goal(GoalDraft::new("Pierwszy")).unwrap();
    let first = source.outbox().last().unwrap().clone();
    source
        .set_text(&TextField::GoalDescription(g), "opis", None)
        .unwrap();
    let second = source.outbox().last().unwrap().clone();

    let mut copy = Workspace::load(&base, Vec::new()).unwrap();
    assert!(
        copy.apply_remote(&second).unwrap(),
        "held until its dependency comes"
    );
    assert!(copy.apply_remote(&first).unwrap());
    assert_eq!(copy.goals(), source.goals());
}
