//! A community crisis ("step-up", two-hour) response: manages some crises at home while it has
//! room, so those people do not go to A&E.
//!
//! The rule, on what is known when the crisis starts: it can take only crises of people in their
//! own home whose acuity ranks among the least acute (`eligible_share` of all crises: falls
//! without serious injury, exacerbations, deconditioning, not the life-threatening, nor one that
//! would end in death in hospital), the crises least likely to need admission; a share of those
//! are referred to it. A share of the crises it
//! manages come back to A&E within days and take the course they would have taken without it.

use super::{Ctx, FixedCost, IfAdmitted, Intervention, KeptOut, OwnEvent};
use crate::engine::Pool;
use crate::model::metrics::Tally;
use crate::model::params;
use crate::model::person::Person;

/// Own event: an episode ends and frees its place.
const EPISODE_END: u8 = 0;

pub struct CrisisResponse {
    response: params::CrisisResponse,
    /// Episodes running at once; a crisis finding it full goes to A&E (nobody waits).
    places: Pool,
}

impl CrisisResponse {
    pub fn new(response: &params::CrisisResponse) -> Self {
        Self { response: response.clone(), places: Pool::new(response.capacity) }
    }
}

impl Intervention for CrisisResponse {
    fn cohorts(&self) -> Vec<String> {
        vec!["crisis_response".into()]
    }

    /// Takes the crisis if it is eligible (least acute), referred (the episode's draw) and it
    /// has room.
    fn keeps_at_home(
        &mut self,
        ctx: &mut Ctx,
        id: u32,
        person: &Person,
        stay: IfAdmitted,
    ) -> Option<KeptOut> {
        let r = &self.response;
        let e = &person.episode;
        let eligible = e.acuity() < r.eligible_share && !stay.dies;
        if !eligible || e.crisis_response >= r.referred_share || !self.places.try_acquire(ctx.now) {
            return None;
        }
        ctx.ledger.count(id, ctx.now, Tally::CrisisResponses);
        ctx.ledger.charge_intervention_once(id, ctx.now, &r.episode_cost);
        ctx.served(0, id);
        ctx.schedule(ctx.now + r.episode_days, OwnEvent { kind: EPISODE_END, a: 0, b: 0 });
        Some(KeptOut::returning(r.returns_share, r.return_mean_days, e.comes_back, e.comes_back_days))
    }

    fn came_back(&mut self, ctx: &mut Ctx, id: u32) {
        ctx.ledger.count(id, ctx.now, Tally::CrisisResponseReturns);
    }

    fn on_event(&mut self, ctx: &mut Ctx, _event: OwnEvent) {
        let next = self.places.release(ctx.now);
        debug_assert!(next.is_none(), "crisis responses never queue");
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<FixedCost>) {
        let cost = &self.response.yearly_cost;
        costs.push(FixedCost { payer: cost.payer, gbp_per_year: cost.gbp, from: self.response.starts_at });
    }

    fn starts_at(&self) -> f64 {
        self.response.starts_at
    }

    fn check(&self, _people: &[Person]) -> Result<(), String> {
        if self.places.occupied() > self.places.capacity() {
            return Err("crisis response over capacity".into());
        }
        Ok(())
    }
}
