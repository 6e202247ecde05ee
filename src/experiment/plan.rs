//! Experiment files and their designs: which points to run, and how the work is split into
//! units that shards of a cluster job can run independently.
//!
//! A point is a set of overrides (dotted key -> value) applied to the experiment's scenario.
//! Every point, and the reference the differences are taken against, runs the same
//! replications on the same seed, so differences between points are paired.

use std::path::{Path, PathBuf};

use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::engine::{Stream, StreamKey};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scenario varied at each point (relative to the experiment file).
    pub scenario: PathBuf,
    /// The scenario differences are taken against; the unchanged `scenario` if absent.
    #[serde(default)]
    pub reference: Option<PathBuf>,
    pub replications: u32,
    pub seed: u64,
    #[serde(default)]
    pub years: Option<u32>,
    #[serde(default)]
    pub warmup_years: Option<u32>,
    /// Metrics of interest, reported in `sweep.csv`.
    pub metrics: Vec<String>,
    pub design: Design,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignKind {
    /// Every combination of every parameter's `values`.
    Grid,
    /// Point i takes the i-th of each parameter's `values`.
    Points,
    /// `samples` points, each parameter's range cut into `samples` equal bins, each bin used once.
    LatinHypercube,
    /// The scenario as it is, then each parameter at its `low` and at its `high` alone.
    OneWay,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    pub kind: DesignKind,
    #[serde(default)]
    pub samples: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Any scenario key, e.g. `d2a_scheme.beds` or `teams[0].staff[0].fte`.
    pub key: String,
    #[serde(default)]
    pub values: Vec<toml::Value>,
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    /// Round sampled values to whole numbers (for counts such as beds).
    #[serde(default)]
    pub integer: bool,
}

/// One point of the design: its overrides, in parameter order.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub values: Vec<(String, toml::Value)>,
}

/// What is wrong with the design, if anything (checked before anything runs).
pub fn design_problems(e: &ExperimentFile) -> Vec<String> {
    let mut problems = Vec::new();
    if e.replications < 2 {
        problems.push(format!("replications must be at least 2 for intervals, got {}", e.replications));
    }
    if e.metrics.is_empty() {
        problems.push("metrics: name at least one metric of interest".into());
    }
    let mut keys: Vec<&str> = e.parameters.iter().map(|p| p.key.as_str()).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        problems.push(format!("parameter {} is listed twice", w[0]));
    }
    let needs_values = matches!(e.design.kind, DesignKind::Grid | DesignKind::Points);
    for p in &e.parameters {
        if needs_values && p.values.is_empty() {
            problems.push(format!("parameter {}: a {:?} design needs `values`", p.key, e.design.kind));
        }
        if !needs_values {
            match (p.low, p.high) {
                (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() && lo <= hi => {}
                _ => problems.push(format!("parameter {}: needs `low` <= `high`", p.key)),
            }
        }
    }
    if e.design.kind == DesignKind::Points {
        let lengths: Vec<usize> = e.parameters.iter().map(|p| p.values.len()).collect();
        if lengths.windows(2).any(|w| w[0] != w[1]) {
            problems.push(format!(
                "a points design needs the same number of values for every parameter, got {lengths:?}"
            ));
        }
    }
    if e.design.kind == DesignKind::LatinHypercube && e.design.samples.unwrap_or(0) < 2 {
        problems.push("design.samples: a latin_hypercube design needs at least 2 samples".into());
    }
    if e.design.kind != DesignKind::LatinHypercube && e.design.samples.is_some() {
        problems.push("design.samples is only for latin_hypercube designs".into());
    }
    if e.parameters.len() > MAX_PARAMETERS {
        problems.push(format!(
            "the design varies {} parameters; allowed: at most {MAX_PARAMETERS}",
            e.parameters.len()
        ));
        return problems;
    }
    let size = design_size(e);
    if size > MAX_POINTS {
        problems.push(format!(
            "the design has {size} points; allowed: at most {MAX_POINTS} (split the study into several \
             experiments, or use a latin_hypercube design with fewer samples)"
        ));
    } else if size.saturating_mul(u64::from(e.replications)) > MAX_REPLICATIONS_IN_ALL {
        problems.push(format!(
            "{size} points x {} replications is {} replications in all; allowed: at most {MAX_REPLICATIONS_IN_ALL}",
            e.replications,
            size.saturating_mul(u64::from(e.replications))
        ));
    }
    problems
}

/// The most parameters a design may vary (each point holds a value of each).
pub const MAX_PARAMETERS: usize = 200;
/// The most points a design may have: each is loaded and checked as a scenario before anything
/// runs, and each replication's values are held when the results are assembled.
pub const MAX_POINTS: u64 = 10_000;
/// The most replications a sweep may run in all, over every point.
pub const MAX_REPLICATIONS_IN_ALL: u64 = 5_000_000;

/// How many points the design has, counted without making them (saturating).
pub fn design_size(e: &ExperimentFile) -> u64 {
    match e.design.kind {
        DesignKind::Grid => e.parameters.iter().fold(1u64, |n, p| n.saturating_mul(p.values.len() as u64)),
        DesignKind::Points => e.parameters.first().map_or(1, |p| p.values.len() as u64),
        DesignKind::LatinHypercube => u64::from(e.design.samples.unwrap_or(0)),
        DesignKind::OneWay => 1 + 2 * e.parameters.len() as u64,
    }
}

/// Stream purpose for Latin hypercube sampling (parameters and people use others).
const LHS_PURPOSE: u8 = 201;

fn number(v: f64, integer: bool) -> toml::Value {
    if integer { toml::Value::Integer(v.round() as i64) } else { toml::Value::Float(v) }
}

/// The design's points, in a fixed order. Call on a design without [`design_problems`].
pub fn points(e: &ExperimentFile) -> Vec<Point> {
    let params = &e.parameters;
    match e.design.kind {
        DesignKind::Grid => {
            let mut points = vec![Point { values: Vec::new() }];
            for p in params {
                points = points
                    .into_iter()
                    .flat_map(|point| {
                        p.values.iter().map(move |v| {
                            let mut values = point.values.clone();
                            values.push((p.key.clone(), v.clone()));
                            Point { values }
                        })
                    })
                    .collect();
            }
            points
        }
        DesignKind::Points => {
            let n = params.first().map_or(1, |p| p.values.len());
            (0..n)
                .map(|i| Point {
                    values: params.iter().map(|p| (p.key.clone(), p.values[i].clone())).collect(),
                })
                .collect()
        }
        DesignKind::LatinHypercube => {
            let n = e.design.samples.unwrap_or(2) as usize;
            let columns: Vec<Vec<toml::Value>> = params
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let mut stream = Stream::new(StreamKey {
                        seed: e.seed,
                        replication: 0,
                        entity: j as u32,
                        purpose: LHS_PURPOSE,
                    });
                    let mut bins: Vec<usize> = (0..n).collect();
                    bins.shuffle(&mut stream.fork());
                    let (lo, hi) = (p.low.unwrap_or(0.0), p.high.unwrap_or(0.0));
                    // Whole numbers: stratify [low, high + 1) and round down, so every whole value
                    // from low to high is equally likely.
                    let top = if p.integer { hi + 1.0 } else { hi };
                    bins.iter()
                        .map(|&b| {
                            let v = lo + (b as f64 + stream.uniform()) / n as f64 * (top - lo);
                            if p.integer {
                                toml::Value::Integer(v.floor().min(hi) as i64)
                            } else {
                                toml::Value::Float(v)
                            }
                        })
                        .collect()
                })
                .collect();
            (0..n)
                .map(|i| Point {
                    values: params.iter().zip(&columns).map(|(p, c)| (p.key.clone(), c[i].clone())).collect(),
                })
                .collect()
        }
        DesignKind::OneWay => {
            let mut points = vec![Point { values: Vec::new() }];
            for p in params {
                for v in [p.low, p.high] {
                    points.push(Point { values: vec![(p.key.clone(), number(v.unwrap_or(0.0), p.integer))] });
                }
            }
            points
        }
    }
}

/// A unit of work: replications `first_rep..end_rep` of one group (the reference, or a point).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub group: Group,
    pub first_rep: u32,
    pub end_rep: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Reference,
    Point(usize),
}

impl Unit {
    /// A file-name-safe identity, the same whoever runs it.
    pub fn id(&self) -> String {
        let group = match self.group {
            Group::Reference => "reference".to_string(),
            Group::Point(i) => format!("point-{i:05}"),
        };
        format!("{group}-reps-{:06}-{:06}", self.first_rep, self.end_rep)
    }
}

/// All units, in order: when there are fewer groups than shards, each group's replications
/// are split into blocks so every shard has work.
pub fn units(points: usize, replications: u32, shards: u32) -> Vec<Unit> {
    let groups: Vec<Group> = std::iter::once(Group::Reference).chain((0..points).map(Group::Point)).collect();
    let blocks = (shards as usize).div_ceil(groups.len()).clamp(1, replications.max(1) as usize) as u32;
    let mut list = Vec::new();
    for group in groups {
        for b in 0..blocks {
            let first_rep = replications * b / blocks;
            let end_rep = replications * (b + 1) / blocks;
            if end_rep > first_rep {
                list.push(Unit { group, first_rep, end_rep });
            }
        }
    }
    list
}

/// The units shard `index` (0-based) of `count` runs: every `count`-th, starting at `index`.
pub fn shard(units: &[Unit], index: u32, count: u32) -> Vec<Unit> {
    units.iter().skip(index as usize).step_by(count.max(1) as usize).cloned().collect()
}

/// A path given in an experiment file, taken relative to that file.
pub fn relative_to(file: &Path, path: &Path) -> PathBuf {
    file.parent().unwrap_or(Path::new(".")).join(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn experiment(kind: DesignKind, parameters: Vec<Parameter>, samples: Option<u32>) -> ExperimentFile {
        ExperimentFile {
            name: "t".into(),
            description: String::new(),
            scenario: "s.toml".into(),
            reference: None,
            replications: 4,
            seed: 7,
            years: None,
            warmup_years: None,
            metrics: vec!["deaths".into()],
            design: Design { kind, samples },
            parameters,
        }
    }

    fn range(key: &str, low: f64, high: f64) -> Parameter {
        Parameter { key: key.into(), values: vec![], low: Some(low), high: Some(high), integer: false }
    }

    #[test]
    fn grid_is_every_combination_in_order() {
        let values = |v: &[i64]| v.iter().map(|&x| toml::Value::Integer(x)).collect();
        let e = experiment(
            DesignKind::Grid,
            vec![
                Parameter { key: "a".into(), values: values(&[0, 1]), low: None, high: None, integer: false },
                Parameter {
                    key: "b".into(),
                    values: values(&[5, 6, 7]),
                    low: None,
                    high: None,
                    integer: false,
                },
            ],
            None,
        );
        let p = points(&e);
        assert_eq!(p.len(), 6);
        assert_eq!(
            p[1].values,
            vec![("a".into(), toml::Value::Integer(0)), ("b".into(), toml::Value::Integer(6))]
        );
    }

    #[test]
    fn latin_hypercube_uses_every_bin_once_per_parameter() {
        let n = 25;
        let e = experiment(
            DesignKind::LatinHypercube,
            vec![range("x", 0.0, 1.0), range("y", 10.0, 20.0)],
            Some(n),
        );
        let p = points(&e);
        assert_eq!(p.len(), n as usize);
        for (j, (lo, hi)) in [(0.0, 1.0), (10.0, 20.0)].into_iter().enumerate() {
            let mut bins: Vec<usize> = p
                .iter()
                .map(|pt| {
                    let v = pt.values[j].1.as_float().unwrap();
                    (((v - lo) / (hi - lo)) * f64::from(n)).floor() as usize
                })
                .collect();
            bins.sort_unstable();
            assert_eq!(bins, (0..n as usize).collect::<Vec<_>>(), "parameter {j}");
        }
    }

    #[test]
    fn one_way_is_central_then_low_and_high() {
        let e = experiment(DesignKind::OneWay, vec![range("x", 0.5, 1.5), range("y", 2.0, 3.0)], None);
        let p = points(&e);
        assert_eq!(p.len(), 5);
        assert!(p[0].values.is_empty());
        assert_eq!(p[3].values, vec![("y".into(), toml::Value::Float(2.0))]);
    }

    #[test]
    fn units_split_replications_when_shards_outnumber_groups() {
        let few = units(0, 10, 3);
        assert_eq!(few.len(), 3);
        assert_eq!((few[0].first_rep, few[2].end_rep), (0, 10));
        let many = units(5, 10, 3);
        assert_eq!(many.len(), 6, "one unit per group");
        let all: Vec<Unit> = (0..3).flat_map(|i| shard(&many, i, 3)).collect();
        assert_eq!(all.len(), many.len());
    }
}
