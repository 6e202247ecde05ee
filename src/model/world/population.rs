//! Who lives in the world: the starting population, care-home residents taking their beds, the
//! yearly update (ageing, frailty, new conditions) and people turning 65.

use super::{Event, World};
use crate::engine::{Request, Stream, StreamKey};
use crate::model::DAYS_PER_YEAR;
use crate::model::person::{PersonStreams, Place, purpose};
use crate::model::population::{age_one_year, draw_person, initial_size, yearly_entrants};
use crate::model::services::Service;

impl World<'_> {
    /// Add someone drawn from the population's make-up; an `entrant` has just turned 65.
    fn add_person(&mut self, entrant: bool) -> u32 {
        let id = self.people.len() as u32;
        let key = StreamKey {
            seed: self.seed,
            replication: self.replication,
            entity: id,
            purpose: purpose::ATTRIBUTES,
        };
        let mut person = draw_person(self.params, &mut Stream::new(key), entrant);
        let mut streams = PersonStreams::new(self.seed, self.replication, id);
        let now = self.now();
        for (budget, stream) in person.clock_budget.iter_mut().zip(&mut streams.clocks) {
            *budget = stream.exp1();
        }
        person.clocks_at = now;
        person.since = now;
        let resident = person.care_home.take();
        self.person_added(id, &person);
        self.people.push(person);
        self.streams.push(streams);
        self.versions.grow_to(self.people.len());
        self.ledger.count_alive(now, 1);
        self.place_counts[Place::Home.index()] += 1;
        match resident {
            Some(service) => self.settle_resident(id, service),
            None => self.refresh_clocks(id),
        }
        id
    }

    /// Someone already living in a care home at the start: not a new admission.
    fn settle_resident(&mut self, id: u32, service: Service) {
        let now = self.now();
        match self.services.pool_mut(service).request(now, id) {
            Request::Granted => {
                let p = self.person_mut(id);
                p.care_home = Some(service);
                p.care_home_since = now;
                self.move_to(id, Place::CareHome);
            }
            Request::Queued => {
                self.person_mut(id).waiting_for = Some(service);
                self.refresh_clocks(id);
            }
        }
    }

    pub(super) fn populate(&mut self) {
        // Everyone who will ever live in this replication, so the vectors never reallocate.
        let years = self.params.simulation.warmup_years + self.params.simulation.years;
        let starting = initial_size(self.params);
        let everyone = starting as usize + yearly_entrants(self.params) as usize * years as usize;
        self.people.reserve_exact(everyone);
        self.streams.reserve_exact(everyone);
        self.versions.grow_to(everyone);
        for _ in 0..starting {
            self.add_person(false);
        }
        self.started = self.people.len() as u32;
        if years > 1 {
            self.queue.schedule(DAYS_PER_YEAR, Event::AnnualUpdate);
        }
        let window_start = self.ledger.window_start();
        self.queue.schedule(window_start, Event::WarmupEnd);
        self.queue.schedule(window_start, Event::Sample);
        self.interventions_start();
    }

    pub(super) fn annual_update(&mut self) {
        let now = self.now();
        let horizon = self.ledger.horizon();
        self.lookahead_until = horizon.min(now + DAYS_PER_YEAR);
        for id in 0..self.people.len() as u32 {
            let person = &mut self.people[id as usize];
            if !person.is_alive() {
                continue;
            }
            age_one_year(person, &self.yearly, &mut self.streams[id as usize].annual);
            if matches!(person.place, Place::Home | Place::CareHome) {
                self.refresh_clocks(id);
            }
            self.person_changed(id);
        }
        for _ in 0..yearly_entrants(self.params) {
            self.add_person(true);
            self.joined += 1;
        }
        // Every count the invariants compare is cumulative, so a break persists to the horizon,
        // where every build checks; debug builds also check yearly to find it sooner.
        if cfg!(debug_assertions)
            && let Err(problem) = self.check_invariants()
        {
            panic!("invariant broken at day {now}: {problem}");
        }
        if now + DAYS_PER_YEAR < horizon {
            self.queue.schedule(now + DAYS_PER_YEAR, Event::AnnualUpdate);
        }
    }
}
