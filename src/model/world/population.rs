//! Who lives in the world: the starting population, care-home residents taking their beds,
//! people turning 65 through the year, birthdays that move people into an older age band, and
//! the yearly sweep that schedules the clocks due in the coming year.

use super::{Event, World};
use crate::engine::{Request, Stream, StreamKey};
use crate::model::DAYS_PER_YEAR;
use crate::model::history::{Cause, Move};
use crate::model::ledger::Counted;
use crate::model::person::{PersonStreams, Place, purpose};
use crate::model::population::{draw_person, initial_size, yearly_entrants};
use crate::model::services::Service;

impl World<'_> {
    /// Add someone drawn from the population's make-up; an `entrant` turns 65 now.
    fn add_person(&mut self, entrant: bool) -> u32 {
        let id = self.people.len() as u32;
        let key = StreamKey {
            seed: self.seed,
            replication: self.replication,
            entity: id,
            purpose: purpose::ATTRIBUTES,
        };
        let now = self.now();
        let mut person = draw_person(self.params, &mut Stream::new(key), entrant, now);
        let mut streams = PersonStreams::new(self.seed, self.replication, id);
        person.risks.budget = streams.risks.each_mut().map(|s| s.exp1());
        person.progression.budget = streams.progression.each_mut().map(|s| s.exp1());
        person.since = now;
        let resident = person.care_home.take();
        let band_change = person.next_band_change();
        self.person_added(id, &person);
        self.people.push(person);
        self.streams.push(streams);
        self.clock_versions.grow_to(self.people.len());
        self.progression_versions.grow_to(self.people.len());
        self.place_versions.grow_to(self.people.len());
        self.ledger.join(id, self.person(id).practice);
        self.ledger.count_people(id, now, Counted::Alive, 1);
        if self.person(id).frailty > 0 {
            self.ledger.count_people(id, now, Counted::Frail, 1);
        }
        self.place_counts[Place::Home.index()] += 1;
        if let Some(moves) = &mut self.moves {
            moves.push(Move { time: now, person: id, from: None, to: Place::Home, cause: Cause::Joined });
        }
        if let Some(at) = band_change.filter(|&at| at < self.ledger.horizon()) {
            self.queue.schedule(at.max(now), Event::BandChange { person: id });
        }
        self.refresh_progression(id);
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
                self.take_care_home_place(id, service);
                self.move_to(id, Place::CareHome, Cause::Joined);
            }
            Request::Queued => {
                self.person_mut(id).waiting_for = Some(service);
                self.refresh_clocks(id);
            }
        }
    }

    pub(super) fn populate(&mut self) {
        // Everyone who will ever live in this replication, so the vectors never reallocate.
        let starting = initial_size(self.params) as usize;
        let everyone = starting + self.entrants_in_all() as usize;
        self.people.reserve_exact(everyone);
        self.streams.reserve_exact(everyone);
        self.clock_versions.grow_to(everyone);
        self.progression_versions.grow_to(everyone);
        self.place_versions.grow_to(everyone);
        for _ in 0..starting {
            self.add_person(false);
        }
        self.started = self.people.len() as u32;
        let horizon = self.ledger.horizon();
        if self.lookahead_until < horizon {
            self.queue.schedule(self.lookahead_until, Event::ClockHorizon);
        }
        if self.entrants_in_all() > 0 {
            self.queue.schedule(self.entrant_time(0), Event::Entrant { index: 0 });
        }
        let window_start = self.ledger.window_start();
        self.queue.schedule(window_start, Event::WarmupEnd);
        self.queue.schedule(window_start, Event::Sample);
        self.interventions_start();
    }

    /// People turning 65 over the whole run.
    fn entrants_in_all(&self) -> u32 {
        let years = self.params.simulation.warmup_years + self.params.simulation.years;
        yearly_entrants(self.params) * years
    }

    /// When entrant `index` joins: evenly through each year, half a gap from its start.
    fn entrant_time(&self, index: u32) -> f64 {
        let per_year = yearly_entrants(self.params);
        let (year, k) = (index / per_year, index % per_year);
        f64::from(year) * DAYS_PER_YEAR + (f64::from(k) + 0.5) * DAYS_PER_YEAR / f64::from(per_year)
    }

    pub(super) fn entrant(&mut self, index: u32) {
        self.add_person(true);
        self.joined += 1;
        if index + 1 < self.entrants_in_all() {
            self.queue.schedule(self.entrant_time(index + 1), Event::Entrant { index: index + 1 });
        }
    }

    /// A 75th or 85th birthday: the person's risks are those of the older band from now on.
    pub(super) fn band_change(&mut self, id: u32) {
        if !self.person(id).is_alive() {
            return;
        }
        let p = self.person_mut(id);
        p.band += 1;
        let next = p.next_band_change();
        if let Some(at) = next.filter(|&at| at < self.ledger.horizon()) {
            self.queue.schedule(at, Event::BandChange { person: id });
        }
        self.refresh_progression(id);
        self.refresh_clocks(id);
        self.person_changed(id);
    }

    /// Schedule every clock due within the next year (clocks further off wait for the next
    /// sweep, which keeps the event heap small).
    pub(super) fn clock_horizon(&mut self) {
        let now = self.now();
        let horizon = self.ledger.horizon();
        self.lookahead_until = horizon.min(now + DAYS_PER_YEAR);
        for id in 0..self.people.len() as u32 {
            if self.person(id).is_alive() {
                self.refresh_progression(id);
                self.refresh_clocks(id);
            }
        }
        // Every count the invariants compare is cumulative, so a break persists to the horizon,
        // where every build checks; debug builds also check yearly to find it sooner.
        if cfg!(debug_assertions)
            && let Err(problem) = self.check_invariants()
        {
            panic!("invariant broken at day {now}: {problem}");
        }
        if self.lookahead_until < horizon {
            self.queue.schedule(self.lookahead_until, Event::ClockHorizon);
        }
    }
}
