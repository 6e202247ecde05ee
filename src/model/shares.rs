//! Shares that must add up to 1 (age bands, frailty and conditions of the population, discharge
//! pathways): a list whose entries are numbers or distributions, where the fixed entries take up
//! what the drawn ones leave (in proportion), or one Dirichlet distribution drawn jointly.

use std::fmt;

use rand_distr::{Dirichlet, Distribution as _};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::uncertain::{Uncertain, describe_support, parameter_rng};

/// Shares that add up to 1: a list whose entries are numbers or distributions, or one
/// Dirichlet distribution for the whole list (`{ dist = "dirichlet", mean = [...],
/// concentration = 50 }`, each share's variance mean x (1 - mean) / (concentration + 1)).
#[derive(Debug, Clone, PartialEq)]
pub enum Shares<const N: usize> {
    Each([Uncertain; N]),
    Joint(JointShares),
}

/// A Dirichlet distribution over a list of shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointShares {
    /// Always `"dirichlet"`.
    pub dist: String,
    pub mean: Vec<f64>,
    pub concentration: f64,
}

impl<const N: usize> Shares<N> {
    /// What is wrong with these shares, if anything, as (index or None for the whole, message).
    pub fn problems(&self) -> Vec<(Option<usize>, String)> {
        let mut out = Vec::new();
        match self {
            Shares::Joint(j) => {
                if j.dist != "dirichlet" {
                    out.push((
                        None,
                        format!("a joint distribution of shares must be `dirichlet`, got `{}`", j.dist),
                    ));
                }
                if j.mean.len() != N {
                    out.push((None, format!("`mean` needs {N} shares, got {}", j.mean.len())));
                } else if j.mean.iter().any(|m| !m.is_finite() || *m <= 0.0) {
                    out.push((None, format!("every mean share must be more than 0, got {:?}", j.mean)));
                } else if (j.mean.iter().sum::<f64>() - 1.0).abs() > SHARE_TOLERANCE {
                    out.push((
                        None,
                        format!(
                            "mean shares must add up to 1, these add up to {}",
                            j.mean.iter().sum::<f64>()
                        ),
                    ));
                }
                if !j.concentration.is_finite() || j.concentration <= 0.0 {
                    out.push((None, format!("concentration must be more than 0, got {}", j.concentration)));
                } else if j.mean.iter().any(|m| m * j.concentration < MIN_DIRICHLET_ALPHA) {
                    out.push((
                        None,
                        format!(
                            "each mean share times the concentration must be at least {MIN_DIRICHLET_ALPHA} \
                             (a share that small is drawn as 0 or not at all); raise the concentration"
                        ),
                    ));
                }
            }
            Shares::Each(values) => {
                for (i, v) in values.iter().enumerate() {
                    if let Some(p) = v.problem() {
                        out.push((Some(i), p));
                    } else if let (low, high) = v.support()
                        && (low < 0.0 || high > 1.0)
                    {
                        out.push((
                            Some(i),
                            format!("must be a share (between 0 and 1), {}", describe_support(v)),
                        ));
                    }
                }
                if !out.is_empty() {
                    return out;
                }
                out.extend(each_sum_problem(values.iter()).map(|m| (None, m)));
            }
        }
        out
    }
}

/// The smallest Dirichlet parameter (mean share x concentration) allowed: below it draws are
/// numerically unreliable.
const MIN_DIRICHLET_ALPHA: f64 = 0.01;

/// Shares may miss 1 by this much (rounding in a hand-written file).
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// The rule for a group of shares given one by one: fixed shares alone add up to 1; with some
/// uncertain, the shares as written can add up to 1 (1 lies between their lowest and highest
/// sums, so the fixed ones are only adjusted, never reinvented), the uncertain ones can never
/// take more than 1 together, and some fixed share is left to take up the rest (all uncertain:
/// give them jointly, as a Dirichlet).
pub fn each_sum_problem<'a>(values: impl Iterator<Item = &'a Uncertain> + Clone) -> Option<String> {
    let fixed: f64 = values.clone().filter(|v| v.is_fixed()).map(|v| v.support().0).sum();
    let drawn_max: f64 = values.clone().filter(|v| !v.is_fixed()).map(|v| v.support().1).sum();
    let drawn_min: f64 = values.clone().filter(|v| !v.is_fixed()).map(|v| v.support().0).sum();
    let any_drawn = values.clone().any(|v| !v.is_fixed());
    if !any_drawn {
        return ((fixed - 1.0).abs() > SHARE_TOLERANCE)
            .then(|| format!("shares must add up to 1, these add up to {fixed}"));
    }
    if fixed <= 0.0 {
        return Some(
            "with every share uncertain they cannot be kept adding up to 1: give them jointly, \
             as { dist = \"dirichlet\", mean = [...], concentration = ... }, or fix one"
                .into(),
        );
    }
    if drawn_max > 1.0 + SHARE_TOLERANCE {
        return Some(format!(
            "the uncertain shares can add up to {drawn_max}, more than 1, leaving nothing for the rest"
        ));
    }
    let (lowest, highest) = (fixed + drawn_min, fixed + drawn_max);
    (lowest > 1.0 + SHARE_TOLERANCE || highest < 1.0 - SHARE_TOLERANCE).then(|| {
        format!(
            "shares must be able to add up to 1; as written they add up to between {lowest} and {highest}"
        )
    })
}

/// Draw a group of shares given one by one: the uncertain ones are drawn, and the fixed ones
/// are scaled, keeping their proportions, to take up what is left.
pub fn draw_each(values: &[Uncertain], draw: &mut dyn FnMut(usize, &Uncertain) -> f64) -> Vec<f64> {
    let drawn: Vec<Option<f64>> =
        values.iter().enumerate().map(|(i, v)| (!v.is_fixed()).then(|| draw(i, v))).collect();
    if drawn.iter().all(Option::is_none) {
        return values.iter().map(Uncertain::value).collect();
    }
    let left = 1.0 - drawn.iter().flatten().sum::<f64>();
    let fixed: f64 = values.iter().filter(|v| v.is_fixed()).map(Uncertain::value).sum();
    values.iter().zip(&drawn).map(|(v, d)| d.unwrap_or_else(|| v.value() * left / fixed)).collect()
}

impl JointShares {
    /// Draw the shares for replication `replication` from the stream named `key`.
    pub fn draw<const N: usize>(&self, key: &str, seed: u64, replication: u32) -> [f64; N] {
        let mut rng = parameter_rng(key, seed, replication);
        let alpha: [f64; N] = std::array::from_fn(|i| self.mean[i] * self.concentration);
        Dirichlet::new(alpha).expect("dirichlet parameters are validated before drawing").sample(&mut rng)
    }
}

impl<const N: usize> Serialize for Shares<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shares::Each(values) => values.as_slice().serialize(serializer),
            Shares::Joint(joint) => joint.serialize(serializer),
        }
    }
}

impl<'de, const N: usize> Deserialize<'de> for Shares<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SharesVisitor<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for SharesVisitor<N> {
            type Value = Shares<N>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    f,
                    "a list of {N} shares, or {{ dist = \"dirichlet\", mean = [...], concentration = ... }}"
                )
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::with_capacity(N);
                while let Some(v) = seq.next_element::<Uncertain>()? {
                    values.push(v);
                }
                let got = values.len();
                values.try_into().map(Shares::Each).map_err(|_| de::Error::invalid_length(got, &self))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                JointShares::deserialize(de::value::MapAccessDeserializer::new(map)).map(Shares::Joint)
            }
        }
        deserializer.deserialize_any(SharesVisitor::<N>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::uncertain::Dist;

    fn uniform(low: f64, high: f64) -> Uncertain {
        Uncertain::Drawn(Dist::Uniform { low, high })
    }

    #[test]
    fn fixed_shares_take_up_what_the_drawn_ones_leave_in_proportion() {
        let values = [uniform(0.0, 0.2), Uncertain::Fixed(0.6), Uncertain::Fixed(0.2)];
        let drawn = draw_each(&values, &mut |_, _| 0.2);
        assert_eq!(drawn.len(), 3);
        assert!((drawn.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((drawn[1] / drawn[2] - 3.0).abs() < 1e-12, "{drawn:?}");
        assert_eq!(drawn[0], 0.2);
        let fixed = [Uncertain::Fixed(0.25), Uncertain::Fixed(0.75)];
        assert_eq!(draw_each(&fixed, &mut |_, _| unreachable!()), vec![0.25, 0.75]);
    }

    #[test]
    fn share_groups_that_cannot_add_up_to_one_are_named() {
        let fixed = [Uncertain::Fixed(0.5), Uncertain::Fixed(0.4)];
        assert!(each_sum_problem(fixed.iter()).unwrap().contains("0.9"));
        let all_drawn = [uniform(0.0, 0.5), uniform(0.0, 0.5)];
        assert!(each_sum_problem(all_drawn.iter()).unwrap().contains("dirichlet"));
        let too_much = [uniform(0.5, 0.8), uniform(0.3, 0.4), Uncertain::Fixed(0.1)];
        assert!(each_sum_problem(too_much.iter()).unwrap().contains("1.2"));
        let fine = [uniform(0.0, 0.2), Uncertain::Fixed(0.9), Uncertain::Fixed(0.1)];
        assert_eq!(each_sum_problem(fine.iter()), None);
    }

    #[test]
    fn shares_read_as_a_list_or_a_dirichlet_and_refuse_a_wrong_length() {
        #[derive(Deserialize)]
        struct W {
            x: Shares<3>,
        }
        let list =
            toml::from_str::<W>("x = [0.5, { dist = \"uniform\", low = 0.1, high = 0.2 }, 0.3]").unwrap();
        assert!(matches!(list.x, Shares::Each(_)));
        let joint = "x = { dist = \"dirichlet\", mean = [0.5, 0.3, 0.2], concentration = 40 }";
        assert!(matches!(toml::from_str::<W>(joint).unwrap().x, Shares::Joint(_)));
        let short = toml::from_str::<W>("x = [0.5, 0.5]").err().unwrap().to_string();
        assert!(short.contains("invalid length 2"), "{short}");
        let bad_mean = Shares::<3>::Joint(JointShares {
            dist: "dirichlet".into(),
            mean: vec![0.5, 0.5],
            concentration: 5.0,
        });
        assert!(!bad_mean.problems().is_empty());
    }

    #[test]
    fn dirichlet_draws_add_up_to_one_around_their_mean() {
        // Share 0 is Beta(20, 30) (mean 0.4, sd 0.069): the mean of 2,000 draws has standard
        // error 0.0015; allow 4 of them.
        let joint =
            JointShares { dist: "dirichlet".into(), mean: vec![0.4, 0.35, 0.25], concentration: 50.0 };
        let n = 2000;
        let mut sum0 = 0.0;
        for r in 0..n {
            let d: [f64; 3] = joint.draw("k", 9, r);
            assert!((d.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(d.iter().all(|&x| x > 0.0));
            sum0 += d[0];
        }
        let mean = sum0 / f64::from(n);
        assert!((mean - 0.4).abs() < 4.0 * 0.0015, "{mean}");
    }
}
