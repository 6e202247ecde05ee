//! Where the care pathway asks the interventions, in the order of
//! [`crate::model::interventions::build`]. Hooks that may act on the world get a
//! [`Context`]; when one returns, the clocks of anyone whose risks it changed are rescheduled.

use super::World;
use crate::model::interventions::{Context, Ctx, FixedCost, IfAdmitted, Intervention, KeptOut};
use crate::model::params::ByPathway;
use crate::model::person::{Pathway, Person, Place, RISKS};
use crate::model::services::Service;

impl World<'_> {
    /// Call `hook` on intervention `index` with a context, then reschedule the clocks of people
    /// whose risks it changed (clocks only run at home or in a care home).
    pub(super) fn with_context<R>(
        &mut self,
        index: usize,
        hook: impl FnOnce(&mut dyn Intervention, &mut Ctx, &[Person]) -> R,
    ) -> R {
        let mut ctx = Context {
            now: self.queue.now(),
            ledger: &mut self.ledger,
            queue: &mut self.queue,
            index: index as u8,
            rates_changed: &mut self.rates_changed,
            contacts: self.contacts.as_mut(),
            first_cohort: self.first_cohorts[index],
        };
        let result = hook(self.interventions[index].as_mut(), &mut ctx, &self.people);
        if !self.rates_changed.is_empty() {
            let changed = std::mem::take(&mut self.rates_changed);
            for &id in &changed {
                if matches!(self.person(id).place, Place::Home | Place::CareHome) {
                    self.refresh_clocks(id);
                }
            }
            self.rates_changed = changed;
            self.rates_changed.clear();
        }
        result
    }

    /// Call `hook` on every intervention in order.
    fn each_with_context(&mut self, mut hook: impl FnMut(&mut dyn Intervention, &mut Ctx, &[Person])) {
        for index in 0..self.interventions.len() {
            self.with_context(index, &mut hook);
        }
    }

    /// Call `hook` on every intervention that has started, in order.
    fn each_started_with_context(
        &mut self,
        mut hook: impl FnMut(&mut dyn Intervention, &mut Ctx, &[Person]),
    ) {
        for index in 0..self.interventions.len() {
            if self.has_started(index) {
                self.with_context(index, &mut hook);
            }
        }
    }

    /// Whether intervention `index` acts yet: before the day it starts, it is not asked at the
    /// points where it would act, so the world runs exactly as without it.
    fn has_started(&self, index: usize) -> bool {
        self.interventions[index].starts_at() <= self.queue.now()
    }

    /// The interventions that have started, in order.
    fn started(&self) -> impl Iterator<Item = &dyn Intervention> {
        let now = self.queue.now();
        self.interventions.iter().map(|i| i.as_ref()).filter(move |i| i.starts_at() <= now)
    }

    pub(super) fn interventions_start(&mut self) {
        self.each_with_context(|i, ctx, _| i.start(ctx));
    }

    pub(super) fn person_added(&mut self, id: u32, person: &Person) {
        for i in &mut self.interventions {
            i.person_added(id, person);
        }
    }

    /// Tell the interventions that something they may track about the person changed.
    pub(super) fn person_changed(&mut self, id: u32) {
        for i in &mut self.interventions {
            i.person_changed(id, &self.people[id as usize]);
        }
    }

    pub(super) fn intervention_home_rates(&self, id: u32, rates: &mut [f64; RISKS]) {
        for i in self.started() {
            i.home_rates(id, rates);
        }
    }

    /// Whether an intervention manages this crisis at home (the first that can, does), and
    /// which: its number and what becomes of the crisis.
    pub(super) fn kept_at_home(&mut self, id: u32, if_admitted: IfAdmitted) -> Option<(usize, KeptOut)> {
        (0..self.interventions.len()).find_map(|index| {
            if !self.has_started(index) {
                return None;
            }
            self.with_context(index, |i, ctx, people| {
                i.keeps_at_home(ctx, id, &people[id as usize], if_admitted)
            })
            .map(|kept| (index, kept))
        })
    }

    /// Whether an intervention keeps the person from the care home they would ask for.
    pub(super) fn kept_from_care_home(&mut self, id: u32) -> bool {
        let now = self.queue.now();
        self.interventions.iter_mut().filter(|i| i.starts_at() <= now).any(|i| i.keeps_from_care_home(id))
    }

    pub(super) fn admission_probability(&self, id: u32, probability: f64) -> f64 {
        self.started().fold(probability, |p, i| i.admission_probability(id, p))
    }

    /// Whether an intervention sends home someone A&E would admit for the stay `if_admitted`
    /// (the first that can, does), and which.
    pub(super) fn diverted(&mut self, id: u32, if_admitted: IfAdmitted) -> Option<(usize, KeptOut)> {
        (0..self.interventions.len()).find_map(|index| {
            if !self.has_started(index) {
                return None;
            }
            self.with_context(index, |i, ctx, people| i.diverts(ctx, id, &people[id as usize], if_admitted))
                .map(|kept| (index, kept))
        })
    }

    /// A crisis intervention `index` kept out of hospital has come back.
    pub(super) fn came_back(&mut self, index: usize, id: u32) {
        self.with_context(index, |i, ctx, _| i.came_back(ctx, id));
    }

    pub(super) fn length_of_stay(&self, id: u32, mean_days: f64) -> f64 {
        self.started().fold(mean_days, |m, i| i.length_of_stay(id, m))
    }

    pub(super) fn discharge_shares(&self, id: u32, shares: &mut ByPathway) {
        for i in self.started() {
            i.discharge_shares(id, shares);
        }
    }

    /// Another pathway (and its mean arrangement delay) offered instead of `pathway`.
    pub(super) fn discharge_offer(&self, id: u32, pathway: Pathway) -> Option<(Pathway, f64)> {
        self.started().find_map(|i| i.discharge_offer(id, self.person(id), pathway))
    }

    pub(super) fn short_stay_started(&mut self, id: u32, service: Service) {
        self.each_started_with_context(|i, ctx, _| i.short_stay_started(ctx, id, service));
    }

    pub(super) fn discharged_home(&mut self, id: u32) {
        self.each_started_with_context(|i, ctx, people| i.discharged_home(ctx, id, &people[id as usize]));
    }

    pub(super) fn left_community(&mut self, id: u32) {
        self.each_with_context(|i, ctx, people| i.left_community(ctx, id, &people[id as usize]));
    }

    pub(super) fn interventions_finish(&mut self) {
        self.each_with_context(|i, ctx, people| i.finish(ctx, people));
    }

    pub(super) fn fixed_yearly_costs(&self) -> Vec<FixedCost> {
        let mut costs = Vec::new();
        for i in &self.interventions {
            i.fixed_yearly_costs(&mut costs);
        }
        costs
    }
}
