//! Moving people: every change of place closes the segment of the place left (its days and
//! costs go to the ledger), reschedules the person's clocks, and keeps the place counts. Also
//! the lines for services: asking for a place, being given one, and handing a freed place on.

use super::{Event, World};
use crate::engine::Request;
use crate::model::DAYS_PER_YEAR;
use crate::model::ledger::DailyCost;
use crate::model::metrics::Tally;
use crate::model::person::{
    CLOCK_CARE_HOME, CLOCK_CRISIS, CLOCK_DEATH, CLOCK_FRAILER, CLOCK_LESS_FRAIL, CLOCK_NEW_LTC, CLOCKS, Place,
};
use crate::model::population::progression_rates;
use crate::model::services::Service;

impl World<'_> {
    pub(super) fn move_to(&mut self, id: u32, place: Place) {
        self.close_segment(id);
        let now = self.now();
        let p = &mut self.people[id as usize];
        self.place_counts[p.place.index()] -= 1;
        self.place_counts[place.index()] += 1;
        // Interventions track only whether the person is at home.
        let home_changed = (p.place == Place::Home) != (place == Place::Home);
        p.place = place;
        p.since = now;
        // Events stamped for the old place (a wait's time-out) are stale from now on.
        self.place_versions.bump(id as usize);
        self.refresh_clocks(id);
        if home_changed {
            self.person_changed(id);
        }
    }

    /// Close the person's current place: add its days to the tallies and charge for them.
    pub(super) fn close_segment(&mut self, id: u32) {
        let now = self.now();
        let p = &self.people[id as usize];
        let (place, since) = (p.place, p.since);
        let acute_day = DailyCost::of(&self.params.costs.acute_bed_day, 1.0);
        let ledger = &mut self.ledger;
        match place {
            Place::Home => ledger.accrue_days(since, now, &[Tally::DaysAtHome], None),
            Place::Trolley => ledger.accrue_hours(since, now, Tally::TrolleyHours),
            Place::Acute => ledger.accrue_days(since, now, &[Tally::AcuteBedDays], Some(acute_day)),
            Place::AcuteDelayed => ledger.accrue_days(
                since,
                now,
                &[Tally::AcuteBedDays, Tally::DelayedDischargeDays],
                Some(acute_day),
            ),
            Place::D2a | Place::D2aDelayed => {
                let cost = self.services.spec(p.short_term).short_stay.and_then(|s| s.cost);
                ledger.accrue_days(since, now, &[Tally::D2aBedDays], cost)
            }
            Place::Ae | Place::CareHome | Place::Dead => {}
        }
    }

    /// Close the person's permanent care-home placement (at death or at the horizon).
    pub(super) fn close_care_home(&mut self, id: u32) {
        let now = self.now();
        let p = &self.people[id as usize];
        let Some(service) = p.care_home else { return };
        let costs = &self.params.costs;
        let weekly = if service == Service::Nursing { &costs.nursing_week } else { &costs.residential_week };
        let cost = DailyCost::of(weekly, 1.0 / 7.0);
        self.ledger.accrue_days(p.care_home_since, now, &[Tally::CareHomeBedDays], Some(cost));
    }

    /// Use up each clock's budget to now, set the rates for where the person is, and schedule
    /// the earliest clock.
    pub(super) fn refresh_clocks(&mut self, id: u32) {
        let now = self.now();
        let rates = self.clock_rates(id);
        let p = &mut self.people[id as usize];
        p.use_clocks_until(now);
        p.clock_rate = rates;
        let next = (0..CLOCKS)
            .filter(|&k| p.clock_rate[k] > 0.0)
            .map(|k| (p.clock_budget[k] / p.clock_rate[k], k))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let stamp = self.clock_versions.bump(id as usize);
        if let Some((wait, k)) = next
            && now + wait < self.lookahead_until
        {
            p.next_clock = k as u8;
            self.queue.schedule(now + wait, Event::Clock { person: id, stamp });
        }
    }

    /// The person's risks per day where they are now (see [`CLOCKS`]).
    fn clock_rates(&self, id: u32) -> [f64; CLOCKS] {
        let p = self.person(id);
        let mut rates = [0.0; CLOCKS];
        match p.place {
            Place::Home => {
                let group = p.risk_group();
                let waiting = p.waiting_for.is_some();
                rates[CLOCK_CRISIS] = self.crisis.per_day(group);
                rates[CLOCK_DEATH] = self.death.per_day(group);
                rates[CLOCK_CARE_HOME] = if waiting { 0.0 } else { self.care_home_entry.per_day(group) };
                self.intervention_home_rates(id, &mut rates);
            }
            Place::CareHome => {
                let ch = &self.params.care_home;
                rates[CLOCK_CRISIS] = ch.crisis_per_1000_per_year / 1000.0 / DAYS_PER_YEAR;
                rates[CLOCK_DEATH] = ch.death_per_1000_per_year / 1000.0 / DAYS_PER_YEAR;
            }
            Place::Dead => return rates,
            _ => {}
        }
        let [frailer, less_frail, new_ltc] = progression_rates(&self.params.progression, p);
        rates[CLOCK_FRAILER] = frailer;
        rates[CLOCK_LESS_FRAIL] = less_frail;
        rates[CLOCK_NEW_LTC] = new_ltc;
        rates
    }

    /// Ask `service` for a place for `id`; move them in now, or queue them.
    pub(super) fn request(&mut self, service: Service, id: u32) {
        let now = self.now();
        match self.services.pool_mut(service).request(now, id) {
            Request::Granted => self.granted(service, id),
            Request::Queued => {
                let max_wait = self.services.spec(service).max_wait_days;
                let p = &mut self.people[id as usize];
                p.waiting_for = Some(service);
                if let Some(max_wait) = max_wait {
                    let stamp = self.place_versions.current(id as usize);
                    self.queue.schedule(now + max_wait, Event::WaitTimeout { person: id, stamp });
                } else if p.place == Place::Home {
                    self.refresh_clocks(id);
                }
            }
        }
    }

    /// `service` has a place for `id` (at once or after a wait): move them in.
    fn granted(&mut self, service: Service, id: u32) {
        self.person_mut(id).waiting_for = None;
        match service {
            Service::Acute => self.start_acute(id),
            Service::D2a | Service::D2aScheme => {
                self.leave_acute(id);
                self.enter_short_stay(id, service);
            }
            Service::HomeSupport => {
                self.leave_acute(id);
                self.start_home_support(id);
                self.discharge_home(id);
            }
            Service::Residential | Service::Nursing => {
                let from_hospital = match self.person(id).place {
                    Place::AcuteDelayed => {
                        self.leave_acute(id);
                        true
                    }
                    Place::D2aDelayed => {
                        self.leave_short_stay(id);
                        true
                    }
                    _ => false,
                };
                self.enter_care_home(id, service, from_hospital);
            }
        }
    }

    /// Hand a freed place of `service` to whoever was waiting for it.
    pub(super) fn release(&mut self, service: Service) {
        let now = self.now();
        if let Some((next, _waited)) = self.services.pool_mut(service).release(now) {
            self.granted(service, next);
        }
    }

    /// Leave the line for `service`, if in it.
    pub(super) fn leave_line(&mut self, id: u32) -> Option<Service> {
        let service = self.person_mut(id).waiting_for.take()?;
        self.services.pool_mut(service).cancel(id);
        Some(service)
    }

    pub(super) fn die(&mut self, id: u32, in_hospital: bool) {
        self.leave_line(id);
        self.person_mut(id).needs_care_home = None;
        self.left_community(id);
        self.close_care_home(id);
        self.move_to(id, Place::Dead);
        let now = self.now();
        self.ledger.count(now, Tally::Deaths);
        if in_hospital {
            self.ledger.count(now, Tally::DeathsInHospital);
        }
        self.ledger.count_alive(now, -1);
        self.died += 1;
        if let Some(service) = self.person_mut(id).care_home.take() {
            self.release(service);
        }
    }
}
