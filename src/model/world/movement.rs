//! Moving people: every change of place closes the segment of the place left (its days and
//! costs go to the ledger), reschedules the person's clocks, and keeps the place counts. Also
//! the lines for services: asking for a place, being given one, and handing a freed place on.

use super::{Event, World};
use crate::engine::Request;
use crate::model::DAYS_PER_YEAR;
use crate::model::budget::BudgetLine;
use crate::model::funding::{Funding, week_split};
use crate::model::history::{Cause, Move};
use crate::model::ledger::{Counted, DailyCost};
use crate::model::metrics::Tally;
use crate::model::person::{Pathway, Place};
use crate::model::services::Service;

impl World<'_> {
    pub(super) fn move_to(&mut self, id: u32, place: Place, cause: Cause) {
        self.close_segment(id);
        let now = self.now();
        let p = &mut self.people[id as usize];
        if let Some(moves) = &mut self.moves {
            moves.push(Move { time: now, person: id, from: Some(p.place), to: place, cause });
        }
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
        let acute_day = DailyCost::of(&self.params.costs.acute_bed_day, 1.0, BudgetLine::AcuteBeds);
        let ledger = &mut self.ledger;
        let span = (since, now);
        match place {
            Place::Home => ledger.accrue_days(id, since, now, &[Tally::DaysAtHome]),
            Place::Trolley => ledger.accrue_hours(id, since, now, Tally::TrolleyHours),
            Place::Acute => ledger.accrue_days_charged(id, span, &[Tally::AcuteBedDays], acute_day, None),
            Place::AcuteDelayed => {
                let days = [Tally::AcuteBedDays, Tally::DelayedDischargeDays];
                ledger.accrue_days_charged(id, span, &days, acute_day, None)
            }
            Place::D2a | Place::D2aDelayed => {
                let cost = self.services.spec(p.short_term).short_stay.and_then(|s| s.cost);
                let days: &[Tally] =
                    if p.short_term == Service::D2aScheme { &[] } else { &[Tally::D2aBedDays] };
                match cost {
                    Some(cost) => ledger.accrue_days_charged(id, span, days, cost, None),
                    None => ledger.accrue_days(id, since, now, days),
                }
                // A scheme's beds are paid as a block; a user's own costs still hold their days.
                if let Some(scheme) =
                    self.params.d2a_scheme.as_ref().filter(|_| p.short_term == Service::D2aScheme)
                {
                    ledger.keep_block_use(id, span, &scheme.bed_week, 1.0 / 7.0);
                }
            }
            Place::Ae | Place::CareHome | Place::Dead => {}
        }
    }

    /// Close the person's permanent care-home placement (at death or at the horizon): its
    /// weeks are paid as the person's funding splits them.
    pub(super) fn close_care_home(&mut self, id: u32) {
        let now = self.now();
        let p = &self.people[id as usize];
        let Some(service) = p.care_home else { return };
        let split = week_split(&self.params.costs, service.is_nursing(), p.funding);
        let public = split.public.map(|(payer, week)| (payer, week / 7.0));
        let days = [Tally::CareHomeBedDays];
        self.ledger.accrue_shared(
            id,
            (p.care_home_since, now),
            &days,
            BudgetLine::CareHomes,
            &public,
            split.private / 7.0,
        );
    }

    /// The person takes a permanent place in `service`; who pays for it is decided now.
    pub(super) fn take_care_home_place(&mut self, id: u32, service: Service) {
        let now = self.now();
        let funding = &self.params.costs.care_home_funding;
        let p = &mut self.people[id as usize];
        p.care_home = Some(service);
        p.care_home_since = now;
        p.funding = Funding::of(funding, service.is_nursing(), p.wealth, p.health_need);
    }

    /// Whether a scheme bed is promised to the person (its move is being arranged).
    pub(super) fn holds_promise(&self, id: u32) -> bool {
        let p = self.person(id);
        p.place == Place::AcuteDelayed && p.pathway == Pathway::D2aScheme && p.waiting_for.is_none()
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
                let at_home = p.place == Place::Home;
                if let Some(max_wait) = max_wait {
                    let stamp = self.place_versions.current(id as usize);
                    self.queue.schedule(now + max_wait, Event::WaitTimeout { person: id, stamp });
                }
                if at_home {
                    // Waiting for a care-home bed stops the clock of asking for one.
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
                self.leave_acute(id, true);
                self.enter_short_stay(id, service);
            }
            Service::HomeSupport => {
                self.leave_acute(id, true);
                self.start_home_support(id);
                self.discharge_home(id);
            }
            Service::Residential
            | Service::Nursing
            | Service::OutOfAreaResidential
            | Service::OutOfAreaNursing => {
                let from_hospital = match self.person(id).place {
                    Place::AcuteDelayed => {
                        self.leave_acute(id, true);
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

    /// The person dies where they are: they leave any line, and any bed they hold is freed.
    pub(super) fn die(&mut self, id: u32) {
        let place = self.person(id).place;
        if self.holds_promise(id) {
            self.services.end_promise(Service::D2aScheme);
        }
        self.end_home_support(id);
        self.end_long_term_care(id);
        let waiting = self.person(id).waiting_for.is_some()
            || matches!(place, Place::Trolley | Place::AcuteDelayed | Place::D2aDelayed);
        let in_hospital = matches!(place, Place::Ae | Place::Trolley | Place::Acute | Place::AcuteDelayed);
        self.leave_line(id);
        self.person_mut(id).needs_care_home = None;
        self.left_community(id);
        self.close_care_home(id);
        match place {
            Place::Acute | Place::AcuteDelayed => self.leave_acute(id, false),
            Place::D2a | Place::D2aDelayed => self.leave_short_stay(id),
            _ => {}
        }
        self.move_to(id, Place::Dead, Cause::Died);
        // Progression ends with the person.
        self.progression_versions.bump(id as usize);
        let now = self.now();
        self.ledger.count(id, now, Tally::Deaths);
        if in_hospital {
            self.ledger.count(id, now, Tally::DeathsInHospital);
        }
        self.ledger.count_people(id, now, Counted::Alive, -1);
        if self.person(id).frailty > 0 {
            self.ledger.count_people(id, now, Counted::Frail, -1);
        }
        let p = &self.people[id as usize];
        let within_year_of = |since: f64| now - since <= DAYS_PER_YEAR;
        let new_resident = p.care_home.is_some() && p.care_home_admitted && within_year_of(p.care_home_since);
        for (counts, tally) in [
            (within_year_of(p.index_admission), Tally::DeathsWithinYearOfAdmission),
            (waiting, Tally::DeathsWhileWaiting),
            (new_resident, Tally::CareHomeDeathsFirstYear),
            (within_year_of(p.scheme_admitted_at), Tally::D2aSchemeDeathsWithinYear),
        ] {
            if counts {
                self.ledger.count(id, now, tally);
            }
        }
        self.died += 1;
        if let Some(service) = self.person_mut(id).care_home.take() {
            self.release(service);
        }
    }
}
