//! Soak: many devices editing shared workspaces at once through the
//! `tandem-server` binary (SQLite, loopback), each making an edit about once
//! a second and receiving everyone else's. Passes with zero errors (every
//! edit acknowledged, no refused or dropped connection, nothing logged at
//! WARN or ERROR), everyone converged with every edit present at the end,
//! and the server's memory flat (resident size read from /proc).
//!
//! CI: 20 devices for 3 s. `TANDEM_LONG=1`: 200 devices for 60 s, the
//! figures in docs/benchmarks.md ("Reliability").

#[path = "common/client.rs"]
mod client;
mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use rand::Rng;
use tandem_shared::{GoalDraft, Splice, TextField, Workspace};
use tempfile::TempDir;

use client::{content, Device, ServerProcess};
use common::Backend;

/// Devices per workspace (two members, several devices each).
const PER_WORKSPACE: usize = 10;

/// What one device did: goals it added, ack round trips, the first error.
struct Report {
    device: Device,
    goals: Vec<String>,
    round_trips: Vec<Duration>,
    error: Option<String>,
}

/// Edits about once a second until `end`, reading everyone else's edits
/// in between; each edit is pushed and its ack timed.
async fn edit_until(mut device: Device, name: String, end: Instant) -> Report {
    let mut report = Report {
        device: Device::new(Workspace::new()),
        goals: Vec::new(),
        round_trips: Vec::new(),
        error: None,
    };
    let mut n = 0u32;
    let result: Result<(), String> = async {
        while Instant::now() < end {
            let ws = &mut device.ws;
            if n.is_multiple_of(2) {
                let title = format!("{name}-{n}");
                ws.add_goal(GoalDraft::new(title.clone())).unwrap();
                report.goals.push(title);
            } else {
                let len = ws.text(&TextField::Purpose).encode_utf16().count() as u32;
                let at = rand::thread_rng().gen_range(0..=len);
                let splice = Splice {
                    index: at,
                    delete: 0,
                    insert: "x".into(),
                };
                ws.splice_text(&TextField::Purpose, &splice).unwrap();
            }
            n += 1;
            let sent = Instant::now();
            device.push().await?;
            let next = sent + Duration::from_millis(rand::thread_rng().gen_range(500..1500));
            // Wait for the ack, then read others' edits until the next one.
            while !device.ws.outbox().is_empty() {
                if sent.elapsed() > client::WAIT {
                    return Err("edit not acknowledged in time".into());
                }
                device
                    .pump_until(Instant::now() + Duration::from_millis(5))
                    .await?;
            }
            report.round_trips.push(sent.elapsed());
            device.pump_until(next.min(end)).await?;
        }
        Ok(())
    }
    .await;
    report.error = result.err();
    report.device = device;
    report
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Devices and seconds: 20 for 3 s in CI, 200 for 60 s with `TANDEM_LONG=1`.
fn size() -> (usize, u64) {
    if std::env::var("TANDEM_LONG").is_ok_and(|v| v == "1") {
        (200, 60)
    } else {
        (20, 3)
    }
}

/// Up to `max_devices` devices spread over `workspaces` workspaces
/// (`None`: one per ten devices) edit for the [`size`]'s seconds.
async fn soak(backend: Backend, max_devices: usize, workspaces: Option<usize>) {
    let (devices, seconds) = size();
    let devices = devices.min(max_devices);
    let data = TempDir::new().unwrap();
    let db = backend.fresh_database().await;
    let server = ServerProcess::start(data.path(), db.as_ref().map(|d| d.url.as_str()));
    let addr = server.addr;
    let mentor = client::sign_up(addr, "mentor@example.com").await;
    let mentee = client::sign_up(addr, "mentee@example.com").await;

    let workspaces = workspaces.unwrap_or(devices.div_ceil(PER_WORKSPACE));
    let mut first = Workspace::new();
    first.init("Soak").unwrap();
    for w in 0..workspaces {
        client::share(
            addr,
            &format!("soak-{w}"),
            &first.encode(),
            &mentor,
            &mentee,
        )
        .await;
    }
    let mut connected = Vec::new();
    for d in 0..devices {
        let mut device = Device::new(Workspace::load(&first.encode(), Vec::new()).unwrap());
        let token = if d.is_multiple_of(2) {
            &mentor
        } else {
            &mentee
        };
        let doc = format!("soak-{}", d % workspaces);
        device.connect(addr, &doc, token).await.unwrap();
        device.pull().await.unwrap();
        connected.push(device);
    }
    let rss_start = server.rss_kib();

    let started = Instant::now();
    let end = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = connected
        .into_iter()
        .enumerate()
        .map(|(d, device)| tokio::spawn(edit_until(device, format!("d{d}"), end)))
        .collect();
    // Memory every second while they work.
    let mut rss_max = rss_start;
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_secs(1)).await;
        rss_max = rss_max.max(server.rss_kib());
    }
    let mut reports = Vec::new();
    for task in tasks {
        reports.push(task.await.unwrap());
    }
    let elapsed = started.elapsed();
    let rss_end = server.rss_kib();

    let errors: Vec<String> = reports.iter().filter_map(|r| r.error.clone()).collect();
    assert!(
        errors.is_empty(),
        "{} devices failed: {:?}\nserver log: {:?}",
        errors.len(),
        &errors[..errors.len().min(3)],
        server.trouble()
    );

    // Everyone catches up; each workspace holds every goal its devices added.
    for report in &mut reports {
        report.device.flush().await.unwrap();
    }
    for report in &mut reports {
        report.device.pull().await.unwrap();
    }
    for w in 0..workspaces {
        let stored = client::server_state(addr, &format!("soak-{w}"), &mentor)
            .await
            .unwrap();
        let titles: HashSet<String> = stored.goals().into_iter().map(|g| g.title).collect();
        for (d, report) in reports
            .iter()
            .enumerate()
            .filter(|(d, _)| d % workspaces == w)
        {
            assert_eq!(
                content(&report.device.ws),
                content(&stored),
                "device {d} differs"
            );
            let missing: Vec<&String> = report
                .goals
                .iter()
                .filter(|g| !titles.contains(*g))
                .collect();
            assert!(
                missing.is_empty(),
                "device {d}'s goals missing: {missing:?}"
            );
        }
    }
    // Slow statements are reported, not failed: the machine is shared.
    let (slow, trouble): (Vec<String>, Vec<String>) = server
        .trouble()
        .into_iter()
        .partition(|l| l.contains("slow statement"));
    assert_eq!(trouble, Vec::<String>::new(), "the server logged trouble");

    let mut trips: Vec<Duration> = reports.iter().flat_map(|r| r.round_trips.clone()).collect();
    trips.sort();
    let edits = trips.len();
    println!(
        "soak {backend:?}: {devices} devices, {workspaces} workspaces, {:.1} s, {edits} edits ({:.0}/s), 0 errors; \
         edit→ack p50 {:?} p99 {:?} max {:?}; server RSS start {} KiB, max {} KiB, end {} KiB; {} slow-statement warnings",
        elapsed.as_secs_f64(),
        edits as f64 / elapsed.as_secs_f64(),
        percentile(&trips, 0.5),
        percentile(&trips, 0.99),
        trips.last().unwrap(),
        rss_start,
        rss_max,
        rss_end,
        slow.len(),
    );
    // Flat: memory may grow with what is stored and cached (each edit adds
    // a goal, ~1-2 KB in a yrs document, plus SQLite's page cache up to
    // 8 MB), not with the number of messages relayed (an edit is relayed
    // to every other device of its workspace).
    let allowed_mib = 32 + edits as u64 * 4 / 1024;
    let grew_mib = rss_end.saturating_sub(rss_start) / 1024;
    assert!(
        grew_mib < allowed_mib,
        "server memory grew by {grew_mib} MiB ({rss_start} → {rss_end} KiB), more than {allowed_mib} MiB"
    );
    assert!(
        edits >= devices * seconds as usize / 2,
        "only {edits} edits were made"
    );
}

/// One shared workspace (its writes are serialized by the server's room),
/// at most 20 devices: a pair's phones, laptops and tablets, generously.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_on_one_workspace_sqlite() {
    soak(Backend::Sqlite, 20, Some(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_on_many_workspaces_postgres() {
    soak(Backend::Postgres, usize::MAX, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_on_many_workspaces_sqlite() {
    soak(Backend::Sqlite, usize::MAX, None).await;
}
