//! Which of a scenario's intervention parameters are *effects*: what an intervention is assumed
//! to achieve (a multiplier on a rate, an outcome share, a diverted share), as opposed to what a
//! planner decides (beds, staff, costs). An effect given as a fixed number is an assumption the
//! result rests on, and is named wherever that result is shown.

use super::inputs::Inputs;
use super::uncertain::Uncertain;

impl Inputs {
    /// Every effect of the interventions this scenario switches on, by dotted key.
    pub fn intervention_effects(&self) -> Vec<(String, &Uncertain)> {
        let mut list = Vec::new();
        for (i, team) in self.teams.iter().enumerate() {
            for (name, value) in team.effects.named() {
                list.push((format!("teams[{i}].effects.{name}"), value));
            }
        }
        if let Some(d) = self.d2a_scheme.as_ref().filter(|d| d.beds > 0) {
            list.push(("d2a_scheme.arrangement_mean_days".into(), &d.arrangement_mean_days));
            list.push(("d2a_scheme.mean_stay_days".into(), &d.mean_stay_days));
            let outcomes = [
                ("outcome_home", &d.outcome_home),
                ("outcome_care_home", &d.outcome_care_home),
                ("outcome_death", &d.outcome_death),
            ];
            // With one outcome drawn, the fixed ones are scaled to take up the rest: not fixed.
            let any_drawn = outcomes.iter().any(|(_, u)| !u.is_fixed());
            for (name, value) in outcomes {
                if !any_drawn || !value.is_fixed() {
                    list.push((format!("d2a_scheme.{name}"), value));
                }
            }
        }
        if let Some(c) = self.crisis_response.as_ref().filter(|c| c.capacity > 0) {
            list.push(("crisis_response.eligible_share".into(), &c.eligible_share));
            list.push(("crisis_response.referred_share".into(), &c.referred_share));
            list.push(("crisis_response.returns_share".into(), &c.returns_share));
        }
        if let Some(g) = &self.gp_in_ae {
            list.push(("gp_in_ae.max_stay_days".into(), &g.max_stay_days));
            list.push(("gp_in_ae.diverted_share".into(), &g.diverted_share));
            list.push(("gp_in_ae.returns_share".into(), &g.returns_share));
        }
        list
    }

    /// The effects given as fixed numbers, with their values.
    pub fn fixed_effects(&self) -> Vec<(String, f64)> {
        self.intervention_effects()
            .into_iter()
            .filter_map(|(key, u)| match u {
                Uncertain::Fixed(v) => Some((key, *v)),
                Uncertain::Drawn(_) => None,
            })
            .collect()
    }
}
