//! Parameters whose value is uncertain: a number, or a distribution drawn once per replication.
//!
//! Each uncertain parameter draws from its own stream, keyed by its dotted name, so the same
//! parameter gets the same draw in replication r of every scenario that has it (paired
//! comparisons stay paired) and adding a parameter elsewhere changes no other draw.

use rand_distr::{Beta, Distribution as _, LogNormal, Pert, Triangular, Uniform};
use serde::{Deserialize, Serialize};

use crate::engine::{Stream, StreamKey};

/// Stream purpose for parameter draws (people use small purpose numbers).
const PARAMETER_PURPOSE: u8 = 200;

/// A number, or a distribution written as an inline table such as
/// `{ dist = "pert", low = 0.8, mode = 0.9, high = 1.0 }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Uncertain {
    Fixed(f64),
    Drawn(Dist),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "lowercase", deny_unknown_fields)]
pub enum Dist {
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    Pert {
        low: f64,
        mode: f64,
        high: f64,
    },
    /// Beta(alpha, beta) stretched onto [low, high] (default [0, 1]).
    Beta {
        alpha: f64,
        beta: f64,
        #[serde(default)]
        low: f64,
        #[serde(default = "one")]
        high: f64,
    },
    /// exp(N(ln median, sigma^2)).
    Lognormal {
        median: f64,
        sigma: f64,
    },
}

fn one() -> f64 {
    1.0
}

impl From<f64> for Uncertain {
    fn from(v: f64) -> Self {
        Uncertain::Fixed(v)
    }
}

impl Uncertain {
    /// The value of a realised parameter. The model only sees realised parameters
    /// ([`crate::model::params::Params::realise`]), so a distribution here is a bug.
    pub fn value(&self) -> f64 {
        match self {
            Uncertain::Fixed(v) => *v,
            Uncertain::Drawn(d) => panic!("parameter {d:?} used before it was drawn"),
        }
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Uncertain::Fixed(_))
    }

    /// The smallest and largest values it can take (lognormal: up to infinity).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Uncertain::Fixed(v) => (v, v),
            Uncertain::Drawn(Dist::Uniform { low, high })
            | Uncertain::Drawn(Dist::Triangular { low, high, .. })
            | Uncertain::Drawn(Dist::Pert { low, high, .. })
            | Uncertain::Drawn(Dist::Beta { low, high, .. }) => (low, high),
            Uncertain::Drawn(Dist::Lognormal { .. }) => (0.0, f64::INFINITY),
        }
    }

    /// What is wrong with the distribution's own parameters, if anything.
    pub fn problem(&self) -> Option<String> {
        let finite = |vals: &[f64]| vals.iter().all(|v| v.is_finite());
        match *self {
            Uncertain::Fixed(v) if !v.is_finite() => Some(format!("must be a number, got {v}")),
            Uncertain::Fixed(_) => None,
            Uncertain::Drawn(d) => match d {
                Dist::Uniform { low, high } if !finite(&[low, high]) || low >= high => {
                    Some(format!("uniform needs low < high, got low = {low}, high = {high}"))
                }
                Dist::Triangular { low, mode, high } | Dist::Pert { low, mode, high }
                    if !finite(&[low, mode, high]) || low >= high || mode < low || mode > high =>
                {
                    Some(format!("needs low < high and low <= mode <= high, got {low}, {mode}, {high}"))
                }
                Dist::Beta { alpha, beta, low, high }
                    if !finite(&[alpha, beta, low, high]) || alpha <= 0.0 || beta <= 0.0 || low >= high =>
                {
                    Some(format!(
                        "beta needs alpha > 0, beta > 0 and low < high, got {alpha}, {beta}, {low}, {high}"
                    ))
                }
                Dist::Lognormal { median, sigma }
                    if !finite(&[median, sigma]) || median <= 0.0 || sigma < 0.0 =>
                {
                    Some(format!("lognormal needs median > 0 and sigma >= 0, got {median}, {sigma}"))
                }
                _ => None,
            },
        }
    }

    /// Draw the value for replication `replication` of a run with master seed `seed`.
    /// Call only on a parameter without [`Uncertain::problem`].
    pub fn draw(&self, key: &str, seed: u64, replication: u32) -> f64 {
        let d = match self {
            Uncertain::Fixed(v) => return *v,
            Uncertain::Drawn(d) => d,
        };
        let mut stream =
            Stream::new(StreamKey { seed, replication, entity: name_hash(key), purpose: PARAMETER_PURPOSE });
        let mut rng = stream.fork();
        let invalid = "distribution parameters are validated before drawing";
        match *d {
            Dist::Uniform { low, high } => Uniform::new(low, high).expect(invalid).sample(&mut rng),
            Dist::Triangular { low, mode, high } => {
                Triangular::new(low, high, mode).expect(invalid).sample(&mut rng)
            }
            Dist::Pert { low, mode, high } => {
                Pert::new(low, high).with_mode(mode).expect(invalid).sample(&mut rng)
            }
            Dist::Beta { alpha, beta, low, high } => {
                low + (high - low) * Beta::new(alpha, beta).expect(invalid).sample(&mut rng)
            }
            Dist::Lognormal { median, sigma } => {
                LogNormal::new(median.ln(), sigma).expect(invalid).sample(&mut rng)
            }
        }
    }
}

/// FNV-1a, folded to 32 bits: a fixed, documented hash so a name maps to the same stream in
/// every build.
fn name_hash(key: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Uncertain {
        #[derive(Deserialize)]
        struct W {
            x: Uncertain,
        }
        toml::from_str::<W>(text).unwrap().x
    }

    #[test]
    fn numbers_and_distributions_parse() {
        assert_eq!(parse("x = 0.9"), Uncertain::Fixed(0.9));
        assert_eq!(parse("x = 1"), Uncertain::Fixed(1.0));
        assert_eq!(
            parse("x = { dist = \"pert\", low = 0.8, mode = 0.9, high = 1.0 }"),
            Uncertain::Drawn(Dist::Pert { low: 0.8, mode: 0.9, high: 1.0 })
        );
        assert_eq!(
            parse("x = { dist = \"beta\", alpha = 2, beta = 3 }"),
            Uncertain::Drawn(Dist::Beta { alpha: 2.0, beta: 3.0, low: 0.0, high: 1.0 })
        );
    }

    #[test]
    fn draws_are_reproducible_within_support_and_differ_by_replication() {
        let u = Uncertain::Drawn(Dist::Triangular { low: 0.5, mode: 0.8, high: 1.0 });
        let a = u.draw("teams.effects.crisis_rate", 1, 0);
        assert_eq!(a, u.draw("teams.effects.crisis_rate", 1, 0));
        assert_ne!(a, u.draw("teams.effects.crisis_rate", 1, 1));
        assert_ne!(a, u.draw("teams.effects.length_of_stay", 1, 0));
        for r in 0..200 {
            let v = u.draw("k", 3, r);
            assert!((0.5..=1.0).contains(&v));
        }
    }

    #[test]
    fn pert_mean_is_near_its_formula() {
        // PERT mean = (low + 4 mode + high) / 6 = 0.8 here; it is 0.5 + 0.6 Beta(3, 3), sd 0.113,
        // so the mean of 2,000 draws has standard error 0.0025: allow 4 of them.
        let u = Uncertain::Drawn(Dist::Pert { low: 0.5, mode: 0.8, high: 1.1 });
        let mean = (0..2000).map(|r| u.draw("k", 5, r)).sum::<f64>() / 2000.0;
        assert!((mean - 0.8).abs() < 4.0 * 0.0025, "{mean}");
    }

    #[test]
    fn bad_distributions_are_named() {
        assert!(Uncertain::Drawn(Dist::Uniform { low: 2.0, high: 1.0 }).problem().is_some());
        assert!(Uncertain::Drawn(Dist::Pert { low: 0.0, mode: 2.0, high: 1.0 }).problem().is_some());
        assert!(Uncertain::Fixed(f64::NAN).problem().is_some());
        assert!(Uncertain::Fixed(0.3).problem().is_none());
    }
}
