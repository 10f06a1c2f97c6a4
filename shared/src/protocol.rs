//! Tandem's additions to the y-websocket protocol, written once for the app
//! and the server (docs/sync.md, "Live sync"): the acknowledgement message,
//! the close codes a client acts on, and the private notes' document name.

use yrs::encoding::read::Read;
use yrs::encoding::write::Write;
use yrs::sync::Message;
use yrs::updates::decoder::DecoderV1;
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};

/// Custom message type of the server's acknowledgements: its payload is a
/// varuint, how many of the connection's update messages are stored.
pub const MSG_ACK: u8 = 100;

/// The document name of the caller's private notes (`/api/sync/private`);
/// no workspace may have it as its id.
pub const PRIVATE_DOC: &str = "private";

/// Close codes (RFC 6455 and the application range) the server ends a
/// connection with, each with a reason a client can show.
pub mod close {
    /// A text frame: only binary y-websocket messages are spoken.
    pub const UNSUPPORTED: u16 = 1003;
    /// A message or update that cannot be decoded or applied.
    pub const INVALID: u16 = 1007;
    /// Too many messages a second.
    pub const POLICY: u16 = 1008;
    /// A message over the size limit.
    pub const TOO_BIG: u16 = 1009;
    /// Storage failed: reconnect and sync again.
    pub const SERVER_ERROR: u16 = 1011;
    /// This server is shutting down: reconnect (to another instance).
    pub const RESTART: u16 = 1012;
    /// The connection fell behind the document's broadcasts: reconnect.
    pub const RESYNC: u16 = 1013;
    /// The session it was opened with ended (signed out, expired).
    pub const SIGNED_OUT: u16 = 4401;
    /// Nothing came from the peer for too long (not even a pong): reconnect.
    pub const SILENT: u16 = 4408;
    /// The member's access was revoked (removed, or left).
    pub const REVOKED: u16 = 4403;
    /// The workspace was deleted.
    pub const DELETED: u16 = 4404;
    /// Storing the update would pass a storage quota (the workspace's, the
    /// account's): nothing more can be stored there.
    pub const QUOTA: u16 = 4413;

    /// Whether reconnecting after `code` is pointless: access is gone.
    pub fn is_final(code: u16) -> bool {
        code == REVOKED || code == DELETED
    }
}

/// The acknowledgement message: `count` of the connection's updates stored.
pub fn ack(count: u64) -> Vec<u8> {
    let mut payload = EncoderV1::new();
    payload.write_var(count);
    Message::Custom(MSG_ACK, payload.to_vec()).encode_v1()
}

/// The count an acknowledgement's payload carries.
pub fn read_ack(payload: &[u8]) -> Option<u64> {
    DecoderV1::from(payload).read_var::<u64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;

    #[test]
    fn an_acknowledgement_reads_back_as_its_count() {
        for count in [0, 1, 127, 128, 300_000, u64::from(u32::MAX) + 7] {
            let Ok(Message::Custom(MSG_ACK, payload)) = Message::decode_v1(&ack(count)) else {
                panic!("an ack message")
            };
            assert_eq!(read_ack(&payload), Some(count));
        }
        assert_eq!(read_ack(&[]), None);
    }

    #[test]
    fn only_a_refusal_ends_reconnecting() {
        assert!(close::is_final(close::REVOKED) && close::is_final(close::DELETED));
        for code in [
            close::SERVER_ERROR,
            close::RESTART,
            close::RESYNC,
            close::SIGNED_OUT,
        ] {
            assert!(!close::is_final(code));
        }
    }
}
