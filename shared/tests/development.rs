//! Development activities, feedback, self-assessment check-ins, areas for
//! further development, contacts and the goals' progress log: each
//! mutation reads back, survives an encode/load round trip, and refuses bad
//! input without changing anything.

use std::collections::BTreeMap;

use tandem_shared::*;

fn workspace() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws
}

/// Asserts that every typed view reads the same on another device.
fn assert_round_trips(ws: &Workspace) {
    let copy = Workspace::load(&ws.encode(), Vec::new()).unwrap();
    assert_eq!(copy.contents(), ws.contents());
}

#[test]
fn activity_mutations_round_trip() {
    let mut ws = workspace();
    let goal = ws.add_goal(GoalDraft::new("Negocjacje")).unwrap();
    let mut draft = ActivityDraft::new(ActivityKind::Workshop, "Warsztat negocjacji");
    draft.start_date = "2026-04-10".into();
    draft.support = "Mentor poleca trenera".into();
    let a = ws.add_activity(draft).unwrap();
    let b = ws
        .add_activity(ActivityDraft::new(ActivityKind::Reading, "Getting to Yes"))
        .unwrap();
    ws.set_activity(&a, ActivityField::EndDate("2026-04-11".into()))
        .unwrap();
    ws.set_activity(&a, ActivityField::Status(ActivityStatus::Done))
        .unwrap();
    ws.set_activity(&a, ActivityField::Evaluation(Some(4)))
        .unwrap();
    ws.set_activity(&a, ActivityField::Kind(ActivityKind::Training))
        .unwrap();
    ws.set_text(
        &TextField::ActivityReflection(a.clone()),
        "Więcej pytań otwartych.",
        None,
    )
    .unwrap();
    ws.link_activity_goal(&a, &goal, true).unwrap();
    ws.move_activity(&b, 0).unwrap();

    assert_eq!(
        ws.activities()
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        [b.as_str(), a.as_str()]
    );
    let activity = ws.activity(&a).unwrap();
    assert_eq!(activity.kind, ActivityKind::Training);
    assert_eq!(activity.status, ActivityStatus::Done);
    assert_eq!(
        (activity.start_date.as_str(), activity.end_date.as_str()),
        ("2026-04-10", "2026-04-11")
    );
    assert_eq!(activity.support, "Mentor poleca trenera");
    assert_eq!(activity.evaluation, Some(4));
    assert_eq!(activity.reflection, "Więcej pytań otwartych.");
    assert_eq!(activity.goal_ids, vec![goal.clone()]);
    assert_round_trips(&ws);

    // Bad input changes nothing.
    let before = ws.encode();
    for bad in [
        ActivityField::Evaluation(Some(6)),
        ActivityField::Evaluation(Some(0)),
        ActivityField::StartDate("2026-05-01".into()),
        ActivityField::EndDate("soon".into()),
    ] {
        assert!(matches!(ws.set_activity(&a, bad), Err(Error::Invalid(_))));
    }
    assert!(matches!(
        ws.add_activity(ActivityDraft::new(ActivityKind::Other, " ")),
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        ws.link_activity_goal(&a, "missing", true),
        Err(Error::NotFound)
    );
    assert_eq!(ws.encode(), before);

    ws.set_activity(&a, ActivityField::Evaluation(None))
        .unwrap();
    assert_eq!(ws.activity(&a).unwrap().evaluation, None);
    ws.delete_goal(&goal).unwrap();
    assert!(ws.activity(&a).unwrap().goal_ids.is_empty());
    ws.delete_activity(&a).unwrap();
    assert_eq!(
        ws.set_activity(&a, ActivityField::Status(ActivityStatus::Planned)),
        Err(Error::NotFound)
    );
    assert_eq!(
        ws.set_text(&TextField::ActivityTitle(a.clone()), "x", None),
        Err(Error::NotFound)
    );
    assert_round_trips(&ws);
}

#[test]
fn feedback_goes_both_ways_and_links_hold() {
    let mut ws = workspace();
    let goal = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    let meeting = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    let activity = ws
        .add_activity(ActivityDraft::new(ActivityKind::Practice, "Demo"))
        .unwrap();
    let mut draft = FeedbackDraft::new(Role::Mentor, "2026-03-05");
    draft.went_well = "Jasna struktura".into();
    draft.goal_id = Some(goal.clone());
    draft.meeting_id = Some(meeting.clone());
    let later = ws.add_feedback(draft).unwrap();
    let earlier = ws
        .add_feedback(FeedbackDraft::new(Role::Mentee, "2026-03-01"))
        .unwrap();
    ws.set_text(
        &TextField::FeedbackToImprove(earlier.clone()),
        "Więcej przykładów",
        None,
    )
    .unwrap();
    ws.set_text(
        &TextField::FeedbackNextStep(earlier.clone()),
        "Przygotuję case study",
        None,
    )
    .unwrap();
    ws.set_feedback(&earlier, FeedbackField::Activity(Some(activity.clone())))
        .unwrap();

    let all = ws.feedback();
    assert_eq!(
        all.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        [earlier.as_str(), later.as_str()],
        "by date"
    );
    assert_eq!(
        (all[0].from, all[0].from.other()),
        (Role::Mentee, Role::Mentor)
    );
    assert_eq!(all[0].to_improve, "Więcej przykładów");
    assert_eq!(all[0].next_step, "Przygotuję case study");
    assert_eq!(all[0].activity_id.as_deref(), Some(activity.as_str()));
    assert_eq!(all[1].went_well, "Jasna struktura");
    assert_eq!(all[1].goal_id.as_deref(), Some(goal.as_str()));
    assert_eq!(all[1].meeting_id.as_deref(), Some(meeting.as_str()));
    assert_round_trips(&ws);

    // A link must name something that exists; a bad date is refused.
    let before = ws.encode();
    assert_eq!(
        ws.set_feedback(&later, FeedbackField::Goal(Some("missing".into()))),
        Err(Error::NotFound)
    );
    let mut bad = FeedbackDraft::new(Role::Mentor, "2026-03-05");
    bad.meeting_id = Some("missing".into());
    assert_eq!(ws.add_feedback(bad), Err(Error::NotFound));
    assert!(matches!(
        ws.add_feedback(FeedbackDraft::new(Role::Mentor, "")),
        Err(Error::Invalid(_))
    ));
    assert_eq!(ws.encode(), before);

    ws.set_feedback(&later, FeedbackField::Meeting(None))
        .unwrap();
    ws.set_feedback(&later, FeedbackField::From(Role::Mentee))
        .unwrap();
    ws.set_feedback(&later, FeedbackField::Date("2026-02-01".into()))
        .unwrap();
    ws.delete_meeting(&meeting).unwrap();
    ws.delete_goal(&goal).unwrap();
    let f = ws.feedback_entry(&later).unwrap();
    assert_eq!(
        (f.from, f.date.as_str(), f.goal_id, f.meeting_id),
        (Role::Mentee, "2026-02-01", None, None),
        "links to deleted goals are not shown"
    );
    assert_eq!(ws.feedback()[0].id, later, "re-sorted by its new date");
    ws.delete_feedback(&earlier).unwrap();
    assert_eq!(ws.feedback().len(), 1);
    assert_round_trips(&ws);
}

#[test]
fn check_ins_rate_goals_confidence_and_motivation() {
    let mut ws = workspace();
    let g1 = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    let g2 = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    let mut start = CheckInDraft::new("2026-01-10");
    start.skills = BTreeMap::from([(g1.clone(), 1), (g2.clone(), 2)]);
    start.confidence = 2;
    start.motivation = 5;
    start.comment = "Na starcie".into();
    let first = ws.add_check_in(start).unwrap();
    let mut by_mentor = CheckInDraft::new("2026-02-10");
    by_mentor.by = Role::Mentor;
    let second = ws.add_check_in(by_mentor).unwrap();
    ws.set_check_in(&second, CheckInField::Skill(g1.clone(), Some(3)))
        .unwrap();
    ws.set_check_in(&second, CheckInField::Confidence(4))
        .unwrap();
    ws.set_check_in(&second, CheckInField::Motivation(4))
        .unwrap();
    ws.set_text(&TextField::CheckInComment(second.clone()), "Lepiej", None)
        .unwrap();

    let list = ws.check_ins();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, first);
    assert_eq!(
        list[0].skills,
        BTreeMap::from([(g1.clone(), 1), (g2.clone(), 2)])
    );
    assert_eq!((list[0].confidence, list[0].motivation), (2, 5));
    assert_eq!(list[0].comment, "Na starcie");
    assert_eq!((list[0].by, list[1].by), (Role::Mentee, Role::Mentor));
    assert_eq!(list[1].skills, BTreeMap::from([(g1.clone(), 3)]));
    assert_eq!((list[1].confidence, list[1].motivation), (4, 4));
    assert_eq!(list[1].comment, "Lepiej");
    assert_round_trips(&ws);

    let before = ws.encode();
    let mut bad = CheckInDraft::new("2026-03-10");
    bad.skills.insert(g1.clone(), 6);
    assert!(matches!(ws.add_check_in(bad), Err(Error::Invalid(_))));
    let mut bad = CheckInDraft::new("2026-03-10");
    bad.skills.insert("missing".into(), 3);
    assert_eq!(ws.add_check_in(bad), Err(Error::NotFound));
    assert!(matches!(
        ws.set_check_in(&first, CheckInField::Confidence(0)),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        ws.set_check_in(&first, CheckInField::Date("".into())),
        Err(Error::Invalid(_))
    ));
    assert_eq!(ws.encode(), before);

    ws.set_check_in(&first, CheckInField::Skill(g2.clone(), None))
        .unwrap();
    ws.delete_goal(&g1).unwrap();
    assert!(
        ws.check_in(&first).unwrap().skills.is_empty(),
        "no rating left: one removed, one of a deleted goal"
    );
    ws.delete_check_in(&second).unwrap();
    assert_eq!(ws.check_ins().len(), 1);
    assert_round_trips(&ws);
}

#[test]
fn a_check_in_saved_before_authors_were_recorded_is_the_mentees() {
    // An export from before `by` existed: the check-in has no author.
    let mut ws = workspace();
    ws.add_check_in(CheckInDraft::new("2026-01-10")).unwrap();
    let mut json: serde_json::Value = serde_json::to_value(ws.contents()).unwrap();
    json["check_ins"][0].as_object_mut().unwrap().remove("by");
    let old: Contents = serde_json::from_value(json).unwrap();
    assert_eq!(old.check_ins[0].by, Role::Mentee);
}

#[test]
fn an_area_turns_into_a_goal_once() {
    let mut ws = workspace();
    let mut draft = AreaDraft::new("Zarządzanie czasem");
    draft.note = "Za dużo spotkań".into();
    let area = ws.add_area(draft).unwrap();
    let other = ws.add_area(AreaDraft::new("Delegowanie")).unwrap();
    ws.move_area(&other, 0).unwrap();
    assert_eq!(
        ws.areas().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        [other.as_str(), area.as_str()]
    );

    let outbox = ws.outbox().len();
    let goal = ws.area_to_goal(&area).unwrap();
    assert_eq!(ws.outbox().len(), outbox + 1, "one transaction");
    let made = ws.goal(&goal).unwrap();
    assert_eq!(made.title, "Zarządzanie czasem");
    assert_eq!(made.description, "Za dużo spotkań");
    assert_eq!(made.status, GoalStatus::Planned);
    assert_eq!(ws.area(&area).unwrap().goal_id, Some(goal.clone()));
    assert_eq!(ws.area_to_goal(&area).unwrap(), goal, "not a second goal");
    assert_eq!(ws.goals().len(), 1);
    assert_round_trips(&ws);

    // An area whose title was emptied cannot become a goal.
    ws.set_text(&TextField::AreaTitle(other.clone()), "", None)
        .unwrap();
    assert!(matches!(ws.area_to_goal(&other), Err(Error::Invalid(_))));
    assert_eq!(ws.area_to_goal("missing"), Err(Error::NotFound));

    // Once the goal is deleted, the area is open again.
    ws.delete_goal(&goal).unwrap();
    assert_eq!(ws.area(&area).unwrap().goal_id, None);
    ws.set_text(&TextField::AreaNote(area.clone()), "Nadal", None)
        .unwrap();
    ws.delete_area(&area).unwrap();
    assert_eq!(ws.areas().len(), 1);
    assert_round_trips(&ws);
}

#[test]
fn contact_mutations_round_trip() {
    let mut ws = workspace();
    let mut draft = ContactDraft::new("Ewa Nowak");
    draft.role = "CTO".into();
    draft.organisation = "Acme".into();
    draft.why = "Zna się na skalowaniu zespołów".into();
    draft.introduced_on = "2026-02-01".into();
    let c = ws.add_contact(draft).unwrap();
    let d = ws.add_contact(ContactDraft::new("Jan Kowalski")).unwrap();
    ws.set_contact(&c, ContactField::FollowUp(FollowUp::Met))
        .unwrap();
    ws.set_text(&TextField::ContactRole(c.clone()), "VP Engineering", None)
        .unwrap();
    ws.set_text(&TextField::ContactName(d.clone()), "Jan K.", None)
        .unwrap();
    ws.move_contact(&d, 0).unwrap();

    let list = ws.contacts();
    assert_eq!(list[0].name, "Jan K.");
    assert_eq!(list[0].follow_up, FollowUp::ToContact);
    let contact = ws.contact(&c).unwrap();
    assert_eq!(
        (
            contact.name.as_str(),
            contact.role.as_str(),
            contact.organisation.as_str(),
            contact.why.as_str(),
            contact.follow_up,
            contact.introduced_on.as_str()
        ),
        (
            "Ewa Nowak",
            "VP Engineering",
            "Acme",
            "Zna się na skalowaniu zespołów",
            FollowUp::Met,
            "2026-02-01"
        )
    );
    assert_round_trips(&ws);

    let before = ws.encode();
    assert!(matches!(
        ws.set_contact(&c, ContactField::IntroducedOn("1 lutego".into())),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        ws.add_contact(ContactDraft::new("")),
        Err(Error::Invalid(_))
    ));
    assert_eq!(ws.encode(), before);
    ws.delete_contact(&c).unwrap();
    assert_eq!(
        ws.set_contact(&c, ContactField::FollowUp(FollowUp::Ongoing)),
        Err(Error::NotFound)
    );
    assert_round_trips(&ws);
}

#[test]
fn progress_changes_are_logged_by_day() {
    let mut ws = workspace();
    let g = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    let m1 = ws.add_milestone(&g, "Książka").unwrap();
    ws.add_milestone(&g, "Projekt").unwrap();
    assert!(ws.goal(&g).unwrap().progress_log.is_empty());

    ws.set_goal(&g, GoalField::Status(GoalStatus::InProgress), "2026-01-05")
        .unwrap();
    ws.set_milestone_done(&g, &m1, true, "2026-02-01").unwrap();
    ws.set_goal(&g, GoalField::ManualProgress(Some(70)), "2026-03-01")
        .unwrap();
    ws.set_goal(&g, GoalField::ManualProgress(Some(75)), "2026-03-01")
        .unwrap();
    // Not progress: category and target date leave the log alone.
    ws.set_goal(&g, GoalField::Category(GoalCategory::Career), "2026-04-01")
        .unwrap();
    ws.set_goal(&g, GoalField::TargetDate("2026-12-31".into()), "2026-04-01")
        .unwrap();

    let goal = ws.goal(&g).unwrap();
    let log: Vec<(&str, u8)> = goal
        .progress_log
        .iter()
        .map(|p| (p.date.as_str(), p.percent))
        .collect();
    assert_eq!(
        log,
        [("2026-01-05", 0), ("2026-02-01", 50), ("2026-03-01", 75)]
    );
    assert_eq!(goal.progress_changed(), Some("2026-03-01"));
    assert_round_trips(&ws);

    let before = ws.encode();
    assert!(matches!(
        ws.set_milestone_done(&g, &m1, false, "today"),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        ws.set_goal(&g, GoalField::Status(GoalStatus::Achieved), ""),
        Err(Error::Invalid(_))
    ));
    assert_eq!(ws.encode(), before);
}

/// Entities of every new kind created on two offline devices all survive
/// the merge, and their texts merge character by character.
#[test]
fn concurrent_additions_and_edits_merge() {
    let mut anna = workspace();
    let a = anna
        .add_activity(ActivityDraft::new(ActivityKind::Project, "Migracja"))
        .unwrap();
    let mut piotr = Workspace::load(&anna.encode(), Vec::new()).unwrap();

    anna.add_feedback(FeedbackDraft::new(Role::Mentee, "2026-03-01"))
        .unwrap();
    anna.set_text(&TextField::ActivityReflection(a.clone()), "Anna.", None)
        .unwrap();
    piotr
        .add_feedback(FeedbackDraft::new(Role::Mentor, "2026-03-01"))
        .unwrap();
    piotr.add_contact(ContactDraft::new("Ola")).unwrap();
    piotr
        .set_text(&TextField::ActivityReflection(a.clone()), "Piotr.", None)
        .unwrap();

    let (sa, sp) = (anna.encode(), piotr.encode());
    anna.apply_remote(&sp).unwrap();
    piotr.apply_remote(&sa).unwrap();
    assert_eq!(anna.contents(), piotr.contents());
    assert_eq!(anna.feedback().len(), 2);
    assert_eq!(anna.contacts().len(), 1);
    let reflection = anna.activity(&a).unwrap().reflection;
    assert!(
        reflection.contains("Anna.") && reflection.contains("Piotr."),
        "{reflection}"
    );
}
