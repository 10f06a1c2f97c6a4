//! Showing validation problems next to the field they are about.

use leptos::prelude::*;
use tandem_shared::validate::TITLE_MAX;
use tandem_shared::{Error, Invalid, Problem};

use crate::i18n::use_i18n;

/// The problems a form's last submit found, field by field.
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<Vec<Invalid>>);

impl FormErrors {
    pub fn new() -> Self {
        FormErrors(RwSignal::new(Vec::new()))
    }

    /// Records the outcome of a submit: problems to show, or none.
    pub fn record<T>(&self, result: &Result<T, Error>) {
        self.0.set(match result {
            Err(Error::Invalid(list)) => list.clone(),
            _ => Vec::new(),
        });
    }

    /// `field`'s problem, if it has one (reactive).
    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.0
            .with(|l| l.iter().find(|i| i.field == field).map(|i| i.problem))
    }
}

/// The message for `field`'s problem, shown under the field.
#[component]
pub fn FieldError(
    /// The form's problems.
    errors: FormErrors,
    /// Which field this message is about.
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors.for_field(field).map(|problem| {
            let message = match problem {
                Problem::TooLong => {
                    i18n.t_with(problem.message_key(), &[("max", TITLE_MAX.to_string())])
                }
                _ => i18n.t(problem.message_key()),
            };
            view! { <p class="error" role="alert">{message}</p> }
        })
    }
}
