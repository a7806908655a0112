//! The cross-row state of an import plan: who has which e-mail (R-CSV-14
//! duplicates, snapshot users) and which numbers are in use (R-CSV-16).
//!
//! Nothing here copies an e-mail per row: entries are indexes into the
//! snapshot's users or the rows planned so far, and e-mails are compared
//! where they are.

use std::num::NonZeroU32;

use super::{RowOutcome, SnapshotUser};
use crate::contact::same_email;
use crate::text::trim;

/// FxHash (rustc-hash): the keys are short e-mails and numbers, and SipHash
/// was the largest cost of a 20,000-row check. Flooding is bounded by the row
/// limit and the input is the caller's own file.
pub(super) type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub(super) type HashSet<K> = rustc_hash::FxHashSet<K>;

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

/// What the plan knows of one e-mail: the snapshot user who has it and the
/// first row that has it. Indexes are stored plus one in `NonZeroU32`s, so an
/// entry is 8 bytes and the table's buckets 16: a 20,000-row plan's index
/// then stays in a core's cache while rows stream past.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct EmailEntry {
    user: Option<NonZeroU32>,
    first_row: Option<NonZeroU32>,
}

fn slot(index: u32) -> Option<NonZeroU32> {
    NonZeroU32::new(index.saturating_add(1))
}

fn unslot(slot: Option<NonZeroU32>) -> Option<u32> {
    slot.map(|s| s.get() - 1)
}

impl EmailEntry {
    /// The snapshot user with the e-mail.
    pub fn user(self) -> Option<u32> {
        unslot(self.user)
    }

    /// The first row with the e-mail.
    pub fn first_row(self) -> Option<u32> {
        unslot(self.first_row)
    }

    /// Someone with the entry's e-mail, to compare keys with.
    fn holder(self) -> Option<Person> {
        self.user()
            .map(Person::User)
            .or(self.first_row().map(Person::Row))
    }
}

/// E-mails, compared as lowercase ([`crate::contact::email_key`]), with the
/// snapshot user and the first row of each: one lookup per row answers both
/// "is this a known user?" and "is this a duplicate row?".
///
/// Keyed by a hash of the lowercase e-mail and checked against the e-mail of
/// someone the entry names, so no key is stored; a key whose hash is taken
/// by a different e-mail goes to `collided`, so a collision is never taken
/// for a match.
pub(super) struct EmailIndex {
    by_hash: HashMap<u64, EmailEntry>,
    collided: HashMap<String, EmailEntry>,
}

impl EmailIndex {
    pub fn with_capacity(capacity: usize) -> Self {
        EmailIndex {
            by_hash: sized(capacity),
            collided: sized(0),
        }
    }

    /// The hash of a lowercase e-mail, computed once per row.
    pub fn hash(key: &str) -> u64 {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(key.as_bytes());
        hasher.finish()
    }

    /// What is known of `key` (a lowercase e-mail whose hash is `hash`).
    pub fn get(&self, key: &str, hash: u64, people: People<'_>) -> EmailEntry {
        match self.by_hash.get(&hash) {
            None => EmailEntry::default(),
            Some(entry) if holds(*entry, key, people) => *entry,
            Some(_) => self.collided.get(key).copied().unwrap_or_default(),
        }
    }

    /// Records `person` for `key` where nobody of that kind has it yet, and
    /// returns what was known before.
    pub fn record(
        &mut self,
        key: &str,
        hash: u64,
        person: Person,
        people: People<'_>,
    ) -> EmailEntry {
        use std::collections::hash_map::Entry;
        let entry = match self.by_hash.entry(hash) {
            Entry::Vacant(slot) => slot.insert(EmailEntry::default()),
            Entry::Occupied(slot) if holds(*slot.get(), key, people) => slot.into_mut(),
            // A true collision: rare enough to pay for a copy of the key.
            Entry::Occupied(_) => self.collided.entry(key.to_owned()).or_default(),
        };
        let before = *entry;
        match person {
            Person::User(i) => entry.user = entry.user.or(slot(i)),
            Person::Row(i) => entry.first_row = entry.first_row.or(slot(i)),
        }
        before
    }
}

/// Whether `entry` is the entry of `key`.
fn holds(entry: EmailEntry, key: &str, people: People<'_>) -> bool {
    entry
        .holder()
        .is_some_and(|person| same_email(people.email(person), key))
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

    /// Records `owner` for `number` unless someone has it already; whether
    /// `owner` now holds it.
    pub fn record(&mut self, number: u64, owner: Person) -> bool {
        *self.owners.entry(number).or_insert(owner) == owner
    }

    /// Who holds `number` under another e-mail than `email`, if anyone.
    pub fn holder(&self, number: u64, email: &str, people: People<'_>) -> Option<Person> {
        self.owners
            .get(&number)
            .copied()
            .filter(|&owner| !same_email(people.email(owner), email))
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
        let nobody = EmailEntry::default();
        assert_eq!(
            index.record("ana@acme.example", hash, Person::User(0), people),
            nobody
        );
        assert_eq!(
            index.record("bob@acme.example", hash, Person::User(1), people),
            nobody
        );
        let ana = index.get("ana@acme.example", hash, people);
        let bob = index.get("bob@acme.example", hash, people);
        assert_eq!((ana.user(), bob.user()), (Some(0), Some(1)));
        assert_eq!(index.get("cy@acme.example", hash, people), nobody);
        // A row of Bob's: Bob is known, and the row is his first.
        let before = index.record("bob@acme.example", hash, Person::Row(7), people);
        assert_eq!((before.user(), before.first_row()), (Some(1), None));
        let again = index.record("bob@acme.example", hash, Person::Row(9), people);
        assert_eq!(again.first_row(), Some(7));
    }

    #[test]
    fn r_csv_16_a_number_belongs_to_its_first_owner() {
        let users = [user("Ana@acme.example")];
        let people = People {
            users: &users,
            rows: &[],
        };
        let mut numbers = NumbersInUse::with_capacity(1);
        assert!(numbers.record(7, Person::User(0)));
        assert_eq!(numbers.holder(7, "ana@ACME.example", people), None);
        assert_eq!(
            numbers.holder(7, "bob@acme.example", people),
            Some(Person::User(0))
        );
        assert_eq!(numbers.holder(8, "bob@acme.example", people), None);
        assert!(!numbers.record(7, Person::Row(3)));
    }
}
