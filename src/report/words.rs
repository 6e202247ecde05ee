//! The report's words and tables: each figure as the mean, the range that holds 95% of the
//! replications (the *uncertainty interval*: every replication is a possible future, with its
//! own draws of the uncertain effects and its own chance events) and, for a change, how often the
//! scenario comes out lower or saves money. The simulation's precision (the t-interval of the
//! mean) is left to the appendix's table, with a sentence on what it is.

use std::fmt::Write;

use super::format::{for_unit, number, pence, pounds};
use crate::results::Summary;
use crate::results::compare::Change;
use crate::results::headline::{self, CHANGES, SCENARIO, without_period};
use crate::results::parameters;
use crate::results::read::{RunFolder, ScenarioChanges};
use crate::results::schema::Metric;

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn signed(v: f64, show: fn(f64) -> String) -> String {
    if v > 0.0 { format!("+{}", show(v)) } else { show(v) }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

/// Whether a summary has a spread to show (two replications at least).
fn has_range(s: &Summary) -> bool {
    s.sd.is_some()
}

/// "4,686 fewer emergency bed days a year (4.5% fewer; between 4,552 and 4,821 fewer in 95% of
/// futures; fewer in 100% of them)".
fn change_phrase(c: &Change, show: fn(f64) -> String, what: &str, (less, more): (&str, &str)) -> String {
    let d = &c.difference;
    let word = |v: f64| if v < 0.0 { less } else { more };
    // A change too small to show in the figure's digits is no change to a reader.
    let is_nothing = |v: f64| show(v.abs()).chars().all(|c| !c.is_ascii_digit() || c == '0');
    let amount = |v: f64| {
        if is_nothing(v) { "no change".to_string() } else { format!("{} {}", show(v.abs()), word(v)) }
    };
    let lead = match (is_nothing(d.mean), what) {
        (false, _) => format!("{} {what}", amount(d.mean)),
        (true, "a year") => "unchanged".to_string(),
        (true, _) => format!("no change in {what}"),
    };
    let pct = match c.percent_change {
        Some(p) if p.abs() >= 0.05 => format!("{:.1}% {}; ", p.abs(), word(p)),
        _ => String::new(),
    };
    if !has_range(d) {
        return format!("{lead} ({pct}one replication, no range)");
    }
    format!(
        "{lead} ({pct}from {} to {} in 95% of futures; {less} in {} of them)",
        amount(d.p025),
        amount(d.p975),
        percent(c.probability_lower),
    )
}

/// "saves the council £4.56m a year (from £4.37m to £4.75m in 95% of futures; saves money in 97%
/// of them)" or "costs the NHS £1.14m more a year (...)".
fn saving_phrase(s: &Summary, payer: &str, probability: f64) -> String {
    let verb = if s.mean >= 0.0 { "saves" } else { "costs" };
    let more = if s.mean >= 0.0 { "" } else { " more" };
    let say = |v: f64| if v >= 0.0 { format!("{} saved", pounds(v)) } else { format!("{} more", pounds(-v)) };
    let range = if has_range(s) {
        format!(
            " (from {} to {} in 95% of futures; saves money in {} of them)",
            say(s.p025),
            say(s.p975),
            percent(probability)
        )
    } else {
        String::new()
    };
    format!("{verb} {payer} {}{more} a year{range}", pounds(s.mean.abs()))
}

pub fn scenario_sentence(s: &ScenarioChanges, baseline: &str) -> String {
    let phrase = |metric: Metric, show: fn(f64) -> String, what: &str, words: (&str, &str)| {
        s.metrics.get(metric.name()).map_or_else(
            || format!("no figure for {}", without_period(metric.short_label())),
            |c| change_phrase(c, show, what, words),
        )
    };
    let (bed_days, care_homes) = (Metric::AcuteBedDays, Metric::CareHomeAdmissions);
    let money = &s.money;
    let p = money.probability_saving;
    let settled = match &s.value_of_information {
        Some(v) if v.evpi < 0.5 => {
            " The net saving to the NHS and council together falls on the same side of zero in every future, so on money alone no better knowledge \
             of the uncertain values would change the decision (the value of that information is £0)."
        }
        _ => "",
    };
    let per_case: String = s
        .per_case
        .0
        .iter()
        .map(|(label, p)| {
            let range = match (p.p025, p.p975) {
                (Some(low), Some(high)) => {
                    format!(" ({} to {} in 95% of futures)", number(low), number(high))
                }
                _ => String::new(),
            };
            format!(" Per case: {} {}{range}.", number(p.mean), escape(label))
        })
        .collect();
    format!(
        "<p><strong>{}</strong>, against {}: {}; {}; total cost {}. The intervention itself costs {} a year; \
         all told it {} and {}. Care-home residents paying for themselves (self-funders' fees and council \
         residents' contributions, in neither public budget): it {}.{per_case}{settled}</p>",
        escape(&s.scenario),
        escape(baseline),
        phrase(bed_days, number, bed_days.short_label(), ("fewer", "more")),
        phrase(care_homes, number, care_homes.short_label(), ("fewer", "more")),
        phrase(Metric::CostTotal, pounds, "a year", ("lower", "higher")),
        pounds(money.added_intervention_cost.mean),
        saving_phrase(&money.net_saving_nhs, "the NHS", p.nhs),
        saving_phrase(&money.net_saving_council, "the council", p.council),
        saving_phrase(&money.net_saving_self_funders, "them", p.self_funders),
    )
}

/// "2,315 (2,189 to 2,472 in 95% of futures)".
fn level(s: &Summary, show: fn(f64) -> String) -> String {
    if has_range(s) {
        format!("{} ({} to {} in 95% of futures)", show(s.mean), show(s.p025), show(s.p975))
    } else {
        show(s.mean)
    }
}

pub fn run_sentence(r: &RunFolder) -> String {
    let phrase = |m: Metric| {
        let show = for_unit(m.unit());
        r.metrics.get(m.name()).map(|s| level(s, show)).unwrap_or_default()
    };
    format!(
        "<p>In <strong>{}</strong>, with {} people aged 65+ on average, there were {} emergency bed days per 1,000 \
         people a year, {} A&amp;E attendances per 1,000, {} delayed-discharge days a year and {} new permanent \
         care-home residents a year. Care cost {} a year: {} to the NHS and {} to the council.</p>",
        escape(&r.scenario),
        number(r.mean(Metric::Population)),
        phrase(Metric::EmergencyBedDaysPer1000),
        phrase(Metric::AeAttendancesPer1000),
        phrase(Metric::DelayedDischargeDays),
        phrase(Metric::CareHomeAdmissions),
        phrase(Metric::CostTotal),
        pounds(r.mean(Metric::CostNhs)),
        pounds(r.mean(Metric::CostCouncil)),
    )
}

/// A change: the mean, its range in 95% of futures, and how often it is lower.
fn change_cell(c: &Change, show: fn(f64) -> String) -> String {
    let d = &c.difference;
    if !has_range(d) {
        return signed(d.mean, show);
    }
    format!(
        "{}<br><small>{} to {}<br>lower in {}</small>",
        signed(d.mean, show),
        signed(d.p025, show),
        signed(d.p975, show),
        percent(c.probability_lower)
    )
}

fn saving_cell(s: &Summary, probability: f64) -> String {
    if !has_range(s) {
        return pounds(s.mean);
    }
    format!(
        "{}<br><small>{} to {}<br>saves in {}</small>",
        pounds(s.mean),
        pounds(s.p025),
        pounds(s.p975),
        percent(probability)
    )
}

/// The headline changes of each scenario, then the money view.
pub fn compare_table(changes: &[ScenarioChanges]) -> String {
    let mut t = String::from("<table><thead><tr><th>scenario</th>");
    for metric in headline::in_report(&CHANGES) {
        let _ = write!(t, "<th>{}</th>", escape(metric.short_label()));
    }
    t.push_str(
        "<th>intervention cost a year</th><th>net saving, NHS</th><th>net saving, council</th>\
         <th>service saving per £1 spent</th></tr></thead><tbody>",
    );
    for s in changes {
        let m = &s.money;
        let roi = match (m.return_on_investment, m.roi_p025, m.roi_p975) {
            (Some(r), Some(lo), Some(hi)) if has_range(&m.net_saving_total) => {
                format!("{}<br><small>{} to {}</small>", pence(r), pence(lo), pence(hi))
            }
            (Some(r), _, _) => pence(r),
            _ => "-".into(),
        };
        let _ = write!(t, "<tr><th>{}</th>", escape(&s.scenario));
        for metric in headline::in_report(&CHANGES) {
            let cell = s.metrics.get(metric.name()).map(|c| change_cell(c, for_unit(metric.unit())));
            let _ = write!(t, "<td>{}</td>", cell.as_deref().unwrap_or("-"));
        }
        let _ = write!(
            t,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            pounds(m.added_intervention_cost.mean),
            saving_cell(&m.net_saving_nhs, m.probability_saving.nhs),
            saving_cell(&m.net_saving_council, m.probability_saving.council),
            roi,
        );
    }
    t + "</tbody></table><p class=\"note\">Each cell: the mean a year; below it, the range that holds 95% of the \
         paired futures and how often the scenario comes out lower (or saves money).</p>"
}

/// The headline figures of one scenario.
pub fn run_table(r: &RunFolder) -> String {
    let mut t = String::from(
        "<table><thead><tr><th>measure</th><th>mean</th><th>in 95% of futures</th></tr></thead><tbody>",
    );
    for metric in headline::in_report(&SCENARIO) {
        if let Some(s) = r.metrics.get(metric.name()) {
            let (label, show) = (escape(metric.label()), for_unit(metric.unit()));
            let range =
                if has_range(s) { format!("{} to {}", show(s.p025), show(s.p975)) } else { "-".into() };
            let _ = write!(t, "<tr><th>{label}</th><td>{}</td><td>{range}</td></tr>", show(s.mean));
        }
    }
    t + "</tbody></table>"
}

/// "What this rests on": the intervention effects each scenario takes as fixed numbers.
pub fn assumptions_box(runs: &[&RunFolder]) -> String {
    let fixed: Vec<(&str, &(String, f64))> =
        runs.iter().flat_map(|r| r.fixed_effects.iter().map(move |f| (r.scenario.as_str(), f))).collect();
    if fixed.is_empty() {
        return String::new();
    }
    let mut b = String::from(
        "<div class=\"rests\"><strong>What this rests on.</strong> These intervention effects are fixed \
         assumptions, not uncertain values: the results hold only if they hold.<ul>",
    );
    for (scenario, (key, value)) in fixed {
        let note =
            if key.contains(".effects.") && *value == 1.0 { " (assumed to have no effect)" } else { "" };
        let _ = write!(
            b,
            "<li>{}: {} = {value}{note} <small><code>{}</code></small></li>",
            escape(scenario),
            escape(&parameters::label(key)),
            escape(key)
        );
    }
    b + "</ul></div>"
}

/// The simulation precision of every headline mean, for the appendix.
pub fn precision_table(runs: &[&RunFolder]) -> String {
    let mut t = String::from(
        "<p>The ranges above are where 95% of the possible futures fall, and do not narrow with more replications. \
         How precisely the replications pin down each <em>mean</em> is another matter: the simulation precision, \
         the 95% t-interval of the mean, which narrows as replications are added.</p>\
         <table><thead><tr><th>scenario</th><th>measure</th><th>mean</th><th>simulation precision</th></tr></thead><tbody>",
    );
    for r in runs {
        for metric in headline::in_report(&SCENARIO) {
            if let Some(s) = r.metrics.get(metric.name()) {
                let show = for_unit(metric.unit());
                let precision = match (s.ci95_low, s.ci95_high) {
                    (Some(lo), Some(hi)) => format!("{} to {}", show(lo), show(hi)),
                    _ => "-".into(),
                };
                let _ = write!(
                    t,
                    "<tr><th>{}</th><th>{}</th><td>{}</td><td>{precision}</td></tr>",
                    escape(&r.scenario),
                    escape(metric.label()),
                    show(s.mean)
                );
            }
        }
    }
    t + "</tbody></table>"
}

/// The simulation precision of every headline change, for a comparison's appendix.
pub fn change_precision_table(changes: &[ScenarioChanges]) -> String {
    let mut t = String::from(
        "<table><thead><tr><th>scenario</th><th>change in</th><th>mean</th><th>simulation precision</th></tr></thead><tbody>",
    );
    for s in changes {
        for metric in headline::in_report(&CHANGES) {
            if let Some(c) = s.metrics.get(metric.name()) {
                let show = for_unit(metric.unit());
                let d = &c.difference;
                let precision = match (d.ci95_low, d.ci95_high) {
                    (Some(lo), Some(hi)) => format!("{} to {}", signed(lo, show), signed(hi, show)),
                    _ => "-".into(),
                };
                let _ = write!(
                    t,
                    "<tr><th>{}</th><th>{}</th><td>{}</td><td>{precision}</td></tr>",
                    escape(&s.scenario),
                    escape(metric.short_label()),
                    signed(d.mean, show)
                );
            }
        }
    }
    t + "</tbody></table>"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(mean: f64, p025: f64, p975: f64) -> Change {
        let difference = Summary {
            mean,
            sd: Some(1.0),
            ci95_low: Some(mean),
            ci95_high: Some(mean),
            p025,
            p05: p025,
            p50: mean,
            p95: p975,
            p975,
        };
        Change {
            metric: "care_home_admissions".into(),
            baseline_mean: 70.0,
            scenario_mean: 70.0 + mean,
            difference,
            probability_lower: 0.5,
            percent_change: Some(100.0 * mean / 70.0),
            percent_ci95_low: None,
            percent_ci95_high: None,
            share_from_parameters: None,
            percent_p025: None,
            percent_p975: None,
        }
    }

    #[test]
    fn a_change_too_small_to_show_is_no_change() {
        let words = change_phrase(&change(-0.02, -0.04, 0.03), number, "admissions", ("fewer", "more"));
        assert!(words.starts_with("no change in admissions (from no change to no change"), "{words}");
        assert!(!words.contains("0.0"), "{words}");
        let words = change_phrase(&change(-3.4, -5.8, 0.8), number, "admissions", ("fewer", "more"));
        assert!(words.starts_with("3.4 fewer admissions (4.9% fewer; from 5.8 fewer to 0.8 more"), "{words}");
    }
}
