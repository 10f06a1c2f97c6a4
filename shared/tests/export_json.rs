//! The JSON export is complete: importing it restores every typed view
//! exactly (same ids, order and texts), and a foreign or damaged file is
//! refused with a clear error.

use tandem_shared::export::{from_json, to_json, ImportError, ImportPlace};
use tandem_shared::generate::{self, Size};
use tandem_shared::*;

#[test]
fn a_generated_five_year_workspace_round_trips_through_json() {
    let ws = generate::workspace(42, &Size::five_years());
    let json = to_json(&ws);
    let back = from_json(&json).expect("own export imports");

    assert_eq!(back.name(), ws.name());
    assert_eq!(back.agreement(), ws.agreement());
    assert_eq!(back.goals(), ws.goals());
    assert_eq!(back.meetings(), ws.meetings());
    assert_eq!(back.activities(), ws.activities());
    assert_eq!(back.feedback(), ws.feedback());
    assert_eq!(back.check_ins(), ws.check_ins());
    assert_eq!(back.areas(), ws.areas());
    assert_eq!(back.contacts(), ws.contacts());
    assert_eq!(back.contents(), ws.contents());
    assert_eq!(back.progress_series(), ws.progress_series());
    assert_eq!(
        to_json(&back),
        json,
        "exporting the import gives the same file"
    );

    // The import is a workspace like any other: it syncs and edits.
    assert_eq!(back.outbox().len(), 1, "all of it, ready to send");
    let mut other = Workspace::new();
    other.apply_remote(&back.outbox()[0]).unwrap();
    assert_eq!(other.contents(), ws.contents());
    let mut back = back;
    let goal = back.goals()[0].id.clone();
    back.set_text(&TextField::GoalTitle(goal.clone()), "Nowy tytuł", None)
        .unwrap();
    assert_eq!(back.goal(&goal).unwrap().title, "Nowy tytuł");
}

#[test]
fn the_file_says_what_it_is() {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws.add_goal(GoalDraft::new("Rust")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&to_json(&ws)).unwrap();
    assert_eq!(value["format"], "tandem.workspace");
    assert_eq!(value["version"], 1);
    assert_eq!(value["workspace"]["name"], "Anna & Piotr");
    assert_eq!(value["workspace"]["goals"][0]["title"], "Rust");
    assert_eq!(value["workspace"]["goals"][0]["status"], "planned");
}

/// A small valid export, as a JSON value to damage.
fn sample() -> serde_json::Value {
    let ws = generate::workspace(1, &Size::small());
    serde_json::from_str(&to_json(&ws)).unwrap()
}

fn import(value: &serde_json::Value) -> Result<Workspace, ImportError> {
    from_json(&value.to_string())
}

#[test]
fn a_refused_file_says_where_the_trouble_is() {
    let place = |text: &str| from_json(text).err().and_then(|e| e.place());
    assert_eq!(
        place("{\n  \"format\": oops"),
        Some(ImportPlace::Line {
            line: 2,
            column: 13
        })
    );
    let mut v = sample();
    v["workspace"]["meetings"][2]["starts_at"] = "tomorrow".into();
    assert_eq!(
        import(&v).err().and_then(|e| e.place()),
        Some(ImportPlace::Field("workspace.meetings[2].starts_at".into()))
    );
    assert_eq!(place("[1]"), None, "not an export: nothing to point at");
}

#[test]
fn foreign_and_damaged_files_are_refused_clearly() {
    assert!(matches!(
        from_json("BEGIN:VCALENDAR"),
        Err(ImportError::NotJson(_))
    ));
    assert!(matches!(from_json(""), Err(ImportError::NotJson(_))));
    assert_eq!(
        from_json(r#"{"name": "package.json", "version": "1.0.0"}"#).err(),
        Some(ImportError::NotTandem)
    );
    assert_eq!(from_json("[1, 2, 3]").err(), Some(ImportError::NotTandem));

    let mut v = sample();
    v["version"] = 2.into();
    assert_eq!(import(&v).err(), Some(ImportError::UnsupportedVersion(2)));

    let invalid = |damage: &dyn Fn(&mut serde_json::Value)| {
        let mut v = sample();
        damage(&mut v);
        match import(&v) {
            Err(ImportError::Invalid(why)) => why,
            other => panic!("expected Invalid, got {:?}", other.map(|w| w.name())),
        }
    };
    // What serde refuses says where in the file it is.
    let why = invalid(&|v| v["workspace"]["goals"][1]["status"] = "finished".into());
    assert!(
        why.starts_with("unknown variant `finished`") && why.contains(" at line "),
        "{why}"
    );
    let why = invalid(&|v| {
        v["workspace"]["goals"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
    });
    assert!(
        why.starts_with("missing field `title`") && why.contains(" at line "),
        "{why}"
    );
    let why = invalid(&|v| v["workspace"]["meetings"][2]["starts_at"] = "tomorrow".into());
    assert_eq!(why, "workspace.meetings[2].starts_at: not a date and time");
    let why = invalid(&|v| v["workspace"]["check_ins"][0]["confidence"] = 9.into());
    assert!(
        why.starts_with("workspace.check_ins[0].confidence"),
        "{why}"
    );
    let why = invalid(&|v| {
        let id = v["workspace"]["goals"][0]["id"].clone();
        v["workspace"]["goals"][1]["id"] = id;
    });
    assert!(why.starts_with("workspace.goals[1].id"), "{why}");
    let why = invalid(&|v| v["workspace"]["feedback"][0]["goal_id"] = "nowhere".into());
    assert_eq!(
        why,
        "workspace.feedback[0].goal_id: no such entity: nowhere"
    );
    let why = invalid(&|v| v["workspace"]["activities"][0]["evaluation"] = 0.into());
    assert!(
        why.starts_with("workspace.activities[0].evaluation"),
        "{why}"
    );
}

#[test]
fn errors_have_messages_and_translation_keys() {
    let e = ImportError::UnsupportedVersion(7);
    assert_eq!(
        e.to_string(),
        "export version 7 is not supported (this app reads 1)"
    );
    assert_eq!(e.message_key(), "import-unsupported-version");
    assert_eq!(ImportError::NotTandem.message_key(), "import-not-tandem");
}
