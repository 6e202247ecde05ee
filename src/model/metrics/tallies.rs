//! Per-replication accumulators: during a run the model adds to [`Tally`] totals, counting only
//! what happens after the warm-up, and the bed pools and interventions report end-of-run
//! [`Figures`]. At the end [`Tallies::metrics`] turns both into the published metric values,
//! each computed by its row of the metric table.

use super::Metric;
use crate::model::params::Payer;

/// Raw totals over the measured window (after warm-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    AeAttendances,
    EmergencyAdmissions,
    AcuteBedDays,
    DelayedDischargeDays,
    TrolleyHours,
    D2aAdmissions,
    D2aBedDays,
    CareHomeAdmissions,
    CareHomeAdmissionsFromHospital,
    CareHomeBedDays,
    HomeSupportStarts,
    CrisisResponses,
    /// Crises managed at home that came back to A&E.
    CrisisResponseReturns,
    Deaths,
    DeathsInHospital,
    DaysAtHome,
    DischargesP0,
    DischargesP1,
    DischargesP2,
    DischargesP3,
    /// Discharges to a discharge-to-assess scheme bed (counted within P2 too).
    DischargesD2aScheme,
    CostNhs,
    CostCouncil,
    /// Paid by care-home residents themselves: self-funders' fees and contributions.
    CostSelfFunders,
    InterventionCost,
    InterventionCostNhs,
    InterventionCostCouncil,
    /// Person-days alive (aged 65+, anywhere), for the average population.
    PersonDays,
    /// Acute stays that ended in the window, and their total length (for Little's law).
    AcuteStaysEnded,
    AcuteStayDaysEnded,
    /// Acute bed entries in the window.
    AcuteBedEntries,
    D2aStaysEnded,
    D2aStayDaysEnded,
    D2aSchemeAdmissions,
    GpDiversions,
    /// People the GP in A&E sent home who came back, and the clinical stay days the diverted
    /// would have had if admitted.
    GpDiversionReturns,
    GpDivertedStayDays,
    TeamEnrolments,
    /// Person-days enrolled with case-finding teams.
    TeamEnrolledDays,
    /// Deaths of people waiting: on a trolley, delayed in a bed, or in a line from home.
    DeathsWhileWaiting,
    /// Acute stays that ended alive, and emergency admissions within 30 days of one.
    DischargesAlive,
    Readmissions30d,
    /// Emergency admissions with none in the 365 days before, and deaths within a year of one.
    IndexAdmissions,
    DeathsWithinYearOfAdmission,
    /// Person-days lived with any frailty (mild or worse).
    FrailPersonDays,
    /// Deaths of care-home residents within a year of their admission.
    CareHomeDeathsFirstYear,
    /// People placed in a care home out of the area after waiting too long for a local bed.
    OutOfAreaPlacements,
    /// People who waited too long for a short-term bed (usual or a scheme's).
    ShortTermBedTimeouts,
    /// Long-term home-care packages started, and their cost (discounted, every payer).
    LongTermCareStarts,
    CostLongTermCare,
    /// D2A scheme stays that ended, their total length, and deaths within a year of a scheme
    /// admission (the usual short-term beds' are `D2aStaysEnded`, `D2aStayDaysEnded`).
    D2aSchemeStaysEnded,
    D2aSchemeStayDaysEnded,
    D2aSchemeDeathsWithinYear,
}

const TALLY_COUNT: usize = Tally::D2aSchemeDeathsWithinYear as usize + 1;

/// End-of-run figures taken from the bed pools rather than from the tallies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub acute_occupancy_mean: f64,
    pub d2a_occupancy_mean: f64,
    pub d2a_scheme_occupancy_mean: f64,
    pub care_home_occupancy_mean: f64,
    /// People all case-finding teams together can hold at once.
    pub team_places: f64,
    pub events: u64,
}

#[derive(Debug, Clone)]
pub struct Tallies {
    totals: [f64; TALLY_COUNT],
}

impl Default for Tallies {
    fn default() -> Self {
        Self { totals: [0.0; TALLY_COUNT] }
    }
}

impl Tallies {
    pub fn add(&mut self, tally: Tally, amount: f64) {
        self.totals[tally as usize] += amount;
    }

    pub fn count(&mut self, tally: Tally) {
        self.add(tally, 1.0);
    }

    pub fn get(&self, tally: Tally) -> f64 {
        self.totals[tally as usize]
    }

    /// Add every tally of `other` to this one's.
    pub fn add_all(&mut self, other: &Tallies) {
        for (total, more) in self.totals.iter_mut().zip(&other.totals) {
            *total += more;
        }
    }

    /// Charge `gbp` to `payer`; intervention costs are also counted in `intervention_cost`.
    pub fn add_intervention_cost(&mut self, payer: Payer, gbp: f64) {
        self.add_cost(payer, gbp);
        self.add(Tally::InterventionCost, gbp);
        match payer {
            Payer::Nhs => self.add(Tally::InterventionCostNhs, gbp),
            Payer::Council => self.add(Tally::InterventionCostCouncil, gbp),
        }
    }

    pub fn add_cost(&mut self, payer: Payer, gbp: f64) {
        match payer {
            Payer::Nhs => self.add(Tally::CostNhs, gbp),
            Payer::Council => self.add(Tally::CostCouncil, gbp),
        }
    }

    /// Every metric's value, in [`Metric::ALL`] order, for a window of `years`.
    pub fn metrics(&self, years: f64, figures: Figures) -> Vec<f64> {
        Metric::ALL.iter().map(|m| m.value(self, years, &figures)).collect()
    }
}
