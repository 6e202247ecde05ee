//! Case-finding profiles: what a team's risk register needs to know about each person, kept
//! compact and apart from `Person`, stored practice by practice so that a review reads one
//! practice's people from consecutive memory.

use super::teams::Membership;
use crate::model::person::{Person, Place};

/// The facts case finding reads. [`super::teams::Teams`] refreshes a person's profile whenever
/// one of them changes (and checks them all at every invariant check).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// Day of birth (age at a review is worked out then).
    pub born: f64,
    pub ltc: u8,
    pub frailty: u8,
    pub at_home: bool,
    pub enrolled: bool,
    pub lives_alone: bool,
    pub referred: bool,
    pub declined_until: f64,
    pub last_admission: f64,
}

impl Profile {
    pub fn of(person: &Person, member: &Membership) -> Self {
        Self {
            born: person.born,
            ltc: person.ltc,
            frailty: person.frailty,
            at_home: person.place == Place::Home,
            enrolled: member.enrolled_with.is_some(),
            lives_alone: person.lives_alone,
            referred: member.referred,
            declined_until: member.declined_until,
            last_admission: person.last_admission,
        }
    }
}

/// Everyone's profile, stored practice by practice.
#[derive(Debug, Clone, Default)]
pub struct ProfileBook {
    by_practice: Vec<Vec<(u32, Profile)>>,
    /// (practice, position) of each person's profile.
    place: Vec<(u32, u32)>,
}

impl ProfileBook {
    pub fn new(practices: usize) -> Self {
        Self { by_practice: vec![Vec::new(); practices], place: Vec::new() }
    }

    /// Add person `id` (ids arrive in order 0, 1, 2, ...).
    pub fn add(&mut self, id: u32, practice: u32, profile: Profile) {
        debug_assert_eq!(id as usize, self.place.len());
        let list = &mut self.by_practice[practice as usize];
        self.place.push((practice, list.len() as u32));
        list.push((id, profile));
    }

    pub fn get(&self, id: u32) -> &Profile {
        let (practice, index) = self.place[id as usize];
        &self.by_practice[practice as usize][index as usize].1
    }

    pub fn set(&mut self, id: u32, profile: Profile) {
        if let Some(&(practice, index)) = self.place.get(id as usize) {
            self.by_practice[practice as usize][index as usize].1 = profile;
        }
    }

    pub fn len(&self) -> usize {
        self.place.len()
    }

    pub fn is_empty(&self) -> bool {
        self.place.is_empty()
    }

    /// Everyone registered with `practice`, with their profiles.
    pub fn practice(&self, practice: u32) -> &[(u32, Profile)] {
        &self.by_practice[practice as usize]
    }
}
