//! The one-file HTML report: a plain-English summary, the key table, the charts inline as SVG,
//! and an appendix to reproduce the run. No scripts and nothing fetched from anywhere.

use std::fmt::Write;

use super::budget::{compare_budget, run_budget};
use super::render::Figure;
use super::sweep_page;
use super::words::{
    assumptions_box, change_precision_table, compare_table, escape, precision_table, run_sentence, run_table,
    scenario_sentence,
};
use crate::results::read::{ResultFolder, RunFolder, SweepFolder};

fn appendix(runs: &[&RunFolder], precision: &str) -> String {
    let mut a = format!("<h2>Appendix: simulation precision</h2>{precision}");
    a.push_str("<h2>Appendix: how to reproduce these results</h2>");
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
pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:.8em}.note{color:#444;font-size:.92em}\
.rests{border:2px solid #E69F00;background:#fff8e6;padding:.6em 1em;margin:1em 0}.rests ul{margin:.3em 0}\
.wide{overflow-x:auto}table.sweep{font-size:.85em;width:100%}table.sweep th{hyphens:auto}td.words{text-align:left}\
code{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace}small code{color:#666;overflow-wrap:break-word}.nowrap{white-space:nowrap}";

/// A sweep's page.
fn sweep_page(s: &SweepFolder, figures: &[Figure]) -> String {
    let (summary, table, appendix) = (sweep_page::summary(s), sweep_page::table(s), sweep_page::appendix(s));
    let title = format!("caresim sweep: {}", s.manifest.experiment);
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\
         <body><h1>{}</h1>{summary}<h2>Points</h2>{table}",
        escape(&title),
        escape(&title)
    );
    // A design without parameters (a probabilistic sensitivity analysis) has no chart: its
    // table is the answer.
    if !figures.is_empty() {
        page.push_str("<h2>Charts</h2>");
    }
    push_figures(&mut page, figures);
    page.push_str(&appendix);
    page.push_str("</body></html>\n");
    page
}

/// The whole page.
pub fn page(folder: &ResultFolder, figures: &[Figure]) -> String {
    let runs = folder.runs();
    let (title, summary, table, budget, precision) = match folder {
        ResultFolder::Run(r) => (
            format!("caresim results: {}", r.scenario),
            run_sentence(r),
            run_table(r),
            run_budget(r),
            precision_table(&runs),
        ),
        ResultFolder::Compare { baseline, changes, .. } => (
            format!("caresim comparison against {}", baseline.scenario),
            changes.iter().map(|c| scenario_sentence(c, &baseline.scenario)).collect(),
            compare_table(changes),
            compare_budget(changes) + &super::cohorts::section(changes),
            change_precision_table(changes) + &precision_table(&runs),
        ),
        ResultFolder::Sweep(s) => return sweep_page(s, figures),
    };
    let (replications, years) = runs.first().map_or((0, 0), |r| (r.replications, r.years));
    let mut page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\
         <h1>{}</h1>{}<p class=\"note\">{replications} replications of {years} simulated year(s). Each replication is a \
         possible future, with its own draws of the uncertain values and its own chance events: figures are a year's \
         worth, the mean over the replications and the range that holds 95% of them. Costs are discounted at the rate \
         in the scenario.</p>{summary}",
        escape(&title),
        escape(&title),
        assumptions_box(&runs),
    );
    page.push_str("<h2>Key figures</h2>");
    page.push_str(&table);
    page.push_str(&budget);
    page.push_str("<h2>Charts</h2>");
    push_figures(&mut page, figures);
    page.push_str(&appendix(&runs, &precision));
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
