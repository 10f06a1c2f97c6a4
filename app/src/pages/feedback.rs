//! Feedback both ways — mentor → mentee and mentee → mentor — and the form
//! to give some.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tandem_shared::{FeedbackDraft, Role};

use crate::components::{parse_about, AboutPicker, FeedbackEntry, FieldError, FormErrors, Select};
use crate::i18n::{today, use_i18n};
use crate::runtime::use_store;

/// Feedback in two lists, one per direction, newest first; then the form.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let ids = Memo::new(move |_| {
        store
            .read(|ws| {
                let mut all = ws.feedback();
                all.reverse();
                all.into_iter().map(|f| (f.from, f.id)).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let direction = move |from: Role, heading: &'static str, anchor: &'static str| {
        let of = move || {
            ids.with(|l| {
                l.iter()
                    .filter(|(r, _)| *r == from)
                    .map(|(_, id)| id.clone())
                    .collect::<Vec<_>>()
            })
        };
        view! {
            <section class="card" aria-labelledby=anchor>
                <h2 id=anchor>{move || i18n.t(heading)}</h2>
                <Show when=move || of().is_empty()>
                    <p>{move || i18n.t("feedback-empty")}</p>
                </Show>
                <ul class="list">
                    <For each=of key=|id| id.clone() let:id>
                        <FeedbackEntry id />
                    </For>
                </ul>
            </section>
        }
    };
    view! {
        <h1>{move || i18n.t("feedback-title")}</h1>
        <p>{move || i18n.t("feedback-intro")}</p>
        {direction(Role::Mentor, "feedback-to-mentee", "feedback-mentor")}
        {direction(Role::Mentee, "feedback-to-mentor", "feedback-mentee")}
        <NewFeedbackForm />
    }
}

/// The form that records a piece of feedback.
#[component]
fn NewFeedbackForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    // The author: this person in a shared workspace (not to be picked), else
    // whoever the form says.
    let from = RwSignal::new(store.my_role_untracked().unwrap_or(Role::Mentor));
    Effect::new(move |_| {
        if let Some(me) = store.my_role() {
            from.set(me);
        }
    });
    let date = RwSignal::new(today());
    // Opened from a goal's, meeting's or activity's page (`?about=goal:…`),
    // the form starts about that item.
    let asked = use_query_map().with_untracked(|q| q.get("about"));
    let (went_well, to_improve, next_step, about) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(asked.clone().unwrap_or_default()),
    );
    // ...and is scrolled to, below the lists it would otherwise sit under.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(form), Some(_)) = (form.get(), &asked) {
            form.scroll_into_view();
        }
    });
    let errors = FormErrors::new();
    let blank = RwSignal::new(false);
    let added = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(false);
        // Feedback with nothing in it says nothing: ask for one text at least.
        let texts = [went_well, to_improve, next_step].map(|s| s.get_untracked());
        blank.set(texts.iter().all(|t| t.trim().is_empty()));
        if blank.get_untracked() {
            return;
        }
        let [went_well_text, to_improve_text, next_step_text] = texts;
        let (goal_id, meeting_id, activity_id) = parse_about(&about.get_untracked());
        let draft = FeedbackDraft {
            from: from.get_untracked(),
            date: date.get_untracked(),
            went_well: went_well_text,
            to_improve: to_improve_text,
            next_step: next_step_text,
            goal_id,
            meeting_id,
            activity_id,
        };
        let result = store.update(|ws| ws.add_feedback(draft));
        errors.record(&result);
        if result.is_ok() {
            for s in [went_well, to_improve, next_step, about] {
                s.set(String::new());
            }
            added.set(true);
        }
    };
    let textarea = move |signal: RwSignal<String>, key: &'static str| {
        view! {
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t(key)}</span>
                    <textarea class="short" rows="3" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))
                        aria-invalid=move || blank.get().to_string()></textarea>
                </label>
            </div>
        }
    };
    view! {
        <form class="card form" node_ref=form on:submit=submit novalidate aria-labelledby="new-feedback">
            <h2 id="new-feedback">{move || i18n.t("feedback-new")}</h2>
            <div class="grid">
                <Show
                    when=move || store.my_role().is_none()
                    fallback=move || view! {
                        <p class="meta">{move || i18n.t(&format!("feedback-by-me-{}", from.get().as_str()))}</p>
                    }
                >
                    <Select label="feedback-from" prefix="feedback-from" selected=Signal::derive(move || Some(from.get())) on_pick=move |r| from.set(r) />
                </Show>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("feedback-date")}</span>
                        <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))
                            aria-invalid=move || errors.for_field("date").is_some().to_string() />
                    </label>
                    <FieldError errors field="date" />
                </div>
            </div>
            {textarea(went_well, "feedback-went-well")}
            {textarea(to_improve, "feedback-to-improve")}
            {textarea(next_step, "feedback-next-step")}
            <Show when=move || blank.get()>
                <p class="error" role="alert">{move || i18n.t("feedback-write-something")}</p>
            </Show>
            <AboutPicker id="feedback-about" value=about on_pick=move |v| about.set(v) />
            <button type="submit">{move || i18n.t("feedback-add")}</button>
            <Show when=move || added.get()>
                <p role="status">{move || i18n.t("feedback-added")}</p>
            </Show>
        </form>
    }
}
