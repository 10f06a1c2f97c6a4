//! Getting a workspace out of the app and back in: downloads of the open
//! workspace (complete JSON, a Markdown summary, the meetings as .ics), and
//! importing a JSON export as a new workspace.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use tandem_shared::export::{self, ImportPlace, Lang};
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// The three downloads of the open workspace.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    // Built on click, not on render: a five-year workspace makes a big file.
    let download = move |kind: Kind| {
        let lang = Lang::from_tag(i18n.locale.get_untracked().tag());
        let file = store.read(|ws| {
            let base = file_stem(&ws.name());
            match kind {
                Kind::Json => (
                    export::to_json(ws),
                    format!("{base}.tandem.json"),
                    "application/json",
                ),
                Kind::Markdown => (
                    export::to_markdown(ws, lang),
                    format!("{base}.md"),
                    "text/markdown",
                ),
                Kind::Calendar => (
                    export::to_ics(ws, lang, crate::zones::to_utc),
                    format!("{base}.ics"),
                    "text/calendar",
                ),
            }
        });
        if let Some((text, name, mime)) = file {
            save_file(&text, &name, mime);
        }
    };
    view! {
        <section class="card" aria-labelledby="export">
            <h2 id="export">{move || i18n.t("export-title")}</h2>
            <p class="hint">{move || i18n.t("export-why")}</p>
            <div class="row wrap">
                <button type="button" on:click=move |_| download(Kind::Json)>{move || i18n.t("export-json")}</button>
                <button type="button" on:click=move |_| download(Kind::Markdown)>{move || i18n.t("export-markdown")}</button>
                <button type="button" on:click=move |_| download(Kind::Calendar)>{move || i18n.t("export-ics")}</button>
            </div>
        </section>
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Json,
    Markdown,
    Calendar,
}

/// A file input that imports a JSON export as a new workspace and opens
/// it; a file that is not one says why and changes nothing.
#[component]
pub fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // (message key, where in the file)
    let error = RwSignal::new(None::<(&'static str, Option<ImportPlace>)>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                return error.set(Some(("import-unreadable", None)));
            };
            match export::from_json(&text) {
                Ok(ws) => {
                    error.set(None);
                    // The workspaces' runtime starts here if nothing has started it.
                    let id = use_store().import(ws, &i18n.t("import-copy"));
                    navigate(&format!("/w/{id}"), Default::default());
                }
                Err(e) => {
                    // The parser's own words are English: logged for whoever
                    // debugs; the person gets where, in their language.
                    leptos::logging::warn!("import refused: {e}");
                    error.set(Some((e.message_key(), e.place())))
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="import">
            <h2 id="import">{move || i18n.t("import-title")}</h2>
            <p class="hint">{move || i18n.t("import-why")}</p>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("import-file")}</span>
                    <input type="file" accept=".json,application/json" on:change=on_change />
                </label>
            </div>
            {move || error.get().map(|(key, place)| {
                let place = place.map(|p| match p {
                    ImportPlace::Line { line, column } => i18n.t_with(
                        "import-at-line",
                        &[("line", line.to_string()), ("column", column.to_string())],
                    ),
                    ImportPlace::Field(path) => i18n.t_with("import-at-field", &[("field", path)]),
                });
                view! {
                    <div class="error" role="alert">
                        <p>{i18n.t(key)}</p>
                        {place.map(|p| view! { <p class="detail">{p}</p> })}
                    </div>
                }
            })}
        </section>
    }
}

/// A file name from a workspace name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "tandem".into()
    } else {
        stem
    }
}

/// Hands `text` to the browser as a download called `name`.
fn save_file(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
