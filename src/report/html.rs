//! The one-file HTML report: a plain-English summary, the key table, the charts inline as SVG,
//! and an appendix to reproduce the run. No scripts and nothing fetched from anywhere.

use std::fmt::Write;

use super::format::{for_unit, number, pounds};
use super::render::Figure;
use crate::results::Summary;
use crate::results::compare::Change;
use crate::results::headline::{self, CHANGES, SCENARIO, without_period};
use crate::results::read::{ResultFolder, RunFolder, ScenarioChanges, SweepFolder};
use crate::results::schema::Metric;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn signed(v: f64, show: fn(f64) -> String) -> String {
    if v > 0.0 { format!("+{}", show(v)) } else { show(v) }
}

fn interval(s: &Summary, show: fn(f64) -> String) -> String {
    match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) => format!("95% interval {} to {}", signed(lo, show), signed(hi, show)),
        _ => "one replication, no interval".into(),
    }
}

/// "4,686 fewer emergency bed days a year (4.5% fewer; 95% interval 4,552 to 4,821 fewer)", or
/// "... (95% interval 9 fewer to 7 more, so possibly no change)".
fn change_phrase(c: &Change, show: fn(f64) -> String, what: &str, (less, more): (&str, &str)) -> String {
    let d = &c.difference;
    let word = |v: f64| if v < 0.0 { less } else { more };
    let amount = |v: f64| format!("{} {}", show(v.abs()), word(v));
    let pct = c.percent_change.map(|p| format!("{:.1}% {}; ", p.abs(), word(p))).unwrap_or_default();
    let range = match (d.ci95_low, d.ci95_high) {
        (Some(lo), Some(hi)) if lo <= 0.0 && hi >= 0.0 => {
            format!("95% interval {} to {}, so possibly no change", amount(lo), amount(hi))
        }
        (Some(lo), Some(hi)) => {
            let (near, far) = if d.mean < 0.0 { (hi, lo) } else { (lo, hi) };
            format!("95% interval {} to {}", show(near.abs()), amount(far))
        }
        _ => "one replication, no interval".into(),
    };
    format!("{} {what} ({pct}{range})", amount(d.mean))
}

/// "saves the council £4.56m a year (95% interval £4.37m to £4.75m)" or "costs ... more".
fn saving_phrase(s: &Summary, payer: &str) -> String {
    let verb = if s.mean >= 0.0 { "saves" } else { "costs" };
    let more = if s.mean >= 0.0 { "" } else { " more" };
    let range = match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(_)) if lo >= 0.0 => {
            format!(" (95% interval {} to {})", pounds(lo), pounds(s.ci95_high.unwrap_or(lo)))
        }
        (Some(lo), Some(hi)) if hi < 0.0 => {
            format!(" (95% interval {} to {} more)", pounds(-hi), pounds(-lo))
        }
        (Some(lo), Some(hi)) => format!(" (95% interval from {} more to {} saved)", pounds(-lo), pounds(hi)),
        _ => String::new(),
    };
    format!("{verb} {payer} {}{more} a year{range}", pounds(s.mean.abs()))
}

fn scenario_sentence(s: &ScenarioChanges, baseline: &str) -> String {
    let phrase = |metric: Metric, show: fn(f64) -> String, what: &str, words: (&str, &str)| {
        s.metrics.get(metric.name()).map_or_else(
            || format!("no figure for {}", without_period(metric.short_label())),
            |c| change_phrase(c, show, what, words),
        )
    };
    let (bed_days, care_homes) = (Metric::AcuteBedDays, Metric::CareHomeAdmissions);
    let money = &s.money;
    format!(
        "<p><strong>{}</strong>, against {}: {}; {}; total cost {}. The intervention itself costs {} a year; \
         all told it {} and {}.</p>",
        escape(&s.scenario),
        escape(baseline),
        phrase(bed_days, number, bed_days.short_label(), ("fewer", "more")),
        phrase(care_homes, number, care_homes.short_label(), ("fewer", "more")),
        phrase(Metric::CostTotal, pounds, "a year", ("lower", "higher")),
        pounds(money.added_intervention_cost.mean),
        saving_phrase(&money.net_saving_nhs, "the NHS"),
        saving_phrase(&money.net_saving_council, "the council"),
    )
}

fn run_sentence(r: &RunFolder) -> String {
    let phrase = |m: Metric| {
        let show = for_unit(m.unit());
        r.metrics
            .get(m.name())
            .map(|s| format!("{} ({})", show(s.mean), interval(s, show)))
            .unwrap_or_default()
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

fn change_cell(c: &Change, show: fn(f64) -> String) -> String {
    let d = &c.difference;
    match (d.ci95_low, d.ci95_high) {
        (Some(lo), Some(hi)) => {
            format!("{}<br><small>{} to {}</small>", signed(d.mean, show), signed(lo, show), signed(hi, show))
        }
        _ => signed(d.mean, show),
    }
}

fn summary_cell(s: &Summary, show: fn(f64) -> String) -> String {
    match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) => format!("{}<br><small>{} to {}</small>", show(s.mean), show(lo), show(hi)),
        _ => show(s.mean),
    }
}

/// The headline changes of each scenario, then the money view.
fn compare_table(changes: &[ScenarioChanges]) -> String {
    let mut t = String::from("<table><thead><tr><th>scenario</th>");
    for metric in headline::in_report(&CHANGES) {
        let _ = write!(t, "<th>{}</th>", escape(metric.short_label()));
    }
    t.push_str(
        "<th>intervention cost a year</th><th>net saving, NHS</th><th>net saving, council</th>\
         <th>service saving per £1 spent</th></tr></thead><tbody>",
    );
    for s in changes {
        let roi = s.money.return_on_investment.map(|r| format!("£{r:.2}")).unwrap_or_else(|| "-".into());
        let _ = write!(t, "<tr><th>{}</th>", escape(&s.scenario));
        for metric in headline::in_report(&CHANGES) {
            let cell = s.metrics.get(metric.name()).map(|c| change_cell(c, for_unit(metric.unit())));
            let _ = write!(t, "<td>{}</td>", cell.as_deref().unwrap_or("-"));
        }
        let _ = write!(
            t,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            pounds(s.money.added_intervention_cost.mean),
            summary_cell(&s.money.net_saving_nhs, pounds),
            summary_cell(&s.money.net_saving_council, pounds),
            roi,
        );
    }
    t + "</tbody></table>"
}

/// The headline figures of one scenario.
fn run_table(r: &RunFolder) -> String {
    let mut t = String::from(
        "<table><thead><tr><th>measure</th><th>mean (95% interval)</th><th>5th-95th percentile of replications</th></tr></thead><tbody>",
    );
    for metric in headline::in_report(&SCENARIO) {
        if let Some(s) = r.metrics.get(metric.name()) {
            let (label, show) = (escape(metric.label()), for_unit(metric.unit()));
            let _ = write!(
                t,
                "<tr><th>{label}</th><td>{}</td><td>{} to {}</td></tr>",
                summary_cell(s, show),
                show(s.p05),
                show(s.p95)
            );
        }
    }
    t + "</tbody></table>"
}

fn appendix(runs: &[&RunFolder]) -> String {
    let mut a = String::from("<h2>Appendix: how to reproduce these results</h2>");
    for r in runs {
        let _ = write!(
            a,
            "<h3>{}</h3><p>{} replications of {} simulated years after a {}-year warm-up, seed {}, caresim {}. \
             Rerun with <code>caresim run scenario.resolved.toml</code> from <code>{}</code>.</p>\
             <details><summary>Every parameter as run (scenario.resolved.toml)</summary><pre>{}</pre></details>",
            escape(&r.scenario),
            r.replications,
            r.years,
            r.warmup_years,
            r.seed,
            escape(&r.version),
            escape(&r.dir.display().to_string()),
            escape(&r.resolved),
        );
        if let Some(sources) = &r.sources {
            let _ = write!(
                a,
                "<details><summary>The scenario files as written, with the source of every default</summary><pre>{}</pre></details>",
                escape(sources)
            );
        }
    }
    a
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:1em 0;font-size:.92em}\
th,td{border:1px solid #bbb;padding:.35em .6em;text-align:right;vertical-align:top}th{text-align:left;background:#f3f3f3}\
small{color:#555}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{color:#444;font-size:.9em}\
pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:.8em}.note{color:#444;font-size:.92em}";

/// A sweep's summary, table of points and appendix.
fn sweep_sections(s: &SweepFolder) -> (String, String, String) {
    let m = &s.manifest;
    let summary = format!(
        "<p><strong>{}</strong> ({} design): {} points, each {} replications on seed {}, compared replication by \
         replication with <strong>{}</strong>. \"Lower in\" is the share of replications in which the point's value was \
         below the reference's: for a cost, the chance that the change saves money.</p>",
        escape(&m.experiment),
        serde_json::to_value(m.design)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default(),
        m.points.len(),
        m.replications,
        m.seed,
        escape(&m.reference),
    );
    let mut t = String::from("<table><thead><tr><th>point</th>");
    for key in &m.parameters {
        let _ = write!(t, "<th>{}</th>", escape(key));
    }
    for metric in &m.metrics {
        let _ = write!(t, "<th>change in {}</th><th>lower in</th>", escape(metric));
    }
    t.push_str("</tr></thead><tbody>");
    for p in s.points.get(1..).unwrap_or_default() {
        let _ = write!(t, "<tr><th>{}</th>", escape(&p.point));
        for key in &m.parameters {
            let _ = write!(t, "<td>{}</td>", escape(p.values.get(key).map_or("", String::as_str)));
        }
        for metric in &m.metrics {
            let cell = p
                .metrics
                .get(metric)
                .and_then(|x| x.difference)
                .map(|d| summary_cell(&d, number))
                .unwrap_or_default();
            let share = p
                .metrics
                .get(metric)
                .and_then(|x| x.share_lower)
                .map(|v| format!("{:.0}%", 100.0 * v))
                .unwrap_or_default();
            let _ = write!(t, "<td>{cell}</td><td>{share}</td>");
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    let appendix = format!(
        "<h2>Appendix: how to reproduce these results</h2><p>caresim sweep of experiment {}, fingerprint {} (a hash of \
         the experiment file and every scenario as run), seed {}, {} replications per point. Rerun the same experiment \
         file with <code>caresim sweep</code>; per-replication values are in <code>units/</code> of <code>{}</code>.</p>",
        escape(&m.experiment),
        escape(&m.hash),
        m.seed,
        m.replications,
        escape(&s.dir.display().to_string()),
    );
    (summary, t, appendix)
}

/// A sweep's page.
fn sweep_page(s: &SweepFolder, figures: &[Figure]) -> String {
    let (summary, table, appendix) = sweep_sections(s);
    let title = format!("caresim sweep: {}", s.manifest.experiment);
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\
         <body><h1>{}</h1>{summary}<h2>Points</h2>{table}<h2>Charts</h2>",
        escape(&title),
        escape(&title)
    );
    push_figures(&mut page, figures);
    page.push_str(&appendix);
    page.push_str("</body></html>\n");
    page
}

/// The whole page.
pub fn page(folder: &ResultFolder, figures: &[Figure]) -> String {
    let runs = folder.runs();
    let (title, summary, table) = match folder {
        ResultFolder::Run(r) => (format!("caresim results: {}", r.scenario), run_sentence(r), run_table(r)),
        ResultFolder::Compare { baseline, changes, .. } => (
            format!("caresim comparison against {}", baseline.scenario),
            changes.iter().map(|c| scenario_sentence(c, &baseline.scenario)).collect(),
            compare_table(changes),
        ),
        ResultFolder::Sweep(s) => return sweep_page(s, figures),
    };
    let (replications, years) = runs.first().map_or((0, 0), |r| (r.replications, r.years));
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\
         <h1>{}</h1><p class=\"note\">{replications} replications of {years} simulated years; figures are a year's worth, \
         averaged over the replications, with 95% intervals for that average. Costs are discounted at the rate in the \
         scenario.</p>{summary}",
        escape(&title),
        escape(&title),
    );
    page.push_str("<h2>Key figures</h2>");
    page.push_str(&table);
    page.push_str("<h2>Charts</h2>");
    push_figures(&mut page, figures);
    page.push_str(&appendix(&runs));
    page.push_str("</body></html>\n");
    page
}

fn push_figures(page: &mut String, figures: &[Figure]) {
    for f in figures {
        let _ = write!(
            page,
            "<figure id=\"{}\">{}<figcaption>{}</figcaption></figure>",
            escape(&f.name),
            strip_xml_declaration(&f.svg),
            escape(&f.caption)
        );
    }
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}
