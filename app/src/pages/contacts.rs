//! The people the mentor introduced: the network that mentoring builds.

use leptos::prelude::*;
use tandem_shared::{Contact, ContactDraft, ContactField, FollowUp, TextField};

use crate::components::{ConfirmButton, FieldError, FormErrors, Select, TextEditor};
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// Contacts, each editable with its follow-up, and a form to add one.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let contacts = Memo::new(move |_| store.read(|ws| ws.contacts()).unwrap_or_default());
    view! {
        <h1>{move || i18n.t("contacts-title")}</h1>
        <p class="hint">{move || i18n.t("contacts-why")}</p>
        <Show when=move || contacts.with(Vec::is_empty)>
            <p>{move || i18n.t("contacts-empty")}</p>
        </Show>
        <ul class="cards">
            <For each=move || contacts.get() key=|c| c.id.clone() let:contact>
                <ContactCard contact />
            </For>
        </ul>
        <NewContactForm />
    }
}

/// One contact, every field editable in place.
#[component]
fn ContactCard(contact: Contact) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let id = StoredValue::new(contact.id.clone());
    let current = Memo::new(move |_| store.read(|ws| ws.contact(&id.get_value())).flatten());
    let set = move |field: ContactField| {
        let _ = store.update(|ws| ws.set_contact(&id.get_value(), field));
    };
    let name = move || current.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let c = contact.id.clone();
    view! {
        <li class="card">
            <TextEditor field=TextField::ContactName(c.clone()) label="contact-name" required=true />
            <TextEditor field=TextField::ContactRole(c.clone()) label="contact-role" />
            <TextEditor field=TextField::ContactOrganisation(c.clone()) label="contact-organisation" />
            <TextEditor field=TextField::ContactWhy(c.clone()) label="contact-why" multiline=true />
            <Select label="contact-follow-up" prefix="follow-up"
                selected=Signal::derive(move || current.with(|c| c.as_ref().map(|c| c.follow_up)))
                on_pick=move |f| set(ContactField::FollowUp(f)) />
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("contact-introduced-on")}</span>
                    <input type="date"
                        prop:value=move || current.with(|c| c.as_ref().map(|c| c.introduced_on.clone()).unwrap_or_default())
                        on:change=move |ev| set(ContactField::IntroducedOn(event_target_value(&ev))) />
                </label>
            </div>
            <ConfirmButton
                label="contact-delete"
                question=Signal::derive(move || i18n.t_with("contact-delete-confirm", &[("name", name())]))
                on_confirm=move || { let _ = store.update(|ws| ws.delete_contact(&id.get_value())); }
            />
        </li>
    }
}

/// The form that adds a contact.
#[component]
fn NewContactForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let texts: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [name, role, organisation, why, introduced_on] = texts;
    let follow_up = RwSignal::new(FollowUp::ToContact);
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ContactDraft {
            name: name.get_untracked(),
            role: role.get_untracked(),
            organisation: organisation.get_untracked(),
            why: why.get_untracked(),
            follow_up: follow_up.get_untracked(),
            introduced_on: introduced_on.get_untracked(),
        };
        let result = store.update(|ws| ws.add_contact(draft));
        errors.record(&result);
        if result.is_ok() {
            texts.iter().for_each(|s| s.set(String::new()));
            follow_up.set(FollowUp::ToContact);
        }
    };
    let input = move |signal: RwSignal<String>,
                      key: &'static str,
                      field: &'static str,
                      kind: &'static str| {
        view! {
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t(key)}</span>
                    <input type=kind prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field(field).is_some().to_string() />
                </label>
                <FieldError errors field />
            </div>
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-contact">
            <h2 id="new-contact">{move || i18n.t("contact-new")}</h2>
            {input(name, "contact-name", "name", "text")}
            {input(role, "contact-role", "role", "text")}
            {input(organisation, "contact-organisation", "organisation", "text")}
            {input(why, "contact-why", "why", "text")}
            <Select label="contact-follow-up" prefix="follow-up" selected=Signal::derive(move || Some(follow_up.get())) on_pick=move |f| follow_up.set(f) />
            {input(introduced_on, "contact-introduced-on", "introduced_on", "date")}
            <button type="submit">{move || i18n.t("contact-add")}</button>
        </form>
    }
}
