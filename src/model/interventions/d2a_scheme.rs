//! A discharge-to-assess scheme: nursing-home beds where people who would have been placed
//! permanently from hospital (P3) recover and are assessed, deciding about permanent care
//! later. Its beds are a service of their own ([`crate::model::services::Service::D2aScheme`]);
//! this file decides who is offered one and charges the block-booked beds.

use super::{Ctx, FixedCost, Intervention};
use crate::model::DAYS_PER_YEAR;
use crate::model::metrics::Tally;
use crate::model::params::{self, Params};
use crate::model::person::{Pathway, Person};
use crate::model::services::{Service, ServiceSpec, ShortStay};

/// The scheme's beds as a service (no beds without a scheme).
pub fn beds(params: &Params) -> ServiceSpec {
    let Some(scheme) = &params.d2a_scheme else {
        return ServiceSpec::places(0);
    };
    ServiceSpec {
        capacity: scheme.beds,
        // A bed is offered only when one is free and promised to the person: nobody waits.
        max_wait_days: None,
        short_stay: Some(ShortStay {
            mean_stay_days: scheme.mean_stay_days,
            max_stay_days: scheme.max_stay_days,
            outcome_home: scheme.outcome_home,
            outcome_care_home: scheme.outcome_care_home,
            // Paid as a block whether used or not (see `fixed_yearly_costs`).
            cost: None,
            admissions_tally: Tally::D2aSchemeAdmissions,
        }),
    }
}

pub struct D2aScheme {
    scheme: params::D2aScheme,
    /// The band of the assessment draw that sends a usual short-term bed's user to a care home.
    step_down_to_care_home: std::ops::Range<f64>,
}

impl D2aScheme {
    pub fn new(scheme: &params::D2aScheme, step_down: &params::D2a) -> Self {
        let home = step_down.outcome_home;
        Self { scheme: scheme.clone(), step_down_to_care_home: home..home + step_down.outcome_care_home }
    }
}

impl Intervention for D2aScheme {
    fn cohorts(&self) -> Vec<String> {
        vec!["d2a_scheme".into()]
    }

    /// The scheme's users are the people who took one of its beds.
    fn short_stay_started(&mut self, ctx: &mut Ctx, id: u32, service: Service) {
        if service == Service::D2aScheme {
            ctx.served(0, id);
        }
    }

    /// People who would otherwise be assessed for permanent care are offered a scheme bed, with
    /// the scheme's own arrangement delay: a share of P3 discharges, and a share of the P2
    /// discharges whose assessment in a usual short-term bed would send them to a care home
    /// (the same draw decides that assessment). A short-term bed now, the decision later.
    fn discharge_offer(&self, _id: u32, person: &Person, pathway: Pathway) -> Option<(Pathway, f64)> {
        let s = &self.scheme;
        let share = match pathway {
            Pathway::CareHome => s.pathway3_share,
            Pathway::ShortTermBed if self.step_down_to_care_home.contains(&person.episode.d2a_outcome) => {
                s.pathway2_care_home_share
            }
            _ => 0.0,
        };
        (s.beds > 0 && person.episode.scheme < share).then_some((Pathway::D2aScheme, s.arrangement_mean_days))
    }

    fn fixed_yearly_costs(&self, costs: &mut Vec<FixedCost>) {
        let s = &self.scheme;
        let gbp_per_year = f64::from(s.beds) * s.bed_week.gbp * DAYS_PER_YEAR / 7.0;
        costs.push(FixedCost { payer: s.bed_week.payer, gbp_per_year, from: s.starts_at });
    }

    fn starts_at(&self) -> f64 {
        self.scheme.starts_at
    }
}
