//! Property: three replicas of one workspace (two devices of the mentor and
//! the mentee's), each making random typed edits, including text inserts
//! and deletes at random positions, while randomly cut off from the server
//! and reconnecting in random order, through the real server on a socket
//! (SQLite), all end identical to each other and to the server's copy, and
//! every character inserted and not deleted is there exactly once, in the
//! order it was typed.
//!
//! `TANDEM_LONG=1` runs many more and longer cases (docs/benchmarks.md,
//! "Reliability").

#[path = "common/client.rs"]
mod client;
mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use tandem_shared::{
    AgreementField, GoalDraft, GoalStatus, MeetingDraft, MeetingMode, Splice, TextField, Workspace,
};

use client::{content, Device};
use common::{Backend, Server};

/// The date progress is logged under (the crate has no clock).
const TODAY: &str = "2026-03-02";

/// Whether the long version was asked for.
fn long() -> bool {
    std::env::var("TANDEM_LONG").is_ok_and(|v| v == "1")
}

/// One typed mutation; indexes pick among what the replica has at that
/// moment (modulo its length), so every generated edit applies.
#[derive(Clone, Debug)]
enum Op {
    /// Types `len` new characters into a text field at a character position.
    Insert {
        field: usize,
        at: usize,
        len: usize,
    },
    /// Deletes up to `len` characters of a text field from a position.
    Delete {
        field: usize,
        at: usize,
        len: usize,
    },
    AddGoal,
    DeleteGoal(usize),
    MoveGoal(usize, usize),
    GoalStatus(usize, usize),
    AddMilestone(usize),
    ToggleMilestone(usize, usize),
    AddAgendaItem(usize),
    Cadence(u32),
    Channel(usize, bool),
}

#[derive(Clone, Debug)]
enum Step {
    Edit(usize, Op),
    /// The replica loses its connection (edits go on, into its outbox).
    Partition(usize),
    Reconnect(usize),
    /// Everyone connected reads what has arrived for a moment.
    Pause,
}

#[derive(Clone, Debug)]
struct Case {
    /// Which replicas start connected.
    connected: Vec<bool>,
    steps: Vec<Step>,
    /// The order in which the partitioned replicas come back at the end.
    reconnect_order: Vec<usize>,
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0..64usize;
    prop_oneof![
        6 => (i(), i(), 1..6usize).prop_map(|(field, at, len)| Op::Insert { field, at, len }),
        3 => (i(), i(), 1..5usize).prop_map(|(field, at, len)| Op::Delete { field, at, len }),
        1 => Just(Op::AddGoal),
        1 => i().prop_map(Op::DeleteGoal),
        1 => (i(), i()).prop_map(|(g, to)| Op::MoveGoal(g, to)),
        1 => (i(), 0..4usize).prop_map(|(g, s)| Op::GoalStatus(g, s)),
        1 => i().prop_map(Op::AddMilestone),
        1 => (i(), i()).prop_map(|(g, m)| Op::ToggleMilestone(g, m)),
        1 => i().prop_map(Op::AddAgendaItem),
        1 => (1..60u32).prop_map(Op::Cadence),
        1 => (0..3usize, any::<bool>()).prop_map(|(m, on)| Op::Channel(m, on)),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (0..3usize, op()).prop_map(|(r, op)| Step::Edit(r, op)),
        1 => (0..3usize).prop_map(Step::Partition),
        1 => (0..3usize).prop_map(Step::Reconnect),
        1 => Just(Step::Pause),
    ]
}

fn case(max_steps: usize) -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(any::<bool>(), 3),
        proptest::collection::vec(step(), 1..max_steps),
        Just(vec![0usize, 1, 2]).prop_shuffle(),
    )
        .prop_map(|(connected, steps, reconnect_order)| Case {
            connected,
            steps,
            reconnect_order,
        })
}

/// The server, two accounts, and a counter for fresh workspace ids.
struct Env {
    server: Server,
    mentor: String,
    mentee: String,
    next_id: AtomicUsize,
}

/// The `n`th character typed in a case: unique within it, alternating
/// between one UTF-16 unit (CJK) and two (a surrogate pair, CJK Ext. B), so
/// positions are exercised the way a browser counts them.
fn marker(n: u32) -> char {
    let c = if n.is_multiple_of(2) {
        0x4E00 + n / 2
    } else {
        0x20000 + n / 2
    };
    char::from_u32(c).expect("a valid character")
}

/// What was typed and deleted, to check the end state against.
#[derive(Default)]
struct Typed {
    next: u32,
    /// Each insert: the field and the characters, in order.
    runs: Vec<(TextField, Vec<char>)>,
    /// Characters some replica deleted (as it saw them).
    deleted: HashSet<char>,
}

/// The text fields a replica can edit now.
fn text_fields(ws: &Workspace) -> Vec<TextField> {
    let mut fields = vec![TextField::Purpose, TextField::Confidentiality];
    for g in ws.goals() {
        fields.push(TextField::GoalDescription(g.id));
    }
    for m in ws.meetings() {
        fields.push(TextField::MeetingNotes(m.id));
    }
    fields
}

/// Whether the entity holding a text field still exists.
fn field_exists(ws: &Workspace, field: &TextField) -> bool {
    match field {
        TextField::GoalDescription(g) => ws.goal(g).is_some(),
        TextField::MeetingNotes(m) => ws.meeting(m).is_some(),
        _ => true,
    }
}

fn utf16_len(chars: &[char]) -> u32 {
    chars.iter().map(|c| c.len_utf16() as u32).sum()
}

fn apply(ws: &mut Workspace, op: &Op, typed: &mut Typed) {
    let goals = ws.goals();
    let pick = |n: usize, len: usize| (len > 0).then(|| n % len);
    let result = match op {
        Op::Insert { field, at, len } => {
            let fields = text_fields(ws);
            let field = &fields[field % fields.len()];
            let chars: Vec<char> = ws.text(field).chars().collect();
            let at = at % (chars.len() + 1);
            let run: Vec<char> = (0..*len)
                .map(|_| {
                    typed.next += 1;
                    marker(typed.next)
                })
                .collect();
            typed.runs.push((field.clone(), run.clone()));
            let splice = Splice {
                index: utf16_len(&chars[..at]),
                delete: 0,
                insert: run.into_iter().collect(),
            };
            ws.splice_text(field, &splice)
        }
        Op::Delete { field, at, len } => {
            let fields = text_fields(ws);
            let field = &fields[field % fields.len()];
            let chars: Vec<char> = ws.text(field).chars().collect();
            if chars.is_empty() {
                return;
            }
            let start = at % chars.len();
            let end = (start + len).min(chars.len());
            typed.deleted.extend(&chars[start..end]);
            let splice = Splice {
                index: utf16_len(&chars[..start]),
                delete: utf16_len(&chars[start..end]),
                insert: String::new(),
            };
            ws.splice_text(field, &splice)
        }
        Op::AddGoal => ws
            .add_goal(GoalDraft::new(format!("Cel {}", goals.len())))
            .map(drop),
        Op::DeleteGoal(g) => match pick(*g, goals.len()) {
            Some(g) => ws.delete_goal(&goals[g].id),
            None => Ok(()),
        },
        Op::MoveGoal(g, to) => match pick(*g, goals.len()) {
            Some(g) => ws.move_goal(&goals[g].id, to % goals.len()),
            None => Ok(()),
        },
        Op::GoalStatus(g, s) => match pick(*g, goals.len()) {
            Some(g) => {
                let status = [
                    GoalStatus::Planned,
                    GoalStatus::InProgress,
                    GoalStatus::Achieved,
                    GoalStatus::Dropped,
                ][*s];
                ws.set_goal(
                    &goals[g].id,
                    tandem_shared::GoalField::Status(status),
                    TODAY,
                )
            }
            None => Ok(()),
        },
        Op::AddMilestone(g) => match pick(*g, goals.len()) {
            Some(g) => ws.add_milestone(&goals[g].id, "Krok").map(drop),
            None => Ok(()),
        },
        Op::ToggleMilestone(g, m) => match pick(*g, goals.len()) {
            Some(g) => match pick(*m, goals[g].milestones.len()) {
                Some(m) => {
                    let milestone = &goals[g].milestones[m];
                    ws.set_milestone_done(&goals[g].id, &milestone.id, !milestone.done, TODAY)
                }
                None => Ok(()),
            },
            None => Ok(()),
        },
        Op::AddAgendaItem(m) => {
            let meetings = ws.meetings();
            match pick(*m, meetings.len()) {
                Some(m) => ws.add_agenda_item(&meetings[m].id, "Temat").map(drop),
                None => Ok(()),
            }
        }
        Op::Cadence(days) => ws.set_agreement(AgreementField::CadenceDays(*days)),
        Op::Channel(m, on) => {
            let mode = [
                MeetingMode::InPerson,
                MeetingMode::Phone,
                MeetingMode::Online,
            ][*m];
            ws.set_agreement(AgreementField::Channel(mode, *on))
        }
    };
    result.unwrap_or_else(|e| panic!("{op:?} on a replica's own state failed: {e}"));
}

/// The workspace as first made on the mentor's phone: some text in every
/// kind of field the edits touch.
fn first_copy() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Konwergencja").unwrap();
    ws.set_text(&TextField::Purpose, "Cel wspolpracy", None)
        .unwrap();
    let goal = ws.add_goal(GoalDraft::new("Wystapienia")).unwrap();
    ws.set_text(&TextField::GoalDescription(goal), "Trzy prezentacje", None)
        .unwrap();
    let meeting = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    ws.set_text(&TextField::MeetingNotes(meeting), "Notatki", None)
        .unwrap();
    ws
}

async fn run_case(env: &Env, case: Case) -> Result<(), String> {
    let addr = env.server.addr;
    let id = format!("conv-{}", env.next_id.fetch_add(1, Ordering::Relaxed));
    let first = first_copy();
    client::share(addr, &id, &first.encode(), &env.mentor, &env.mentee).await;
    let tokens = [&env.mentor, &env.mentor, &env.mentee];
    // Every replica starts from what was shared; its outbox is already stored.
    let mut replicas: Vec<Device> = (0..3)
        .map(|_| Device::new(Workspace::load(&first.encode(), Vec::new()).unwrap()))
        .collect();
    for (r, replica) in replicas.iter_mut().enumerate() {
        if case.connected[r] {
            replica.connect(addr, &id, tokens[r]).await?;
        }
    }

    let mut typed = Typed::default();
    for step in &case.steps {
        match step {
            Step::Edit(r, op) => {
                apply(&mut replicas[*r].ws, op, &mut typed);
                replicas[*r].push().await?;
            }
            Step::Partition(r) => replicas[*r].disconnect(),
            Step::Reconnect(r) if !replicas[*r].is_connected() => {
                replicas[*r].connect(addr, &id, tokens[*r]).await?
            }
            Step::Reconnect(_) => {}
            Step::Pause => {
                for replica in &mut replicas {
                    replica.pump(Duration::from_millis(5)).await?;
                }
            }
        }
        // Take what has already arrived, without waiting for more.
        for replica in &mut replicas {
            replica.pump(Duration::ZERO).await?;
        }
    }

    // The network heals: the partitioned come back in the case's order, then
    // everyone's updates are stored, then everyone asks for what they lack.
    for &r in &case.reconnect_order {
        if !replicas[r].is_connected() {
            replicas[r].connect(addr, &id, tokens[r]).await?;
        }
    }
    for replica in &mut replicas {
        replica.flush().await?;
    }
    for replica in &mut replicas {
        replica.pull().await?;
    }

    let server = client::server_state(addr, &id, &env.mentor).await?;
    let expected = content(&server);
    for (r, replica) in replicas.iter().enumerate() {
        if content(&replica.ws) != expected {
            return Err(format!(
                "replica {r} differs from the server\nreplica: {}\nserver:  {expected}",
                content(&replica.ws)
            ));
        }
        if replica.ws.state_vector() != server.state_vector() {
            return Err(format!(
                "replica {r}'s state vector differs from the server's"
            ));
        }
        if !replica.ws.outbox().is_empty() {
            return Err(format!("replica {r} still has unacknowledged edits"));
        }
    }
    check_typed(&server, &typed)
}

/// Every character typed and not deleted is in its field exactly once, the
/// characters of one insert in the order typed; nothing deleted is there.
fn check_typed(ws: &Workspace, typed: &Typed) -> Result<(), String> {
    let mut texts: HashMap<TextField, Vec<char>> = HashMap::new();
    for (field, run) in &typed.runs {
        if !field_exists(ws, field) {
            continue; // its goal or meeting was deleted, and the text with it
        }
        let text = texts
            .entry(field.clone())
            .or_insert_with(|| ws.text(field).chars().collect());
        let mut last = None;
        for c in run {
            let found: Vec<usize> = (0..text.len()).filter(|&i| text[i] == *c).collect();
            let deleted = typed.deleted.contains(c);
            match (found.as_slice(), deleted) {
                ([], true) => {}
                ([i], false) => {
                    if last.is_some_and(|l| l > *i) {
                        return Err(format!("{c:?} of run {run:?} out of order in {field:?}"));
                    }
                    last = Some(*i);
                }
                ([], false) => return Err(format!("{c:?} typed into {field:?} is missing")),
                (_, true) => return Err(format!("{c:?} was deleted but is in {field:?}")),
                (_, false) => return Err(format!("{c:?} is in {field:?} {} times", found.len())),
            }
        }
    }
    Ok(())
}

#[test]
fn three_replicas_converge_through_the_server() {
    let (cases, max_steps) = if long() { (400, 150) } else { (16, 40) };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let env = runtime.block_on(async {
        let server = Server::start(Backend::Sqlite).await;
        let mentor = client::sign_up(server.addr, "mentor@example.com").await;
        let mentee = client::sign_up(server.addr, "mentee@example.com").await;
        Env {
            server,
            mentor,
            mentee,
            next_id: AtomicUsize::new(0),
        }
    });
    let config = Config {
        cases,
        // A failing case prints its shrunk input; no files in the tree.
        failure_persistence: None,
        max_shrink_iters: 300,
        ..Config::default()
    };
    // CI runs the same cases every time (a red CI must be reproducible);
    // the long run draws new ones.
    let mut runner = if long() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    };
    let result = runner.run(&case(max_steps), |case| {
        runtime
            .block_on(run_case(&env, case))
            .map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
