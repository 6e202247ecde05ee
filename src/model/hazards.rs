//! Per-person rates for the competing risks at home, precomputed for every combination of
//! age band, frailty, long-term conditions and living alone.
//!
//! Each hazard's band rate is the published average for that age band; relative rates shift
//! risk between people in the band. Dividing by the band's average relative rate (computed from
//! the starting population's composition) keeps the band average equal to the published figure.

use super::params::{AGE_BANDS, FRAILTY_LEVELS, Hazard, LTC_LEVELS, Population};
use super::person::RiskGroup;

/// Rates per day for every risk group.
#[derive(Debug, Clone)]
pub struct RateTable {
    per_day: Vec<f64>,
}

impl RateTable {
    /// Rates for `hazard`; where the rate is multiplied by each person's unobserved frailty,
    /// `unobserved` is each band's mean of it at the start (else 1s), so that the band's average
    /// rate is still the published one.
    pub fn new(hazard: &Hazard, population: &Population, unobserved: [f64; AGE_BANDS]) -> Self {
        let frailty = population.frailty_shares.by_band();
        let ltc = population.ltc_shares.by_band();
        let mut per_day = vec![0.0; RiskGroup::COUNT];
        for band in 0..AGE_BANDS {
            let mean_frailty: f64 =
                (0..FRAILTY_LEVELS).map(|f| frailty[band][f] * hazard.relative_by_frailty[f]).sum();
            let mean_ltc: f64 = (0..LTC_LEVELS).map(|l| ltc[band][l] * hazard.relative_by_ltc[l]).sum();
            let alone = population.living_alone_share[band];
            let mean_alone = alone * hazard.relative_living_alone + (1.0 - alone);
            let mean_relative = mean_frailty * mean_ltc * mean_alone * unobserved[band];
            let band_per_day = hazard.per_1000_per_year[band] / 1000.0 / 365.0;
            for f in 0..FRAILTY_LEVELS {
                for l in 0..LTC_LEVELS {
                    for lives_alone in [false, true] {
                        let relative = hazard.relative_by_frailty[f]
                            * hazard.relative_by_ltc[l]
                            * if lives_alone { hazard.relative_living_alone } else { 1.0 };
                        let group = RiskGroup::new(band, f, l, lives_alone);
                        per_day[group.index()] =
                            if mean_relative > 0.0 { band_per_day * relative / mean_relative } else { 0.0 };
                    }
                }
            }
        }
        Self { per_day }
    }

    pub fn per_day(&self, group: RiskGroup) -> f64 {
        self.per_day[group.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::params::{FrailtyShares, LtcShares};

    fn population() -> Population {
        Population {
            age_band_shares: [0.5, 0.3, 0.2],
            oldest_age: 99,
            female_share: 0.5,
            frailty_shares: FrailtyShares {
                at_65: [1.0, 0.0, 0.0, 0.0],
                age_65_74: [0.7, 0.2, 0.1, 0.0],
                age_75_84: [0.4, 0.3, 0.2, 0.1],
                age_85_plus: [0.1, 0.3, 0.4, 0.2],
            },
            ltc_shares: LtcShares { age_65_74: [0.2; 5], age_75_84: [0.2; 5], age_85_plus: [0.2; 5] },
            living_alone_share: [0.2, 0.4, 0.6],
            in_care_home_share: [0.0; 3],
        }
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // indices mirror the formula being checked
    fn relative_rates_keep_each_band_average() {
        let hazard = Hazard {
            per_1000_per_year: [100.0, 200.0, 400.0],
            relative_by_frailty: [1.0, 2.0, 3.0, 5.0],
            relative_by_ltc: [1.0, 1.1, 1.2, 1.3, 1.5],
            relative_living_alone: 1.4,
        };
        let pop = population();
        let table = RateTable::new(&hazard, &pop, [1.0; AGE_BANDS]);
        let frailty = pop.frailty_shares.by_band();
        for band in 0..AGE_BANDS {
            let mut mean = 0.0;
            for f in 0..FRAILTY_LEVELS {
                for l in 0..LTC_LEVELS {
                    for alone in [false, true] {
                        let p_alone = pop.living_alone_share[band];
                        let w = frailty[band][f] * 0.2 * if alone { p_alone } else { 1.0 - p_alone };
                        mean += w * table.per_day(RiskGroup::new(band, f, l, alone));
                    }
                }
            }
            let expected = hazard.per_1000_per_year[band] / 1000.0 / 365.0;
            assert!((mean - expected).abs() < 1e-12 * expected.max(1.0));
        }
    }
}
