//! Per-replication accumulators and the metric names, defined once.
//!
//! During a run the model adds to [`Tally`] totals, counting only what happens after the
//! warm-up. At the end [`Tallies::metrics`] turns them into the published metrics: per
//! simulated year, `_total` over the horizon, and rates per 1,000 people aged 65+.

use super::params::Payer;

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
    Deaths,
    DeathsInHospital,
    DaysAtHome,
    DischargesP0,
    DischargesP1,
    DischargesP2,
    DischargesP3,
    CostNhs,
    CostCouncil,
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
    TeamEnrolments,
    /// Person-days enrolled with case-finding teams.
    TeamEnrolledDays,
}

const TALLY_COUNT: usize = Tally::TeamEnrolledDays as usize + 1;

/// Counts and sums that have a per-year value, a `_total`, and (some) a rate per 1,000.
const YEARLY: &[(&str, Tally, Option<&str>)] = &[
    ("ae_attendances", Tally::AeAttendances, Some("ae_attendances_per_1000")),
    ("emergency_admissions", Tally::EmergencyAdmissions, Some("emergency_admissions_per_1000")),
    ("acute_bed_days", Tally::AcuteBedDays, Some("emergency_bed_days_per_1000")),
    ("delayed_discharge_days", Tally::DelayedDischargeDays, Some("delayed_discharge_days_per_1000")),
    ("trolley_hours", Tally::TrolleyHours, None),
    ("d2a_admissions", Tally::D2aAdmissions, None),
    ("d2a_bed_days", Tally::D2aBedDays, None),
    ("care_home_admissions", Tally::CareHomeAdmissions, Some("care_home_admissions_per_1000")),
    ("care_home_admissions_from_hospital", Tally::CareHomeAdmissionsFromHospital, None),
    ("care_home_bed_days", Tally::CareHomeBedDays, None),
    ("home_support_starts", Tally::HomeSupportStarts, None),
    ("crisis_responses", Tally::CrisisResponses, None),
    ("gp_diversions", Tally::GpDiversions, None),
    ("d2a_scheme_admissions", Tally::D2aSchemeAdmissions, None),
    ("team_enrolments", Tally::TeamEnrolments, None),
    ("deaths", Tally::Deaths, Some("deaths_per_1000")),
    ("deaths_in_hospital", Tally::DeathsInHospital, None),
    ("days_at_home", Tally::DaysAtHome, None),
    ("discharges_p0", Tally::DischargesP0, None),
    ("discharges_p1", Tally::DischargesP1, None),
    ("discharges_p2", Tally::DischargesP2, None),
    ("discharges_p3", Tally::DischargesP3, None),
    ("cost_nhs", Tally::CostNhs, None),
    ("cost_council", Tally::CostCouncil, None),
    ("intervention_cost", Tally::InterventionCost, None),
    ("intervention_cost_nhs", Tally::InterventionCostNhs, None),
    ("intervention_cost_council", Tally::InterventionCostCouncil, None),
];

/// Occupancy and stay diagnostics reported beside the yearly metrics.
pub const DIAGNOSTICS: &[&str] = &[
    "acute_occupancy_mean",
    "acute_bed_entries_per_day",
    "acute_mean_stay_days",
    "d2a_occupancy_mean",
    "d2a_mean_stay_days",
    "care_home_occupancy_mean",
    "team_places",
    "team_enrolled_mean",
    "team_utilisation",
    "events",
];

/// Every metric name in output order.
pub fn metric_names() -> Vec<String> {
    let mut names = Vec::new();
    for (name, _, _) in YEARLY {
        names.push(name.to_string());
    }
    names.push("cost_total".into());
    for (name, _, _) in YEARLY {
        names.push(format!("{name}_total"));
    }
    names.push("cost_total_total".into());
    names.push("population".into());
    for (_, _, rate) in YEARLY {
        if let Some(rate) = rate {
            names.push(rate.to_string());
        }
    }
    names.extend(DIAGNOSTICS.iter().map(|s| s.to_string()));
    names
}

/// End-of-run figures taken from the bed pools rather than from the tallies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub acute_occupancy_mean: f64,
    pub d2a_occupancy_mean: f64,
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

    /// The metric values in the order of [`metric_names`], for a window of `years`.
    pub fn metrics(&self, years: f64, pools: Figures) -> Vec<f64> {
        let days = years * 365.0;
        // Intervention costs are already inside each payer's cost.
        let cost_total = self.get(Tally::CostNhs) + self.get(Tally::CostCouncil);
        let population = self.get(Tally::PersonDays) / days;
        let mut out = Vec::new();
        for (_, tally, _) in YEARLY {
            out.push(self.get(*tally) / years);
        }
        out.push(cost_total / years);
        for (_, tally, _) in YEARLY {
            out.push(self.get(*tally));
        }
        out.push(cost_total);
        out.push(population);
        for (_, tally, rate) in YEARLY {
            if rate.is_some() {
                out.push(per_1000(self.get(*tally) / years, population));
            }
        }
        let mean = |sum: Tally, n: Tally| ratio(self.get(sum), self.get(n));
        out.push(pools.acute_occupancy_mean);
        out.push(self.get(Tally::AcuteBedEntries) / days);
        out.push(mean(Tally::AcuteStayDaysEnded, Tally::AcuteStaysEnded));
        out.push(pools.d2a_occupancy_mean);
        out.push(mean(Tally::D2aStayDaysEnded, Tally::D2aStaysEnded));
        out.push(pools.care_home_occupancy_mean);
        let enrolled_mean = self.get(Tally::TeamEnrolledDays) / days;
        out.push(pools.team_places);
        out.push(enrolled_mean);
        out.push(ratio(enrolled_mean, pools.team_places));
        out.push(pools.events as f64);
        out
    }
}

fn per_1000(per_year: f64, population: f64) -> f64 {
    ratio(per_year * 1000.0, population)
}

/// A ratio that is 0 rather than NaN when nothing was observed, so files never hold NaN.
fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values_line_up() {
        let values = Tallies::default().metrics(5.0, Figures::default());
        assert_eq!(values.len(), metric_names().len());
    }

    #[test]
    fn rates_are_per_1000_of_the_average_population() {
        let mut t = Tallies::default();
        t.add(Tally::PersonDays, 2.0 * 365.0 * 40_000.0);
        t.add(Tally::EmergencyAdmissions, 2.0 * 9_000.0);
        let names = metric_names();
        let values = t.metrics(2.0, Figures::default());
        let get = |n: &str| values[names.iter().position(|m| m == n).unwrap()];
        assert_eq!(get("population"), 40_000.0);
        assert_eq!(get("emergency_admissions"), 9_000.0);
        assert_eq!(get("emergency_admissions_total"), 18_000.0);
        assert_eq!(get("emergency_admissions_per_1000"), 225.0);
    }
}
