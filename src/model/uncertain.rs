//! Parameters whose value is uncertain: a number, or a distribution drawn once per replication.
//! Groups of shares that must add up to 1 are in [`super::shares`].
//!
//! Each uncertain parameter draws from its own stream, keyed by its dotted name, so the same
//! parameter gets the same draw in replication r of every scenario that has it (paired
//! comparisons stay paired) and adding a parameter elsewhere changes no other draw.

use rand_distr::{Beta, Distribution as _, Pert, Triangular, Uniform};
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use statrs::distribution::{ContinuousCDF, Normal};

use crate::engine::{Stream, StreamKey};

/// Stream purpose for parameter draws (people use small purpose numbers).
const PARAMETER_PURPOSE: u8 = 200;

/// A number, or a distribution written as an inline table such as
/// `{ dist = "pert", low = 0.8, mode = 0.9, high = 1.0 }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Uncertain {
    Fixed(f64),
    Drawn(Dist),
}

/// Read by hand rather than as an untagged enum, so that a wrong value gets serde's own words
/// ("wrong type: string "four", expected ..."; "unknown field `hihg`") rather than "data did not
/// match any variant".
impl<'de> Deserialize<'de> for Uncertain {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UncertainVisitor;
        impl<'de> Visitor<'de> for UncertainVisitor {
            type Value = Uncertain;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a distribution such as { dist = \"pert\", low = 0.8, mode = 0.9, high = 1.0 }")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Uncertain::Fixed(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Uncertain::Fixed(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Uncertain::Fixed(v as f64))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Dist::deserialize(de::value::MapAccessDeserializer::new(map)).map(Uncertain::Drawn)
            }
        }
        deserializer.deserialize_any(UncertainVisitor)
    }
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
    /// exp(N(ln median, sigma^2)), truncated to [low, high]. Validation fills in missing
    /// bounds from the parameter's allowed range, so the resolved scenario shows them.
    Lognormal {
        median: f64,
        sigma: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        low: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        high: Option<f64>,
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
    /// The value of a fixed parameter; calling it on a distribution is a bug (distributions
    /// are drawn by [`crate::model::realise`]).
    pub fn value(&self) -> f64 {
        match self {
            Uncertain::Fixed(v) => *v,
            Uncertain::Drawn(d) => panic!("parameter {d:?} used before it was drawn"),
        }
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Uncertain::Fixed(_))
    }

    /// The smallest and largest values it can take (an unbounded lognormal: 0 to infinity).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Uncertain::Fixed(v) => (v, v),
            Uncertain::Drawn(Dist::Uniform { low, high })
            | Uncertain::Drawn(Dist::Triangular { low, high, .. })
            | Uncertain::Drawn(Dist::Pert { low, high, .. })
            | Uncertain::Drawn(Dist::Beta { low, high, .. }) => (low, high),
            Uncertain::Drawn(Dist::Lognormal { low, high, .. }) => {
                (low.unwrap_or(0.0), high.unwrap_or(f64::INFINITY))
            }
        }
    }

    /// Give a lognormal the bounds it lacks from the parameter's allowed range [`low`, `high`]:
    /// its draws are then truncated there. Bounds the file gives are kept as they are (the
    /// range check refuses them if they lie outside). Returns the share of the distribution as
    /// written that the added bounds cut off, for validation to judge; 0 for anything else.
    pub fn bound_to(&mut self, low: f64, high: f64) -> f64 {
        let Uncertain::Drawn(Dist::Lognormal { median, sigma, low: l, high: h }) = self else {
            return 0.0;
        };
        let before = lognormal_mass(*median, *sigma, l.unwrap_or(0.0), h.unwrap_or(f64::INFINITY));
        let (l, h) = (*l.get_or_insert(low), *h.get_or_insert(high));
        let after = if l < h { lognormal_mass(*median, *sigma, l, h) } else { 0.0 };
        if before > 0.0 { ((before - after) / before).max(0.0) } else { 1.0 }
    }

    /// What is wrong with the distribution's own parameters, if anything.
    pub fn problem(&self) -> Option<String> {
        // The width too: a range of -1e308 to 1e308 has finite ends and no width to draw from.
        let finite =
            |vals: &[f64]| vals.iter().all(|v| v.is_finite()) && (vals[vals.len() - 1] - vals[0]).is_finite();
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
                    if !finite(&[low, high])
                        || !finite(&[alpha, beta])
                        || alpha <= 0.0
                        || beta <= 0.0
                        || low >= high =>
                {
                    Some(format!(
                        "beta needs alpha > 0, beta > 0 and low < high, got {alpha}, {beta}, {low}, {high}"
                    ))
                }
                Dist::Lognormal { median, sigma, .. }
                    if !median.is_finite() || !sigma.is_finite() || median <= 0.0 || sigma <= 0.0 =>
                {
                    Some(format!("lognormal needs median > 0 and sigma > 0, got {median}, {sigma}"))
                }
                Dist::Lognormal { median, sigma, low, high } => {
                    let (low, high) = (low.unwrap_or(0.0), high.unwrap_or(f64::INFINITY));
                    if low.is_nan() || high.is_nan() || low < 0.0 || low >= high {
                        Some(format!("lognormal bounds need 0 <= low < high, got low = {low}, high = {high}"))
                    } else if lognormal_mass(median, sigma, low, high) < 1e-6 {
                        Some(format!(
                            "lognormal with median {median} and sigma {sigma} has almost no values between {low} and {high}"
                        ))
                    } else {
                        None
                    }
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
        let mut rng = parameter_rng(key, seed, replication);
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
            Dist::Lognormal { median, sigma, low, high } => {
                // Inverse-CDF sampling within the bounds: exact truncation, no rejection loop.
                let (a, b) = (
                    lognormal_cdf(median, sigma, low.unwrap_or(0.0)),
                    lognormal_cdf(median, sigma, high.unwrap_or(f64::INFINITY)),
                );
                let u = Uniform::new(0.0, 1.0).expect(invalid).sample(&mut rng);
                let z = standard_normal().inverse_cdf(a + u * (b - a));
                (median.ln() + sigma * z).exp().clamp(low.unwrap_or(0.0), high.unwrap_or(f64::INFINITY))
            }
        }
    }
}

impl Uncertain {
    /// The value at probability `u` of the distribution (its inverse CDF; a fixed value is
    /// itself): how draws that share a factor keep each parameter's own distribution.
    pub fn quantile(&self, u: f64) -> f64 {
        let d = match self {
            Uncertain::Fixed(v) => return *v,
            Uncertain::Drawn(d) => d,
        };
        let u = u.clamp(0.0, 1.0);
        let beta = |alpha: f64, beta: f64| {
            statrs::distribution::Beta::new(alpha, beta)
                .expect("distribution parameters are validated before drawing")
                .inverse_cdf(u)
        };
        match *d {
            Dist::Uniform { low, high } => low + u * (high - low),
            Dist::Triangular { low, mode, high } => {
                let at_mode = (mode - low) / (high - low);
                if u < at_mode {
                    low + (u * (high - low) * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * (high - low) * (high - mode)).sqrt()
                }
            }
            // The PERT of rand_distr, with shape 4: a beta on [low, high] with these shapes.
            Dist::Pert { low, mode, high } => {
                let width = high - low;
                low + width * beta(1.0 + 4.0 * (mode - low) / width, 1.0 + 4.0 * (high - mode) / width)
            }
            Dist::Beta { alpha, beta: b, low, high } => low + (high - low) * beta(alpha, b),
            Dist::Lognormal { median, sigma, low, high } => {
                let (a, b) = (
                    lognormal_cdf(median, sigma, low.unwrap_or(0.0)),
                    lognormal_cdf(median, sigma, high.unwrap_or(f64::INFINITY)),
                );
                let z = standard_normal().inverse_cdf(a + u * (b - a));
                (median.ln() + sigma * z).exp().clamp(low.unwrap_or(0.0), high.unwrap_or(f64::INFINITY))
            }
        }
    }

    /// Draw sharing a factor with other parameters: the parameter's own standard normal (from
    /// its own stream) mixed with `common`, a standard normal shared by the group, so that any
    /// two of the group correlate by about `rho` on the normal scale (a Gaussian copula); each
    /// keeps its own distribution.
    pub fn draw_sharing(&self, key: &str, seed: u64, replication: u32, common: f64, rho: f64) -> f64 {
        if self.is_fixed() {
            return self.quantile(0.5);
        }
        let own = standard_normal_draw(key, seed, replication);
        let mixed = rho.sqrt() * common + (1.0 - rho).sqrt() * own;
        self.quantile(standard_normal().cdf(mixed))
    }
}

/// A standard normal from the stream of the parameter named `key`.
pub fn standard_normal_draw(key: &str, seed: u64, replication: u32) -> f64 {
    let mut rng = parameter_rng(key, seed, replication);
    // Strictly inside (0, 1): the inverse CDF of 0 is minus infinity.
    let u: f64 = Uniform::new(f64::EPSILON, 1.0).expect("a valid range").sample(&mut rng);
    standard_normal().inverse_cdf(u)
}

fn standard_normal() -> Normal {
    Normal::new(0.0, 1.0).expect("the standard normal exists")
}

/// P(X <= x) for a lognormal with this median and sigma.
fn lognormal_cdf(median: f64, sigma: f64, x: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else if x == f64::INFINITY {
        1.0
    } else {
        standard_normal().cdf((x.ln() - median.ln()) / sigma)
    }
}

/// The share of a lognormal's values between `low` and `high`.
fn lognormal_mass(median: f64, sigma: f64, low: f64, high: f64) -> f64 {
    lognormal_cdf(median, sigma, high) - lognormal_cdf(median, sigma, low)
}

/// "got 3" or "its values run from 0.1 to 2".
pub fn describe_support(u: &Uncertain) -> String {
    let (min, max) = u.support();
    if u.is_fixed() { format!("got {min}") } else { format!("its values run from {min} to {max}") }
}

/// A generator for the parameter named `key` in replication `replication`: its own stream.
pub(super) fn parameter_rng(key: &str, seed: u64, replication: u32) -> rand_pcg::Pcg64 {
    Stream::new(StreamKey { seed, replication, entity: name_hash(key), purpose: PARAMETER_PURPOSE }).fork()
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

    /// The mean of the distribution by the midpoint rule over its quantiles.
    fn mean_of_quantiles(u: &Uncertain) -> f64 {
        let n = 20_000;
        (0..n).map(|i| u.quantile((i as f64 + 0.5) / n as f64)).sum::<f64>() / n as f64
    }

    #[test]
    fn quantiles_give_each_distribution_its_own_mean_and_range() {
        let pert = parse("x = { dist = \"pert\", low = 0.8, mode = 0.97, high = 1.09 }");
        assert!((mean_of_quantiles(&pert) - (0.8 + 4.0 * 0.97 + 1.09) / 6.0).abs() < 1e-4);
        let tri = parse("x = { dist = \"triangular\", low = 1, mode = 2, high = 7 }");
        assert!((mean_of_quantiles(&tri) - 10.0 / 3.0).abs() < 1e-4);
        let uniform = parse("x = { dist = \"uniform\", low = 2, high = 4 }");
        assert!((mean_of_quantiles(&uniform) - 3.0).abs() < 1e-9);
        let beta = parse("x = { dist = \"beta\", alpha = 2, beta = 6, low = 0, high = 1 }");
        assert!((mean_of_quantiles(&beta) - 0.25).abs() < 1e-4);
        for u in [&pert, &tri, &uniform, &beta] {
            let (low, high) = u.support();
            assert!((u.quantile(0.0) - low).abs() < 1e-9 && (u.quantile(1.0) - high).abs() < 1e-9);
        }
        assert_eq!(Uncertain::Fixed(3.0).quantile(0.9), 3.0);
    }

    #[test]
    fn ranges_too_wide_to_draw_from_are_problems() {
        for text in [
            "x = { dist = \"uniform\", low = -1e308, high = 1e308 }",
            "x = { dist = \"pert\", low = -1e308, mode = 0, high = 1e308 }",
            "x = { dist = \"triangular\", low = -1e308, mode = 0, high = 1e308 }",
            "x = { dist = \"beta\", alpha = 2, beta = 2, low = -1e308, high = 1e308 }",
        ] {
            assert!(parse(text).problem().is_some(), "{text}");
        }
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
    fn a_lognormal_is_truncated_to_its_bounds_with_its_median_kept_when_little_is_cut() {
        let mut u = Uncertain::Drawn(Dist::Lognormal { median: 0.9, sigma: 0.1, low: None, high: None });
        let cut = u.bound_to(0.0, 10.0);
        assert!(cut < 1e-12, "{cut}");
        let draws: Vec<f64> = (0..2001).map(|r| u.draw("k", 4, r)).collect();
        assert!(draws.iter().all(|&v| (0.0..=10.0).contains(&v)));
        let mut sorted = draws.clone();
        sorted.sort_by(f64::total_cmp);
        // The sample median of 2,001 draws has standard error about 1.25 x 0.9 x 0.1 / 45 = 0.0025.
        assert!((sorted[1000] - 0.9).abs() < 4.0 * 0.0025, "{}", sorted[1000]);

        let mut tight = Uncertain::Drawn(Dist::Lognormal { median: 1.0, sigma: 1.0, low: None, high: None });
        let cut = tight.bound_to(0.5, 2.0);
        // P(|Z| > ln 2) = 0.488 of a standard lognormal lies outside [0.5, 2].
        assert!((cut - 0.488).abs() < 0.001, "{cut}");
        assert!((0..500).map(|r| tight.draw("t", 1, r)).all(|v| (0.5..=2.0).contains(&v)));
    }

    #[test]
    fn bad_distributions_are_named() {
        assert!(Uncertain::Drawn(Dist::Uniform { low: 2.0, high: 1.0 }).problem().is_some());
        assert!(Uncertain::Drawn(Dist::Pert { low: 0.0, mode: 2.0, high: 1.0 }).problem().is_some());
        assert!(Uncertain::Fixed(f64::NAN).problem().is_some());
        assert!(Uncertain::Fixed(0.3).problem().is_none());
    }
}
