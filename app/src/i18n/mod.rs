//! Polish and English: Fluent messages (`app/locales/*.ftl`), the chosen
//! language (browser's by default, remembered once switched) and dates and
//! numbers as each language writes them (`format.rs`).
//!
//! Polish, the first language, is built into the app. English comes as a
//! file of the build (`/pkg/<hash>/en.ftl`, precached by the service
//! worker), fetched when it is first needed: a Polish first visit does not
//! download it.

use std::cell::OnceCell;

use chrono::Datelike;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use tandem_shared::validate::{parse_date, parse_date_time};
use unic_langid::{langid, LanguageIdentifier};

mod format;

const LOCALE_KEY: &str = "tandem.locale";

/// The languages Tandem speaks, Polish first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    Pl,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Pl, Locale::En];

    /// BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Pl => "pl",
            Locale::En => "en",
        }
    }

    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Pl => "Polski",
            Locale::En => "English",
        }
    }

    fn parse(tag: &str) -> Option<Self> {
        match tag.get(..2)? {
            "pl" => Some(Locale::Pl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Remembered choice, else the browser's first language we speak, else Polish.
    fn initial() -> Self {
        if let Ok(tag) = LocalStorage::get::<String>(LOCALE_KEY) {
            if let Some(l) = Locale::parse(&tag) {
                return l;
            }
        }
        let languages = web_sys::window()
            .map(|w| w.navigator().languages())
            .unwrap_or_default();
        languages
            .iter()
            .filter_map(|l| l.as_string())
            .find_map(|l| Locale::parse(&l.to_ascii_lowercase()))
            .unwrap_or(Locale::Pl)
    }
}

thread_local! {
    /// Each language's messages once known: Polish from the start, English
    /// once its file has arrived.
    static BUNDLES: [OnceCell<FluentBundle<FluentResource>>; 2] =
        const { [OnceCell::new(), OnceCell::new()] };
}

fn bundle(lang: LanguageIdentifier, source: String) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source).expect("locale files parse (checked by tests)");
    let mut bundle = FluentBundle::new(vec![lang]);
    // No Unicode isolation marks around arguments: they would end up in
    // copied text and in the accessible names tests look for.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("no duplicate message ids (checked by tests)");
    bundle
}

/// Whether `locale`'s messages are here (Polish always is).
fn is_loaded(locale: Locale) -> bool {
    locale == Locale::Pl || BUNDLES.with(|b| b[locale as usize].get().is_some())
}

/// Fetches `locale`'s messages from the build's directory, once.
async fn load(locale: Locale) -> Result<(), String> {
    if is_loaded(locale) {
        return Ok(());
    }
    let url = format!("{}{}.ftl", pkg_dir(), locale.tag());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url}: {}", response.status()));
    }
    let source = response.text().await.map_err(|e| e.to_string())?;
    let lang: LanguageIdentifier = locale.tag().parse().map_err(|_| "tag".to_string())?;
    let built = bundle(lang, source);
    BUNDLES.with(|b| {
        let _ = b[locale as usize].set(built);
    });
    Ok(())
}

/// Where the build's files are (`/pkg/<hash>/`), from index.html.
fn pkg_dir() -> String {
    document()
        .query_selector("meta[name='tandem-pkg']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "/".into())
}

fn format(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    BUNDLES.with(|bundles| {
        // A language not here yet speaks Polish meanwhile (the app waits for
        // it at start, and switches only once it has arrived).
        let bundle = match bundles[locale as usize].get() {
            Some(b) => b,
            None => bundles[Locale::Pl as usize].get_or_init(|| {
                bundle(
                    langid!("pl"),
                    include_str!("../../locales/pl.ftl").to_string(),
                )
            }),
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    })
}

/// The language context: read it with [`use_i18n`].
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The message `key` in the current language (reactive).
    pub fn t(&self, key: &str) -> String {
        format(self.locale.get(), key, None)
    }

    /// The message `key` with arguments, e.g. `t_with("due", &[("date", d)])`.
    /// A value that reads as a number is passed as one, so messages can
    /// choose plural forms (`{ $days -> [one] … *[other] … }`).
    pub fn t_with(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(*name, FluentValue::try_number(value.as_str()));
        }
        format(self.locale.get(), key, Some(&fa))
    }

    /// Switches language, once its messages are here, and remembers the
    /// choice on this device. Offline before they were ever fetched, the
    /// language stays as it was.
    pub fn set(&self, locale: Locale) {
        let i18n = *self;
        leptos::task::spawn_local(async move {
            match load(locale).await {
                Ok(()) => {
                    let _ = LocalStorage::set(LOCALE_KEY, locale.tag());
                    i18n.locale.set(locale);
                }
                Err(e) => leptos::logging::warn!("language {} not loaded: {e}", locale.tag()),
            }
        });
    }

    /// `YYYY-MM-DD` as the language writes a date ("2 mar 2026", "Mar 2, 2026").
    pub fn date(&self, iso: &str) -> String {
        match parse_date(iso) {
            Some(d) => format::date(&self.message(), d),
            None => iso.to_string(),
        }
    }

    /// `YYYY-MM-DDTHH:MM` as the language writes a date and time.
    pub fn date_time(&self, iso: &str) -> String {
        match parse_date_time(iso) {
            Some(at) => format::date_time(&self.message(), at),
            None => iso.to_string(),
        }
    }

    /// `YYYY-MM` as the language writes a month ("mar", "Mar"), with its
    /// year when asked ("mar 2026").
    pub fn month(&self, month: &str, with_year: bool) -> String {
        match parse_date(&format!("{month}-01")) {
            Some(d) => format::month(&self.message(), d.year(), d.month(), with_year),
            None => month.to_string(),
        }
    }

    /// A number as the language writes it ("1234,5", "1,234.5").
    pub fn number(&self, n: f64) -> String {
        format::number(&self.message(), n)
    }

    /// The current language's messages, for `format` (reactive).
    fn message(&self) -> impl Fn(&str, Option<&FluentArgs>) -> String {
        let locale = self.locale.get();
        move |key, args| format(locale, key, args)
    }
}

/// Fetches the chosen language's messages if they are not built in; the
/// app starts after this. A failure (offline before English was ever
/// fetched) is logged and the app starts in Polish.
pub async fn prepare() {
    let wanted = Locale::initial();
    if let Err(e) = load(wanted).await {
        leptos::logging::warn!("language {} not loaded: {e}", wanted.tag());
    }
}

/// Creates the language context and keeps `<html lang>` in step with it.
pub fn provide_i18n() -> I18n {
    let wanted = Locale::initial();
    let i18n = I18n {
        // Loaded by [`prepare`], unless it could not be: then Polish.
        locale: RwSignal::new(if is_loaded(wanted) {
            wanted
        } else {
            Locale::Pl
        }),
    };
    // Screen readers and spell-checkers read the page language from <html lang>.
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", i18n.locale.get().tag());
        }
    });
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    now_local()[..10].to_string()
}

/// The local date and time now as `YYYY-MM-DDTHH:MM`.
pub fn now_local() -> String {
    wall_clock(&js_sys::Date::new_0())
}

/// `d` on this device's clock as `YYYY-MM-DDTHH:MM`.
pub fn wall_clock(d: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
