//! The rules every value is checked against: ranges for numbers and distributions, shares that
//! add up to 1. Each failure names the key and says what is allowed; all are collected, not
//! just the first.

use crate::model::inputs::Cost;
use crate::model::shares::{SHARE_TOLERANCE, Shares, each_sum_problem};
use crate::model::uncertain::{Dist, Uncertain, describe_support};

/// A lognormal whose allowed range cuts off more than this share of its values is refused:
/// the truncation that keeps draws in range should be a technicality, not reshape it.
const MAX_LOGNORMAL_CUT: f64 = 0.01;

/// The longest name a scenario or team may have.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest description a scenario may have.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

#[derive(Default)]
pub(super) struct Rules {
    pub(super) problems: Vec<(String, String)>,
    /// The keys of the lists of shares that must add up to 1, as they were checked.
    pub(super) share_lists: Vec<String>,
}

impl Rules {
    pub(super) fn fail(&mut self, key: &str, message: String) {
        self.problems.push((key.to_string(), message));
    }

    /// A name: not blank, on one line, and short enough for a folder name and a chart title.
    pub(super) fn name(&mut self, key: &str, name: &str) {
        let length = name.chars().count();
        if name.trim().is_empty() {
            self.fail(key, "must not be empty".into());
        } else if length > MAX_NAME_CHARS {
            self.fail(key, format!("is {length} characters long; allowed: at most {MAX_NAME_CHARS}"));
        } else if name.chars().any(char::is_control) {
            self.fail(key, "must be on one line, without control characters".into());
        }
    }

    /// A number or distribution whose every possible value lies in [low, high]. An unbounded
    /// lognormal is truncated to the range (and refused if that cuts off much of it).
    pub(super) fn between(&mut self, key: &str, u: &mut Uncertain, low: f64, high: f64, what: &str) {
        if let Some(problem) = u.problem() {
            return self.fail(key, problem);
        }
        let cut = u.bound_to(low, high);
        if let Some(problem) = u.problem() {
            return self.fail(key, problem);
        }
        if cut > MAX_LOGNORMAL_CUT {
            return self.fail(
                key,
                format!(
                    "must be {what} (between {low} and {high}); this lognormal has {:.1}% of its values \
                     outside that range: narrow it, or give it `low` and `high` to cut it on purpose",
                    cut * 100.0
                ),
            );
        }
        let (min, max) = u.support();
        if min < low || max > high {
            self.fail(key, format!("must be {what} (between {low} and {high}), {}", describe_support(u)));
        }
    }

    pub(super) fn probability(&mut self, key: &str, u: &mut Uncertain) {
        self.between(key, u, 0.0, 1.0, "a probability");
    }

    pub(super) fn non_negative(&mut self, key: &str, u: &mut Uncertain) {
        if let Some(problem) = u.problem() {
            return self.fail(key, problem);
        }
        if u.support().0 < 0.0 {
            self.fail(key, format!("must be 0 or more, {}", describe_support(u)));
        }
    }

    /// More than 0: a lognormal (whose values all are) qualifies whatever its lower bound.
    pub(super) fn positive(&mut self, key: &str, u: &mut Uncertain) {
        if let Some(problem) = u.problem() {
            return self.fail(key, problem);
        }
        let lognormal = matches!(u, Uncertain::Drawn(Dist::Lognormal { .. }));
        if u.support().0 <= 0.0 && !lognormal {
            self.fail(key, format!("must be more than 0, {}", describe_support(u)));
        }
    }

    pub(super) fn days(&mut self, key: &str, u: &mut Uncertain, low: f64, high: f64) {
        self.between(key, u, low, high, "a number of days");
    }

    pub(super) fn each<F: Fn(&mut Self, &str, &mut Uncertain)>(
        &mut self,
        key: &str,
        values: &mut [Uncertain],
        rule: F,
    ) {
        for (i, v) in values.iter_mut().enumerate() {
            rule(self, &format!("{key}[{i}]"), v);
        }
    }

    pub(super) fn probabilities(&mut self, key: &str, values: &mut [Uncertain]) {
        self.each(key, values, Self::probability);
    }

    pub(super) fn shares<const N: usize>(&mut self, key: &str, shares: &mut Shares<N>) {
        self.share_lists.push(key.to_string());
        if let Shares::Each(values) = shares {
            // Bound any lognormal entries to [0, 1] first, so the sum rule sees the bounds.
            let before = self.problems.len();
            self.probabilities(key, values);
            if self.problems.len() > before {
                return;
            }
        }
        for (index, message) in shares.problems() {
            let key = index.map_or(key.to_string(), |i| format!("{key}[{i}]"));
            self.fail(&key, message);
        }
    }

    pub(super) fn cost(&mut self, key: &str, c: &mut Cost) {
        self.between(&format!("{key}.gbp"), &mut c.gbp, 0.0, 1.0e9, "an amount in pounds");
    }

    pub(super) fn outcomes(&mut self, key: &str, outcomes: [&mut Uncertain; 3]) {
        let before = self.problems.len();
        let [home, care_home, death] = outcomes;
        self.probability(&format!("{key}.outcome_home"), home);
        self.probability(&format!("{key}.outcome_care_home"), care_home);
        self.probability(&format!("{key}.outcome_death"), death);
        if self.problems.len() > before {
            return;
        }
        let all = [*home, *care_home, *death];
        if all.iter().all(Uncertain::is_fixed) {
            let sum: f64 = all.iter().map(Uncertain::value).sum();
            if (sum - 1.0).abs() > SHARE_TOLERANCE {
                // Reported at the section: any of the three keys may be the one to change.
                self.fail(
                    key,
                    format!(
                        "outcome_home + outcome_care_home + outcome_death must add up to 1, they add up to {sum}"
                    ),
                );
            }
        } else if let Some(problem) = each_sum_problem(all.iter()) {
            self.fail(key, format!("outcome_home + outcome_care_home + outcome_death: {problem}"));
        }
    }

    /// Any number (a distribution too).
    pub(super) fn number(&mut self, key: &str, u: &Uncertain) {
        if let Some(problem) = u.problem() {
            self.fail(key, problem);
        }
    }
}
