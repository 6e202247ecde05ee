//! The headline figures, listed once for the terminal summaries (`caresim run`, `caresim
//! compare`) and the report (its key tables, sentences and change charts). Each list says
//! where each figure is shown; how a figure is worded, its unit and which way is better come
//! from the metric table.

use super::schema::Metric;

/// A headline figure and where it is shown.
#[derive(Debug, Clone, Copy)]
pub struct Headline {
    pub metric: Metric,
    /// Printed in the terminal.
    pub terminal: bool,
    /// Shown in the report.
    pub report: bool,
    /// Added in brackets after the label in the terminal.
    pub terminal_note: Option<&'static str>,
}

const fn both(metric: Metric) -> Headline {
    Headline { metric, terminal: true, report: true, terminal_note: None }
}

const fn terminal_only(metric: Metric) -> Headline {
    Headline { report: false, ..both(metric) }
}

impl Headline {
    const fn noted(self, note: &'static str) -> Headline {
        Headline { terminal_note: Some(note), ..self }
    }
}

/// One scenario's key figures, in the order shown, each with its 95% interval. `caresim run`
/// prints them all; the report's key-figures table leaves out the hours waiting in A&E and
/// the total cost (its opening sentence gives the total cost).
pub const SCENARIO: [Headline; 11] = [
    both(Metric::Population),
    both(Metric::AeAttendancesPer1000),
    both(Metric::EmergencyAdmissionsPer1000),
    both(Metric::EmergencyBedDaysPer1000),
    both(Metric::DelayedDischargeDays),
    terminal_only(Metric::TrolleyHours),
    both(Metric::CareHomeAdmissions),
    both(Metric::Deaths),
    both(Metric::CostNhs),
    both(Metric::CostCouncil),
    terminal_only(Metric::CostTotal),
];

/// A comparison's key changes a year, scenario minus baseline, in the order shown. `caresim
/// compare` prints them all for each scenario; the report's table of changes and its change
/// charts leave out emergency admissions.
pub const CHANGES: [Headline; 5] = [
    both(Metric::AcuteBedDays),
    both(Metric::DelayedDischargeDays),
    terminal_only(Metric::EmergencyAdmissions),
    both(Metric::CareHomeAdmissions),
    both(Metric::CostTotal).noted("including the intervention"),
];

/// The figures the report draws year by year: a run's values, a comparison's paired changes.
pub const BY_YEAR: [Metric; 4] =
    [Metric::AcuteBedDays, Metric::TrolleyHours, Metric::CareHomeAdmissions, Metric::CostTotal];

/// What the interventions did, printed by `caresim compare` for each scenario where it
/// happened at all.
pub const ACTIVITY: [Metric; 8] = [
    Metric::CrisisResponses,
    Metric::CrisisResponseReturns,
    Metric::GpDiversions,
    Metric::GpDiversionReturns,
    Metric::GpDivertedMeanStayDays,
    Metric::D2aSchemeAdmissions,
    Metric::LongTermCareStarts,
    Metric::CostLongTermCare,
];

/// A saving per case an intervention took, printed by `caresim compare` after the activity
/// that counts the cases: the paired saving in `saved` (baseline minus scenario) over `cases`.
#[derive(Debug, Clone, Copy)]
pub struct PerCaseFigure {
    pub cases: Metric,
    pub saved: Metric,
    pub label: &'static str,
}

/// The savings per case, to set against local audit figures.
pub const PER_CASE: [PerCaseFigure; 2] = [
    PerCaseFigure {
        cases: Metric::CrisisResponses,
        saved: Metric::AcuteBedDays,
        label: "bed days saved per crisis managed",
    },
    PerCaseFigure {
        cases: Metric::GpDiversions,
        saved: Metric::AcuteBedDays,
        label: "bed days saved per diversion",
    },
];

/// The figures of `list` printed in the terminal.
pub fn in_terminal(list: &[Headline]) -> impl Iterator<Item = &Headline> {
    list.iter().filter(|h| h.terminal)
}

/// The metrics of `list` shown in the report.
pub fn in_report(list: &[Headline]) -> impl Iterator<Item = Metric> + '_ {
    list.iter().filter(|h| h.report).map(|h| h.metric)
}

/// A label without its "a year", for lists whose heading already says the figures are a year's.
pub fn without_period(label: &str) -> &str {
    label.strip_suffix(", a year").or_else(|| label.strip_suffix(" a year")).unwrap_or(label)
}

/// Text with its first letter in upper case, as at the start of a sentence or a title.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
