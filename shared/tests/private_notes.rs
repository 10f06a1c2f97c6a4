//! Private notes: one text per workspace, merged across a person's devices.

use tandem_shared::PrivateNotes;

/// Sends everything `from` has that `to` lacks.
fn sync(from: &PrivateNotes, to: &mut PrivateNotes) {
    let missing = from.diff(&to.state_vector());
    to.apply_remote(&missing).unwrap();
}

#[test]
fn notes_are_kept_per_workspace_and_survive_a_reload() {
    let mut notes = PrivateNotes::new();
    assert_eq!(notes.note("a"), "");
    notes.set_note("a", "Ask about the promotion", None);
    notes.set_note("b", "Prepare the talk", None);
    notes.set_note("a", "Ask Ewa about the promotion", Some(8));

    let reloaded = PrivateNotes::load(&notes.encode(), notes.outbox().to_vec()).unwrap();
    assert_eq!(reloaded.note("a"), "Ask Ewa about the promotion");
    assert_eq!(reloaded.note("b"), "Prepare the talk");
    assert_eq!(reloaded.outbox().len(), notes.outbox().len());
}

#[test]
fn clearing_an_unwritten_note_changes_nothing() {
    let mut notes = PrivateNotes::new();
    notes.set_note("a", "", None);
    assert!(notes.outbox().is_empty());
}

#[test]
fn two_devices_starting_the_same_note_offline_keep_both_texts() {
    let (mut phone, mut laptop) = (PrivateNotes::new(), PrivateNotes::new());
    phone.set_note("ws", "from the phone", None);
    laptop.set_note("ws", "from the laptop", None);

    sync(&phone, &mut laptop);
    sync(&laptop, &mut phone);

    let merged = phone.note("ws");
    assert_eq!(merged, laptop.note("ws"));
    assert!(merged.contains("from the phone"), "{merged}");
    assert!(merged.contains("from the laptop"), "{merged}");
}

#[test]
fn a_remote_note_is_readable_without_having_been_written_here() {
    let mut phone = PrivateNotes::new();
    phone.set_note("ws", "only typed on the phone", None);
    let laptop = PrivateNotes::load(&phone.encode(), Vec::new()).unwrap();
    assert_eq!(laptop.note("ws"), "only typed on the phone");
}

#[test]
fn replaying_the_outbox_rebuilds_the_notes() {
    let mut phone = PrivateNotes::new();
    phone.set_note("ws", "first", None);
    phone.set_note("ws", "first, second", None);
    let mut server = PrivateNotes::new();
    for update in phone.outbox() {
        server.apply_remote(update).unwrap();
    }
    assert_eq!(server.note("ws"), "first, second");
}
