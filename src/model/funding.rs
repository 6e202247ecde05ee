//! Who pays for a permanent care-home place, as in England (see
//! [`crate::model::inputs::CareHomeFunding`]): each resident's funding is decided at placement
//! from two draws of their own, fixed for life (how well off they are, how great their health
//! needs are), and each week's fee is split between the NHS, the council and the resident.

use super::params::{CareHomeFunding, Costs, Payer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Funding {
    #[default]
    Council,
    SelfFunder,
    /// NHS continuing healthcare: the NHS pays the whole fee.
    ContinuingHealthcare,
}

impl Funding {
    /// Continuing healthcare is not means-tested, so it is decided first (nursing homes only);
    /// then the better-off pay for themselves.
    pub fn of(f: &CareHomeFunding, nursing: bool, wealth: f64, health_need: f64) -> Funding {
        if nursing && health_need < f.continuing_healthcare_share {
            Funding::ContinuingHealthcare
        } else if wealth < f.self_funder_share {
            Funding::SelfFunder
        } else {
            Funding::Council
        }
    }
}

/// One week's fee, split: who pays what from public budgets, and what the resident pays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekSplit {
    pub public: [(Payer, f64); 2],
    pub private: f64,
}

impl WeekSplit {
    /// The whole week's fee.
    pub fn fee(&self) -> f64 {
        self.public.iter().map(|(_, gbp)| gbp).sum::<f64>() + self.private
    }
}

/// The split of a week in a residential or `nursing` home for a resident with `funding`. The
/// council's weekly rate is the scenario's price of the week; self-funders pay more for the
/// same place; nursing care is paid by the NHS for everyone in a nursing home but those on
/// continuing healthcare, whose whole fee it pays.
pub fn week_split(costs: &Costs, nursing: bool, funding: Funding) -> WeekSplit {
    let week = if nursing { &costs.nursing_week } else { &costs.residential_week };
    let f = &costs.care_home_funding;
    let nursing_care = if nursing { f.nursing_care_week.gbp } else { 0.0 };
    let nursing_care = (f.nursing_care_week.payer, nursing_care);
    match funding {
        Funding::ContinuingHealthcare => {
            WeekSplit { public: [(Payer::Nhs, week.gbp), (week.payer, 0.0)], private: 0.0 }
        }
        Funding::SelfFunder => {
            let fee = week.gbp * (1.0 + f.self_funder_fee_premium);
            WeekSplit { public: [nursing_care, (week.payer, 0.0)], private: (fee - nursing_care.1).max(0.0) }
        }
        Funding::Council => {
            let contribution = week.gbp * f.client_contribution_share;
            let council = (week.gbp - nursing_care.1 - contribution).max(0.0);
            WeekSplit { public: [nursing_care, (week.payer, council)], private: contribution }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::params::Cost;

    fn costs() -> Costs {
        let cost = |gbp, payer| Cost { gbp, payer };
        Costs {
            discount_rate: 0.0,
            ae_attendance: cost(280.0, Payer::Nhs),
            acute_bed_day: cost(400.0, Payer::Nhs),
            d2a_bed_week: cost(900.0, Payer::Nhs),
            residential_week: cost(916.0, Payer::Council),
            nursing_week: cost(1026.0, Payer::Council),
            home_support_week: cost(285.0, Payer::Council),
            long_term_care_week: cost(285.0, Payer::Council),
            care_home_funding: CareHomeFunding {
                continuing_healthcare_share: 0.1,
                self_funder_share: 0.45,
                self_funder_fee_premium: 0.41,
                client_contribution_share: 0.25,
                nursing_care_week: cost(235.88, Payer::Nhs),
            },
        }
    }

    #[test]
    fn each_week_splits_into_the_fee() {
        let c = costs();
        for nursing in [false, true] {
            let rate = if nursing { 1026.0 } else { 916.0 };
            for (funding, fee) in [
                (Funding::Council, rate),
                (Funding::ContinuingHealthcare, rate),
                (Funding::SelfFunder, rate * 1.41),
            ] {
                let split = week_split(&c, nursing, funding);
                assert!((split.fee() - fee).abs() < 1e-9, "{funding:?} nursing {nursing}: {split:?}");
            }
        }
        let council_nursing = week_split(&c, true, Funding::Council);
        assert_eq!(council_nursing.public[0], (Payer::Nhs, 235.88));
        assert!((council_nursing.private - 256.5).abs() < 1e-9);
    }

    #[test]
    fn with_everyone_council_supported_and_nothing_else_the_council_pays_the_rate() {
        let mut c = costs();
        let f = &mut c.care_home_funding;
        (f.client_contribution_share, f.nursing_care_week.gbp) = (0.0, 0.0);
        for nursing in [false, true] {
            let split = week_split(&c, nursing, Funding::Council);
            let rate = if nursing { 1026.0 } else { 916.0 };
            assert_eq!(split.public[1], (Payer::Council, rate));
            assert_eq!((split.public[0].1, split.private), (0.0, 0.0));
        }
    }

    #[test]
    fn continuing_healthcare_comes_first_and_only_in_nursing_homes() {
        let f = costs().care_home_funding;
        assert_eq!(Funding::of(&f, true, 0.0, 0.05), Funding::ContinuingHealthcare);
        assert_eq!(Funding::of(&f, false, 0.0, 0.05), Funding::SelfFunder);
        assert_eq!(Funding::of(&f, false, 0.9, 0.05), Funding::Council);
    }
}
