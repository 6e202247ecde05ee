//! A scenario's parameters as written in its file: every real number is a number or a
//! distribution ([`Uncertain`]), drawn once per replication by [`super::realise`] into the
//! plain [`super::params::Params`] the model reads.
//!
//! These types mirror the file one-to-one (serde, unknown keys refused) so that a planner
//! reading `models/baseline.toml` reads the model's own inputs; `scenario.resolved.toml` is
//! written from them. Units are in the field names: `_days`, `_per_1000_per_year`, `_gbp`.
//!
//! Whole numbers (capacities, practices, ages, run settings) are decisions or structure, not
//! uncertain quantities: they are always plain numbers (a base service's capacity may be given
//! per 1,000 people aged 65+ instead: [`Capacity`]). Shares that must add up to 1 are a
//! [`Shares`]: a list whose entries may be uncertain (the fixed ones take up what the drawn ones
//! leave, in proportion) or one Dirichlet distribution drawn jointly.
//!
//! Arrays indexed by age band have three entries (65-74, 75-84, 85+); by frailty, four
//! (electronic Frailty Index fit, mild, moderate, severe); by long-term conditions, five (0, 1,
//! 2, 3, 4 or more); by discharge pathway, four (P0 home, P1 home with support, P2 short-term
//! bed, P3 permanent care home).

use serde::{Deserialize, Serialize};

mod capacity;
mod interventions;

pub use capacity::{Capacity, MAX_PER_1000, PER_1000_KEY};

pub use interventions::{CrisisResponse, D2aScheme, Effects, Finding, GpInAe, RiskWeights, Staff, Team};

use super::params::{AGE_BANDS, FRAILTY_LEVELS, LTC_LEVELS, PATHWAYS};
pub use super::params::{Payer, Scope};
use super::shares::Shares;
use super::uncertain::Uncertain;

pub type ByAgeBand = [Uncertain; AGE_BANDS];
pub type ByFrailty = [Uncertain; FRAILTY_LEVELS];
pub type ByLtc = [Uncertain; LTC_LEVELS];
pub type ByPathway = [Uncertain; PATHWAYS];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub simulation: Simulation,
    pub area: Area,
    pub population: Population,
    pub progression: Progression,
    pub hazards: Hazards,
    pub after_discharge: AfterDischarge,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<Seasonality>,
    pub care_home: CareHome,
    pub ae: Ae,
    pub acute: Acute,
    pub discharge: Discharge,
    pub home_support: HomeSupport,
    pub d2a: D2a,
    pub costs: Costs,
    /// Case-finding teams (PICTs, MDGs, extensivists, social workers, local area coordinators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d2a_scheme: Option<D2aScheme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis_response: Option<CrisisResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gp_in_ae: Option<GpInAe>,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// Run length and defaults for replications (the command line can override them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    pub years: u32,
    pub warmup_years: u32,
    pub replications: u32,
    /// Replications per draw of the uncertain parameters: replications `k*K .. (k+1)*K` share
    /// draw `k` and differ only by chance (O'Hagan, Stevenson & Madan 2007).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub inner_replications: u32,
    pub seed: u64,
    /// Spacing of the occupancy time series, in days.
    pub timeseries_interval_days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub registered_population: u32,
    pub share_aged_65_plus: Uncertain,
    pub practices: u32,
    pub practices_per_cluster: u32,
    /// People turning 65 each year, as a share of the starting 65+ population.
    pub new_65_year_olds_per_year_share: Uncertain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    pub age_band_shares: Shares<AGE_BANDS>,
    /// Oldest age drawn in the 85+ band (ages are uniform within a band).
    pub oldest_age: u32,
    pub female_share: Uncertain,
    pub frailty_shares: FrailtyShares,
    pub ltc_shares: LtcShares,
    pub living_alone_share: ByAgeBand,
    /// Share of each age band living in a care home at the start.
    pub in_care_home_share: ByAgeBand,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrailtyShares {
    /// People turning 65 (the yearly entrants).
    pub at_65: Shares<FRAILTY_LEVELS>,
    pub age_65_74: Shares<FRAILTY_LEVELS>,
    pub age_75_84: Shares<FRAILTY_LEVELS>,
    pub age_85_plus: Shares<FRAILTY_LEVELS>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LtcShares {
    pub age_65_74: Shares<LTC_LEVELS>,
    pub age_75_84: Shares<LTC_LEVELS>,
    pub age_85_plus: Shares<LTC_LEVELS>,
}

/// Yearly rates of frailty transitions and new conditions, running wherever the person is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progression {
    pub fit_to_mild_per_year: ByAgeBand,
    pub mild_to_moderate_per_year: ByAgeBand,
    pub moderate_to_severe_per_year: ByAgeBand,
    pub mild_to_fit_per_year: ByAgeBand,
    pub new_ltc_per_year: Uncertain,
}

/// Competing risks for people living in their own homes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazards {
    pub crisis: Hazard,
    /// Death outside an acute illness, wherever the person is (a care home multiplies it).
    pub death: Hazard,
    pub care_home_entry: Hazard,
    /// Variance of each person's unobserved frailty, a gamma-distributed multiplier (mean 1) on
    /// their crisis and death rates: some people are at higher risk than their age, frailty and
    /// conditions say. 0 means none.
    pub unobserved_frailty_variance: Uncertain,
}

/// Raised risks after an acute stay (readmissions, and deaths in the following year), as
/// multipliers on the person's crisis and death rates for the first 30 days after discharge and
/// for the rest of the year after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterDischarge {
    pub crisis_first_30_days: Uncertain,
    pub crisis_rest_of_year: Uncertain,
    pub death_first_30_days: Uncertain,
    pub death_rest_of_year: Uncertain,
}

/// A yearly cycle of the crisis rate: it is multiplied by
/// `1 + amplitude * cos(2 pi (day - peak_day) / 365)`, where `day` counts from the start of a
/// model year (model years start on 1 April, like financial years). It averages 1 over a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seasonality {
    pub amplitude: Uncertain,
    pub peak_day: u32,
}

/// A rate that varies by person. The band rate is the average over everyone in that age band
/// at the start; a person's rate is the band rate times their relative rates, divided by the
/// band's average relative rate, so that relative rates redistribute risk within a band
/// without changing the band's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazard {
    pub per_1000_per_year: ByAgeBand,
    pub relative_by_frailty: ByFrailty,
    pub relative_by_ltc: ByLtc,
    pub relative_living_alone: Uncertain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareHome {
    pub residential_beds: Capacity,
    pub nursing_beds: Capacity,
    /// Share of new permanent residents who need a nursing rather than a residential bed.
    pub nursing_share_by_frailty: ByFrailty,
    pub crisis_per_1000_per_year: Uncertain,
    pub admission_probability: Uncertain,
    /// A resident's death rate relative to a person of the same age, frailty and conditions
    /// living at home.
    pub relative_death: Uncertain,
    /// Waiting longer than this for a local bed, a person is placed in a home out of the area
    /// (none if not given: they wait for a local bed however long it takes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_area_after_days: Option<Uncertain>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ae {
    pub admission_probability_by_frailty: ByFrailty,
    pub mean_hours: Uncertain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acute {
    pub beds: Capacity,
    /// Clinical length of stay (to being medically fit), lognormal.
    pub los_mean_days_by_frailty: ByFrailty,
    pub los_coefficient_of_variation: Uncertain,
    pub death_probability_by_frailty: ByFrailty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discharge {
    pub pathway_shares: PathwayShares,
    /// Days from medically fit to the next place being arranged (exponential), before any
    /// wait for capacity.
    pub arrangement_mean_days: ByPathway,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayShares {
    pub fit: Shares<PATHWAYS>,
    pub mild: Shares<PATHWAYS>,
    pub moderate: Shares<PATHWAYS>,
    pub severe: Shares<PATHWAYS>,
}

/// Home-based intermediate care and reablement slots that pathway 1 needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeSupport {
    pub slots: Capacity,
    pub mean_duration_days: Uncertain,
}

/// Short-term (step-down, discharge to assess) nursing beds that pathway 2 needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct D2a {
    pub beds: Capacity,
    pub mean_stay_days: Uncertain,
    pub max_stay_days: Uncertain,
    /// After waiting this long in an acute bed for a short-term bed, the person is placed in a
    /// permanent care home instead (the decision made in hospital that D2A aims to avoid).
    pub max_wait_days: Uncertain,
    pub outcome_home: Uncertain,
    pub outcome_care_home: Uncertain,
    pub outcome_death: Uncertain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    pub gbp: Uncertain,
    pub payer: Payer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Annual discount rate applied from the end of the warm-up (0.035 is the UK convention).
    pub discount_rate: Uncertain,
    pub ae_attendance: Cost,
    pub acute_bed_day: Cost,
    pub d2a_bed_week: Cost,
    pub residential_week: Cost,
    pub nursing_week: Cost,
    pub home_support_week: Cost,
    /// A long-term home-care package a week, for people an intervention keeps out of a care home.
    pub long_term_care_week: Cost,
    pub care_home_funding: CareHomeFunding,
}

/// Who pays for a permanent care-home place, as in England: each resident, at placement, is on
/// NHS continuing healthcare (nursing homes only; the NHS pays the fee), self-funding (paid
/// privately, in neither public budget) or council-supported (the council pays the fee less the
/// resident's contribution); the NHS pays funded nursing care for nursing-home residents not on
/// continuing healthcare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareHomeFunding {
    /// Share of nursing-home residents on NHS continuing healthcare.
    pub continuing_healthcare_share: Uncertain,
    /// Share of the other residents who pay for themselves.
    pub self_funder_share: Uncertain,
    /// How much more than the council's weekly rate a self-funder pays (0.41: 41% more).
    pub self_funder_fee_premium: Uncertain,
    /// Share of the council's weekly rate a council-supported resident pays from their income.
    pub client_contribution_share: Uncertain,
    /// NHS-funded nursing care, a week.
    pub nursing_care_week: Cost,
}
