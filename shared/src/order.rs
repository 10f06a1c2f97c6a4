//! One stable sort for every list the app sorts.
//!
//! `slice::sort_by` is generic over the element and the comparison: each
//! list sorted with it (goals, meetings, health signals, links…) brings its
//! own copy of the standard library's sort, about 4 KB of wasm each, most of
//! them in the app's first download. [`sort_by`] sorts the positions
//! instead, through one comparison behind a `dyn`, so the sort's code
//! exists once; what stays generic is only moving the items into place.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order), as
/// `items.sort_by(compare)` would.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives, stably, as `sort_by_key` would.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives them, stably.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            // Compared by the first field only: the second shows stability.
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &std);
            let mut ours = items.clone();
            sort_by_key(&mut ours, |a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
