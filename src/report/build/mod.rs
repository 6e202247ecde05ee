//! Building charts from a result folder's numbers: each function turns what `results::read`
//! returns into a [`Chart`](super::draw::Chart) with its title, labels, legend and scales.
//! Which charts a folder gets, and their file names, are decided in `catalogue`.

pub mod by_year;
pub mod cohorts;
pub mod places;
pub mod run;
pub mod sweep;

use crate::results::Summary;

/// The uncertainty interval a chart draws: the range that holds 95% of the replications (each
/// a possible future), not the precision of the mean. `None` with one replication.
pub fn futures(s: &Summary) -> Option<(f64, f64)> {
    s.sd.map(|_| (s.p025, s.p975))
}

/// The uncertainty interval from its two ends, `None` with one replication (no spread).
pub fn futures_of(replications: u64, p025: f64, p975: f64) -> Option<(f64, f64)> {
    (replications > 1).then_some((p025, p975))
}

/// How a chart's legend and title name the uncertainty interval.
pub const FUTURES: &str = "range of 95% of futures";
