//! The one step from a scenario's [`Inputs`] (numbers or distributions) to the plain [`Params`]
//! of one replication. Each struct is built field by field, so the compiler refuses a parameter
//! that is forgotten. Every uncertain value draws from its own stream, named by its dotted key
//! ([`Uncertain::draw`]); the draws are returned, in file order, to be recorded beside results.

use super::DAYS_PER_YEAR;
use super::inputs::{self as i, Inputs};
use super::params::{self as p, Params, Season};
use super::shares::{Shares, draw_each};
use super::uncertain::{Uncertain, standard_normal_draw};

/// One replication's parameters and the values drawn for them: (dotted key, value).
pub struct Realised {
    pub params: Params,
    pub draws: Vec<(String, f64)>,
}

/// Draw every uncertain value of `inputs` for replication `replication` of master seed `seed`.
/// Call only on inputs that [`crate::scenario`] has validated.
pub fn realise(inputs: &Inputs, seed: u64, replication: u32) -> Realised {
    let mut d = Drawer {
        seed,
        replication,
        aged_65_plus: inputs.aged_65_plus_planned(),
        warmup_days: f64::from(inputs.simulation.warmup_years) * DAYS_PER_YEAR,
        draws: Vec::new(),
    };
    let params = d.inputs(inputs);
    Realised { params, draws: d.draws }
}

struct Drawer {
    seed: u64,
    replication: u32,
    /// The people aged 65+ a capacity per 1,000 is planned for.
    aged_65_plus: f64,
    /// Where an intervention's `start_day` counts from.
    warmup_days: f64,
    draws: Vec<(String, f64)>,
}

impl Drawer {
    /// The simulation day an intervention starting on measured day `start_day` acts from.
    fn starts_at(&self, start_day: Option<u32>) -> f64 {
        start_day.map_or(0.0, |day| self.warmup_days + f64::from(day))
    }

    fn num(&mut self, key: &str, u: &Uncertain) -> f64 {
        match u {
            Uncertain::Fixed(v) => *v,
            Uncertain::Drawn(_) => {
                let v = u.draw(key, self.seed, self.replication);
                self.draws.push((key.to_string(), v));
                v
            }
        }
    }

    fn array<const N: usize>(&mut self, key: &str, values: &[Uncertain; N]) -> [f64; N] {
        std::array::from_fn(|k| self.num(&format!("{key}[{k}]"), &values[k]))
    }

    /// A group of shares given one by one (`keys[k]` names `values[k]`). When any is drawn,
    /// every share of the group is recorded, the fixed ones as they were scaled to fit.
    fn group(&mut self, keys: &[String], values: &[Uncertain]) -> Vec<f64> {
        let (seed, replication) = (self.seed, self.replication);
        let shares = draw_each(values, &mut |k, u| u.draw(&keys[k], seed, replication));
        if values.iter().any(|v| !v.is_fixed()) {
            self.draws.extend(keys.iter().cloned().zip(shares.iter().copied()));
        }
        shares
    }

    fn shares<const N: usize>(&mut self, key: &str, shares: &Shares<N>) -> [f64; N] {
        match shares {
            Shares::Each(values) => {
                let keys: Vec<String> = (0..N).map(|k| format!("{key}[{k}]")).collect();
                let drawn = self.group(&keys, values);
                std::array::from_fn(|k| drawn[k])
            }
            Shares::Joint(joint) => {
                let drawn: [f64; N] = joint.draw(key, self.seed, self.replication);
                for (k, v) in drawn.iter().enumerate() {
                    self.draws.push((format!("{key}[{k}]"), *v));
                }
                drawn
            }
        }
    }

    fn cost(&mut self, key: &str, c: &i::Cost) -> p::Cost {
        p::Cost { gbp: self.num(&format!("{key}.gbp"), &c.gbp), payer: c.payer }
    }

    /// Three outcomes of a short stay that add up to 1.
    fn outcomes(
        &mut self,
        key: &str,
        home: &Uncertain,
        care_home: &Uncertain,
        death: &Uncertain,
    ) -> [f64; 3] {
        let keys = ["outcome_home", "outcome_care_home", "outcome_death"].map(|n| format!("{key}.{n}"));
        let drawn = self.group(&keys, &[*home, *care_home, *death]);
        [drawn[0], drawn[1], drawn[2]]
    }

    fn inputs(&mut self, x: &Inputs) -> Params {
        Params {
            name: x.name.clone(),
            description: x.description.clone(),
            simulation: p::Simulation {
                years: x.simulation.years,
                warmup_years: x.simulation.warmup_years,
                replications: x.simulation.replications,
                seed: x.simulation.seed,
                timeseries_interval_days: x.simulation.timeseries_interval_days,
            },
            area: p::Area {
                registered_population: x.area.registered_population,
                share_aged_65_plus: self.num("area.share_aged_65_plus", &x.area.share_aged_65_plus),
                practices: x.area.practices,
                practices_per_cluster: x.area.practices_per_cluster,
                new_65_year_olds_per_year_share: self
                    .num("area.new_65_year_olds_per_year_share", &x.area.new_65_year_olds_per_year_share),
            },
            population: self.population(&x.population),
            progression: self.progression(&x.progression),
            hazards: p::Hazards {
                crisis: self.hazard("hazards.crisis", &x.hazards.crisis),
                death: self.hazard("hazards.death", &x.hazards.death),
                care_home_entry: self.hazard("hazards.care_home_entry", &x.hazards.care_home_entry),
                unobserved_frailty_variance: self
                    .num("hazards.unobserved_frailty_variance", &x.hazards.unobserved_frailty_variance),
            },
            after_discharge: {
                let (a, k) = (&x.after_discharge, "after_discharge");
                p::AfterDischarge {
                    crisis_first_30_days: self
                        .num(&format!("{k}.crisis_first_30_days"), &a.crisis_first_30_days),
                    crisis_rest_of_year: self
                        .num(&format!("{k}.crisis_rest_of_year"), &a.crisis_rest_of_year),
                    death_first_30_days: self
                        .num(&format!("{k}.death_first_30_days"), &a.death_first_30_days),
                    death_rest_of_year: self.num(&format!("{k}.death_rest_of_year"), &a.death_rest_of_year),
                }
            },
            seasonality: x.seasonality.as_ref().map_or(Season::NONE, |s| Season {
                amplitude: self.num("seasonality.amplitude", &s.amplitude),
                peak_day: f64::from(s.peak_day),
            }),
            care_home: self.care_home(&x.care_home),
            ae: p::Ae {
                admission_probability_by_frailty: self
                    .array("ae.admission_probability_by_frailty", &x.ae.admission_probability_by_frailty),
                mean_hours: self.num("ae.mean_hours", &x.ae.mean_hours),
            },
            acute: p::Acute {
                beds: x.acute.beds.units(self.aged_65_plus),
                los_mean_days_by_frailty: self
                    .array("acute.los_mean_days_by_frailty", &x.acute.los_mean_days_by_frailty),
                los_coefficient_of_variation: self
                    .num("acute.los_coefficient_of_variation", &x.acute.los_coefficient_of_variation),
                death_probability_by_frailty: self
                    .array("acute.death_probability_by_frailty", &x.acute.death_probability_by_frailty),
            },
            discharge: self.discharge(&x.discharge),
            home_support: p::HomeSupport {
                slots: x.home_support.slots.units(self.aged_65_plus),
                mean_duration_days: self
                    .num("home_support.mean_duration_days", &x.home_support.mean_duration_days),
            },
            d2a: self.d2a(&x.d2a),
            costs: self.costs(&x.costs),
            teams: x.teams.iter().enumerate().map(|(k, t)| self.team(&format!("teams[{k}]"), t)).collect(),
            d2a_scheme: x.d2a_scheme.as_ref().map(|s| self.d2a_scheme(s)),
            crisis_response: x.crisis_response.as_ref().map(|c| self.crisis_response(c)),
            gp_in_ae: x.gp_in_ae.as_ref().map(|g| p::GpInAe {
                starts_at: self.starts_at(g.start_day),
                hours_covered_share: self.num("gp_in_ae.hours_covered_share", &g.hours_covered_share),
                max_stay_days: self.num("gp_in_ae.max_stay_days", &g.max_stay_days),
                diverted_share: self.num("gp_in_ae.diverted_share", &g.diverted_share),
                returns_share: self.num("gp_in_ae.returns_share", &g.returns_share),
                return_mean_days: self.num("gp_in_ae.return_mean_days", &g.return_mean_days),
                yearly_cost: self.cost("gp_in_ae.yearly_cost", &g.yearly_cost),
            }),
        }
    }

    fn population(&mut self, x: &i::Population) -> p::Population {
        let k = "population";
        let f = &x.frailty_shares;
        let l = &x.ltc_shares;
        p::Population {
            age_band_shares: self.shares(&format!("{k}.age_band_shares"), &x.age_band_shares),
            oldest_age: x.oldest_age,
            female_share: self.num(&format!("{k}.female_share"), &x.female_share),
            frailty_shares: p::FrailtyShares {
                at_65: self.shares(&format!("{k}.frailty_shares.at_65"), &f.at_65),
                age_65_74: self.shares(&format!("{k}.frailty_shares.age_65_74"), &f.age_65_74),
                age_75_84: self.shares(&format!("{k}.frailty_shares.age_75_84"), &f.age_75_84),
                age_85_plus: self.shares(&format!("{k}.frailty_shares.age_85_plus"), &f.age_85_plus),
            },
            ltc_shares: p::LtcShares {
                age_65_74: self.shares(&format!("{k}.ltc_shares.age_65_74"), &l.age_65_74),
                age_75_84: self.shares(&format!("{k}.ltc_shares.age_75_84"), &l.age_75_84),
                age_85_plus: self.shares(&format!("{k}.ltc_shares.age_85_plus"), &l.age_85_plus),
            },
            living_alone_share: self.array(&format!("{k}.living_alone_share"), &x.living_alone_share),
            in_care_home_share: self.array(&format!("{k}.in_care_home_share"), &x.in_care_home_share),
        }
    }

    fn progression(&mut self, x: &i::Progression) -> p::Progression {
        let k = "progression";
        p::Progression {
            fit_to_mild_per_year: self.array(&format!("{k}.fit_to_mild_per_year"), &x.fit_to_mild_per_year),
            mild_to_moderate_per_year: self
                .array(&format!("{k}.mild_to_moderate_per_year"), &x.mild_to_moderate_per_year),
            moderate_to_severe_per_year: self
                .array(&format!("{k}.moderate_to_severe_per_year"), &x.moderate_to_severe_per_year),
            mild_to_fit_per_year: self.array(&format!("{k}.mild_to_fit_per_year"), &x.mild_to_fit_per_year),
            new_ltc_per_year: self.num(&format!("{k}.new_ltc_per_year"), &x.new_ltc_per_year),
        }
    }

    fn hazard(&mut self, k: &str, x: &i::Hazard) -> p::Hazard {
        p::Hazard {
            per_1000_per_year: self.array(&format!("{k}.per_1000_per_year"), &x.per_1000_per_year),
            relative_by_frailty: self.array(&format!("{k}.relative_by_frailty"), &x.relative_by_frailty),
            relative_by_ltc: self.array(&format!("{k}.relative_by_ltc"), &x.relative_by_ltc),
            relative_living_alone: self.num(&format!("{k}.relative_living_alone"), &x.relative_living_alone),
        }
    }

    fn care_home(&mut self, x: &i::CareHome) -> p::CareHome {
        let k = "care_home";
        p::CareHome {
            residential_beds: x.residential_beds.units(self.aged_65_plus),
            nursing_beds: x.nursing_beds.units(self.aged_65_plus),
            nursing_share_by_frailty: self
                .array(&format!("{k}.nursing_share_by_frailty"), &x.nursing_share_by_frailty),
            crisis_per_1000_per_year: self
                .num(&format!("{k}.crisis_per_1000_per_year"), &x.crisis_per_1000_per_year),
            admission_probability: self.num(&format!("{k}.admission_probability"), &x.admission_probability),
            relative_death: self.num(&format!("{k}.relative_death"), &x.relative_death),
            out_of_area_after_days: x
                .out_of_area_after_days
                .as_ref()
                .map(|u| self.num(&format!("{k}.out_of_area_after_days"), u)),
        }
    }

    fn discharge(&mut self, x: &i::Discharge) -> p::Discharge {
        let k = "discharge.pathway_shares";
        let s = &x.pathway_shares;
        p::Discharge {
            pathway_shares: p::PathwayShares {
                fit: self.shares(&format!("{k}.fit"), &s.fit),
                mild: self.shares(&format!("{k}.mild"), &s.mild),
                moderate: self.shares(&format!("{k}.moderate"), &s.moderate),
                severe: self.shares(&format!("{k}.severe"), &s.severe),
            },
            arrangement_mean_days: self.array("discharge.arrangement_mean_days", &x.arrangement_mean_days),
        }
    }

    fn d2a(&mut self, x: &i::D2a) -> p::D2a {
        let k = "d2a";
        let [outcome_home, outcome_care_home, outcome_death] =
            self.outcomes(k, &x.outcome_home, &x.outcome_care_home, &x.outcome_death);
        p::D2a {
            beds: x.beds.units(self.aged_65_plus),
            mean_stay_days: self.num(&format!("{k}.mean_stay_days"), &x.mean_stay_days),
            max_stay_days: self.num(&format!("{k}.max_stay_days"), &x.max_stay_days),
            max_wait_days: self.num(&format!("{k}.max_wait_days"), &x.max_wait_days),
            outcome_home,
            outcome_care_home,
            outcome_death,
        }
    }

    fn costs(&mut self, x: &i::Costs) -> p::Costs {
        let k = "costs";
        p::Costs {
            discount_rate: self.num(&format!("{k}.discount_rate"), &x.discount_rate),
            ae_attendance: self.cost(&format!("{k}.ae_attendance"), &x.ae_attendance),
            acute_bed_day: self.cost(&format!("{k}.acute_bed_day"), &x.acute_bed_day),
            d2a_bed_week: self.cost(&format!("{k}.d2a_bed_week"), &x.d2a_bed_week),
            residential_week: self.cost(&format!("{k}.residential_week"), &x.residential_week),
            nursing_week: self.cost(&format!("{k}.nursing_week"), &x.nursing_week),
            home_support_week: self.cost(&format!("{k}.home_support_week"), &x.home_support_week),
            long_term_care_week: self.cost(&format!("{k}.long_term_care_week"), &x.long_term_care_week),
            care_home_funding: self.care_home_funding(&x.care_home_funding),
        }
    }

    fn care_home_funding(&mut self, x: &i::CareHomeFunding) -> p::CareHomeFunding {
        let k = "costs.care_home_funding";
        p::CareHomeFunding {
            continuing_healthcare_share: self
                .num(&format!("{k}.continuing_healthcare_share"), &x.continuing_healthcare_share),
            self_funder_share: self.num(&format!("{k}.self_funder_share"), &x.self_funder_share),
            self_funder_fee_premium: self
                .num(&format!("{k}.self_funder_fee_premium"), &x.self_funder_fee_premium),
            client_contribution_share: self
                .num(&format!("{k}.client_contribution_share"), &x.client_contribution_share),
            nursing_care_week: self.cost(&format!("{k}.nursing_care_week"), &x.nursing_care_week),
        }
    }

    fn team(&mut self, k: &str, x: &i::Team) -> p::Team {
        let f = &x.finding;
        let w = &f.risk_weights;
        let e = &x.effects;
        let kf = format!("{k}.finding");
        let kw = format!("{kf}.risk_weights");
        let ke = format!("{k}.effects");
        p::Team {
            starts_at: self.starts_at(x.start_day),
            name: x.name.clone(),
            scope: x.scope,
            coverage: self.num(&format!("{k}.coverage"), &x.coverage),
            enrolment_days: self.num(&format!("{k}.enrolment_days"), &x.enrolment_days),
            finding: p::Finding {
                review_interval_days: self
                    .num(&format!("{kf}.review_interval_days"), &f.review_interval_days),
                cases_per_review: f.cases_per_review,
                consent: self.num(&format!("{kf}.consent"), &f.consent),
                min_age: f.min_age,
                min_ltc: f.min_ltc,
                min_frailty: f.min_frailty,
                refer_after_admission: f.refer_after_admission,
                risk_weights: p::RiskWeights {
                    age: self.num(&format!("{kw}.age"), &w.age),
                    ltc: self.num(&format!("{kw}.ltc"), &w.ltc),
                    frailty: self.num(&format!("{kw}.frailty"), &w.frailty),
                    living_alone: self.num(&format!("{kw}.living_alone"), &w.living_alone),
                    recent_admission: self.num(&format!("{kw}.recent_admission"), &w.recent_admission),
                },
            },
            staff: x
                .staff
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let ks = format!("{k}.staff[{j}]");
                    p::Staff {
                        role: s.role.clone(),
                        fte: self.num(&format!("{ks}.fte"), &s.fte),
                        caseload_per_fte: self.num(&format!("{ks}.caseload_per_fte"), &s.caseload_per_fte),
                        cost_per_fte: self.cost(&format!("{ks}.cost_per_fte"), &s.cost_per_fte),
                    }
                })
                .collect(),
            effects: self.effects(&ke, e),
        }
    }

    /// A team's effects, drawn independently or, with a `correlation`, sharing one factor drawn
    /// from the stream named `{key}.correlation`.
    fn effects(&mut self, ke: &str, e: &i::Effects) -> p::Effects {
        let shared = e.correlation.filter(|rho| *rho > 0.0).map(|rho| {
            (rho, standard_normal_draw(&format!("{ke}.correlation"), self.seed, self.replication))
        });
        let mut draw = |name: &str, u: &Uncertain| {
            let key = format!("{ke}.{name}");
            match shared {
                Some((rho, common)) if !u.is_fixed() => {
                    let v = u.draw_sharing(&key, self.seed, self.replication, common, rho);
                    self.draws.push((key, v));
                    v
                }
                _ => self.num(&key, u),
            }
        };
        p::Effects {
            crisis_rate: draw("crisis_rate", &e.crisis_rate),
            admission_given_ae: draw("admission_given_ae", &e.admission_given_ae),
            length_of_stay: draw("length_of_stay", &e.length_of_stay),
            discharge_to_care_home: draw("discharge_to_care_home", &e.discharge_to_care_home),
            care_home_entry: draw("care_home_entry", &e.care_home_entry),
        }
    }

    fn d2a_scheme(&mut self, x: &i::D2aScheme) -> p::D2aScheme {
        let k = "d2a_scheme";
        let [outcome_home, outcome_care_home, outcome_death] =
            self.outcomes(k, &x.outcome_home, &x.outcome_care_home, &x.outcome_death);
        p::D2aScheme {
            starts_at: self.starts_at(x.start_day),
            beds: x.beds,
            pathway3_share: self.num(&format!("{k}.pathway3_share"), &x.pathway3_share),
            pathway2_care_home_share: self
                .num(&format!("{k}.pathway2_care_home_share"), &x.pathway2_care_home_share),
            arrangement_mean_days: self.num(&format!("{k}.arrangement_mean_days"), &x.arrangement_mean_days),
            mean_stay_days: self.num(&format!("{k}.mean_stay_days"), &x.mean_stay_days),
            max_stay_days: self.num(&format!("{k}.max_stay_days"), &x.max_stay_days),
            outcome_home,
            outcome_care_home,
            outcome_death,
            bed_week: self.cost(&format!("{k}.bed_week"), &x.bed_week),
        }
    }

    fn crisis_response(&mut self, x: &i::CrisisResponse) -> p::CrisisResponse {
        let k = "crisis_response";
        p::CrisisResponse {
            starts_at: self.starts_at(x.start_day),
            capacity: x.capacity,
            eligible_share: self.num(&format!("{k}.eligible_share"), &x.eligible_share),
            referred_share: self.num(&format!("{k}.referred_share"), &x.referred_share),
            returns_share: self.num(&format!("{k}.returns_share"), &x.returns_share),
            return_mean_days: self.num(&format!("{k}.return_mean_days"), &x.return_mean_days),
            episode_days: self.num(&format!("{k}.episode_days"), &x.episode_days),
            episode_cost: self.cost(&format!("{k}.episode_cost"), &x.episode_cost),
            yearly_cost: self.cost(&format!("{k}.yearly_cost"), &x.yearly_cost),
        }
    }
}
