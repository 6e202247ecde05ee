//! The published metrics, defined once. [`Metric`] names every metric in output order (the
//! columns of `replications.csv`, the keys of `summary.json`), and its row of the table in
//! `table.rs` says how the value comes from a replication's tallies, how people read it, its
//! unit and which way is better; nothing else lists metrics. The accumulators the model adds
//! to during a run are in `tallies.rs`.

mod table;
mod tallies;

pub use table::Metric;
pub use tallies::{Figures, Tallies, Tally};

use crate::model::DAYS_PER_YEAR;

/// What a metric counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// People: alive, enrolled, or places for them.
    People,
    /// Things that happen: attendances, admissions, discharges, deaths, events.
    Count,
    Days,
    Hours,
    /// Pounds, discounted at the scenario's rate.
    Pounds,
    /// Per 1,000 people aged 65+ (the average population over the window).
    PerThousand,
    /// Beds occupied on average.
    Beds,
    /// A share between 0 and 1.
    Share,
}

impl Unit {
    /// The unit as a name for files (`units.csv`): "days", "gbp", "per_1000_aged_65_plus".
    pub fn key(self) -> &'static str {
        match self {
            Unit::People => "people",
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Pounds => "gbp",
            Unit::PerThousand => "per_1000_aged_65_plus",
            Unit::Beds => "beds",
            Unit::Share => "share",
        }
    }

    /// The unit for people: "days", "£", "per 1,000 aged 65+".
    pub fn text(self) -> &'static str {
        match self {
            Unit::People => "people",
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Pounds => "£",
            Unit::PerThousand => "per 1,000 aged 65+",
            Unit::Beds => "beds",
            Unit::Share => "share",
        }
    }
}

/// Which way a change in a metric is an improvement for the people or the services.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
    /// Neither: activity, capacity, or a model diagnostic.
    Neither,
}

/// How a metric's value comes from the tallies and figures of one replication.
#[derive(Clone, Copy)]
enum Rule {
    /// The tally over the window, divided by its years.
    PerYear(Tally),
    /// The tally over the whole window.
    Total(Tally),
    /// NHS plus council cost (interventions included) a year.
    AllCostsPerYear,
    /// NHS plus council cost over the whole window.
    AllCosts,
    /// People aged 65+ alive on average: person-days over days.
    AveragePopulation,
    /// The tally a year per 1,000 people of the average population.
    Per1000(Tally),
    /// The tally over the window, divided by its days.
    PerDay(Tally),
    /// A mean: the first tally over the second (0 when the second is 0).
    MeanOf(Tally, Tally),
    /// One of the end-of-run figures.
    Figure(fn(&Figures) -> f64),
    /// The tally a day as a share of the places (0 when there are none).
    ShareOfPlaces(Tally),
}

/// One row of the metric table.
#[derive(Clone, Copy)]
struct Def {
    name: &'static str,
    rule: Rule,
    unit: Unit,
    better: Better,
    label: &'static str,
    short: &'static str,
    terminal: Option<&'static str>,
}

/// A row with its name (the CSV column and JSON key), how its value is computed, its unit,
/// which way is better, and its label: lower case, as in a sentence.
const fn def(name: &'static str, rule: Rule, unit: Unit, better: Better, label: &'static str) -> Def {
    Def { name, rule, unit, better, label, short: label, terminal: None }
}

impl Def {
    /// A shorter label for table columns, chart axes and changes.
    const fn short(self, short: &'static str) -> Def {
        Def { short, ..self }
    }

    /// The terminal's wording, for both labels, where it differs from the report's.
    const fn terminal(self, terminal: &'static str) -> Def {
        Def { terminal: Some(terminal), ..self }
    }
}

impl Metric {
    fn def(self) -> &'static Def {
        &table::TABLE[self as usize]
    }

    /// The CSV column and JSON key: `acute_bed_days`.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The position of the metric in output order (and in a replication's values).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The metric named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// How people read it, lower case as in a sentence: "permanent care-home admissions a year".
    pub fn label(self) -> &'static str {
        self.def().label
    }

    /// A shorter label for table columns, chart axes and changes: "care-home admissions a year".
    pub fn short_label(self) -> &'static str {
        self.def().short
    }

    /// [`Metric::label`] as the terminal words it (lower case; the terminal capitalises it).
    pub fn terminal_label(self) -> &'static str {
        self.def().terminal.unwrap_or(self.def().label)
    }

    /// [`Metric::short_label`] as the terminal words it.
    pub fn terminal_short_label(self) -> &'static str {
        self.def().terminal.unwrap_or(self.def().short)
    }

    pub fn unit(self) -> Unit {
        self.def().unit
    }

    /// Whether it can be given for a place (a cluster, a practice): it comes from what happens
    /// to people, not from a whole service's beds or places.
    pub fn by_place(self) -> bool {
        !matches!(self.def().rule, Rule::Figure(_) | Rule::ShareOfPlaces(_))
    }

    pub fn better(self) -> Better {
        self.def().better
    }

    /// The metric's value from one replication's tallies and figures, for a window of `years`.
    fn value(self, t: &Tallies, years: f64, figures: &Figures) -> f64 {
        let days = years * DAYS_PER_YEAR;
        let all_costs = || t.get(Tally::CostNhs) + t.get(Tally::CostCouncil);
        match self.def().rule {
            Rule::PerYear(tally) => t.get(tally) / years,
            Rule::Total(tally) => t.get(tally),
            // Intervention costs are already inside each payer's cost.
            Rule::AllCostsPerYear => all_costs() / years,
            Rule::AllCosts => all_costs(),
            Rule::AveragePopulation => t.get(Tally::PersonDays) / days,
            Rule::Per1000(tally) => ratio(t.get(tally) / years * 1000.0, t.get(Tally::PersonDays) / days),
            Rule::PerDay(tally) => t.get(tally) / days,
            Rule::MeanOf(sum, n) => ratio(t.get(sum), t.get(n)),
            Rule::Figure(figure) => figure(figures),
            Rule::ShareOfPlaces(tally) => ratio(t.get(tally) / days, figures.team_places),
        }
    }
}

/// Every metric name in output order.
pub fn metric_names() -> Vec<String> {
    Metric::ALL.iter().map(|m| m.name().to_string()).collect()
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
    fn every_metric_is_found_by_its_own_name_and_has_a_label() {
        for (i, m) in Metric::ALL.iter().enumerate() {
            assert_eq!(m.index(), i);
            assert_eq!(Metric::from_name(m.name()), Some(*m), "{} is named twice", m.name());
            assert!(!m.label().is_empty() && !m.short_label().is_empty(), "{} has no label", m.name());
        }
        assert_eq!(Metric::from_name("no_such_metric"), None);
    }

    #[test]
    fn each_total_has_the_unit_and_direction_of_its_yearly_metric() {
        let mut totals = 0;
        for m in Metric::ALL {
            if let Some(yearly) = m.name().strip_suffix("_total").and_then(Metric::from_name) {
                assert_eq!((m.unit(), m.better()), (yearly.unit(), yearly.better()), "{}", m.name());
                totals += 1;
            }
        }
        assert_eq!(totals, 38);
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

    #[test]
    fn costs_add_up_by_payer_and_diagnostics_come_from_the_figures() {
        let mut t = Tallies::default();
        t.add_cost(crate::model::params::Payer::Nhs, 300.0);
        t.add_intervention_cost(crate::model::params::Payer::Council, 100.0);
        t.add(Tally::TeamEnrolledDays, 2.0 * 365.0 * 30.0);
        let figures = Figures { team_places: 40.0, events: 7, ..Figures::default() };
        let values = t.metrics(2.0, figures);
        let get = |m: Metric| values[m.index()];
        assert_eq!(get(Metric::CostTotal), 200.0);
        assert_eq!(get(Metric::CostTotalTotal), 400.0);
        assert_eq!(get(Metric::InterventionCostCouncil), 50.0);
        assert_eq!(get(Metric::TeamEnrolledMean), 30.0);
        assert_eq!(get(Metric::TeamUtilisation), 0.75);
        assert_eq!(get(Metric::Events), 7.0);
    }
}
