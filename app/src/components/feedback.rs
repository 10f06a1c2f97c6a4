//! One piece of feedback as the lists show it (read, or edited in place by
//! its author), the picker of what feedback is about, and the feedback
//! about one goal, meeting or activity, shown on that item's page.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_shared::{About, Feedback, FeedbackField, Id, TextField, Workspace};

use super::{EditDelete, FieldError, FormErrors, Select, TextEditor};
use crate::i18n::{use_i18n, I18n};
use crate::pages::ws_href;
use crate::runtime::use_store;
use crate::zones::start_here;

/// What feedback can be about: one goal, meeting or activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AboutKind {
    Goal,
    Meeting,
    Activity,
}

impl AboutKind {
    /// Its name in the picker's `kind:id` values and in message keys.
    fn as_str(self) -> &'static str {
        match self {
            AboutKind::Goal => "goal",
            AboutKind::Meeting => "meeting",
            AboutKind::Activity => "activity",
        }
    }

    /// The item of this kind with id `id`.
    fn about(self, id: &str) -> About<'_> {
        match self {
            AboutKind::Goal => About::Goal(id),
            AboutKind::Meeting => About::Meeting(id),
            AboutKind::Activity => About::Activity(id),
        }
    }
}

/// The feedback about one item, newest first, each changed in place by its
/// author; and a link to the feedback form with the item picked.
#[component]
pub fn FeedbackAbout(
    /// What kind of item `id` is.
    kind: AboutKind,
    /// The item's id.
    id: Id,
) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let item = StoredValue::new(id);
    let ids = Memo::new(move |_| {
        store
            .read(|ws| {
                let item = item.get_value();
                let mut ids = ws.feedback_about(kind.about(&item));
                ids.reverse();
                ids
            })
            .unwrap_or_default()
    });
    let give = ws_href(&format!(
        "feedback?about={}:{}",
        kind.as_str(),
        item.get_value()
    ));
    view! {
        <section class="card" aria-labelledby="feedback-about-item">
            <h2 id="feedback-about-item">{move || i18n.t("feedback-title")}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p>{move || i18n.t(&format!("feedback-none-about-{}", kind.as_str()))}</p>
            </Show>
            <ul class="list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <FeedbackEntry id />
                </For>
            </ul>
            <A href=give attr:class="button">{move || i18n.t("feedback-give")}</A>
        </section>
    }
}

/// What a piece of feedback is about, as a phrase ("Goal: …"), if anything.
fn about(i18n: I18n, ws: &Workspace, f: &Feedback) -> Option<String> {
    if let Some(g) = f.goal_id.as_ref().and_then(|id| ws.goal(id)) {
        return Some(i18n.t_with("feedback-about-goal", &[("title", g.title)]));
    }
    if let Some(m) = f.meeting_id.as_ref().and_then(|id| ws.meeting(id)) {
        return Some(i18n.t_with(
            "feedback-about-meeting",
            &[("date", i18n.date_time(&start_here(&m)))],
        ));
    }
    f.activity_id
        .as_ref()
        .and_then(|id| ws.activity(id))
        .map(|a| i18n.t_with("feedback-about-activity", &[("title", a.title)]))
}

/// One piece of feedback: read, or edited in place.
#[component]
pub fn FeedbackEntry(id: Id) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let fid = StoredValue::new(id.clone());
    let entry = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.feedback_entry(&fid.get_value())
                    .map(|f| (about(i18n, ws, &f), f))
            })
            .flatten()
    });
    let editing = RwSignal::new(false);
    let errors = FormErrors::new();
    let set = move |field: FeedbackField| {
        errors.record(&store.update(|ws| ws.set_feedback(&fid.get_value(), field)))
    };
    let date = move || entry.with(|e| e.as_ref().map(|(_, f)| f.date.clone()).unwrap_or_default());
    let text = move |key: &'static str, pick: fn(&Feedback) -> String| {
        move || {
            let value = entry.with(|e| e.as_ref().map(|(_, f)| pick(f)).unwrap_or_default());
            (!value.trim().is_empty()).then(|| {
                view! {
                    <div class="feedback-text">
                        <h3>{i18n.t(key)}</h3>
                        <p>{value}</p>
                    </div>
                }
            })
        }
    };
    let delete = move || {
        let _ = store.update(|ws| ws.delete_feedback(&fid.get_value()));
    };
    // In a shared workspace each person changes only what they wrote; in
    // one on this device alone, whoever holds it may change anything.
    let mine = move || {
        store
            .my_role()
            .is_none_or(|me| entry.with(|e| e.as_ref().is_some_and(|(_, f)| f.from == me)))
    };
    view! {
        <li class="feedback">
            <p class="meta">
                {move || i18n.date(&date())}
                {move || entry.with(|e| e.as_ref().and_then(|(a, _)| a.clone())).map(|a| format!(" · {a}"))}
            </p>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    {text("feedback-went-well", |f| f.went_well.clone())}
                    {text("feedback-to-improve", |f| f.to_improve.clone())}
                    {text("feedback-next-step", |f| f.next_step.clone())}
                }
            >
                <div class="grid">
                    // Who wrote it is fixed once the workspace knows its people.
                    <Show when=move || store.my_role().is_none()>
                        <Select label="feedback-from" prefix="feedback-from"
                            selected=Signal::derive(move || entry.with(|e| e.as_ref().map(|(_, f)| f.from)))
                            on_pick=move |r| set(FeedbackField::From(r)) />
                    </Show>
                    <div class="field">
                        <label>
                            <span class="label">{move || i18n.t("feedback-date")}</span>
                            <input type="date" prop:value=date
                                on:change=move |ev| set(FeedbackField::Date(event_target_value(&ev)))
                                aria-invalid=move || errors.for_field("date").is_some().to_string() />
                        </label>
                        <FieldError errors field="date" />
                    </div>
                </div>
                <AboutPicker id=format!("feedback-about-{}", fid.get_value())
                    value=Signal::derive(move || entry.with(|e| e.as_ref().map(|(_, f)| about_value(f)).unwrap_or_default()))
                    on_pick=move |v| {
                        let (goal, meeting, activity) = parse_about(&v);
                        for field in [FeedbackField::Goal(goal), FeedbackField::Meeting(meeting), FeedbackField::Activity(activity)] {
                            set(field);
                        }
                    } />
                <TextEditor field=TextField::FeedbackWentWell(fid.get_value()) label="feedback-went-well" multiline=true />
                <TextEditor field=TextField::FeedbackToImprove(fid.get_value()) label="feedback-to-improve" multiline=true />
                <TextEditor field=TextField::FeedbackNextStep(fid.get_value()) label="feedback-next-step" multiline=true />
            </Show>
            <Show when=mine>
                <EditDelete edit="feedback-edit" done="feedback-done-editing" delete="feedback-delete" editing
                    question=Signal::derive(move || i18n.t_with("feedback-delete-confirm", &[("date", i18n.date(&date()))]))
                    on_delete=delete />
            </Show>
        </li>
    }
}

/// What the "about" picker can point at, encoded as `kind:id` in its value.
pub fn parse_about(value: &str) -> (Option<Id>, Option<Id>, Option<Id>) {
    let some = |id: &str| Some(id.to_string());
    match value.split_once(':') {
        Some(("goal", id)) => (some(id), None, None),
        Some(("meeting", id)) => (None, some(id), None),
        Some(("activity", id)) => (None, None, some(id)),
        _ => (None, None, None),
    }
}

/// The `kind:id` value of what `f` is about ("" for nothing), as the
/// picker writes it.
fn about_value(f: &Feedback) -> String {
    let link = |kind: &str, id: &Option<Id>| id.as_ref().map(|id| format!("{kind}:{id}"));
    link("goal", &f.goal_id)
        .or_else(|| link("meeting", &f.meeting_id))
        .or_else(|| link("activity", &f.activity_id))
        .unwrap_or_default()
}

/// A picker of what feedback is about: nothing, a goal, a meeting or an
/// activity, grouped.
#[component]
pub fn AboutPicker(
    /// Element id, unique on the page, tying the label to the picker.
    #[prop(into)]
    id: String,
    /// The chosen `kind:id`, "" for nothing.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the `kind:id` picked.
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    // Everything feedback can be about, grouped: (group key, [(value, text)]).
    let options = Memo::new(move |_| {
        store
            .read(|ws| {
                let goals = ws
                    .goals()
                    .into_iter()
                    .map(|g| (format!("goal:{}", g.id), g.title))
                    .collect::<Vec<_>>();
                let mut meetings = ws.meetings();
                meetings.reverse();
                let meetings = meetings
                    .into_iter()
                    .map(|m| (format!("meeting:{}", m.id), i18n.date_time(&start_here(&m))))
                    .collect::<Vec<_>>();
                let activities = ws
                    .activities()
                    .into_iter()
                    .map(|a| (format!("activity:{}", a.id), a.title))
                    .collect::<Vec<_>>();
                vec![
                    ("feedback-about-goals", goals),
                    ("feedback-about-meetings", meetings),
                    ("feedback-about-activities", activities),
                ]
            })
            .unwrap_or_default()
    });
    view! {
        // Tied by `for`: a wrapping label would add every option's text to the name.
        <div class="field">
            <label class="label" for=id.clone()>{move || i18n.t("feedback-about")}</label>
            <select id=id on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>{move || i18n.t("feedback-about-nothing")}</option>
                {move || options.get().into_iter().filter(|(_, items)| !items.is_empty()).map(|(group, items)| view! {
                    <optgroup label=i18n.t(group)>
                        {items.into_iter().map(|(v, text)| {
                            let chosen = v.clone();
                            view! { <option value=v selected=move || value.get() == chosen>{text}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}
