//! What rows to write so that what is stored becomes what the file says.

use std::collections::HashMap;
use std::hash::Hash;

/// One row to write.
#[derive(Debug, PartialEq, Eq)]
pub enum Change<K, V> {
    /// Insert, or bring the stored row with this key to the value.
    Put(K, V),
    Delete(K),
}

/// The changes, by key, that turn `stored` into `wanted`; none for rows already as wanted.
pub fn reconcile<K: Eq + Hash + Ord, V: PartialEq>(
    stored: impl IntoIterator<Item = (K, V)>,
    wanted: Vec<(K, V)>,
) -> Vec<Change<K, V>> {
    let mut stored: HashMap<K, V> = stored.into_iter().collect();
    let mut changes = Vec::new();
    for (key, value) in wanted {
        match stored.remove(&key) {
            Some(have) if have == value => {}
            _ => changes.push(Change::Put(key, value)),
        }
    }
    let mut gone: Vec<K> = stored.into_keys().collect();
    gone.sort();
    changes.extend(gone.into_iter().map(Change::Delete));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconcile_writes_only_what_differs() {
        let stored = [(1, "a"), (2, "b"), (3, "c")];
        let wanted = vec![(1, "a"), (2, "B"), (4, "d")];
        assert_eq!(
            reconcile(stored, wanted),
            vec![Change::Put(2, "B"), Change::Put(4, "d"), Change::Delete(3)]
        );
        assert!(reconcile([(1, "a")], vec![(1, "a")]).is_empty());
    }
}
