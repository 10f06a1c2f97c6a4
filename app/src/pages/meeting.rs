//! One meeting: when and how, agenda, shared notes, action items, linked goals.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tandem_shared::{ActionDraft, ActionField, Meeting, MeetingField, Role, TextField};

use super::ws_href;
use crate::components::{
    AboutKind, ConfirmButton, EntityPage, FeedbackAbout, FieldError, FormErrors, GoalLinks, Select,
    TextEditor,
};
use crate::i18n::{today, use_i18n};
use crate::runtime::use_store;
use crate::zones::{self, start_here};

/// A meeting's page; every field saves as it changes.
#[component]
pub fn MeetingPage() -> impl IntoView {
    view! {
        <EntityPage param="meeting" back="meetings" back_label="meeting-back" not_found="meeting-not-found"
            exists=|ws, id| ws.meeting(id).is_some() editor=|id| view! { <MeetingEditor id /> } />
    }
}

/// Everything about one meeting, editable.
#[component]
fn MeetingEditor(id: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let mid = StoredValue::new(id.clone());
    let meeting = Memo::new(move |_| store.read(|ws| ws.meeting(&mid.get_value())).flatten());
    let get =
        move |f: fn(&Meeting) -> String| meeting.with(|m| m.as_ref().map(f).unwrap_or_default());
    let errors = FormErrors::new();
    let set = move |field: MeetingField| {
        errors.record(&store.update(|ws| ws.set_meeting(&mid.get_value(), field)))
    };
    let navigate = use_navigate();
    let delete = move || {
        if store
            .update(|ws| ws.delete_meeting(&mid.get_value()))
            .is_ok()
        {
            navigate(&ws_href("meetings"), Default::default());
        }
    };
    view! {
        <h1>{move || i18n.t_with("meeting-title", &[("date", i18n.date_time(&get(start_here)))])}</h1>
        // Set in another zone: the time there too, as the other person sees it.
        {move || meeting.with(|m| m.as_ref().and_then(|m| {
            let zone = zones::elsewhere(m)?.to_string();
            Some(view! {
                <p class="meta">{i18n.t_with("meeting-zone-note", &[("zone", zone), ("time", i18n.date_time(&m.starts_at))])}</p>
            })
        }))}
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            <div class="grid">
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("meeting-starts-at")}</span>
                        // On this device's clock; a time set here is in this device's zone.
                        <input type="datetime-local" prop:value=move || get(start_here)
                            on:change=move |ev| set(MeetingField::StartsAt { at: event_target_value(&ev), time_zone: zones::here() }) />
                    </label>
                    <FieldError errors field="starts_at" />
                </div>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("meeting-duration")}</span>
                        <input type="number" min="1" max="1440" inputmode="numeric" prop:value=move || get(|m| m.duration_min.to_string())
                            on:change=move |ev| set(MeetingField::DurationMin(event_target_value(&ev).trim().parse().unwrap_or(0))) />
                    </label>
                    <FieldError errors field="duration_min" />
                </div>
                <Select label="meeting-mode" prefix="mode"
                    selected=Signal::derive(move || meeting.with(|m| m.as_ref().map(|m| m.mode)))
                    on_pick=move |m| set(MeetingField::Mode(m)) />
            </div>
            <TextEditor field=TextField::MeetingPlace(id.clone()) label="meeting-place" />
        </form>
        <Agenda meeting=id.clone() />
        <section class="card" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{move || i18n.t("notes")}</h2>
            <TextEditor field=TextField::MeetingNotes(id.clone()) label="notes" multiline=true />
        </section>
        <Actions meeting=id.clone() />
        <GoalLinks owner=id.clone() heading_id="linked-goals"
            linked=|ws, id| ws.meeting(id).map(|m| m.goal_ids).unwrap_or_default()
            link=|ws, id, goal, on| ws.link_goal(id, goal, on) />
        <FeedbackAbout kind=AboutKind::Meeting id=id.clone() />
        <ConfirmButton label="meeting-delete" question=Signal::derive(move || i18n.t("meeting-delete-confirm")) on_confirm=delete />
    }
}

/// The agenda: tick what was discussed, move the rest to the next meeting.
#[component]
fn Agenda(meeting: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let mid = StoredValue::new(meeting);
    let ids = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.meeting(&mid.get_value())
                    .map(|m| m.agenda.into_iter().map(|a| a.id).collect::<Vec<_>>())
            })
            .flatten()
            .unwrap_or_default()
    });
    let text = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let notice = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = store.update(|ws| ws.add_agenda_item(&mid.get_value(), &text.get_untracked()));
        errors.record(&result);
        if result.is_ok() {
            text.set(String::new());
        }
    };
    let carry_over = move |_| {
        let open = store
            .read(|ws| {
                ws.meeting(&mid.get_value())
                    .map_or(0, |m| m.agenda.iter().filter(|a| !a.discussed).count())
            })
            .unwrap_or(0);
        if open == 0 {
            notice.set(Some(i18n.t("agenda-nothing-to-carry")));
            return;
        }
        let moved = store.update(|ws| ws.carry_over_agenda(&mid.get_value()));
        if let Ok(next) = moved {
            let when = store
                .read(|ws| ws.meeting(&next).map(|m| start_here(&m)))
                .flatten()
                .unwrap_or_default();
            notice.set(Some(
                i18n.t_with("agenda-carried", &[("date", i18n.date_time(&when))]),
            ));
        }
    };
    view! {
        <section class="card" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{move || i18n.t("agenda")}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p>{move || i18n.t("agenda-empty")}</p>
            </Show>
            <ul class="list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <AgendaRow meeting=mid.get_value() id />
                </For>
            </ul>
            <form class="row" on:submit=add novalidate>
                <div class="field grow">
                    <label>
                        <span class="label">{move || i18n.t("agenda-item")}</span>
                        <input type="text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                    </label>
                    <FieldError errors field="text" />
                </div>
                <button type="submit">{move || i18n.t("agenda-add")}</button>
            </form>
            <button type="button" on:click=carry_over>{move || i18n.t("agenda-carry-over")}</button>
            {move || notice.get().map(|n| view! { <p role="status">{n}</p> })}
        </section>
    }
}

/// One agenda item.
#[component]
fn AgendaRow(meeting: String, id: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (mid, aid) = (StoredValue::new(meeting), StoredValue::new(id));
    let item = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.meeting(&mid.get_value())?
                    .agenda
                    .into_iter()
                    .find(|a| a.id == aid.get_value())
            })
            .flatten()
    });
    let text = move || item.with(|i| i.as_ref().map(|i| i.text.clone()).unwrap_or_default());
    view! {
        <li class="row">
            <label class="check grow">
                <input type="checkbox" prop:checked=move || item.with(|i| i.as_ref().is_some_and(|i| i.discussed))
                    aria-label=move || i18n.t_with("agenda-discussed", &[("text", text())])
                    on:change=move |ev| {
                        let _ = store.update(|ws| ws.set_agenda_discussed(&mid.get_value(), &aid.get_value(), event_target_checked(&ev)));
                    } />
                <span>{text}</span>
            </label>
            <button type="button" class="icon danger" aria-label=move || i18n.t_with("agenda-delete", &[("text", text())])
                on:click=move |_| { let _ = store.update(|ws| ws.delete_agenda_item(&mid.get_value(), &aid.get_value())); }>"✕"</button>
        </li>
    }
}

/// Action items: who does what by when.
#[component]
fn Actions(meeting: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let mid = StoredValue::new(meeting);
    let actions = Memo::new(move |_| {
        store
            .read(|ws| ws.meeting(&mid.get_value()).map(|m| m.actions))
            .flatten()
            .unwrap_or_default()
    });
    let (title, due) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let owner = RwSignal::new(Role::Mentee);
    let errors = FormErrors::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ActionDraft {
            title: title.get_untracked(),
            owner: owner.get_untracked(),
            due: due.get_untracked(),
        };
        let result = store.update(|ws| ws.add_action(&mid.get_value(), draft));
        errors.record(&result);
        if result.is_ok() {
            title.set(String::new());
            due.set(String::new());
        }
    };
    let set = move |id: &str, field: ActionField| {
        let _ = store.update(|ws| ws.set_action(&mid.get_value(), id, field));
    };
    view! {
        <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{move || i18n.t("actions")}</h2>
            <Show when=move || actions.with(Vec::is_empty)>
                <p>{move || i18n.t("actions-empty")}</p>
            </Show>
            <ul class="list">
                {move || {
                    let today = today();
                    actions.get().into_iter().map(|a| {
                        let (id1, id2) = (a.id.clone(), a.id.clone());
                        let overdue = a.is_overdue(&today);
                        view! {
                            <li class="row" class:overdue=overdue>
                                <label class="check grow">
                                    <input type="checkbox" prop:checked=a.done
                                        aria-label=i18n.t_with("action-done", &[("title", a.title.clone())])
                                        on:change=move |ev| set(&id1, ActionField::Done(event_target_checked(&ev))) />
                                    <span>{a.title.clone()}</span>
                                </label>
                                <span>{i18n.t(&format!("role-{}", a.owner.as_str()))}</span>
                                {(!a.due.is_empty()).then(|| view! { <span>{i18n.t_with("due", &[("date", i18n.date(&a.due))])}</span> })}
                                {overdue.then(|| view! { <strong class="badge">{i18n.t("overdue")}</strong> })}
                                <button type="button" class="icon danger" aria-label=i18n.t_with("action-delete", &[("title", a.title.clone())])
                                    on:click=move |_| { let _ = store.update(|ws| ws.delete_action(&mid.get_value(), &id2)); }>"✕"</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <form class="form" on:submit=add novalidate>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("action-title")}</span>
                        <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    </label>
                    <FieldError errors field="title" />
                </div>
                <div class="grid">
                    <Select label="action-owner" prefix="role" selected=Signal::derive(move || Some(owner.get())) on_pick=move |r| owner.set(r) />
                    <div class="field">
                        <label>
                            <span class="label">{move || i18n.t("action-due")}</span>
                            <input type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) />
                        </label>
                        <FieldError errors field="due" />
                    </div>
                </div>
                <button type="submit">{move || i18n.t("action-add")}</button>
            </form>
        </section>
    }
}
