//! The cross-row state of an import plan: who has which e-mail (R-CSV-14
//! duplicates, snapshot users) and which numbers are in use (R-CSV-16).
//!
//! Nothing here copies an e-mail per row: entries are indexes into the
//! snapshot's users or the rows planned so far, and e-mails are compared
//! where they are.

use super::{RowOutcome, SnapshotUser};
use crate::contact::same_email;
use crate::text::trim;

/// FxHash (rustc-hash): the keys are short e-mails and numbers, and SipHash
/// was the largest cost of a 20,000-row check. Flooding is bounded by the row
/// limit and the input is the caller's own file.
pub(super) type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

pub(super) fn sized<K, V>(capacity: usize) -> HashMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, Default::default())
}

/// A snapshot user or a planned row, by index. `u32` keeps the indexes'
/// entries at 16 bytes, so more of them stay in cache; a plan has at most
/// 20,000 rows, and a snapshot of 2^32 users could not be held in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Person {
    User(u32),
    Row(u32),
}

impl Person {
    pub fn user(index: usize) -> Person {
        Person::User(u32::try_from(index).unwrap_or(u32::MAX))
    }

    pub fn row(index: usize) -> Person {
        Person::Row(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

/// Where [`Person`]s are found.
#[derive(Clone, Copy)]
pub(super) struct People<'r> {
    pub users: &'r [SnapshotUser],
    pub rows: &'r [RowOutcome],
}

impl<'r> People<'r> {
    /// The person's e-mail, trimmed.
    pub fn email(&self, person: Person) -> &'r str {
        match person {
            Person::User(i) => self.users.get(i as usize).map_or("", |u| trim(&u.email)),
            Person::Row(i) => self.rows.get(i as usize).map_or("", |r| r.email.as_str()),
        }
    }

    /// The line of a planned row; `None` for a snapshot user.
    pub fn line(&self, person: Person) -> Option<u64> {
        match person {
            Person::User(_) => None,
            Person::Row(i) => self.rows.get(i as usize).map(|r| r.line),
        }
    }
}

/// People by e-mail, compared as lowercase ([`crate::contact::email_key`]).
///
/// Keyed by a hash of the lowercase e-mail and checked against the person's
/// own e-mail, so no key is stored; a key whose hash is taken by a different
/// e-mail goes to `collided`, so a collision is never taken for a match.
pub(super) struct EmailIndex {
    by_hash: HashMap<u64, Person>,
    collided: HashMap<String, Person>,
}

impl EmailIndex {
    pub fn with_capacity(capacity: usize) -> Self {
        EmailIndex {
            by_hash: sized(capacity),
            collided: sized(0),
        }
    }

    /// The hash of a lowercase e-mail, computed once per row for every index.
    pub fn hash(key: &str) -> u64 {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(key.as_bytes());
        hasher.finish()
    }

    /// The person recorded for `key` (a lowercase e-mail whose hash is `hash`).
    pub fn get(&self, key: &str, hash: u64, people: People<'_>) -> Option<Person> {
        let first = *self.by_hash.get(&hash)?;
        if same_email(people.email(first), key) {
            Some(first)
        } else {
            self.collided.get(key).copied()
        }
    }

    /// The person already recorded for `key`; when there is none, records
    /// `person` and returns `None`.
    pub fn get_or_insert(
        &mut self,
        key: &str,
        hash: u64,
        person: Person,
        people: People<'_>,
    ) -> Option<Person> {
        use std::collections::hash_map::Entry;
        let first = match self.by_hash.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(person);
                return None;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        if same_email(people.email(first), key) {
            return Some(first);
        }
        if let Some(&earlier) = self.collided.get(key) {
            return Some(earlier);
        }
        self.collided.insert(key.to_owned(), person);
        None
    }
}

/// Numbers or extensions in use (R-CSV-16), by `contact::number_id` or
/// `contact::extension_id`.
pub(super) struct NumbersInUse {
    owners: HashMap<u64, Person>,
}

impl NumbersInUse {
    pub fn with_capacity(capacity: usize) -> Self {
        NumbersInUse {
            owners: sized(capacity),
        }
    }

    /// Records `owner` for `number` unless someone has it already.
    pub fn record(&mut self, number: u64, owner: Person) {
        self.owners.entry(number).or_insert(owner);
    }

    /// `claimant` (whose e-mail is `email`) takes `number`: the person who
    /// holds it with another e-mail, if any; otherwise the number is now the
    /// claimant's (when it was free) and the answer is `None`.
    pub fn claim(
        &mut self,
        number: u64,
        claimant: Person,
        email: &str,
        people: People<'_>,
    ) -> Option<Person> {
        use std::collections::hash_map::Entry;
        match self.owners.entry(number) {
            Entry::Vacant(slot) => {
                slot.insert(claimant);
                None
            }
            Entry::Occupied(slot) => {
                let owner = *slot.get();
                (!same_email(people.email(owner), email)).then_some(owner)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str) -> SnapshotUser {
        SnapshotUser {
            email: email.into(),
            ..SnapshotUser::default()
        }
    }

    #[test]
    fn r_csv_14_a_hash_collision_is_not_a_match() {
        let users = [user("ana@acme.example"), user("bob@acme.example")];
        let people = People {
            users: &users,
            rows: &[],
        };
        let mut index = EmailIndex::with_capacity(2);
        // Both under one hash, as a collision would put them.
        let hash = 42;
        assert_eq!(
            index.get_or_insert("ana@acme.example", hash, Person::User(0), people),
            None
        );
        assert_eq!(
            index.get_or_insert("bob@acme.example", hash, Person::User(1), people),
            None
        );
        assert_eq!(
            index.get("ana@acme.example", hash, people),
            Some(Person::User(0))
        );
        assert_eq!(
            index.get("bob@acme.example", hash, people),
            Some(Person::User(1))
        );
        assert_eq!(index.get("cy@acme.example", hash, people), None);
        assert_eq!(
            index.get_or_insert("bob@acme.example", hash, Person::User(7), people),
            Some(Person::User(1))
        );
    }

    #[test]
    fn r_csv_16_a_number_belongs_to_its_first_owner() {
        let users = [user("Ana@acme.example")];
        let people = People {
            users: &users,
            rows: &[],
        };
        let mut numbers = NumbersInUse::with_capacity(1);
        numbers.record(7, Person::User(0));
        assert_eq!(
            numbers.claim(7, Person::Row(0), "ana@ACME.example", people),
            None
        );
        assert_eq!(
            numbers.claim(7, Person::Row(0), "bob@acme.example", people),
            Some(Person::User(0))
        );
        assert_eq!(
            numbers.claim(8, Person::Row(0), "bob@acme.example", people),
            None
        );
        assert_eq!(
            numbers.claim(8, Person::Row(1), "cy@acme.example", people),
            Some(Person::Row(0))
        );
    }
}
