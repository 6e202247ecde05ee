//! A GP (with a social worker) at the A&E front door, sending home some who would be admitted.

use super::Intervention;
use crate::model::params::{self, Payer};
use crate::model::person::Person;

pub struct GpInAe {
    gp: params::GpInAe,
}

impl GpInAe {
    pub fn new(gp: &params::GpInAe) -> Self {
        Self { gp: gp.clone() }
    }
}

impl Intervention for GpInAe {
    /// Of the admissions that arrive while the GP is there, a share goes home instead.
    fn diverts(&self, _id: u32, person: &Person) -> bool {
        person.episode.gp_divert < self.gp.hours_covered_share * self.gp.diverted_share
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<(Payer, f64)>) {
        costs.push((self.gp.yearly_cost.payer, self.gp.yearly_cost.gbp));
    }
}
