//! What an operator watches, in the Prometheus text format (served at
//! `/metrics`): open connections, updates accepted, and how late updates
//! from other instances arrive. Plain atomics: a handful of numbers needs
//! no metrics framework.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

/// Upper bounds (seconds) of the fan-out lag histogram's buckets.
const LAG_BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// One instance's counters.
#[derive(Default)]
pub struct Metrics {
    connections: AtomicI64,
    connections_total: AtomicU64,
    updates_accepted: AtomicU64,
    updates_from_peers: AtomicU64,
    resyncs: AtomicU64,
    listener_reconnects: AtomicU64,
    lag_buckets: [AtomicU64; LAG_BUCKETS.len()],
    lag_count: AtomicU64,
    lag_sum_micros: AtomicU64,
}

/// What the hub knows at the moment of a scrape.
pub struct Snapshot {
    pub rooms: usize,
    /// `None` on SQLite (no fan-out); else whether the listener is connected.
    pub listening: Option<bool>,
    pub draining: bool,
    /// Connections the database pool holds open, taken or not.
    pub pool_size: u32,
    /// Of those, how many wait in the pool to be taken.
    pub pool_idle: usize,
}

impl Metrics {
    /// A WebSocket connection opened; the returned guard counts it closed.
    pub fn connection(&self) -> ConnectionGuard<'_> {
        self.connections.fetch_add(1, Relaxed);
        self.connections_total.fetch_add(1, Relaxed);
        ConnectionGuard(self)
    }

    /// Open WebSocket connections.
    pub fn connections(&self) -> i64 {
        self.connections.load(Relaxed)
    }

    /// An update was stored by this instance.
    pub fn update_accepted(&self) {
        self.updates_accepted.fetch_add(1, Relaxed);
    }

    /// An update stored by another instance was sent to this one's clients.
    pub fn update_from_peer(&self) {
        self.updates_from_peers.fetch_add(1, Relaxed);
    }

    /// A cached document was brought up to date from its snapshot, or all
    /// of them after the listener (re)connected.
    pub fn resync(&self) {
        self.resyncs.fetch_add(1, Relaxed);
    }

    /// The fan-out listener had to connect again.
    pub fn listener_reconnect(&self) {
        self.listener_reconnects.fetch_add(1, Relaxed);
    }

    /// Another instance stored an update `seconds` before its clients here got it.
    pub fn fanout_lag(&self, seconds: f64) {
        let seconds = seconds.max(0.0);
        for (bound, bucket) in LAG_BUCKETS.iter().zip(&self.lag_buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Relaxed);
            }
        }
        self.lag_count.fetch_add(1, Relaxed);
        self.lag_sum_micros
            .fetch_add((seconds * 1e6) as u64, Relaxed);
    }

    /// The Prometheus text exposition of everything.
    pub fn render(&self, now: &Snapshot) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: String| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        };
        metric(
            "tandem_ws_connections",
            "gauge",
            "Open live-sync WebSocket connections.",
            self.connections().to_string(),
        );
        metric(
            "tandem_ws_connections_total",
            "counter",
            "Live-sync WebSocket connections opened.",
            self.connections_total.load(Relaxed).to_string(),
        );
        metric(
            "tandem_open_documents",
            "gauge",
            "Documents held in memory (rooms).",
            now.rooms.to_string(),
        );
        metric(
            "tandem_updates_accepted_total",
            "counter",
            "Document updates stored by this instance.",
            self.updates_accepted.load(Relaxed).to_string(),
        );
        metric(
            "tandem_fanout_updates_total",
            "counter",
            "Updates stored by other instances and sent to this instance's clients.",
            self.updates_from_peers.load(Relaxed).to_string(),
        );
        metric(
            "tandem_fanout_resyncs_total",
            "counter",
            "Cached documents brought up to date from the database after missed notices.",
            self.resyncs.load(Relaxed).to_string(),
        );
        metric(
            "tandem_fanout_listener_reconnects_total",
            "counter",
            "Times the LISTEN connection to PostgreSQL was lost and made again.",
            self.listener_reconnects.load(Relaxed).to_string(),
        );
        metric(
            "tandem_fanout_listening",
            "gauge",
            "1 while the PostgreSQL LISTEN connection is up (always 0 on SQLite, which needs none).",
            match now.listening {
                Some(up) => u8::from(up).to_string(),
                None => "0".into(),
            },
        );
        metric(
            "tandem_draining",
            "gauge",
            "1 once shutdown has begun.",
            u8::from(now.draining).to_string(),
        );
        metric(
            "tandem_db_pool_connections",
            "gauge",
            "Database connections the pool holds open (taken or idle).",
            now.pool_size.to_string(),
        );
        metric(
            "tandem_db_pool_idle",
            "gauge",
            "Of those, connections waiting in the pool to be taken.",
            now.pool_idle.to_string(),
        );
        let name = "tandem_fanout_lag_seconds";
        let _ = writeln!(
            out,
            "# HELP {name} From an update being stored on another instance to its sending here.\n\
             # TYPE {name} histogram"
        );
        for (bound, bucket) in LAG_BUCKETS.iter().zip(&self.lag_buckets) {
            let _ = writeln!(
                out,
                "{name}_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Relaxed)
            );
        }
        let count = self.lag_count.load(Relaxed);
        let sum = self.lag_sum_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "{name}_sum {sum}\n{name}_count {count}");
        out
    }
}

/// Counts a connection closed when dropped.
pub struct ConnectionGuard<'a>(&'a Metrics);

impl Drop for ConnectionGuard<'_> {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_a_cumulative_histogram() {
        let metrics = Metrics::default();
        let guard = metrics.connection();
        metrics.update_accepted();
        metrics.fanout_lag(0.004);
        metrics.fanout_lag(0.3);
        let text = metrics.render(&Snapshot {
            rooms: 2,
            listening: Some(true),
            draining: false,
            pool_size: 3,
            pool_idle: 2,
        });
        assert!(text.contains("\ntandem_ws_connections 1\n"), "{text}");
        assert!(text.contains("\ntandem_updates_accepted_total 1\n"));
        assert!(text.contains("\ntandem_open_documents 2\n"));
        assert!(text.contains("\ntandem_db_pool_connections 3\n"));
        assert!(text.contains("\ntandem_db_pool_idle 2\n"));
        assert!(text.contains("tandem_fanout_lag_seconds_bucket{le=\"0.001\"} 0\n"));
        assert!(text.contains("tandem_fanout_lag_seconds_bucket{le=\"0.005\"} 1\n"));
        assert!(text.contains("tandem_fanout_lag_seconds_bucket{le=\"0.5\"} 2\n"));
        assert!(text.contains("tandem_fanout_lag_seconds_bucket{le=\"+Inf\"} 2\n"));
        assert!(text.contains("tandem_fanout_lag_seconds_count 2\n"));
        drop(guard);
        assert_eq!(metrics.connections(), 0);
    }
}
