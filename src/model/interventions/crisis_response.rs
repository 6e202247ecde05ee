//! A community crisis ("step-up", two-hour) response: manages a share of crises at home while
//! it has room, so those people do not go to A&E.

use super::{Ctx, Intervention, OwnEvent};
use crate::engine::Pool;
use crate::model::metrics::Tally;
use crate::model::params::{self, Payer};
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
    /// Takes the crisis if it is one it can manage (the episode's draw) and it has room.
    fn keeps_at_home(&mut self, ctx: &mut Ctx, _id: u32, person: &Person) -> bool {
        let r = &self.response;
        if person.episode.crisis_response >= r.share_manageable || !self.places.try_acquire(ctx.now) {
            return false;
        }
        ctx.ledger.count(ctx.now, Tally::CrisisResponses);
        ctx.ledger.charge_intervention_once(ctx.now, &r.episode_cost);
        ctx.schedule(ctx.now + r.episode_days, OwnEvent { kind: EPISODE_END, a: 0, b: 0 });
        true
    }

    fn on_event(&mut self, ctx: &mut Ctx, _event: OwnEvent) {
        let next = self.places.release(ctx.now);
        debug_assert!(next.is_none(), "crisis responses never queue");
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<(Payer, f64)>) {
        costs.push((self.response.yearly_cost.payer, self.response.yearly_cost.gbp));
    }

    fn check(&self, _people: &[Person]) -> Result<(), String> {
        if self.places.occupied() > self.places.capacity() {
            return Err("crisis response over capacity".into());
        }
        Ok(())
    }
}
