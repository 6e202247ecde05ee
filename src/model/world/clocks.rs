//! A person's clocks in the world: their risks (crisis, death, asking for a care home), which
//! depend on where they are and are rescheduled at every move, and their progression (frailer,
//! less frail, a new condition), which runs everywhere and is rescheduled only when it changes.
//! Crisis and death run faster for a while after a discharge ([`Raised`]).

use super::{AFTER_DISCHARGE_FIRST_DAYS, Event, World};
use crate::model::DAYS_PER_YEAR;
use crate::model::clocks::{Raised, Season};
use crate::model::ledger::Counted;
use crate::model::person::{
    CLOCK_CARE_HOME, CLOCK_CRISIS, CLOCK_DEATH, CLOCK_FRAILER, CLOCK_LESS_FRAIL, PROGRESSIONS, Place, RISKS,
};
use crate::model::population::progression_rates;

const NOT_RAISED: [Raised; PROGRESSIONS] = [Raised::NONE; PROGRESSIONS];

impl World<'_> {
    /// How each risk of the person is raised after their last discharge (or a crisis kept out
    /// of hospital that would have been admitted), and crises by the season.
    pub(super) fn raised(&self, id: u32) -> [Raised; RISKS] {
        let a = &self.params.after_discharge;
        let from = self.person(id).raised_from;
        let raised = |first, rest, season| Raised {
            from,
            first,
            rest,
            first_days: AFTER_DISCHARGE_FIRST_DAYS,
            until_days: DAYS_PER_YEAR,
            season,
        };
        [
            raised(a.crisis_first_30_days, a.crisis_rest_of_year, self.params.seasonality),
            raised(a.death_first_30_days, a.death_rest_of_year, Season::NONE),
            Raised::NONE,
        ]
    }

    /// Use up each risk clock's budget to now, set the rates for where the person is, and
    /// schedule the earliest (if it is due before the next yearly sweep).
    pub(super) fn refresh_clocks(&mut self, id: u32) {
        let now = self.now();
        let rates = self.risk_rates(id);
        let raised = self.raised(id);
        let p = &mut self.people[id as usize];
        p.risks.use_until(now, &raised);
        p.risks.rate = rates;
        let stamp = self.clock_versions.bump(id as usize);
        if let Some((at, k)) = p.risks.earliest(&raised, self.lookahead_until)
            && at < self.lookahead_until
        {
            p.risks.next = k as u8;
            self.queue.schedule(at.max(now), Event::Clock { person: id, stamp });
        }
    }

    /// The same for the progression clocks.
    pub(super) fn refresh_progression(&mut self, id: u32) {
        let now = self.now();
        let p = &mut self.people[id as usize];
        p.progression.use_until(now, &NOT_RAISED);
        p.progression.rate =
            if p.is_alive() { progression_rates(&self.params.progression, p) } else { [0.0; PROGRESSIONS] };
        let stamp = self.progression_versions.bump(id as usize);
        if let Some((at, k)) = p.progression.earliest(&NOT_RAISED, self.lookahead_until)
            && at < self.lookahead_until
        {
            p.progression.next = k as u8;
            self.queue.schedule(at.max(now), Event::Progression { person: id, stamp });
        }
    }

    /// The person's risks per day where they are now, before any raise after a discharge.
    fn risk_rates(&self, id: u32) -> [f64; RISKS] {
        let p = self.person(id);
        let mut rates = [0.0; RISKS];
        if p.place == Place::Dead {
            return rates;
        }
        let group = p.risk_group();
        // Death outside an acute illness runs wherever the person is.
        rates[CLOCK_DEATH] = self.death.per_day(group) * p.unobserved_frailty;
        match p.place {
            Place::Home => {
                let waiting = p.waiting_for.is_some();
                rates[CLOCK_CRISIS] = self.crisis.per_day(group) * p.unobserved_frailty;
                rates[CLOCK_CARE_HOME] = if waiting { 0.0 } else { self.care_home_entry.per_day(group) };
                self.intervention_home_rates(id, &mut rates);
            }
            Place::CareHome => {
                let ch = &self.params.care_home;
                // A&E attendances of residents are published per resident, whoever they are.
                rates[CLOCK_CRISIS] = ch.crisis_per_1000_per_year / 1000.0 / DAYS_PER_YEAR;
                rates[CLOCK_DEATH] *= ch.relative_death;
            }
            _ => {}
        }
        rates
    }

    /// A risk clock runs out: a crisis, death, or asking for a care-home place.
    pub(super) fn on_clock(&mut self, id: u32) {
        let now = self.now();
        let raised = self.raised(id);
        let p = &mut self.people[id as usize];
        p.risks.use_until(now, &raised);
        let k = usize::from(p.risks.next);
        p.risks.budget[k] = self.streams[id as usize].risks[k].exp1();
        match k {
            CLOCK_CRISIS => self.crisis(id),
            CLOCK_DEATH => self.die(id),
            CLOCK_CARE_HOME => {
                let u = self.streams[id as usize].risks[CLOCK_CARE_HOME].uniform();
                if self.kept_from_care_home(id) {
                    self.start_long_term_care(id);
                    self.refresh_clocks(id);
                } else {
                    let service = self.care_home_service(id, u);
                    self.request(service, id);
                }
            }
            _ => unreachable!("only {RISKS} risk clocks"),
        }
    }

    /// A progression clock runs out: the person becomes frailer or less frail, or gains a
    /// long-term condition, and their risks change from now on.
    pub(super) fn on_progression(&mut self, id: u32) {
        let now = self.now();
        let p = &mut self.people[id as usize];
        p.progression.use_until(now, &NOT_RAISED);
        let k = usize::from(p.progression.next);
        p.progression.budget[k] = self.streams[id as usize].progression[k].exp1();
        let was_frail = p.frailty > 0;
        match k {
            CLOCK_FRAILER => p.frailty = (p.frailty + 1).min(3),
            CLOCK_LESS_FRAIL => p.frailty = 0,
            _ => p.ltc = (p.ltc + 1).min(4),
        }
        let now_frail = p.frailty > 0;
        if was_frail != now_frail {
            self.ledger.count_people(id, now, Counted::Frail, if now_frail { 1 } else { -1 });
        }
        self.refresh_progression(id);
        self.refresh_clocks(id);
        self.person_changed(id);
    }
}
