//! The report's "people served" section: for each cohort of each what-if, its rates before and
//! after the first contact, the same people over the same days without the what-if, and the
//! naive change, effect and regression to the mean, over each window caresim follows.

use std::fmt::Write;

use super::build::cohorts::find;
use super::format::{number, pounds};
use super::words::escape;
use crate::model::cohorts::{Measure, WINDOW_MONTHS};
use crate::results::cohorts::{CohortRow, Quantity, cohort_label, cohort_names, without_it_label};
use crate::results::read::ScenarioChanges;

const EXPLAINED: &str = "<p class=\"note\">A cohort is everyone an intervention first served in the measured window \
    (a team's enrolments, a D2A scheme's users, the people a crisis response or a GP in A&E kept out of hospital). Each \
    figure is a rate per person-year over the months before or after that first contact. <em>Without it</em> is the same \
    people over the same days in the paired baseline future, with the same chance events: what would have happened to \
    them. The <em>naive change</em> (after minus before) is what an uncontrolled before/after evaluation reports; the \
    <em>effect</em> is after minus without it; the change without it (without it minus before) is the part of the \
    naive change that would have happened anyway. For a team, which picks people when their risk is high, that is \
    <em>regression to the mean</em>; the other interventions serve people at a crisis or in hospital, so for them it \
    also holds the crisis or stay itself, which the intervention may have averted. Only people whose months before and \
    after lie within the run are counted for a window. Deaths and care-home admissions before are none by design \
    (nobody is served after death or while living in a care home). Costs are each person's own care, undiscounted, \
    with any per-episode intervention cost and a D2A scheme's beds at their price a week; a team's staff and other \
    yearly costs are not shared out. Mean, and below it the range that holds 95% of futures.</p>";

/// How a rate of `measure` is shown.
fn show(measure: Measure) -> fn(f64) -> String {
    match measure {
        Measure::CostNhs | Measure::CostCouncil | Measure::CostResident | Measure::CostTotal => pounds,
        Measure::AcuteBedDays | Measure::DaysAtHome => number,
        _ => |v| if v.abs() < 0.005 { "0.00".into() } else { format!("{v:.2}") },
    }
}

fn cell(row: Option<&CohortRow>, show: fn(f64) -> String) -> String {
    match row {
        Some(r) if r.replications > 1 => {
            format!("{}<br><small>{} to {}</small>", show(r.mean), show(r.p025), show(r.p975))
        }
        Some(r) => show(r.mean),
        None => String::new(),
    }
}

/// One sentence: the naive change in emergency admissions as a share of the rate before, and
/// how much of it is regression to the mean.
fn sentence(rows: &[CohortRow], cohort: &str, months: u32) -> String {
    let get = |q| find(rows, cohort, months, Measure::EmergencyAdmissions, q);
    let (Some(before), Some(naive), Some(effect), Some(rtm)) = (
        get(Quantity::Before),
        get(Quantity::NaiveChange),
        get(Quantity::Effect),
        get(Quantity::RegressionToMean),
    ) else {
        return String::new();
    };
    if before.mean <= 0.0 {
        return String::new();
    }
    let percent = |v: f64| match (100.0 * v / before.mean).round() {
        0.0 => "0%".to_string(),
        p => format!("{p:+}%"),
    };
    // Each change with the range that holds 95% of futures.
    let change = |r: &CohortRow| {
        if r.replications > 1 {
            format!("{} ({} to {})", percent(r.mean), percent(r.p025), percent(r.p975))
        } else {
            percent(r.mean)
        }
    };
    format!(
        "<p>Over {months} months, emergency admissions among these people changed by {} against the months before \
         (the naive change). Without the intervention they would have changed by {} ({}); the effect is {} of the \
         rate before (the ranges hold 95% of futures).</p>",
        change(naive),
        change(rtm),
        without_it_label(cohort),
        change(effect)
    )
}

fn table(rows: &[CohortRow], cohort: &str, months: u32) -> String {
    let mut t = String::from("<table><thead><tr><th>a person-year</th>");
    for head in ["before", "after", "without it", "naive change", "effect", without_it_label(cohort)] {
        let _ = write!(t, "<th>{}</th>", escape(head));
    }
    t.push_str("</tr></thead><tbody>");
    for measure in Measure::ALL {
        let _ = write!(t, "<tr><th>{}</th>", escape(measure.label()));
        for quantity in Quantity::ALL {
            let text = cell(find(rows, cohort, months, measure, quantity), show(measure));
            let _ = write!(t, "<td>{text}</td>");
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    t
}

/// The section, or nothing when no what-if served anyone.
pub fn section(changes: &[ScenarioChanges]) -> String {
    if changes.iter().all(|c| c.cohorts.is_empty()) {
        return String::new();
    }
    let mut out = format!("<h2>The people the interventions served</h2>{EXPLAINED}");
    for c in changes {
        for name in cohort_names(&c.cohorts) {
            let people = find(&c.cohorts, name, WINDOW_MONTHS[0], Measure::AeAttendances, Quantity::Before)
                .map_or(0.0, |r| r.people);
            let _ = write!(
                out,
                "<h3>{}: {}</h3><p>{} people a future on average.</p>",
                escape(&c.scenario),
                escape(&cohort_label(name)),
                number(people)
            );
            for months in WINDOW_MONTHS {
                let _ = write!(
                    out,
                    "<h4>{months} months before and after</h4>{}{}",
                    sentence(&c.cohorts, name, months),
                    table(&c.cohorts, name, months)
                );
            }
        }
    }
    out
}
