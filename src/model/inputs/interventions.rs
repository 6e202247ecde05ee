//! The interventions' sections of a scenario file, as written: case-finding teams, a
//! discharge-to-assess scheme, a community crisis response and a GP in A&E.

use serde::{Deserialize, Serialize};

use super::{Cost, Scope, Uncertain};

/// A case-finding team: who it finds, how many it can hold, what it changes for them, and
/// what it costs. `coverage` of the practices (or clusters) in the area have one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The day it starts acting, counted from the end of the warm-up (0 is the first measured
    /// day). Without it, it acts from the start of the simulation, warm-up included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<u32>,
    pub name: String,
    pub scope: Scope,
    pub coverage: Uncertain,
    /// Enrolments are episodes, not a long-term relationship: each ends after this many days.
    pub enrolment_days: Uncertain,
    pub finding: Finding,
    pub staff: Vec<Staff>,
    pub effects: Effects,
}

/// How a team finds people: at each review (a meeting), up to `cases_per_review` of the
/// highest-risk eligible people not yet enrolled are discussed and asked to join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub review_interval_days: Uncertain,
    pub cases_per_review: u32,
    pub consent: Uncertain,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskWeights {
    pub age: Uncertain,
    pub ltc: Uncertain,
    pub frailty: Uncertain,
    pub living_alone: Uncertain,
    pub recent_admission: Uncertain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub role: String,
    /// Whole-time equivalents per team.
    pub fte: Uncertain,
    /// People one FTE can hold on the caseload at once.
    pub caseload_per_fte: Uncertain,
    /// Yearly cost of one FTE and who pays it.
    pub cost_per_fte: Cost,
}

/// Multipliers on the rates and probabilities of enrolled people (1 = no effect).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effects {
    pub crisis_rate: Uncertain,
    pub admission_given_ae: Uncertain,
    pub length_of_stay: Uncertain,
    /// On the share of discharges to a permanent care home (P3); the difference goes to P1.
    pub discharge_to_care_home: Uncertain,
    pub care_home_entry: Uncertain,
    /// Whether the drawn effects share one "does the team work" factor: 0 (or absent) draws
    /// them independently, 1 moves them together; in between, any two correlate by about this
    /// much on the normal scale (each keeps its own distribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation: Option<f64>,
}

impl Effects {
    /// Each multiplier with its key under `effects`, in file order.
    pub fn named(&self) -> [(&'static str, &Uncertain); 5] {
        [
            ("crisis_rate", &self.crisis_rate),
            ("admission_given_ae", &self.admission_given_ae),
            ("length_of_stay", &self.length_of_stay),
            ("discharge_to_care_home", &self.discharge_to_care_home),
            ("care_home_entry", &self.care_home_entry),
        ]
    }

    /// The same, to change (as validation bounds unbounded distributions).
    pub fn named_mut(&mut self) -> [(&'static str, &mut Uncertain); 5] {
        [
            ("crisis_rate", &mut self.crisis_rate),
            ("admission_given_ae", &mut self.admission_given_ae),
            ("length_of_stay", &mut self.length_of_stay),
            ("discharge_to_care_home", &mut self.discharge_to_care_home),
            ("care_home_entry", &mut self.care_home_entry),
        ]
    }
}

/// A discharge-to-assess scheme: nursing-home beds where people who would have been placed
/// permanently from hospital (P3) recover and are assessed, deciding about permanent care later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct D2aScheme {
    /// The day it starts acting, counted from the end of the warm-up (0 is the first measured
    /// day). Without it, it acts from the start of the simulation, warm-up included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<u32>,
    pub beds: u32,
    /// Share of P3 discharges offered the scheme.
    pub pathway3_share: Uncertain,
    /// Share offered the scheme of the P2 discharges whose assessment in a usual short-term bed
    /// would lead to a care home (people who would otherwise be assessed for permanent care).
    pub pathway2_care_home_share: Uncertain,
    /// Days from medically fit to moving into a scheme bed (replaces P3's arrangement delay).
    pub arrangement_mean_days: Uncertain,
    pub mean_stay_days: Uncertain,
    pub max_stay_days: Uncertain,
    pub outcome_home: Uncertain,
    pub outcome_care_home: Uncertain,
    pub outcome_death: Uncertain,
    pub bed_week: Cost,
}

/// A community crisis ("step-up", two-hour) response: manages some low-acuity crises at home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResponse {
    /// The day it starts acting, counted from the end of the warm-up (0 is the first measured
    /// day). Without it, it acts from the start of the simulation, warm-up included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<u32>,
    /// Episodes the teams can run at once.
    pub capacity: u32,
    /// The least acute share of crises, which it can manage at home: a crisis of someone at
    /// home is eligible when its acuity ranks in this lowest share of all crises.
    pub eligible_share: Uncertain,
    /// Of eligible crises, the share referred to the response instead of going to A&E (taken
    /// while it has room).
    pub referred_share: Uncertain,
    /// Of the crises it manages, the share that come back to A&E within days.
    pub returns_share: Uncertain,
    /// Mean days until a crisis that comes back does (exponentially distributed).
    pub return_mean_days: Uncertain,
    pub episode_days: Uncertain,
    pub episode_cost: Cost,
    /// Fixed yearly cost of the teams.
    pub yearly_cost: Cost,
}

/// A GP (with a social worker) at the A&E front door, sending home some who would be admitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpInAe {
    /// The day it starts acting, counted from the end of the warm-up (0 is the first measured
    /// day). Without it, it acts from the start of the simulation, warm-up included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<u32>,
    /// Share of attendances that arrive while the GP is there.
    pub hours_covered_share: Uncertain,
    /// The admissions the GP can divert: those whose clinical stay would be at most this many
    /// days (short, low-acuity admissions), never of care-home residents or of people waiting
    /// for a care-home place.
    pub max_stay_days: Uncertain,
    /// Of the eligible admissions seen by the GP, the share sent home instead.
    pub diverted_share: Uncertain,
    /// Of those sent home, the share that come back to A&E within days and are admitted.
    pub returns_share: Uncertain,
    /// Mean days until someone who comes back does (exponentially distributed).
    pub return_mean_days: Uncertain,
    pub yearly_cost: Cost,
}
