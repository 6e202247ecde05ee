//! Care at home that a person holds for a while: a home-support slot after a discharge (held
//! until the support runs its course, the person is admitted again, moves into a care home or
//! dies) and a long-term home-care package for someone an intervention kept from a care home
//! (until a care home or death). Each is paid for the days held.

use super::{Event, World};
use crate::model::budget::BudgetLine;
use crate::model::ledger::DailyCost;
use crate::model::metrics::Tally;
use crate::model::services::Service;

impl World<'_> {
    pub(super) fn start_home_support(&mut self, id: u32) {
        let now = self.now();
        self.ledger.count(id, now, Tally::HomeSupportStarts);
        let days = self.params.home_support.mean_duration_days * self.person(id).episode.support_days;
        let p = self.person_mut(id);
        p.home_support_since = Some(now);
        p.home_support_starts += 1;
        let stamp = p.home_support_starts;
        self.queue.schedule(now + days, Event::HomeSupportEnd { person: id, stamp });
    }

    /// The person's home support ends (its course run, or they are admitted, move into a care
    /// home or die): its days are paid and the slot passes on.
    pub(super) fn end_home_support(&mut self, id: u32) {
        if self.person(id).home_support_since.is_some() {
            self.close_home_support(id);
            self.person_mut(id).home_support_since = None;
            self.release(Service::HomeSupport);
        }
    }

    /// Pay for the person's home support up to now (at its end, or at the horizon).
    pub(super) fn close_home_support(&mut self, id: u32) {
        if let Some(since) = self.person(id).home_support_since {
            let now = self.now();
            let cost =
                DailyCost::of(&self.params.costs.home_support_week, 1.0 / 7.0, BudgetLine::HomeSupport);
            self.ledger.accrue_days_charged(id, (since, now), &[], cost, None);
        }
    }

    /// A long-term home-care package, for someone an intervention kept from a care home: it
    /// lasts until they move into a care home or die.
    pub(super) fn start_long_term_care(&mut self, id: u32) {
        if self.person(id).long_term_care_since.is_none() {
            let now = self.now();
            self.ledger.count(id, now, Tally::LongTermCareStarts);
            self.person_mut(id).long_term_care_since = Some(now);
        }
    }

    /// The package ends (a care home, death): its days are paid.
    pub(super) fn end_long_term_care(&mut self, id: u32) {
        self.close_long_term_care(id);
        let p = self.person_mut(id);
        (p.long_term_care_since, p.long_term_care_due) = (None, false);
    }

    /// Pay for the person's long-term care up to now (at its end, or at the horizon).
    pub(super) fn close_long_term_care(&mut self, id: u32) {
        if let Some(since) = self.person(id).long_term_care_since {
            let now = self.now();
            let cost =
                DailyCost::of(&self.params.costs.long_term_care_week, 1.0 / 7.0, BudgetLine::LongTermCare);
            self.ledger.accrue_days_charged(id, (since, now), &[], cost, Some(Tally::CostLongTermCare));
        }
    }
}
