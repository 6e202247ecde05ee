//! A sweep's words and table: what was run, then one row per design point with its parameter
//! values (in plain words, the key to edit kept small beside them) and, for each metric of
//! interest, the change against the reference: the mean, the range that holds 95% of the
//! paired futures and how often the point comes out lower.
//!
//! A one-way design moves one parameter at a time, so its table names, per row, the parameter
//! that moved and its value, instead of one mostly empty column per parameter.

use std::fmt::Write;

use super::format::{self, number};
use super::words::escape;
use crate::experiment::plan::DesignKind;
use crate::results::Summary;
use crate::results::parameters;
use crate::results::read::{SweepFolder, SweepPoint};
use crate::results::schema::{Metric, SweepMetric};

/// A parameter for people: its plain words, and under them its key, small (a long key may break
/// after a dot).
fn parameter_heading(key: &str) -> String {
    let breakable = escape(key).replace('.', ".<wbr>");
    format!("{}<br><small><code>{breakable}</code></small>", escape(&parameters::label(key)))
}

fn signed(v: f64, show: fn(f64) -> String) -> String {
    let text = show(v);
    if v > 0.0 && !text.starts_with('-') { format!("+{text}") } else { text }
}

/// A point's change in one metric: the mean, the range in 95% of futures and how often it is
/// lower; "same as the reference" when every paired replication is unchanged.
fn change_cell(entry: Option<&SweepMetric>, metric: &str) -> String {
    let Some((d, lower)) = entry.and_then(|e| Some((e.difference?, e.probability_lower?))) else {
        return "-".into();
    };
    let show = match Metric::from_name(metric) {
        Some(m) => format::for_change(m.unit()),
        None => number,
    };
    if is_nothing(&d) {
        return "<small>same as the reference</small>".into();
    }
    let whole = |v: f64| format!("<span class=\"nowrap\">{}</span>", signed(v, show));
    if d.sd.is_none() {
        return whole(d.mean);
    }
    let range = if d.p025 == d.p975 {
        "the same in every future".to_string()
    } else {
        format!("{} to {}", whole(d.p025), whole(d.p975))
    };
    format!("{}<br><small>{range}<br>lower in {:.0}%</small>", whole(d.mean), 100.0 * lower)
}

/// Every paired replication gave exactly the reference's value.
fn is_nothing(d: &Summary) -> bool {
    [d.mean, d.p025, d.p975].iter().all(|v| *v == 0.0)
}

/// The design's name as words: "one way", "latin hypercube".
fn design_words(design: DesignKind) -> String {
    serde_json::to_value(design)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// The sweep's opening paragraph.
pub fn summary(s: &SweepFolder) -> String {
    let m = &s.manifest;
    let one_way = if m.design == DesignKind::OneWay {
        " Point 0 is the scenario as it is (the central estimate); each later point moves one parameter to the \
         low or the high end of its range, the others as in the scenario."
    } else {
        ""
    };
    format!(
        "<p><strong>{}</strong> ({} design): {} {}, each {} replications on seed {}, compared replication by \
         replication with <strong>{}</strong>. Each change is a year's, the mean over the paired replications and, \
         below it, the range that holds 95% of them (each a possible future, with its own draws of the uncertain \
         values). \"Lower in\" is how often the point came out below the reference: for a cost, the chance that \
         the change saves money.{one_way}</p>",
        escape(&m.experiment),
        design_words(m.design),
        m.points.len(),
        if m.points.len() == 1 { "point" } else { "points" },
        m.replications,
        m.seed,
        escape(&m.reference),
    )
}

/// The parameter a one-way point moves (the one with a value), with that value.
fn moved(point: &SweepPoint) -> Option<(&str, &str)> {
    point.values.0.iter().find(|(_, v)| !v.is_empty()).map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The table of design points.
pub fn table(s: &SweepFolder) -> String {
    let m = &s.manifest;
    let one_way = m.design == DesignKind::OneWay;
    let mut t = String::from("<div class=\"wide\"><table class=\"sweep\"><thead><tr><th>point</th>");
    if one_way {
        t.push_str("<th>what moves</th><th>to</th>");
    } else {
        for key in &m.parameters {
            let _ = write!(t, "<th>{}</th>", parameter_heading(key));
        }
    }
    for metric in &m.metrics {
        let short = match Metric::from_name(metric) {
            Some(known) => known.short_label(),
            None => metric.as_str(),
        };
        let _ = write!(t, "<th>change in {}</th>", escape(short));
    }
    t.push_str("</tr></thead><tbody>");
    for p in s.points.get(1..).unwrap_or_default() {
        let _ = write!(t, "<tr><th>{}</th>", escape(&p.point));
        if one_way {
            match moved(p) {
                Some((key, value)) => {
                    let (heading, value) = (parameter_heading(key), escape(&format::parameter_value(value)));
                    let _ = write!(t, "<td class=\"words\">{heading}</td><td>{value}</td>");
                }
                None => t.push_str("<td class=\"words\">nothing: the scenario as it is</td><td></td>"),
            }
        } else {
            for key in &m.parameters {
                let value = p.values.get(key).map_or(String::new(), |v| format::parameter_value(v));
                let _ = write!(t, "<td>{}</td>", escape(&value));
            }
        }
        for metric in &m.metrics {
            let _ = write!(t, "<td>{}</td>", change_cell(p.metrics.get(metric), metric));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

/// How to reproduce the sweep.
pub fn appendix(s: &SweepFolder) -> String {
    let m = &s.manifest;
    format!(
        "<h2>Appendix: how to reproduce these results</h2><p>caresim sweep of experiment {}, fingerprint {} (a hash of \
         the experiment file and every scenario as run), seed {}, {} replications per point. Rerun the same experiment \
         file with <code>caresim sweep</code>; per-replication values are in <code>units/</code> of <code>{}</code>.</p>",
        escape(&m.experiment),
        escape(&m.hash),
        m.seed,
        m.replications,
        escape(&s.dir.display().to_string()),
    )
}
