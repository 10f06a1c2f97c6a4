//! Development activities (trainings, projects, reading …) and the form to
//! add one.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_shared::validate::TITLE_MAX;
use tandem_shared::{Activity, ActivityDraft, ActivityKind, ActivityStatus};

use super::ws_href;
use crate::components::{CharCount, FieldError, FormErrors, Select};
use crate::i18n::{use_i18n, I18n};
use crate::runtime::use_store;

/// Activities in their order, and a "new activity" form.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let activities = Memo::new(move |_| store.read(|ws| ws.activities()).unwrap_or_default());
    let count = move || activities.with(Vec::len);
    let reorder = move |id: String, to: usize| {
        let _ = store.update(|ws| ws.move_activity(&id, to));
    };
    view! {
        <h1>{move || i18n.t("activities-title")}</h1>
        <Show when=move || activities.with(Vec::is_empty)>
            <p>{move || i18n.t("activities-empty")}</p>
        </Show>
        <ol class="cards">
            {move || activities.get().into_iter().enumerate().map(|(i, a)| {
                let (up, down, title) = (a.id.clone(), a.id.clone(), a.title.clone());
                let meta = summary(i18n, &a);
                view! {
                    <li class="card">
                        <h2><A href=ws_href(&format!("activities/{}", a.id)) attr:class="clamp">{a.title.clone()}</A></h2>
                        <p class="meta">{meta}</p>
                        <div class="row">
                            <button type="button" disabled=i == 0 aria-label=format!("{}: {}", i18n.t("move-up"), title)
                                on:click=move |_| reorder(up.clone(), i.saturating_sub(1))>"↑"</button>
                            <button type="button" disabled=i + 1 == count() aria-label=format!("{}: {}", i18n.t("move-down"), title)
                                on:click=move |_| reorder(down.clone(), i + 1)>"↓"</button>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <NewActivityForm />
    }
}

/// Kind · status · dates · evaluation, in one line.
pub fn summary(i18n: I18n, a: &Activity) -> String {
    let mut parts = vec![
        i18n.t(&format!("activity-kind-{}", a.kind.as_str())),
        i18n.t(&format!("activity-status-{}", a.status.as_str())),
    ];
    match (a.start_date.is_empty(), a.end_date.is_empty()) {
        (false, false) if a.start_date != a.end_date => parts.push(format!(
            "{} – {}",
            i18n.date(&a.start_date),
            i18n.date(&a.end_date)
        )),
        (false, _) => parts.push(i18n.date(&a.start_date)),
        (true, false) => parts.push(i18n.date(&a.end_date)),
        (true, true) => {}
    }
    if let Some(n) = a.evaluation {
        parts.push(i18n.t_with("activity-rated", &[("value", n.to_string())]));
    }
    parts.join(" · ")
}

/// The form that adds an activity.
#[component]
fn NewActivityForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (title, start, end, support) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let kind = RwSignal::new(ActivityKind::Training);
    let status = RwSignal::new(ActivityStatus::Planned);
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ActivityDraft {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            status: status.get_untracked(),
            start_date: start.get_untracked(),
            end_date: end.get_untracked(),
            support: support.get_untracked(),
        };
        let result = store.update(|ws| ws.add_activity(draft));
        errors.record(&result);
        if result.is_ok() {
            for s in [title, start, end, support] {
                s.set(String::new());
            }
        }
    };
    let date_input = move |signal: RwSignal<String>, key: &'static str, field: &'static str| {
        view! {
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t(key)}</span>
                    <input type="date" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field(field).is_some().to_string() />
                </label>
                <FieldError errors field />
            </div>
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-activity">
            <h2 id="new-activity">{move || i18n.t("activity-new")}</h2>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("activity-title")}</span>
                    <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field("title").is_some().to_string() />
                </label>
                <FieldError errors field="title" />
                <CharCount value=title max=TITLE_MAX />
            </div>
            <div class="grid">
                <Select label="activity-kind" prefix="activity-kind" selected=Signal::derive(move || Some(kind.get())) on_pick=move |k| kind.set(k) />
                <Select label="activity-status" prefix="activity-status" selected=Signal::derive(move || Some(status.get())) on_pick=move |s| status.set(s) />
                {date_input(start, "activity-start", "start_date")}
                {date_input(end, "activity-end", "end_date")}
            </div>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("activity-support")}</span>
                    <textarea class="short" rows="3" prop:value=move || support.get() on:input=move |ev| support.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <button type="submit">{move || i18n.t("activity-add")}</button>
        </form>
    }
}
