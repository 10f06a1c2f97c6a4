//! Client bytes into yrs, defensively. yrs 0.28.1 reserves memory for the
//! counts an update claims before reading the entries (six bytes can cost
//! hundreds of megabytes), and in debug builds it panics on some hostile
//! updates. Every update or message a client sends is decoded here.

use std::panic::{catch_unwind, AssertUnwindSafe};

use yrs::encoding::read::{Cursor, Read};
use yrs::sync::Message;
use yrs::updates::decoder::Decode;
use yrs::Update;

/// Decodes a client's yrs (lib0 v1) update; `Err` says why not, for the client.
pub fn decode(bytes: &[u8]) -> Result<Update, String> {
    plausible_update(bytes)?;
    unpanic(|| Update::decode_v1(bytes))?.map_err(|e| e.to_string())
}

/// Decodes a client's y-websocket message; `Err` says why not.
pub fn decode_message(bytes: &[u8]) -> Result<Message, String> {
    plausible_message(bytes)?;
    unpanic(|| Message::decode_v1(bytes))?.map_err(|e| e.to_string())
}

/// Runs `f`, turning a panic (yrs's, on hostile input) into an error, so
/// the client gets a refusal instead of a dropped connection.
pub fn unpanic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("yrs failed on it: {message}")
    })
}

/// Refuses an update whose leading counts the bytes cannot hold, before yrs
/// reserves memory for them: the number of clients, and the first client's
/// number of blocks, each at most the bytes left (every entry takes one at
/// least). It reads with yrs's own decoder, so it agrees on the format.
///
/// It does not catch a later client's block count (reaching it takes
/// decoding the blocks before it), nor counts inside blocks: a crafted
/// update can still make yrs reserve a large block queue. The clients'
/// hash map, which yrs fills in as it reserves, is what the six-byte bomb
/// costs most; that one is bounded here.
fn plausible_update(bytes: &[u8]) -> Result<(), String> {
    let mut cursor = Cursor::new(bytes);
    let clients: u32 = cursor.read_var().map_err(|e| e.to_string())?;
    fits(clients, &cursor)?;
    if clients > 0 {
        let blocks: u32 = cursor.read_var().map_err(|e| e.to_string())?;
        let _client: u64 = cursor.read_var().map_err(|e| e.to_string())?;
        let _clock: u32 = cursor.read_var().map_err(|e| e.to_string())?;
        fits(blocks, &cursor)?;
    }
    Ok(())
}

/// The most bytes one awareness message may hold. Awareness is who is
/// here and where their caret is: a few hundred bytes per person. It is
/// relayed to every other connection of the document, so a large one costs
/// the server memory many times over (docs/sync.md, "Threat model").
pub const MAX_AWARENESS_BYTES: usize = 16 * 1024;

/// The same check for the counts yrs reserves memory for in a message: a
/// sync step 1's state vector, and an awareness update's number of
/// clients; an awareness message is also held to [`MAX_AWARENESS_BYTES`].
/// Other messages carry updates as plain bytes, which [`decode`] checks
/// when they are applied.
fn plausible_message(bytes: &[u8]) -> Result<(), String> {
    const SYNC: u8 = 0;
    const SYNC_STEP_1: u8 = 0;
    const AWARENESS: u8 = 1;
    let mut cursor = Cursor::new(bytes);
    let counted = match cursor.read_var::<u8>() {
        Ok(SYNC) if matches!(cursor.read_var::<u8>(), Ok(SYNC_STEP_1)) => "state vector",
        Ok(AWARENESS) if bytes.len() > MAX_AWARENESS_BYTES => {
            return Err(format!(
                "awareness message too large (limit {MAX_AWARENESS_BYTES} bytes)"
            ))
        }
        Ok(AWARENESS) => "awareness update",
        _ => return Ok(()), // yrs reports any error itself
    };
    let Ok(inner) = cursor.read_buf() else {
        return Ok(());
    };
    let mut cursor = Cursor::new(inner);
    let entries: u32 = cursor.read_var().map_err(|e| format!("{counted}: {e}"))?;
    fits(entries, &cursor).map_err(|e| format!("{counted}: {e}"))
}

fn fits(count: u32, cursor: &Cursor) -> Result<(), String> {
    let left = cursor.buf.len() - cursor.next;
    if count as usize > left {
        return Err(format!("claims {count} entries in {left} bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::encoder::Encode;
    use yrs::{Doc, GetString, ReadTxn, Text, Transact};

    #[test]
    fn a_six_byte_bomb_is_refused_before_yrs_sees_it() {
        let error = decode(&[0x80, 0x80, 0x80, 0x80, 0x01, 0x00]).unwrap_err();
        assert!(error.contains("claims 268435456 entries"), "{error}");
        // A first client claiming more blocks than there are bytes.
        let error = decode(&[1, 0x80, 0x80, 0x80, 0x01, 7, 0]).unwrap_err();
        assert!(error.contains("claims 2097152 entries"), "{error}");
    }

    #[test]
    fn real_updates_and_messages_pass() {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("t");
        text.insert(&mut doc.transact_mut(), 0, "hello");
        let update = doc
            .transact()
            .encode_state_as_update_v1(&Default::default());
        let copy = Doc::new();
        copy.transact_mut()
            .apply_update(decode(&update).unwrap())
            .unwrap();
        assert_eq!(
            copy.get_or_insert_text("t").get_string(&copy.transact()),
            "hello"
        );
        decode(Update::EMPTY_V1).unwrap();

        let step1 = yrs::sync::SyncMessage::SyncStep1(doc.transact().state_vector());
        assert!(matches!(
            decode_message(&Message::Sync(step1).encode_v1()),
            Ok(Message::Sync(yrs::sync::SyncMessage::SyncStep1(_)))
        ));
        // A state vector claiming 2^28 entries.
        let error = decode_message(&[0, 0, 6, 0x80, 0x80, 0x80, 0x80, 0x01, 0]).unwrap_err();
        assert!(error.contains("claims"), "{error}");
    }

    /// Seven bytes claiming four billion awareness entries made yrs reserve
    /// hundreds of megabytes before reading one (issue 13).
    #[test]
    fn an_awareness_bomb_and_an_oversized_awareness_are_refused() {
        let error = decode_message(&[1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]).unwrap_err();
        assert!(
            error.contains("awareness update: claims 4294967295 entries"),
            "{error}"
        );

        let mut awareness = yrs::sync::awareness::AwarenessUpdate {
            clients: Default::default(),
        };
        awareness.clients.insert(
            yrs::block::ClientID::new(7),
            yrs::sync::awareness::AwarenessUpdateEntry {
                clock: 1,
                json: r#"{"user":{"name":"Ola"}}"#.into(),
            },
        );
        let message = Message::Awareness(awareness).encode_v1();
        assert!(matches!(
            decode_message(&message),
            Ok(Message::Awareness(_))
        ));

        let mut big = vec![1];
        let inner = vec![b'x'; MAX_AWARENESS_BYTES];
        let mut encoder = yrs::updates::encoder::EncoderV1::new();
        yrs::encoding::write::Write::write_buf(&mut encoder, &inner);
        big.extend(yrs::updates::encoder::Encoder::to_vec(encoder));
        let error = decode_message(&big).unwrap_err();
        assert!(error.contains("awareness message too large"), "{error}");
    }

    #[test]
    fn a_panic_becomes_an_error() {
        let error = unpanic(|| panic!("boom")).unwrap_err();
        assert_eq!(error, "yrs failed on it: boom");
    }
}
