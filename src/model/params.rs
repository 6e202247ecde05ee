//! The parameters the model reads: plain numbers, one replication's realisation of a
//! scenario's [`super::inputs::Inputs`] (every uncertain value drawn). The structure and the
//! names follow the scenario file; see [`super::inputs`] for what each means. The model only
//! ever receives `Params` realised from inputs that [`crate::scenario`] has validated.
//!
//! Arrays indexed by age band have three entries (65-74, 75-84, 85+); by frailty, four
//! (electronic Frailty Index fit, mild, moderate, severe); by long-term conditions, five (0, 1,
//! 2, 3, 4 or more); by discharge pathway, four (P0 home, P1 home with support, P2 short-term
//! bed, P3 permanent care home).

use serde::{Deserialize, Serialize};

pub use super::clocks::Season;

pub const AGE_BANDS: usize = 3;
pub const FRAILTY_LEVELS: usize = 4;
pub const LTC_LEVELS: usize = 5;
pub const PATHWAYS: usize = 4;

pub const AGE_BAND_NAMES: [&str; AGE_BANDS] = ["65-74", "75-84", "85+"];
pub const FRAILTY_NAMES: [&str; FRAILTY_LEVELS] = ["fit", "mild", "moderate", "severe"];

pub type ByAgeBand = [f64; AGE_BANDS];
pub type ByFrailty = [f64; FRAILTY_LEVELS];
pub type ByLtc = [f64; LTC_LEVELS];
pub type ByPathway = [f64; PATHWAYS];

#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub name: String,
    pub description: String,
    pub simulation: Simulation,
    pub area: Area,
    pub population: Population,
    pub progression: Progression,
    pub hazards: Hazards,
    pub after_discharge: AfterDischarge,
    /// The yearly cycle of the crisis rate ([`Season::NONE`] if the scenario has none).
    pub seasonality: Season,
    pub care_home: CareHome,
    pub ae: Ae,
    pub acute: Acute,
    pub discharge: Discharge,
    pub home_support: HomeSupport,
    pub d2a: D2a,
    pub costs: Costs,
    /// Case-finding teams (PICTs, MDGs, extensivists, social workers, local area coordinators).
    pub teams: Vec<Team>,
    pub d2a_scheme: Option<D2aScheme>,
    pub crisis_response: Option<CrisisResponse>,
    pub gp_in_ae: Option<GpInAe>,
}

/// Run length and defaults for replications (the command line can override them).
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub years: u32,
    pub warmup_years: u32,
    pub replications: u32,
    pub seed: u64,
    /// Spacing of the occupancy time series, in days.
    pub timeseries_interval_days: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub registered_population: u32,
    pub share_aged_65_plus: f64,
    pub practices: u32,
    pub practices_per_cluster: u32,
    /// People turning 65 each year, as a share of the starting 65+ population.
    pub new_65_year_olds_per_year_share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub age_band_shares: ByAgeBand,
    /// Oldest age drawn in the 85+ band (ages are uniform within a band).
    pub oldest_age: u32,
    pub female_share: f64,
    pub frailty_shares: FrailtyShares,
    pub ltc_shares: LtcShares,
    pub living_alone_share: ByAgeBand,
    /// Share of each age band living in a care home at the start.
    pub in_care_home_share: ByAgeBand,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrailtyShares {
    /// People turning 65 (the yearly entrants).
    pub at_65: ByFrailty,
    pub age_65_74: ByFrailty,
    pub age_75_84: ByFrailty,
    pub age_85_plus: ByFrailty,
}

impl FrailtyShares {
    pub fn by_band(&self) -> [ByFrailty; AGE_BANDS] {
        [self.age_65_74, self.age_75_84, self.age_85_plus]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LtcShares {
    pub age_65_74: ByLtc,
    pub age_75_84: ByLtc,
    pub age_85_plus: ByLtc,
}

impl LtcShares {
    pub fn by_band(&self) -> [ByLtc; AGE_BANDS] {
        [self.age_65_74, self.age_75_84, self.age_85_plus]
    }
}

/// Yearly rates of frailty transitions and new conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Progression {
    pub fit_to_mild_per_year: ByAgeBand,
    pub mild_to_moderate_per_year: ByAgeBand,
    pub moderate_to_severe_per_year: ByAgeBand,
    pub mild_to_fit_per_year: ByAgeBand,
    pub new_ltc_per_year: f64,
}

/// Competing risks for people living in their own homes.
#[derive(Debug, Clone, PartialEq)]
pub struct Hazards {
    pub crisis: Hazard,
    pub death: Hazard,
    pub care_home_entry: Hazard,
    pub unobserved_frailty_variance: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AfterDischarge {
    pub crisis_first_30_days: f64,
    pub crisis_rest_of_year: f64,
    pub death_first_30_days: f64,
    pub death_rest_of_year: f64,
}

/// A rate that varies by person. The band rate is the average over everyone in that age band
/// at the start; a person's rate is the band rate times their relative rates, divided by the
/// band's average relative rate, so that relative rates redistribute risk within a band
/// without changing the band's total.
#[derive(Debug, Clone, PartialEq)]
pub struct Hazard {
    pub per_1000_per_year: ByAgeBand,
    pub relative_by_frailty: ByFrailty,
    pub relative_by_ltc: ByLtc,
    pub relative_living_alone: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CareHome {
    pub residential_beds: u32,
    pub nursing_beds: u32,
    /// Share of new permanent residents who need a nursing rather than a residential bed.
    pub nursing_share_by_frailty: ByFrailty,
    pub crisis_per_1000_per_year: f64,
    pub admission_probability: f64,
    pub relative_death: f64,
    /// Waiting longer than this for a local bed, a person is placed in a home out of the area
    /// (none if not given: they wait for a local bed however long it takes).
    pub out_of_area_after_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ae {
    pub admission_probability_by_frailty: ByFrailty,
    pub mean_hours: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Acute {
    pub beds: u32,
    /// Clinical length of stay (to being medically fit), lognormal.
    pub los_mean_days_by_frailty: ByFrailty,
    pub los_coefficient_of_variation: f64,
    pub death_probability_by_frailty: ByFrailty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Discharge {
    pub pathway_shares: PathwayShares,
    /// Days from medically fit to the next place being arranged (exponential), before any
    /// wait for capacity.
    pub arrangement_mean_days: ByPathway,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathwayShares {
    pub fit: ByPathway,
    pub mild: ByPathway,
    pub moderate: ByPathway,
    pub severe: ByPathway,
}

impl PathwayShares {
    pub fn by_frailty(&self) -> [ByPathway; FRAILTY_LEVELS] {
        [self.fit, self.mild, self.moderate, self.severe]
    }
}

/// Home-based intermediate care and reablement slots that pathway 1 needs.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeSupport {
    pub slots: u32,
    pub mean_duration_days: f64,
}

/// Short-term (step-down, discharge to assess) nursing beds that pathway 2 needs.
#[derive(Debug, Clone, PartialEq)]
pub struct D2a {
    pub beds: u32,
    pub mean_stay_days: f64,
    pub max_stay_days: f64,
    /// After waiting this long in an acute bed for a short-term bed, the person is placed in a
    /// permanent care home instead (the decision made in hospital that D2A aims to avoid).
    pub max_wait_days: f64,
    pub outcome_home: f64,
    pub outcome_care_home: f64,
    pub outcome_death: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Payer {
    Nhs,
    Council,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    pub gbp: f64,
    pub payer: Payer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    /// Annual discount rate applied from the end of the warm-up (0.035 is the UK convention).
    pub discount_rate: f64,
    pub ae_attendance: Cost,
    pub acute_bed_day: Cost,
    pub d2a_bed_week: Cost,
    pub residential_week: Cost,
    pub nursing_week: Cost,
    pub home_support_week: Cost,
    pub long_term_care_week: Cost,
    pub care_home_funding: CareHomeFunding,
}

/// See [`crate::model::inputs::CareHomeFunding`].
#[derive(Debug, Clone, PartialEq)]
pub struct CareHomeFunding {
    pub continuing_healthcare_share: f64,
    pub self_funder_share: f64,
    pub self_funder_fee_premium: f64,
    pub client_contribution_share: f64,
    pub nursing_care_week: Cost,
}

/// Where a team works: one team per practice, per cluster, or one for the whole area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Practice,
    Cluster,
    Area,
}

/// A case-finding team: who it finds, how many it can hold, what it changes for them, and
/// what it costs. `coverage` of the practices (or clusters) in the area have one.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// The simulation day (warm-up included) from which it acts: 0 unless the scenario gives a
    /// `start_day`.
    pub starts_at: f64,
    pub name: String,
    pub scope: Scope,
    pub coverage: f64,
    /// Enrolments are episodes, not a long-term relationship: each ends after this many days.
    pub enrolment_days: f64,
    pub finding: Finding,
    pub staff: Vec<Staff>,
    pub effects: Effects,
}

/// How a team finds people: at each review (a meeting), up to `cases_per_review` of the
/// highest-risk eligible people not yet enrolled are discussed and asked to join.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub review_interval_days: f64,
    pub cases_per_review: u32,
    pub consent: f64,
    pub min_age: u32,
    pub min_ltc: u32,
    /// 0 fit, 1 mild, 2 moderate, 3 severe.
    pub min_frailty: u32,
    /// People discharged home from hospital are referred to the team (eligible whatever their
    /// score, and discussed first).
    pub refer_after_admission: bool,
    pub risk_weights: RiskWeights,
}

/// Risk score = sum of weight x (years over 65, LTCs, frailty level, lives alone, admitted in
/// the last year).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskWeights {
    pub age: f64,
    pub ltc: f64,
    pub frailty: f64,
    pub living_alone: f64,
    pub recent_admission: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub role: String,
    /// Whole-time equivalents per team.
    pub fte: f64,
    /// People one FTE can hold on the caseload at once.
    pub caseload_per_fte: f64,
    /// Yearly cost of one FTE and who pays it.
    pub cost_per_fte: Cost,
}

/// Multipliers on the rates and probabilities of enrolled people (1 = no effect).
#[derive(Debug, Clone, PartialEq)]
pub struct Effects {
    pub crisis_rate: f64,
    pub admission_given_ae: f64,
    pub length_of_stay: f64,
    /// On the share of discharges to a permanent care home (P3); the difference goes to P1.
    pub discharge_to_care_home: f64,
    pub care_home_entry: f64,
}

/// A discharge-to-assess scheme: nursing-home beds where people who would have been placed
/// permanently from hospital (P3) recover and are assessed, deciding about permanent care later.
#[derive(Debug, Clone, PartialEq)]
pub struct D2aScheme {
    /// The simulation day (warm-up included) from which it acts: 0 unless the scenario gives a
    /// `start_day`.
    pub starts_at: f64,
    pub beds: u32,
    /// Share of P3 discharges offered the scheme.
    pub pathway3_share: f64,
    /// See [`crate::model::inputs::D2aScheme::pathway2_care_home_share`].
    pub pathway2_care_home_share: f64,
    /// Days from medically fit to moving into a scheme bed (replaces P3's arrangement delay).
    pub arrangement_mean_days: f64,
    pub mean_stay_days: f64,
    pub max_stay_days: f64,
    pub outcome_home: f64,
    pub outcome_care_home: f64,
    pub outcome_death: f64,
    pub bed_week: Cost,
}

/// A community crisis ("step-up", two-hour) response: manages some low-acuity crises at home.
#[derive(Debug, Clone, PartialEq)]
pub struct CrisisResponse {
    /// The simulation day (warm-up included) from which it acts: 0 unless the scenario gives a
    /// `start_day`.
    pub starts_at: f64,
    /// Episodes the teams can run at once.
    pub capacity: u32,
    /// The least acute share of crises, which it can manage at home: a crisis of someone at
    /// home is eligible when its acuity ranks in this lowest share of all crises.
    pub eligible_share: f64,
    /// Of eligible crises, the share referred to the response instead of going to A&E (taken
    /// while it has room).
    pub referred_share: f64,
    /// Of the crises it manages, the share that come back to A&E within days.
    pub returns_share: f64,
    /// Mean days until a crisis that comes back does (exponentially distributed).
    pub return_mean_days: f64,
    pub episode_days: f64,
    pub episode_cost: Cost,
    /// Fixed yearly cost of the teams.
    pub yearly_cost: Cost,
}

/// A GP (with a social worker) at the A&E front door, sending home some who would be admitted.
#[derive(Debug, Clone, PartialEq)]
pub struct GpInAe {
    /// The simulation day (warm-up included) from which it acts: 0 unless the scenario gives a
    /// `start_day`.
    pub starts_at: f64,
    /// Share of attendances that arrive while the GP is there.
    pub hours_covered_share: f64,
    /// The admissions the GP can divert: those whose clinical stay would be at most this many
    /// days (short, low-acuity admissions), never of care-home residents or of people waiting
    /// for a care-home place.
    pub max_stay_days: f64,
    /// Of the eligible admissions seen by the GP, the share sent home instead.
    pub diverted_share: f64,
    /// Of those sent home, the share that come back to A&E within days and are admitted.
    pub returns_share: f64,
    /// Mean days until someone who comes back does (exponentially distributed).
    pub return_mean_days: f64,
    pub yearly_cost: Cost,
}
