//! The workspace's sections: a row of tabs on a wide screen; on a phone a
//! bar at the bottom, in thumb's reach, with the rest behind "More".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;
use crate::pages::ws_href;

/// A section: its address inside the workspace and its name's message key.
type Section = (&'static str, &'static str);

/// Every section, in the method's order.
const SECTIONS: [Section; 8] = [
    ("", "nav-dashboard"),
    ("agreement", "nav-agreement"),
    ("goals", "nav-goals"),
    ("meetings", "nav-meetings"),
    ("activities", "nav-activities"),
    ("feedback", "nav-feedback"),
    ("progress", "nav-progress"),
    ("contacts", "nav-contacts"),
];

/// On a phone's bar: the overview and what a pair opens most.
const ON_BAR: [&str; 4] = ["", "goals", "meetings", "activities"];

/// A link to a section, marked current on the section and on its items'
/// pages (a goal's page is inside "Goals").
fn section_link((rest, key): Section) -> impl IntoView {
    let i18n = use_i18n();
    view! { <A href=move || ws_href(rest) exact=rest.is_empty()>{move || i18n.t(key)}</A> }
}

/// Whether the address is `rest`'s section or one of its items.
fn is_in(path: &str, rest: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    // `w`, the workspace id, then the section.
    parts.nth(2).unwrap_or("") == rest
}

/// Both navigations; CSS shows the one that fits the screen.
#[component]
pub fn SectionNav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=move || use_i18n().t("nav-main")>
            {SECTIONS.map(section_link).collect_view()}
        </nav>
        <BottomNav />
    }
}

/// The phone's bottom bar: four sections and a "More" menu with the others.
#[component]
fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let path = use_location().pathname;
    // Every link in the menu leads away: it closes on any navigation.
    Effect::new(move |_| {
        path.track();
        open.set(false);
    });
    let _ = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    let (on_bar, in_menu): (Vec<Section>, Vec<Section>) = SECTIONS
        .into_iter()
        .partition(|(rest, _)| ON_BAR.contains(rest));
    let menu_keys: Vec<&str> = in_menu.iter().map(|(rest, _)| *rest).collect();
    // The button shows that the current screen is one of the menu's.
    let current_in_menu = move || path.with(|p| menu_keys.iter().any(|rest| is_in(p, rest)));
    view! {
        <nav class="bottom-nav" aria-label=move || i18n.t("nav-main")>
            {on_bar.into_iter().map(section_link).collect_view()}
            <button
                type="button"
                class="more"
                class:current=current_in_menu
                aria-expanded=move || open.get().to_string()
                aria-controls="more-sections"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || i18n.t("nav-more")}
            </button>
            <div class="more-backdrop" hidden=move || !open.get() on:click=move |_| open.set(false)></div>
            <ul id="more-sections" class="more-sections" hidden=move || !open.get()>
                {in_menu.into_iter().map(|s| view! { <li>{section_link(s)}</li> }).collect_view()}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::is_in;

    #[test]
    fn a_section_holds_its_items_pages() {
        assert!(is_in("/w/abc/goals", "goals"));
        assert!(is_in("/w/abc/goals/g1", "goals"));
        assert!(is_in("/w/abc", ""));
        assert!(!is_in("/w/abc/goals", "progress"));
        assert!(!is_in("/w/abc/goals", ""));
    }
}
