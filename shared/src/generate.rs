//! A realistic workspace generated from a seed (feature `generate`), for
//! benchmarks and tests: by default five years of one pair's mentoring, the
//! size PRODUCT.md's quality bars are measured on. The same seed always gives
//! the same workspace, byte for byte.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::*;
use crate::workspace::restore::encode_contents;
use crate::Workspace;

/// How much to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Size {
    pub years: u32,
    pub goals: usize,
    pub meetings: usize,
    /// Bytes of shared notes per meeting (about).
    pub notes_bytes: usize,
    pub activities: usize,
    pub feedback: usize,
    pub check_ins: usize,
    pub areas: usize,
    pub contacts: usize,
}

impl Size {
    /// Five years: 300 meetings with about 2 KB of notes each, 100 goals
    /// with milestones, 200 activities, 500 feedback entries, a check-in at
    /// the start and then monthly.
    pub fn five_years() -> Self {
        Size {
            years: 5,
            goals: 100,
            meetings: 300,
            notes_bytes: 2048,
            activities: 200,
            feedback: 500,
            check_ins: 61,
            areas: 30,
            contacts: 40,
        }
    }

    /// A few of everything, for quick tests.
    pub fn small() -> Self {
        Size {
            years: 1,
            goals: 5,
            meetings: 12,
            notes_bytes: 300,
            activities: 6,
            feedback: 10,
            check_ins: 4,
            areas: 3,
            contacts: 3,
        }
    }
}

/// The typed contents of a generated workspace, in the order the
/// workspace's views show them.
pub fn contents(seed: u64, size: &Size) -> Contents {
    Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        start: NaiveDate::from_ymd_opt(2021, 1, 4).expect("a valid date"),
        days: 365 * size.years.max(1) as i64,
    }
    .contents(size)
}

/// A generated workspace, as if loaded from storage (nothing in its outbox).
/// Its document is written by a yrs client derived from the seed, so it
/// encodes to the same bytes every time.
pub fn workspace(seed: u64, size: &Size) -> Workspace {
    let update = encode_contents(&contents(seed, size), seed);
    Workspace::load(&update, Vec::new()).expect("a generated document loads")
}

struct Generator {
    rng: ChaCha8Rng,
    start: NaiveDate,
    /// Length of the mentoring, in days.
    days: i64,
}

const WORDS: &[&str] = &[
    "zespół",
    "projekt",
    "prezentacja",
    "klient",
    "feedback",
    "cel",
    "plan",
    "ryzyko",
    "priorytety",
    "delegowanie",
    "rozmowa",
    "decyzja",
    "architektura",
    "kod",
    "review",
    "sprint",
    "roadmapa",
    "budżet",
    "negocjacje",
    "stakeholder",
    "mentoring",
    "awans",
    "kompetencje",
    "warsztat",
    "szkolenie",
    "notatki",
    "wnioski",
    "kolejny",
    "krok",
    "team",
    "deadline",
    "retro",
    "onboarding",
    "metrics",
    "release",
    "backlog",
];

const TOPICS: &[&str] = &[
    "Wystąpienia publiczne",
    "Delegowanie zadań",
    "Negocjacje z klientem",
    "Architektura systemów",
    "Prowadzenie zespołu",
    "Zarządzanie czasem",
    "Code review",
    "Awans na seniora",
    "Rust w produkcji",
    "Budowanie sieci kontaktów",
    "Feedback w zespole",
    "Planowanie kwartalne",
];

const PEOPLE: &[&str] = &[
    "Ewa Nowak",
    "Jan Kowalski",
    "Marta Wiśniewska",
    "Tomasz Zieliński",
    "Agnieszka Lewandowska",
    "Paweł Kamiński",
    "Katarzyna Dąbrowska",
    "Michał Wójcik",
    "Joanna Kozłowska",
    "Piotr Mazur",
];

const ORGANISATIONS: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Soylent"];

impl Generator {
    fn contents(&mut self, size: &Size) -> Contents {
        let goals = self.goals(size);
        let goal_ids: Vec<Id> = goals.iter().map(|g| g.id.clone()).collect();
        let meetings = self.meetings(size, &goal_ids);
        let activities = self.activities(size, &goal_ids);
        let meeting_ids: Vec<Id> = meetings.iter().map(|m| m.id.clone()).collect();
        let activity_ids: Vec<Id> = activities.iter().map(|a| a.id.clone()).collect();
        let feedback = self.feedback(size, &goal_ids, &meeting_ids, &activity_ids);
        let check_ins = self.check_ins(size, &goal_ids);
        let areas = self.areas(size, &goal_ids);
        let contacts = self.contacts(size);
        Contents {
            name: "Anna Kowalska & Piotr Nowak".into(),
            agreement: Agreement {
                purpose: self.text(400),
                start_date: self.date(0),
                end_date: self.date(self.days),
                cadence_days: 7,
                channels: vec![MeetingMode::InPerson, MeetingMode::Online],
                confidentiality: self.text(200),
            },
            goals,
            meetings,
            activities,
            feedback,
            check_ins,
            areas,
            contacts,
        }
    }

    fn goals(&mut self, size: &Size) -> Vec<Goal> {
        (0..size.goals)
            .map(|i| {
                let milestones: Vec<Milestone> = (0..self.rng.gen_range(2..=6))
                    .map(|_| Milestone {
                        id: self.id(),
                        title: self.sentence(),
                        done: self.rng.gen_bool(0.5),
                    })
                    .collect();
                let status = *GoalStatus::ALL.choose(&mut self.rng).expect("not empty");
                let manual_progress = self.rng.gen_bool(0.2).then(|| self.rng.gen_range(0..=100));
                let first = self.rng.gen_range(0..self.days - 60);
                let mut progress_log = Vec::new();
                let mut day = first;
                let mut percent = 0u8;
                for _ in 0..self.rng.gen_range(0..8) {
                    day += self.rng.gen_range(1..60);
                    percent = percent.saturating_add(self.rng.gen_range(0..20)).min(100);
                    progress_log.push(ProgressPoint {
                        date: self.date(day),
                        percent,
                    });
                }
                Goal {
                    id: self.id(),
                    title: format!("{} #{}", TOPICS[i % TOPICS.len()], i + 1),
                    description: self.text(300),
                    category: *GoalCategory::ALL.choose(&mut self.rng).expect("not empty"),
                    success_criteria: self.text(150),
                    target_date: self.date_after(first, 30..365),
                    status,
                    milestones,
                    manual_progress,
                    progress_comment: if manual_progress.is_some() {
                        self.sentence()
                    } else {
                        String::new()
                    },
                    progress_log,
                }
            })
            .collect()
    }

    fn meetings(&mut self, size: &Size, goals: &[Id]) -> Vec<Meeting> {
        let step = self.days as f64 / size.meetings.max(1) as f64;
        let mut list: Vec<Meeting> = (0..size.meetings)
            .map(|i| {
                let day = (i as f64 * step) as i64;
                let hour = self.rng.gen_range(8..18);
                let agenda = (0..self.rng.gen_range(2..=5))
                    .map(|_| AgendaItem {
                        id: self.id(),
                        text: self.sentence(),
                        discussed: self.rng.gen_bool(0.8),
                    })
                    .collect();
                let actions = (0..self.rng.gen_range(0..=3))
                    .map(|_| ActionItem {
                        id: self.id(),
                        title: self.sentence(),
                        owner: *Role::ALL.choose(&mut self.rng).expect("not empty"),
                        due: self.date_after(day, 3..21),
                        done: self.rng.gen_bool(0.85),
                    })
                    .collect();
                let mode = *MeetingMode::ALL.choose(&mut self.rng).expect("not empty");
                Meeting {
                    id: self.id(),
                    starts_at: format!("{}T{hour:02}:00", self.date(day)),
                    time_zone: None,
                    duration_min: *[30, 45, 60, 90].choose(&mut self.rng).expect("not empty"),
                    mode,
                    place: match mode {
                        MeetingMode::Online => format!("https://meet.example/{}", self.word()),
                        MeetingMode::Phone => "+48 600 100 200".into(),
                        MeetingMode::InPerson => "Sala 3.14".into(),
                    },
                    agenda,
                    notes: self.text(size.notes_bytes),
                    actions,
                    goal_ids: self.pick(goals, 0..=2),
                }
            })
            .collect();
        list.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then(a.id.cmp(&b.id)));
        list
    }

    fn activities(&mut self, size: &Size, goals: &[Id]) -> Vec<Activity> {
        (0..size.activities)
            .map(|_| {
                let kind = *ActivityKind::ALL.choose(&mut self.rng).expect("not empty");
                let status = *ActivityStatus::ALL
                    .choose(&mut self.rng)
                    .expect("not empty");
                let start = self.rng.gen_range(0..self.days - 30);
                let done = status == ActivityStatus::Done;
                Activity {
                    id: self.id(),
                    kind,
                    title: format!("{} — {}", kind.as_str(), self.sentence()),
                    status,
                    start_date: self.date(start),
                    end_date: self.date_after(start, 0..30),
                    support: self.text(200),
                    evaluation: done.then(|| self.rng.gen_range(1..=5)),
                    reflection: if done { self.text(400) } else { String::new() },
                    goal_ids: self.pick(goals, 1..=2),
                }
            })
            .collect()
    }

    fn feedback(
        &mut self,
        size: &Size,
        goals: &[Id],
        meetings: &[Id],
        activities: &[Id],
    ) -> Vec<Feedback> {
        let mut list: Vec<Feedback> = (0..size.feedback)
            .map(|_| {
                let day = self.rng.gen_range(0..=self.days);
                Feedback {
                    id: self.id(),
                    from: *Role::ALL.choose(&mut self.rng).expect("not empty"),
                    date: self.date(day),
                    went_well: self.text(200),
                    to_improve: self.text(200),
                    next_step: self.sentence(),
                    goal_id: self.maybe(goals),
                    meeting_id: self.maybe(meetings),
                    activity_id: self.maybe(activities),
                }
            })
            .collect();
        list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        list
    }

    fn check_ins(&mut self, size: &Size, goals: &[Id]) -> Vec<CheckIn> {
        let step = self.days / size.check_ins.max(1) as i64;
        let mut list: Vec<CheckIn> = (0..size.check_ins)
            .map(|i| {
                let skills: BTreeMap<Id, u8> = self
                    .pick(goals, 3..=8)
                    .into_iter()
                    .map(|g| (g, self.rng.gen_range(1..=5)))
                    .collect();
                CheckIn {
                    id: self.id(),
                    by: Role::Mentee,
                    date: self.date(i as i64 * step),
                    skills,
                    confidence: self.rng.gen_range(1..=5),
                    motivation: self.rng.gen_range(1..=5),
                    comment: if self.rng.gen_bool(0.5) {
                        self.sentence()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        list
    }

    fn areas(&mut self, size: &Size, goals: &[Id]) -> Vec<Area> {
        (0..size.areas)
            .map(|i| Area {
                id: self.id(),
                title: TOPICS[(i * 5) % TOPICS.len()].to_string(),
                note: self.sentence(),
                goal_id: if self.rng.gen_bool(0.3) {
                    self.maybe(goals)
                } else {
                    None
                },
            })
            .collect()
    }

    fn contacts(&mut self, size: &Size) -> Vec<Contact> {
        (0..size.contacts)
            .map(|i| Contact {
                id: self.id(),
                name: PEOPLE[i % PEOPLE.len()].to_string(),
                role: ["CTO", "Team lead", "Architekt", "HR"][i % 4].to_string(),
                organisation: ORGANISATIONS[i % ORGANISATIONS.len()].to_string(),
                why: self.sentence(),
                follow_up: *FollowUp::ALL.choose(&mut self.rng).expect("not empty"),
                introduced_on: self.date_after(0, 0..self.days + 1),
            })
            .collect()
    }

    // ---- pieces --------------------------------------------------------

    /// An id shaped like the ones `new_id` makes.
    fn id(&mut self) -> Id {
        format!("{:032x}", self.rng.gen::<u128>())
    }

    /// The day a random number of days in `range` after day `from`.
    fn date_after(&mut self, from: i64, range: std::ops::Range<i64>) -> String {
        let day = from + self.rng.gen_range(range);
        self.date(day)
    }

    /// Day `day` of the mentoring, as `YYYY-MM-DD`.
    fn date(&self, day: i64) -> String {
        (self.start + Duration::days(day))
            .format("%Y-%m-%d")
            .to_string()
    }

    fn word(&mut self) -> &'static str {
        WORDS.choose(&mut self.rng).expect("not empty")
    }

    fn sentence(&mut self) -> String {
        let n = self.rng.gen_range(4..10);
        let words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        let mut s = words.join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }

    /// Sentences, with a paragraph break now and then, until about `bytes` long.
    fn text(&mut self, bytes: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            if !text.is_empty() {
                text.push_str(if self.rng.gen_bool(0.15) { "\n\n" } else { " " });
            }
            text.push_str(&self.sentence());
        }
        text
    }

    /// A few distinct ids of `from`, sorted as link views show them.
    fn pick(&mut self, from: &[Id], count: std::ops::RangeInclusive<usize>) -> Vec<Id> {
        let n = self.rng.gen_range(count).min(from.len());
        let mut ids: Vec<Id> = from.choose_multiple(&mut self.rng, n).cloned().collect();
        ids.sort();
        ids
    }

    /// One id of `from`, half of the time.
    fn maybe(&mut self, from: &[Id]) -> Option<Id> {
        if self.rng.gen_bool(0.5) {
            from.choose(&mut self.rng).cloned()
        } else {
            None
        }
    }
}
