//! Meetings, upcoming and past, and the form to plan one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use tandem_shared::{Meeting, MeetingDraft, MeetingMode};

use super::ws_href;
use crate::components::{FieldError, FormErrors, Select};
use crate::i18n::{now_local, use_i18n};
use crate::runtime::use_store;
use crate::zones::{self, start_here};

/// Upcoming and past meetings, and a "new meeting" form.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let meetings = Memo::new(move |_| store.read(|ws| ws.meetings()).unwrap_or_default());
    let split = move || {
        let now = now_local();
        let (mut past, upcoming): (Vec<Meeting>, Vec<Meeting>) = meetings
            .get()
            .into_iter()
            .partition(|m| start_here(m) < now);
        past.reverse();
        (upcoming, past)
    };
    let row = move |m: Meeting| {
        let open = m.agenda.iter().filter(|a| !a.discussed).count();
        let when = i18n.date_time(&start_here(&m));
        view! {
            <li>
                <A href=ws_href(&format!("meetings/{}", m.id))>{when}</A>
                " · " {i18n.t(&format!("mode-{}", m.mode.as_str()))}
                " · " {i18n.t_with("meeting-minutes", &[("minutes", m.duration_min.to_string())])}
                {(open > 0).then(|| format!(" · {}: {}", i18n.t("agenda"), i18n.number(open as f64)))}
            </li>
        }
    };
    view! {
        <h1>{move || i18n.t("meetings-title")}</h1>
        <Show when=move || meetings.with(Vec::is_empty)>
            <p>{move || i18n.t("meetings-empty")}</p>
        </Show>
        {move || {
            let (upcoming, past) = split();
            view! {
                <Show when={let any = !upcoming.is_empty(); move || any}>
                    <section class="card" aria-labelledby="upcoming">
                        <h2 id="upcoming">{move || i18n.t("meetings-upcoming")}</h2>
                        <ul class="list">{upcoming.clone().into_iter().map(row).collect_view()}</ul>
                    </section>
                </Show>
                <Show when={let any = !past.is_empty(); move || any}>
                    <section class="card" aria-labelledby="past">
                        <h2 id="past">{move || i18n.t("meetings-past")}</h2>
                        <ul class="list">{past.clone().into_iter().map(row).collect_view()}</ul>
                    </section>
                </Show>
            }
        }}
        <NewMeetingForm />
    }
}

/// The form that plans a meeting; opens the new meeting on success.
#[component]
fn NewMeetingForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let starts_at = RwSignal::new(String::new());
    let duration = RwSignal::new("60".to_string());
    let mode = RwSignal::new(MeetingMode::InPerson);
    let place = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = MeetingDraft {
            starts_at: starts_at.get_untracked(),
            // The time was typed on this device's clock.
            time_zone: zones::here(),
            // Anything that is not a number is out of range, and said so.
            duration_min: duration.get_untracked().trim().parse().unwrap_or(0),
            mode: mode.get_untracked(),
            place: place.get_untracked(),
        };
        let result = store.update(|ws| ws.add_meeting(draft));
        errors.record(&result);
        if let Ok(id) = result {
            navigate(&ws_href(&format!("meetings/{id}")), Default::default());
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-meeting">
            <h2 id="new-meeting">{move || i18n.t("meeting-new")}</h2>
            <div class="grid">
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("meeting-starts-at")}</span>
                        <input type="datetime-local" prop:value=move || starts_at.get()
                            on:input=move |ev| starts_at.set(event_target_value(&ev))
                            aria-invalid=move || errors.for_field("starts_at").is_some().to_string() />
                    </label>
                    <FieldError errors field="starts_at" />
                </div>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("meeting-duration")}</span>
                        <input type="number" min="1" max="1440" inputmode="numeric" prop:value=move || duration.get()
                            on:input=move |ev| duration.set(event_target_value(&ev)) />
                    </label>
                    <FieldError errors field="duration_min" />
                </div>
                <Select label="meeting-mode" prefix="mode" selected=Signal::derive(move || Some(mode.get())) on_pick=move |m| mode.set(m) />
            </div>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("meeting-place")}</span>
                    <input type="text" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) />
                </label>
            </div>
            <button type="submit">{move || i18n.t("meeting-add")}</button>
        </form>
    }
}
