//! The report's "money as budgets see it" tables: undiscounted cash by measured year and payer
//! (for a run, what each payer spends; for a comparison, the change), and the bed days released
//! where beds are paid for whatever their use, shown as capacity rather than cash.

use std::fmt::Write;

use super::format::{number, pounds, signed_pounds};
use super::words::escape;
use crate::model::DAYS_PER_YEAR;
use crate::results::Summary;
use crate::results::budget::{self, BudgetChange, BudgetRow, TOTAL_LINE};
use crate::results::read::{RunFolder, ScenarioChanges};

const PAYER_COLUMNS: [(&str, &str); 3] =
    [("nhs_cash", "NHS"), ("council_cash", "Council"), ("total_cash", "Total")];

const EXPLAINED: &str = "<p class=\"note\">Cash as a budget sees it: pounds of each measured year, not discounted. Beds an \
    area keeps open whatever their use (acute beds, the usual step-down beds) cost their budget the same used or not: \
    their cash is their number times their price a day, and a bed day no longer needed is capacity released, shown in \
    days and in beds (days / 365), not as cash. Care-home weeks, home support, A&E attendances and interventions are \
    cash as they are used.</p>";

/// A mean with the range that holds 95% of the replications below it.
fn cell(s: &Summary, show: fn(f64) -> String) -> String {
    if s.sd.is_none() {
        return show(s.mean);
    }
    format!("{}<br><small>{} to {}</small>", show(s.mean), show(s.p025), show(s.p975))
}

/// A run's cash by year and payer, and its days of use of the beds paid for by capacity.
pub fn run_budget(r: &RunFolder) -> String {
    let find = |year: u32, line: &str, measure: &str| -> Option<&BudgetRow> {
        r.budget.iter().find(|b| b.year == year && b.line == line && b.measure == measure)
    };
    let mut years: Vec<u32> = r.budget.iter().map(|b| b.year).collect();
    years.dedup();
    let mut t = String::from("<table><thead><tr><th>year</th>");
    for (_, label) in PAYER_COLUMNS {
        let _ = write!(t, "<th>{label} cash</th>");
    }
    for line in budget::capacity_lines() {
        let _ = write!(t, "<th>{} used (bed days)</th>", escape(budget::line_label(line)));
    }
    t.push_str("</tr></thead><tbody>");
    for year in years {
        let _ = write!(t, "<tr><th>{year}</th>");
        for (measure, _) in PAYER_COLUMNS {
            let text = find(year, TOTAL_LINE, measure).map(|b| cell(&b.summary, pounds)).unwrap_or_default();
            let _ = write!(t, "<td>{text}</td>");
        }
        for line in budget::capacity_lines() {
            let text = find(year, line, "days_used").map(|b| cell(&b.summary, number)).unwrap_or_default();
            let _ = write!(t, "<td>{text}</td>");
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    format!("<h2>Money as budgets see it</h2>{EXPLAINED}{t}")
}

fn released(c: &BudgetChange) -> String {
    let days = -c.difference.mean;
    let beds = days / DAYS_PER_YEAR;
    let range = if c.difference.sd.is_some() {
        format!("<br><small>{} to {}</small>", number(-c.difference.p975), number(-c.difference.p025))
    } else {
        String::new()
    };
    format!("{}{range}<br><small>{beds:.1} beds</small>", number(days))
}

/// One comparison's budget impact: the change in cash by year and payer, and bed days released.
fn impact_table(changes: &[BudgetChange]) -> String {
    let mut t = String::from("<table><thead><tr><th>year</th>");
    for (_, label) in PAYER_COLUMNS {
        let _ = write!(t, "<th>{label}: change in cash</th>");
    }
    for line in budget::capacity_lines() {
        let _ = write!(t, "<th>{}: bed days released</th>", escape(budget::line_label(line)));
    }
    t.push_str("</tr></thead><tbody>");
    for year in budget::years_of(changes) {
        let _ = write!(t, "<tr><th>{year}</th>");
        for (measure, _) in PAYER_COLUMNS {
            let text = budget::find(changes, year, TOTAL_LINE, measure)
                .map(|c| {
                    let saves = 100.0 * c.probability_lower;
                    format!("{}<br><small>lower in {saves:.0}%</small>", cell(&c.difference, signed_pounds))
                })
                .unwrap_or_default();
            let _ = write!(t, "<td>{text}</td>");
        }
        for line in budget::capacity_lines() {
            let text = budget::find(changes, year, line, "days_used").map(released).unwrap_or_default();
            let _ = write!(t, "<td>{text}</td>");
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    t
}

/// Every comparison's budget impact.
pub fn compare_budget(changes: &[ScenarioChanges]) -> String {
    let mut out = format!(
        "<h2>Money as budgets see it</h2>{EXPLAINED}<p class=\"note\">A change in cash is the scenario's spending minus \
         the baseline's (negative: less spent), with the range that holds 95% of the paired futures and how often \
         spending is lower. Bed days released are the baseline's minus the scenario's.</p>"
    );
    for c in changes {
        let _ = write!(out, "<h3>{}</h3>{}", escape(&c.scenario), impact_table(&c.budget_impact));
    }
    out
}
