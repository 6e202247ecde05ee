//! A GP (with a social worker) at the A&E front door, sending home some older people who would
//! be admitted for a short stay.
//!
//! The rule, on what is known at the front door: of the admissions that arrive while the GP is
//! there, the GP can divert only those of people living in their own home (never care-home
//! residents, nor anyone waiting for a care-home place) whose clinical stay would be short (at
//! most `max_stay_days`) and end in a discharge, not a death: the low-acuity admissions a GP can
//! manage. The GP sends home a share of them. A share of those sent home come back within days, and their admission happens then.

use super::{Ctx, FixedCost, IfAdmitted, Intervention, KeptOut};
use crate::model::metrics::Tally;
use crate::model::params;
use crate::model::person::Person;

pub struct GpInAe {
    gp: params::GpInAe,
}

impl GpInAe {
    pub fn new(gp: &params::GpInAe) -> Self {
        Self { gp: gp.clone() }
    }

    /// Whether the GP may divert this admission at all: a short stay, ending in discharge, of
    /// someone living in their own home.
    fn eligible(&self, person: &Person, stay: IfAdmitted) -> bool {
        let at_home = person.care_home.is_none() && person.needs_care_home.is_none();
        at_home && !stay.dies && stay.clinical_stay_days <= self.gp.max_stay_days
    }
}

impl Intervention for GpInAe {
    fn cohorts(&self) -> Vec<String> {
        vec!["gp_in_ae".into()]
    }

    /// An eligible admission that arrives while the GP is there is sent home with the
    /// episode's draw's chance; it comes back with the episode's own draws.
    fn diverts(&mut self, ctx: &mut Ctx, id: u32, person: &Person, stay: IfAdmitted) -> Option<KeptOut> {
        let gp = &self.gp;
        let e = &person.episode;
        if !self.eligible(person, stay) || e.gp_divert >= gp.hours_covered_share * gp.diverted_share {
            return None;
        }
        ctx.ledger.count(id, ctx.now, Tally::GpDiversions);
        ctx.ledger.add(id, ctx.now, Tally::GpDivertedStayDays, stay.clinical_stay_days);
        ctx.served(0, id);
        Some(KeptOut::returning(gp.returns_share, gp.return_mean_days, e.comes_back, e.comes_back_days))
    }

    fn came_back(&mut self, ctx: &mut Ctx, id: u32) {
        ctx.ledger.count(id, ctx.now, Tally::GpDiversionReturns);
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<FixedCost>) {
        let cost = &self.gp.yearly_cost;
        costs.push(FixedCost { payer: cost.payer, gbp_per_year: cost.gbp, from: self.gp.starts_at });
    }

    fn starts_at(&self) -> f64 {
        self.gp.starts_at
    }
}
