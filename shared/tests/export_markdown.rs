//! The Markdown summary: a readable record in Polish and English of the
//! agreement, goals and progress, meetings with notes and actions,
//! activities and feedback.

use tandem_shared::export::{to_markdown, Lang};
use tandem_shared::generate::{self, Size};
use tandem_shared::*;

fn sample() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws.set_text(&TextField::Purpose, "Rozwój lidera", None)
        .unwrap();
    ws.set_text(
        &TextField::Confidentiality,
        "Rozmowy zostają między nami.",
        None,
    )
    .unwrap();
    ws.set_agreement(AgreementField::StartDate("2026-01-05".into()))
        .unwrap();
    ws.set_agreement(AgreementField::EndDate("2026-12-18".into()))
        .unwrap();
    ws.set_agreement(AgreementField::CadenceDays(14)).unwrap();
    ws.set_agreement(AgreementField::Channel(MeetingMode::Online, true))
        .unwrap();
    let g = ws.add_goal(GoalDraft::new("Rust")).unwrap();
    let m1 = ws.add_milestone(&g, "Książka").unwrap();
    ws.add_milestone(&g, "Projekt").unwrap();
    ws.set_goal(&g, GoalField::Status(GoalStatus::InProgress), "2026-01-10")
        .unwrap();
    ws.set_milestone_done(&g, &m1, true, "2026-02-01").unwrap();
    let m = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    ws.set_text(
        &TextField::MeetingNotes(m.clone()),
        "Omówiliśmy plan.\n\n- punkt pierwszy\n- punkt drugi",
        None,
    )
    .unwrap();
    ws.link_goal(&m, &g, true).unwrap();
    ws.add_agenda_item(&m, "Plan kwartalny").unwrap();
    ws.add_action(
        &m,
        ActionDraft {
            title: "Przygotować slajdy".into(),
            owner: Role::Mentee,
            due: "2026-03-09".into(),
        },
    )
    .unwrap();
    let mut a = ActivityDraft::new(ActivityKind::Workshop, "Warsztat negocjacji");
    a.support = "Mentor poleca trenera".into();
    let a = ws.add_activity(a).unwrap();
    ws.set_activity(&a, ActivityField::Status(ActivityStatus::Done))
        .unwrap();
    ws.set_activity(&a, ActivityField::Evaluation(Some(4)))
        .unwrap();
    ws.set_text(
        &TextField::ActivityReflection(a.clone()),
        "Dużo ćwiczeń.",
        None,
    )
    .unwrap();
    let mut f = FeedbackDraft::new(Role::Mentor, "2026-03-05");
    f.went_well = "Jasna struktura".into();
    f.next_step = "Nagrać próbę".into();
    f.goal_id = Some(g.clone());
    ws.add_feedback(f).unwrap();
    let mut c = CheckInDraft::new("2026-01-05");
    c.skills.insert(g.clone(), 2);
    ws.add_check_in(c).unwrap();
    let mut c = CheckInDraft::new("2026-03-05");
    c.skills.insert(g.clone(), 4);
    ws.add_check_in(c).unwrap();
    ws.add_area(AreaDraft::new("Delegowanie")).unwrap();
    ws.add_contact(ContactDraft::new("Ewa Nowak")).unwrap();
    ws
}

fn assert_contains_lines(md: &str, lines: &[&str]) {
    for line in lines {
        assert!(md.lines().any(|l| l == *line), "missing {line:?} in\n{md}");
    }
}

#[test]
fn the_summary_reads_in_polish() {
    let md = to_markdown(&sample(), Lang::Pl);
    assert!(md.starts_with("# Anna & Piotr\n"), "{md}");
    assert!(!md.contains("\n\n\n"), "one blank line between blocks");
    assert_contains_lines(
        &md,
        &[
            "## Umowa mentoringowa",
            "- **Cel współpracy:** Rozwój lidera",
            "- **Okres:** 2026-01-05 – 2026-12-18",
            "- **Spotkania co:** 14 dni",
            "- **Formy kontaktu:** online",
            "**Poufność**",
            "Rozmowy zostają między nami.",
            "## Cele i postępy",
            "### Rust — w toku, 50%",
            "- **Historia postępu:** 2026-01-10 0% → 2026-02-01 50%",
            "- [x] Książka",
            "- [ ] Projekt",
            "## Spotkania",
            "### 2026-03-02 10:00 — osobiście, 60 min",
            "- **Cele:** Rust",
            "- [ ] Plan kwartalny",
            "Omówiliśmy plan.",
            "- punkt drugi",
            "- [ ] Przygotować slajdy — Mentee, termin 2026-03-09",
            "## Działania rozwojowe",
            "### Warsztat negocjacji — warsztat, zakończone",
            "- **Wsparcie mentora:** Mentor poleca trenera",
            "- **Ocena:** 4/5",
            "Dużo ćwiczeń.",
            "## Informacja zwrotna",
            "### 2026-03-05 — Mentor → Mentee",
            "- **Dotyczy:** Rust",
            "- **Co poszło dobrze:** Jasna struktura",
            "- **Następny krok:** Nagrać próbę",
            "## Samoocena",
            "| 2026-01-05 | 3/5 | 3/5 |  |",
            "- Rust: 2/5 → 4/5",
            "## Obszary do dalszego rozwoju",
            "- Delegowanie",
            "## Kontakty",
            "- Ewa Nowak (do nawiązania)",
        ],
    );
}

#[test]
fn the_summary_reads_in_english() {
    let md = to_markdown(&sample(), Lang::from_tag("en-GB"));
    assert_contains_lines(
        &md,
        &[
            "## Mentoring agreement",
            "- **Meetings every:** 14 days",
            "**Confidentiality**",
            "## Goals and progress",
            "### Rust — in progress, 50%",
            "## Meetings",
            "### 2026-03-02 10:00 — in person, 60 min",
            "- [ ] Przygotować slajdy — Mentee, due 2026-03-09",
            "## Development activities",
            "### Warsztat negocjacji — workshop, done",
            "- **Evaluation:** 4/5",
            "## Feedback",
            "- **What went well:** Jasna struktura",
            "## Self-assessment",
            "## Contacts",
        ],
    );
    assert!(!md.contains("Cele i postępy"));
}

#[test]
fn a_five_year_workspace_is_summarised_whole() {
    let ws = generate::workspace(5, &Size::five_years());
    for lang in [Lang::Pl, Lang::En] {
        let md = to_markdown(&ws, lang);
        let entries = md.lines().filter(|l| l.starts_with("### ")).count();
        let expected =
            ws.goals().len() + ws.meetings().len() + ws.activities().len() + ws.feedback().len();
        assert_eq!(entries, expected);
        let meeting = &ws.meetings()[123];
        let first_paragraph = meeting.notes.split("\n\n").next().unwrap();
        assert!(md.contains(first_paragraph));
    }
}

/// The other person's text is shown as written: HTML stays text and a link
/// cannot hide its target behind other words, in titles and in notes alike.
#[test]
fn html_and_hidden_links_in_what_people_wrote_stay_text() {
    let mut ws = Workspace::new();
    ws.init("Para").unwrap();
    let g = ws
        .add_goal(GoalDraft::new(
            "<img src=x onerror=alert(1)> [kliknij](javascript:alert(1))",
        ))
        .unwrap();
    ws.set_text(
        &TextField::GoalDescription(g),
        "<script>alert(1)</script>\n[umowa](https://evil.example) &lt; R&D",
        None,
    )
    .unwrap();
    let md = to_markdown(&ws, Lang::Pl);
    assert!(!md.contains("<img") && !md.contains("<script"), "{md}");
    assert!(
        md.contains("&lt;img src=x onerror=alert(1)&gt; \\[kliknij\\](javascript:alert(1))"),
        "{md}"
    );
    assert!(
        md.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;\n\\[umowa\\](https://evil.example) &amp;lt; R&D"
        ),
        "{md}"
    );
}
