//! How the terminal words a metric (its label from the metric table, starting with a capital)
//! and a parameter (its plain words, then its key).

use crate::results::headline::{Headline, without_period};
use crate::results::parameters;
use crate::results::schema::Metric;

/// `text` with its first letter in upper case.
pub use crate::results::headline::capitalised;

/// A figure's label: "Permanent care-home admissions a year".
pub fn heading(metric: Metric) -> String {
    capitalised(metric.terminal_label())
}

/// A change's label, under a heading that says changes are a year's: "Care-home admissions",
/// with the headline's note if it has one.
pub fn change_heading(headline: &Headline) -> String {
    let label = capitalised(without_period(headline.metric.terminal_short_label()));
    match headline.terminal_note {
        Some(note) => format!("{label} ({note})"),
        None => label,
    }
}

/// An intervention effect that is a fixed assumption, in plain words with the key to edit:
/// "Team 1: effect on the crisis rate (multiplier) = 0.9 [teams[0].effects.crisis_rate]", and a
/// multiplier of exactly 1 said for what it is.
pub fn fixed_effect(key: &str, value: f64) -> String {
    let label = parameters::label(key);
    if key.contains(".effects.") && value == 1.0 {
        format!("{label} = 1, assumed to have no effect [{key}]")
    } else {
        format!("{label} = {value} [{key}]")
    }
}

/// A parameter in plain words with its key: "D2A scheme: share going home
/// [d2a_scheme.outcome_home]".
pub fn parameter(key: &str) -> String {
    format!("{} [{key}]", parameters::label(key))
}
