//! The workspace generator: deterministic from its seed, the sizes asked
//! for, and contents that the workspace's own views read back unchanged.

use tandem_shared::generate::{self, Size};

#[test]
fn the_same_seed_gives_the_same_bytes_and_the_right_counts() {
    let size = Size::five_years();
    let a = generate::workspace(7, &size);
    let b = generate::workspace(7, &size);
    assert_eq!(a.encode(), b.encode());
    assert!(a.outbox().is_empty(), "as if loaded from storage");
    assert_ne!(
        generate::workspace(8, &Size::small()).encode(),
        generate::workspace(7, &Size::small()).encode()
    );

    assert_eq!(a.meetings().len(), 300);
    assert_eq!(a.goals().len(), 100);
    assert_eq!(a.activities().len(), 200);
    assert_eq!(a.feedback().len(), 500);
    assert_eq!(a.check_ins().len(), 61);
    assert_eq!(a.areas().len(), 30);
    assert_eq!(a.contacts().len(), 40);
    assert!(a.goals().iter().all(|g| !g.milestones.is_empty()));
    let notes: Vec<usize> = a.meetings().iter().map(|m| m.notes.len()).collect();
    assert!(notes.iter().all(|n| (2048..2200).contains(n)), "{notes:?}");
    let first = a.meetings()[0].starts_at.clone();
    let last = a.meetings()[299].starts_at.clone();
    assert!(
        first.starts_with("2021-01") && last.starts_with("2025-12"),
        "{first} … {last}"
    );
}

#[test]
fn generated_contents_read_back_unchanged() {
    let contents = generate::contents(3, &Size::small());
    let ws = generate::workspace(3, &Size::small());
    assert_eq!(ws.contents(), contents);
    // Every link points at something that exists.
    assert!(contents.feedback.iter().any(|f| f.goal_id.is_some()));
    assert!(contents.meetings.iter().any(|m| !m.goal_ids.is_empty()));
}

#[test]
fn the_light_reads_agree_with_the_whole_ones() {
    use tandem_shared::{About, GoalTitle};
    let ws = generate::workspace(5, &Size::five_years());
    let titles: Vec<GoalTitle> = ws
        .goals()
        .into_iter()
        .map(|g| GoalTitle {
            id: g.id,
            title: g.title,
            category: g.category,
            status: g.status,
        })
        .collect();
    assert_eq!(ws.goal_titles(), titles);

    let all = ws.feedback();
    let about = |pick: fn(&tandem_shared::Feedback) -> Option<&String>, id: &str| -> Vec<String> {
        all.iter()
            .filter(|f| pick(f).map(String::as_str) == Some(id))
            .map(|f| f.id.clone())
            .collect()
    };
    let mut linked = 0;
    for g in ws.goals() {
        let expected = about(|f| f.goal_id.as_ref(), &g.id);
        linked += expected.len();
        assert_eq!(ws.feedback_about(About::Goal(&g.id)), expected);
    }
    for m in ws.meetings() {
        let expected = about(|f| f.meeting_id.as_ref(), &m.id);
        linked += expected.len();
        assert_eq!(ws.feedback_about(About::Meeting(&m.id)), expected);
    }
    for a in ws.activities() {
        let expected = about(|f| f.activity_id.as_ref(), &a.id);
        linked += expected.len();
        assert_eq!(ws.feedback_about(About::Activity(&a.id)), expected);
    }
    assert!(linked > 100, "the generator links feedback: {linked}");
    assert!(ws.feedback_about(About::Goal("no such goal")).is_empty());
}
