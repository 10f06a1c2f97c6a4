//! Charts drawn as SVG by the app itself (no chart library: it would cost
//! more than the whole app). Each SVG has a viewBox, so it scales to the
//! width it is given, from a 360 px phone to a desktop.

use leptos::prelude::*;
use tandem_shared::{MonthCount, Point};

use crate::i18n::{use_i18n, I18n};

/// The drawing's coordinate box; the plot area keeps room for the labels.
const W: f64 = 320.0;
const H: f64 = 180.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;
const PLOT_W: f64 = W - LEFT - RIGHT;
const PLOT_H: f64 = H - TOP - BOTTOM;

/// One line of a line chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Names the series in the page (`data-series`), e.g. `"confidence"`.
    pub key: String,
    /// Translated name for the legend and the summary.
    pub label: String,
    /// Oldest first.
    pub points: Vec<Point>,
}

/// How the values of a chart read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// 1–5.
    Rating,
    /// 0–100 %.
    Percent,
}

impl Scale {
    fn range(self) -> (f64, f64, &'static [u8]) {
        match self {
            Scale::Rating => (1.0, 5.0, &[1, 2, 3, 4, 5]),
            Scale::Percent => (0.0, 100.0, &[0, 50, 100]),
        }
    }

    fn format(self, i18n: I18n, value: u8) -> String {
        match self {
            Scale::Rating => format!("{value}/5"),
            Scale::Percent => i18n.t_with("progress-value", &[("value", value.to_string())]),
        }
    }

    fn tick(self, value: u8) -> String {
        match self {
            Scale::Rating => value.to_string(),
            Scale::Percent => format!("{value}%"),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
fn day_number(iso: &str) -> Option<i64> {
    let mut parts = iso.get(..10)?.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A line chart of values over dates: one coloured (and, past the first,
/// dashed) line per series, a point per value with its value as a tooltip,
/// and a spoken summary, since a screen reader cannot see the lines.
#[component]
pub fn LineChart(
    /// Names the chart in the page (`data-chart`), e.g. `"feelings"`.
    name: &'static str,
    /// What the chart shows, translated.
    title: String,
    lines: Vec<Line>,
    scale: Scale,
) -> impl IntoView {
    let i18n = use_i18n();
    let (min, max, ticks) = scale.range();
    let days: Vec<i64> = lines
        .iter()
        .flat_map(|l| l.points.iter().filter_map(|p| day_number(&p.date)))
        .collect();
    let (first, last) = (
        days.iter().copied().min().unwrap_or(0),
        days.iter().copied().max().unwrap_or(0),
    );
    // A single day sits in the middle; otherwise time runs left to right.
    let x = move |date: &str| {
        let d = day_number(date).unwrap_or(first);
        if last == first {
            LEFT + PLOT_W / 2.0
        } else {
            LEFT + PLOT_W * (d - first) as f64 / (last - first) as f64
        }
    };
    let y = move |v: f64| TOP + PLOT_H * (max - v.clamp(min, max)) / (max - min);
    let dates = {
        let all = lines.iter().flat_map(|l| l.points.iter());
        let first = all.clone().min_by(|a, b| a.date.cmp(&b.date));
        let last = all.max_by(|a, b| a.date.cmp(&b.date));
        (first.map(|p| p.date.clone()), last.map(|p| p.date.clone()))
    };
    let summary = lines
        .iter()
        .filter_map(|l| {
            let (first, last) = (l.points.first()?, l.points.last()?);
            Some(i18n.t_with(
                "chart-summary",
                &[
                    ("series", l.label.clone()),
                    ("count", l.points.len().to_string()),
                    ("first", i18n.date(&first.date)),
                    ("last", i18n.date(&last.date)),
                    ("value", scale.format(i18n, last.value)),
                ],
            ))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let label = format!("{title}. {summary}");
    let baseline = H - 8.0;
    let date_labels = match dates {
        (Some(a), Some(b)) if a == b => vec![(x(&a), "middle", i18n.date(&a))],
        (Some(a), Some(b)) => vec![
            (LEFT, "start", i18n.date(&a)),
            (LEFT + PLOT_W, "end", i18n.date(&b)),
        ],
        _ => Vec::new(),
    };
    let legend = (lines.len() > 1).then(|| {
        view! {
            <ul class="legend" aria-hidden="true">
                {lines.iter().enumerate().map(|(i, l)| view! {
                    <li><span class=format!("swatch s{}", i % 6)></span>{l.label.clone()}</li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label data-chart=name>
                {ticks.iter().map(|&t| {
                    let ty = y(t as f64);
                    view! {
                        <line class="gridline" x1=LEFT x2=W - RIGHT y1=ty y2=ty />
                        <text class="tick" x=LEFT - 6.0 y=ty + 4.0 text-anchor="end">{scale.tick(t)}</text>
                    }
                }).collect_view()}
                {date_labels.into_iter().map(|(lx, anchor, text)| view! {
                    <text class="tick" x=lx y=baseline text-anchor=anchor>{text}</text>
                }).collect_view()}
                {lines.iter().enumerate().map(|(i, l)| {
                    let path = l.points.iter()
                        .map(|p| format!("{:.1},{:.1}", x(&p.date), y(p.value as f64)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! {
                        <g class=format!("series s{}", i % 6)>
                            {(l.points.len() > 1).then(|| view! { <polyline points=path /> })}
                            {l.points.iter().map(|p| {
                                let tip = i18n.t_with("chart-point", &[
                                    ("series", l.label.clone()),
                                    ("date", i18n.date(&p.date)),
                                    ("value", scale.format(i18n, p.value)),
                                ]);
                                view! {
                                    <circle cx=x(&p.date) cy=y(p.value as f64) r="5" data-series=l.key.clone()>
                                        <title>{tip}</title>
                                    </circle>
                                }
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            {legend}
        </figure>
    }
}

/// Meetings per month as bars, with the number the agreed rhythm asks for
/// as a dashed mark on each month.
#[component]
pub fn MeetingsChart(
    /// What the chart shows, translated.
    title: String,
    months: Vec<MonthCount>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = months.len().max(1);
    let top = months
        .iter()
        .map(|m| (m.meetings as f64).max(m.expected.unwrap_or(0.0) as f64))
        .fold(1.0, f64::max)
        .ceil();
    let step = (top / 4.0).ceil().max(1.0);
    let top = (top / step).ceil() * step;
    let y = move |v: f64| TOP + PLOT_H * (top - v.clamp(0.0, top)) / top;
    let band = PLOT_W / n as f64;
    // At most about six month names fit under the bars on a phone.
    let every = n.div_ceil(6);
    let total: u32 = months.iter().map(|m| m.meetings).sum();
    let label = format!(
        "{title}. {}",
        i18n.t_with(
            "chart-meetings-summary",
            &[
                ("count", total.to_string()),
                ("months", months.len().to_string()),
            ]
        )
    );
    let expected = months.iter().find_map(|m| m.expected);
    let ticks: Vec<f64> = (0..=(top / step) as u32).map(|i| i as f64 * step).collect();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=label data-chart="meetings">
                {ticks.into_iter().map(|t| view! {
                    <line class="gridline" x1=LEFT x2=W - RIGHT y1=y(t) y2=y(t) />
                    <text class="tick" x=LEFT - 6.0 y=y(t) + 4.0 text-anchor="end">{t.to_string()}</text>
                }).collect_view()}
                {months.iter().enumerate().map(|(i, m)| {
                    let left = LEFT + band * i as f64;
                    let (bar_w, count) = (band * 0.6, m.meetings as f64);
                    let shown = i % every == 0;
                    let with_year = i == 0 || m.month.ends_with("-01");
                    let tip = i18n.t_with("chart-month", &[
                        ("month", i18n.month(&m.month, true)),
                        ("count", m.meetings.to_string()),
                    ]);
                    view! {
                        <rect class="bar" x=left + band * 0.2 y=y(count) width=bar_w height=(y(0.0) - y(count)).max(0.0) data-month=m.month.clone()>
                            <title>{tip}</title>
                        </rect>
                        {m.expected.map(|e| view! {
                            <line class="expected" x1=left + band * 0.1 x2=left + band * 0.9 y1=y(e as f64) y2=y(e as f64) />
                        })}
                        {shown.then(|| view! {
                            <text class="tick" x=left + band / 2.0 y=H - 8.0 text-anchor="middle">{i18n.month(&m.month, with_year)}</text>
                        })}
                    }
                }).collect_view()}
            </svg>
            <ul class="legend">
                <li><span class="swatch bar"></span>{i18n.t("chart-meetings-legend")}</li>
                {expected.map(|e| view! {
                    <li><span class="swatch expected"></span>
                        {i18n.t_with("chart-expected", &[("count", i18n.number((e as f64 * 10.0).round() / 10.0))])}</li>
                })}
            </ul>
        </figure>
    }
}
