//! Turning "the text was X, now it is Y" into one splice, so an editor can
//! apply a keystroke to a CRDT text as an insert/delete at a position instead
//! of replacing the whole string (which would clobber a concurrent edit).

/// Delete `delete` UTF-16 code units at `index`, then insert `insert` there.
/// Indexes are UTF-16 because that is what a browser's text fields use and
/// what Yjs uses, so positions agree with a JavaScript peer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Splice {
    pub index: u32,
    pub delete: u32,
    pub insert: String,
}

/// The smallest single splice that turns `old` into `new`, or `None` if they
/// are equal. `cursor` (UTF-16 offset of the caret in `new`, if known) breaks
/// ties such as typing "a" into "aa": the change is placed before the caret.
pub fn diff(old: &str, new: &str, cursor: Option<u32>) -> Option<Splice> {
    if old == new {
        return None;
    }
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let mut prefix = old_chars
        .iter()
        .zip(&new_chars)
        .take_while(|(a, b)| a == b)
        .count();
    // With the caret known, the edit ends at the caret: keep the common prefix
    // from running past the caret minus what was inserted.
    if let Some(cursor) = cursor {
        let inserted = new_chars.len().saturating_sub(old_chars.len());
        let caret_chars = utf16_to_char_index(&new_chars, cursor);
        prefix = prefix.min(caret_chars.saturating_sub(inserted));
    }
    let max_suffix = old_chars.len().min(new_chars.len()) - prefix;
    let suffix = old_chars
        .iter()
        .rev()
        .zip(new_chars.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let utf16 = |chars: &[char]| chars.iter().map(|c| c.len_utf16() as u32).sum::<u32>();
    Some(Splice {
        index: utf16(&old_chars[..prefix]),
        delete: utf16(&old_chars[prefix..old_chars.len() - suffix]),
        insert: new_chars[prefix..new_chars.len() - suffix].iter().collect(),
    })
}

impl Splice {
    /// Where a position (UTF-16 offset) in the old text ends up after the
    /// splice: before it, it stays; after it, it shifts; inside the replaced
    /// range, it moves to the end of the insertion. Keeps a person's caret
    /// in place while someone else's edit lands elsewhere in the text.
    pub fn map_position(&self, position: u32) -> u32 {
        let inserted = self.insert.encode_utf16().count() as u32;
        if position <= self.index {
            position
        } else if position >= self.index + self.delete {
            position - self.delete + inserted
        } else {
            self.index + inserted
        }
    }
}

/// Applies a splice to a plain string (used by tests and for previews).
pub fn apply(text: &str, splice: &Splice) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let start = (splice.index as usize).min(units.len());
    let end = (start + splice.delete as usize).min(units.len());
    let mut out = String::from_utf16_lossy(&units[..start]);
    out.push_str(&splice.insert);
    out.push_str(&String::from_utf16_lossy(&units[end..]));
    out
}

fn utf16_to_char_index(chars: &[char], utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in chars.iter().enumerate() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(old: &str, new: &str, cursor: Option<u32>) -> Splice {
        let s = diff(old, new, cursor).expect("texts differ");
        assert_eq!(
            apply(old, &s),
            new,
            "splice {s:?} must turn {old:?} into {new:?}"
        );
        s
    }

    #[test]
    fn equal_texts_need_no_splice() {
        assert_eq!(diff("abc", "abc", None), None);
    }

    #[test]
    fn typing_in_the_middle_is_a_pure_insert() {
        let s = roundtrip("hello world", "hello, world", None);
        assert_eq!((s.index, s.delete, s.insert.as_str()), (5, 0, ","));
    }

    #[test]
    fn deleting_and_replacing() {
        let s = roundtrip("hello world", "hello", None);
        assert_eq!((s.index, s.delete, s.insert.as_str()), (5, 6, ""));
        let s = roundtrip("kot", "pies", None);
        assert_eq!((s.index, s.delete), (0, 3));
    }

    #[test]
    fn cursor_places_an_ambiguous_insert() {
        // Typing "a" at the start of "aa": without the caret it looks like an append.
        assert_eq!(roundtrip("aa", "aaa", None).index, 2);
        assert_eq!(roundtrip("aa", "aaa", Some(1)).index, 0);
    }

    #[test]
    fn positions_follow_a_remote_edit() {
        // "Hello world", caret after "world" (11); someone inserts "dear " at 6.
        let s = diff("Hello world", "Hello dear world", None).unwrap();
        assert_eq!(s.map_position(11), 16);
        assert_eq!(s.map_position(3), 3, "before the edit: unchanged");
        // A deletion around the caret puts it where the text was cut.
        let s = diff("abcdef", "af", None).unwrap();
        assert_eq!(s.map_position(3), 1);
        assert_eq!(s.map_position(6), 2);
    }

    #[test]
    fn indexes_count_utf16_units() {
        // "😀" is two UTF-16 units; "ż" is one.
        let s = roundtrip("😀żółw", "😀 żółw", None);
        assert_eq!(s.index, 2);
        let s = roundtrip("a😀b", "ab", None);
        assert_eq!((s.index, s.delete), (1, 2));
    }
}
