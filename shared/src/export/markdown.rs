//! A readable summary of the workspace in Markdown, in Polish or English:
//! the agreement, goals and progress, meetings with notes and action items,
//! development activities, feedback, self-assessment, areas for further
//! development and contacts — what a mentee could bring to a performance
//! review. The app translates with fluent; this file carries its own few
//! labels so the summary needs nothing from the app.

use std::fmt::Write;

use crate::model::*;
use crate::Workspace;

/// The language of the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Pl,
    En,
}

impl Lang {
    /// From a locale tag such as `pl`, `en` or `en-GB`; Polish otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Pl
        }
    }
}

/// The summary of `ws` in `lang`.
pub fn to_markdown(ws: &Workspace, lang: Lang) -> String {
    let c = ws.contents();
    let mut md = Md {
        out: String::new(),
        lang,
    };
    let name = if c.name.is_empty() {
        md.l("workspace")
    } else {
        &c.name
    };
    md.line(&format!("# {}", one_line(name)));
    md.agreement(&c.agreement);
    md.goals(&c.goals);
    md.meetings(&c.meetings, &c.goals);
    md.activities(&c.activities, &c.goals);
    md.feedback(&c);
    md.check_ins(&c.check_ins, &c.goals);
    md.areas(&c.areas, &c.goals);
    md.contacts(&c.contacts);
    md.out
}

struct Md {
    out: String,
    lang: Lang,
}

impl Md {
    /// A label in the summary's language.
    fn l(&self, key: &str) -> &'static str {
        label(self.lang, key)
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// A blank line, unless there is one already.
    fn blank(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.blank();
        self.line(&format!("{} {}", "#".repeat(level), one_line(text)));
        self.blank();
    }

    /// `- **Label:** value`, only when there is a value.
    fn field(&mut self, key: &str, value: &str) {
        if !value.trim().is_empty() {
            let label = self.l(key);
            self.line(&format!("- **{label}:** {}", one_line(value)));
        }
    }

    /// A bold label on its own line, before a list.
    fn sub(&mut self, key: &str) {
        let label = self.l(key);
        self.blank();
        self.line(&format!("**{label}**"));
        self.blank();
    }

    /// A block of free text under a bold label, kept as written (its lines
    /// and words; see [`escape`] for the characters).
    fn block(&mut self, key: &str, text: &str) {
        if !text.trim().is_empty() {
            self.sub(key);
            self.line(&escape(text.trim_end()));
        }
    }

    fn agreement(&mut self, a: &Agreement) {
        self.heading(2, self.l("agreement"));
        self.field("purpose", &a.purpose);
        self.field("period", &period(&a.start_date, &a.end_date));
        if a.cadence_days > 0 {
            let every = format!("{} {}", a.cadence_days, self.l("days"));
            self.field("cadence", &every);
        }
        let channels: Vec<&str> = a.channels.iter().map(|c| self.l(c.as_str())).collect();
        self.field("channels", &channels.join(", "));
        self.block("confidentiality", &a.confidentiality);
    }

    fn goals(&mut self, goals: &[Goal]) {
        self.heading(2, self.l("goals"));
        if goals.is_empty() {
            self.line(self.l("none"));
        }
        for g in goals {
            let title = format!(
                "{} — {}, {}%",
                g.title,
                self.l(g.status.as_str()),
                g.progress()
            );
            self.heading(3, &title);
            self.field("category", self.l(g.category.as_str()));
            self.field("target_date", &g.target_date);
            self.field("success_criteria", &g.success_criteria);
            self.field("progress_comment", &g.progress_comment);
            let history: Vec<String> = g
                .progress_log
                .iter()
                .map(|p| format!("{} {}%", p.date, p.percent))
                .collect();
            self.field("progress_history", &history.join(" → "));
            self.block("description", &g.description);
            if !g.milestones.is_empty() {
                self.sub("milestones");
                for m in &g.milestones {
                    let tick = if m.done { "x" } else { " " };
                    self.line(&format!("- [{tick}] {}", one_line(&m.title)));
                }
            }
        }
    }

    fn meetings(&mut self, meetings: &[Meeting], goals: &[Goal]) {
        self.heading(2, self.l("meetings"));
        if meetings.is_empty() {
            self.line(self.l("none"));
        }
        for m in meetings {
            // The wall-clock time, and the zone it is on when there is one.
            let zone = m.time_zone.as_ref().map(|z| format!(" ({z})"));
            let title = format!(
                "{}{} — {}, {} min",
                m.starts_at.replace('T', " "),
                zone.unwrap_or_default(),
                self.l(m.mode.as_str()),
                m.duration_min
            );
            self.heading(3, &title);
            self.field("place", &m.place);
            self.field("linked_goals", &titles(&m.goal_ids, goals));
            if !m.agenda.is_empty() {
                self.sub("agenda");
                for a in &m.agenda {
                    let tick = if a.discussed { "x" } else { " " };
                    self.line(&format!("- [{tick}] {}", one_line(&a.text)));
                }
            }
            self.block("notes", &m.notes);
            if !m.actions.is_empty() {
                self.sub("actions");
                for a in &m.actions {
                    let tick = if a.done { "x" } else { " " };
                    let mut item = format!(
                        "- [{tick}] {} — {}",
                        one_line(&a.title),
                        self.l(a.owner.as_str())
                    );
                    if !a.due.is_empty() {
                        let _ = write!(item, ", {} {}", self.l("due"), a.due);
                    }
                    self.line(&item);
                }
            }
        }
    }

    fn activities(&mut self, activities: &[Activity], goals: &[Goal]) {
        self.heading(2, self.l("activities"));
        if activities.is_empty() {
            self.line(self.l("none"));
        }
        for a in activities {
            let title = format!(
                "{} — {}, {}",
                a.title,
                self.l(a.kind.as_str()),
                self.l(activity_status_key(a.status))
            );
            self.heading(3, &title);
            self.field("period", &period(&a.start_date, &a.end_date));
            self.field("linked_goals", &titles(&a.goal_ids, goals));
            self.field("support", &a.support);
            if let Some(n) = a.evaluation {
                self.field("evaluation", &format!("{n}/5"));
            }
            self.block("reflection", &a.reflection);
        }
    }

    fn feedback(&mut self, c: &Contents) {
        self.heading(2, self.l("feedback"));
        if c.feedback.is_empty() {
            self.line(self.l("none"));
        }
        for f in &c.feedback {
            let title = format!(
                "{} — {} → {}",
                f.date,
                self.l(f.from.as_str()),
                self.l(f.from.other().as_str())
            );
            self.heading(3, &title);
            let about: Vec<String> = [
                f.goal_id
                    .as_ref()
                    .map(|id| titles(std::slice::from_ref(id), &c.goals)),
                f.meeting_id.as_ref().and_then(|id| {
                    c.meetings
                        .iter()
                        .find(|m| &m.id == id)
                        .map(|m| format!("{} {}", self.l("meeting"), m.starts_at.replace('T', " ")))
                }),
                f.activity_id.as_ref().and_then(|id| {
                    c.activities
                        .iter()
                        .find(|a| &a.id == id)
                        .map(|a| a.title.clone())
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            self.field("about", &about.join("; "));
            self.field("went_well", &f.went_well);
            self.field("to_improve", &f.to_improve);
            self.field("next_step", &f.next_step);
        }
    }

    fn check_ins(&mut self, check_ins: &[CheckIn], goals: &[Goal]) {
        if check_ins.is_empty() {
            return;
        }
        self.heading(2, self.l("check_ins"));
        let header = format!(
            "| {} | {} | {} | {} |",
            self.l("date"),
            self.l("confidence"),
            self.l("motivation"),
            self.l("comment")
        );
        self.line(&header);
        self.line("|---|---|---|---|");
        for c in check_ins {
            self.line(&format!(
                "| {} | {}/5 | {}/5 | {} |",
                c.date,
                c.confidence,
                c.motivation,
                one_line(&c.comment).replace('|', "\\|")
            ));
        }
        // Each goal's skill from its first rating to its last.
        let mut skills = Vec::new();
        for g in goals {
            let levels: Vec<u8> = check_ins
                .iter()
                .filter_map(|c| c.skills.get(&g.id).copied())
                .collect();
            if let (Some(first), Some(last)) = (levels.first(), levels.last()) {
                skills.push(format!("- {}: {first}/5 → {last}/5", one_line(&g.title)));
            }
        }
        if !skills.is_empty() {
            self.sub("skills");
            for s in skills {
                self.line(&s);
            }
        }
    }

    fn areas(&mut self, areas: &[Area], goals: &[Goal]) {
        if areas.is_empty() {
            return;
        }
        self.heading(2, self.l("areas"));
        for a in areas {
            let mut item = format!("- {}", one_line(&a.title));
            if !a.note.trim().is_empty() {
                let _ = write!(item, " — {}", one_line(&a.note));
            }
            if let Some(goal) = &a.goal_id {
                let _ = write!(
                    item,
                    " ({} {})",
                    self.l("became_goal"),
                    titles(std::slice::from_ref(goal), goals)
                );
            }
            self.line(&item);
        }
    }

    fn contacts(&mut self, contacts: &[Contact]) {
        if contacts.is_empty() {
            return;
        }
        self.heading(2, self.l("contacts"));
        for c in contacts {
            let who: Vec<&str> = [c.name.as_str(), c.role.as_str(), c.organisation.as_str()]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect();
            let mut item = format!(
                "- {} ({})",
                one_line(&who.join(", ")),
                self.l(c.follow_up.as_str())
            );
            if !c.why.trim().is_empty() {
                let _ = write!(item, " — {}", one_line(&c.why));
            }
            self.line(&item);
        }
    }
}

/// A text on one line (titles in headings and list items), escaped.
fn one_line(s: &str) -> String {
    escape(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What a person wrote, so that a Markdown viewer shows it as written:
/// HTML in it stays text (`<`, `>` as entities, and `&` where it would
/// start one), and brackets cannot make a link whose target is hidden
/// behind other words (`[x](…)`). The summary may be read in a viewer that
/// renders HTML, and the text may be the other person's.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' if starts_entity(&s[i + 1..]) => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether text after a `&` reads as an entity (`amp;`, `#60;`).
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map_or(rest, |end| &rest[..end]);
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

fn period(start: &str, end: &str) -> String {
    match (start.is_empty(), end.is_empty()) {
        (true, true) => String::new(),
        _ => format!("{start} – {end}").trim().to_string(),
    }
}

/// The titles of the linked goals, comma-separated.
fn titles(ids: &[Id], goals: &[Goal]) -> String {
    ids.iter()
        .filter_map(|id| goals.iter().find(|g| &g.id == id))
        .map(|g| g.title.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// Goals and activities share stored status values ("planned", …) but not
// their Polish grammatical gender, so activity statuses have labels of their own.
fn activity_status_key(s: ActivityStatus) -> &'static str {
    match s {
        ActivityStatus::Planned => "activity_planned",
        ActivityStatus::InProgress => "activity_in_progress",
        ActivityStatus::Done => "activity_done",
        ActivityStatus::Cancelled => "activity_cancelled",
    }
}

/// The summary's labels: `(key, Polish, English)`.
const LABELS: &[(&str, &str, &str)] = &[
    (
        "workspace",
        "Przestrzeń mentoringowa",
        "Mentoring workspace",
    ),
    ("none", "Brak.", "None."),
    ("agreement", "Umowa mentoringowa", "Mentoring agreement"),
    ("purpose", "Cel współpracy", "Purpose"),
    ("period", "Okres", "Period"),
    ("cadence", "Spotkania co", "Meetings every"),
    ("days", "dni", "days"),
    ("channels", "Formy kontaktu", "Channels"),
    ("confidentiality", "Poufność", "Confidentiality"),
    ("goals", "Cele i postępy", "Goals and progress"),
    ("linked_goals", "Cele", "Goals"),
    ("category", "Kategoria", "Category"),
    ("target_date", "Termin", "Target date"),
    ("success_criteria", "Kryteria sukcesu", "Success criteria"),
    (
        "progress_comment",
        "Komentarz do postępu",
        "Progress comment",
    ),
    ("progress_history", "Historia postępu", "Progress history"),
    ("description", "Opis", "Description"),
    ("milestones", "Kamienie milowe", "Milestones"),
    ("meetings", "Spotkania", "Meetings"),
    ("meeting", "spotkanie", "meeting"),
    (
        "mentoring_meeting",
        "Spotkanie mentoringowe",
        "Mentoring meeting",
    ),
    ("place", "Miejsce", "Place"),
    ("agenda", "Agenda", "Agenda"),
    ("notes", "Notatki", "Notes"),
    ("actions", "Zadania", "Action items"),
    ("due", "termin", "due"),
    (
        "activities",
        "Działania rozwojowe",
        "Development activities",
    ),
    ("support", "Wsparcie mentora", "Mentor's support"),
    ("evaluation", "Ocena", "Evaluation"),
    ("reflection", "Refleksja", "Reflection"),
    ("feedback", "Informacja zwrotna", "Feedback"),
    ("about", "Dotyczy", "About"),
    ("went_well", "Co poszło dobrze", "What went well"),
    ("to_improve", "Co poprawić", "What to improve"),
    ("next_step", "Następny krok", "Next step"),
    ("check_ins", "Samoocena", "Self-assessment"),
    ("date", "Data", "Date"),
    ("confidence", "Pewność siebie", "Confidence"),
    ("motivation", "Motywacja", "Motivation"),
    ("comment", "Komentarz", "Comment"),
    (
        "skills",
        "Umiejętności (pierwsza → ostatnia ocena)",
        "Skills (first → latest rating)",
    ),
    (
        "areas",
        "Obszary do dalszego rozwoju",
        "Areas for further development",
    ),
    ("became_goal", "→ cel:", "→ goal:"),
    ("contacts", "Kontakty", "Contacts"),
    // roles
    ("mentor", "Mentor", "Mentor"),
    ("mentee", "Mentee", "Mentee"),
    // meeting modes and channels
    ("in_person", "osobiście", "in person"),
    ("phone", "telefonicznie", "phone"),
    ("online", "online", "online"),
    // goal categories
    ("skill", "umiejętność", "skill"),
    ("career", "rozwój zawodowy", "career development"),
    ("promotion", "awans", "promotion"),
    ("other", "inne", "other"),
    // goal and activity statuses
    ("planned", "zaplanowany", "planned"),
    ("in_progress", "w toku", "in progress"),
    ("achieved", "osiągnięty", "achieved"),
    ("dropped", "porzucony", "dropped"),
    ("activity_planned", "zaplanowane", "planned"),
    ("activity_in_progress", "w trakcie", "in progress"),
    ("activity_done", "zakończone", "done"),
    ("activity_cancelled", "odwołane", "cancelled"),
    // activity kinds
    ("training", "szkolenie", "training"),
    ("workshop", "warsztat", "workshop"),
    ("course", "kurs", "course"),
    ("practice", "praktyka", "practice"),
    ("project", "projekt", "project"),
    ("reading", "lektura", "reading"),
    ("shadowing", "shadowing", "shadowing"),
    // follow-up
    ("to_contact", "do nawiązania", "not yet contacted"),
    ("contacted", "napisano lub zadzwoniono", "written or called"),
    ("met", "spotkaliśmy się", "we have met"),
    ("ongoing", "stały kontakt", "ongoing contact"),
];

/// One label. A key missing from the table is a bug: debug builds (and so
/// the tests that render summaries) stop on it.
pub(super) fn label(lang: Lang, key: &str) -> &'static str {
    let found = LABELS.iter().find(|(k, _, _)| *k == key);
    debug_assert!(found.is_some(), "no label for {key:?}");
    found.map_or("?", |(_, pl, en)| match lang {
        Lang::Pl => pl,
        Lang::En => en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The summary names every choice as the app does (its Fluent files),
    /// so a status reads the same on screen and on paper.
    #[test]
    fn choices_are_named_as_in_the_app() {
        let app = |lang: Lang| -> Vec<(String, String)> {
            let ftl = match lang {
                Lang::Pl => include_str!("../../../app/locales/pl.ftl"),
                Lang::En => include_str!("../../../app/locales/en.ftl"),
            };
            ftl.lines()
                .filter_map(|l| l.split_once(" = "))
                .map(|(k, v)| (k.to_string(), v.to_lowercase()))
                .collect()
        };
        let pairs = GoalCategory::ALL
            .iter()
            .map(|c| (c.as_str().to_string(), format!("category-{}", c.as_str())))
            .chain(
                GoalStatus::ALL
                    .iter()
                    .map(|c| (c.as_str().to_string(), format!("status-{}", c.as_str()))),
            )
            .chain(ActivityStatus::ALL.iter().map(|c| {
                (
                    activity_status_key(*c).to_string(),
                    format!("activity-status-{}", c.as_str()),
                )
            }))
            .chain(
                FollowUp::ALL
                    .iter()
                    .map(|c| (c.as_str().to_string(), format!("follow-up-{}", c.as_str()))),
            )
            .chain(
                MeetingMode::ALL
                    .iter()
                    .map(|c| (c.as_str().to_string(), format!("mode-{}", c.as_str()))),
            );
        for (key, app_key) in pairs {
            for lang in [Lang::Pl, Lang::En] {
                let on_screen = app(lang)
                    .into_iter()
                    .find(|(k, _)| *k == app_key)
                    .map(|(_, v)| v);
                assert_eq!(
                    Some(label(lang, &key).to_lowercase()),
                    on_screen,
                    "{key} ({app_key})"
                );
            }
        }
    }

    /// Every stored value the summary shows has a label in both languages.
    #[test]
    fn every_choice_has_a_label() {
        let keys = MeetingMode::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(GoalCategory::ALL.iter().map(|c| c.as_str()))
            .chain(GoalStatus::ALL.iter().map(|c| c.as_str()))
            .chain(ActivityStatus::ALL.iter().map(|c| activity_status_key(*c)))
            .chain(ActivityKind::ALL.iter().map(|c| c.as_str()))
            .chain(FollowUp::ALL.iter().map(|c| c.as_str()))
            .chain(Role::ALL.iter().map(|c| c.as_str()));
        for key in keys {
            for lang in [Lang::Pl, Lang::En] {
                assert_ne!(label(lang, key), "?", "{key}");
            }
        }
    }
}
