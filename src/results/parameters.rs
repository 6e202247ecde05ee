//! Plain words for parameter keys, defined once: the report and the terminal show a parameter
//! as "D2A scheme: share going home" where a planner reads it, and keep the dotted key
//! (`d2a_scheme.outcome_home`, what the planner would edit) beside it, smaller.
//!
//! A key is looked up without its list positions (`teams[0].effects.crisis_rate` is found as
//! `teams.effects.crisis_rate`); the positions come back as words ("Team 1", "staff group 2",
//! "item 3"). A key without a label gets a readable form of itself, so any key has a label.

/// Labels by key with list positions taken out. Keys under `teams` are worded without the team,
/// which [`label`] puts in front ("Team 1: ...").
const LABELS: &[(&str, &str)] = &[
    // Case-finding teams: what they are assumed to achieve (multipliers, 1 = no effect).
    ("teams.effects.crisis_rate", "effect on the crisis rate (multiplier)"),
    ("teams.effects.admission_given_ae", "effect on admission after A&E (multiplier)"),
    ("teams.effects.length_of_stay", "effect on the hospital stay (multiplier)"),
    ("teams.effects.discharge_to_care_home", "effect on discharges to a care home (multiplier)"),
    ("teams.effects.care_home_entry", "effect on moves into a care home from home (multiplier)"),
    ("teams.effects.correlation", "how closely its effects move together (0 to 1)"),
    // What the teams are.
    ("teams.coverage", "share of the area covered"),
    ("teams.enrolment_days", "days a person stays enrolled"),
    ("teams.finding.review_interval_days", "days between case-finding meetings"),
    ("teams.finding.cases_per_review", "new cases a meeting"),
    ("teams.finding.consent", "share of people found who agree to join"),
    ("teams.finding.min_age", "youngest age found"),
    ("teams.finding.min_ltc", "fewest long-term conditions found"),
    ("teams.finding.min_frailty", "least frailty found"),
    ("teams.finding.risk_weights.age", "risk-tool weight on age"),
    ("teams.finding.risk_weights.ltc", "risk-tool weight on long-term conditions"),
    ("teams.finding.risk_weights.frailty", "risk-tool weight on frailty"),
    ("teams.finding.risk_weights.living_alone", "risk-tool weight on living alone"),
    ("teams.finding.risk_weights.recent_admission", "risk-tool weight on a recent admission"),
    ("teams.staff.fte", "staff (full-time equivalents)"),
    ("teams.staff.caseload_per_fte", "people enrolled per full-time member of staff"),
    ("teams.staff.cost_per_fte.gbp", "cost per full-time member of staff (£ a year)"),
    // Discharge-to-assess scheme.
    ("d2a_scheme.beds", "D2A scheme: beds"),
    ("d2a_scheme.pathway3_share", "D2A scheme: share of care-home discharges offered a bed"),
    (
        "d2a_scheme.pathway2_care_home_share",
        "D2A scheme: share offered of step-down discharges that would end in a care home",
    ),
    ("d2a_scheme.arrangement_mean_days", "D2A scheme: days to move in (mean)"),
    ("d2a_scheme.mean_stay_days", "D2A scheme: length of stay (mean days)"),
    ("d2a_scheme.max_stay_days", "D2A scheme: longest stay (days)"),
    ("d2a_scheme.outcome_home", "D2A scheme: share going home"),
    ("d2a_scheme.outcome_care_home", "D2A scheme: share going to a care home"),
    ("d2a_scheme.outcome_death", "D2A scheme: share dying during the stay"),
    ("d2a_scheme.bed_week.gbp", "D2A scheme: cost of a bed for a week (£)"),
    // Crisis response.
    ("crisis_response.capacity", "Crisis response: episodes at once"),
    (
        "crisis_response.eligible_share",
        "Crisis response: share of crises low-acuity enough to manage at home",
    ),
    ("crisis_response.referred_share", "Crisis response: share of eligible crises referred to it"),
    ("crisis_response.returns_share", "Crisis response: share of those managed who come back to A&E"),
    ("crisis_response.return_mean_days", "Crisis response: days until they come back (mean)"),
    ("crisis_response.episode_days", "Crisis response: days an episode lasts"),
    ("crisis_response.episode_cost.gbp", "Crisis response: cost of an episode (£)"),
    ("crisis_response.yearly_cost.gbp", "Crisis response: yearly cost (£)"),
    // GP in A&E.
    ("gp_in_ae.hours_covered_share", "GP in A&E: share of attendances while the GP is there"),
    ("gp_in_ae.max_stay_days", "GP in A&E: longest stay of the admissions the GP may send home (days)"),
    ("gp_in_ae.diverted_share", "GP in A&E: share of those admissions sent home instead"),
    ("gp_in_ae.returns_share", "GP in A&E: share of those sent home who come back"),
    ("gp_in_ae.return_mean_days", "GP in A&E: days until they come back (mean)"),
    ("gp_in_ae.yearly_cost.gbp", "GP in A&E: yearly cost (£)"),
    // The area and its services.
    ("area.registered_population", "Area: registered population"),
    ("area.share_aged_65_plus", "Area: share aged 65 and over"),
    ("area.new_65_year_olds_per_year_share", "Area: people turning 65 a year (share of the 65+ group)"),
    ("acute.beds", "Hospital: acute beds"),
    (
        "acute.los_coefficient_of_variation",
        "Hospital: spread of the length of stay (coefficient of variation)",
    ),
    ("ae.mean_hours", "A&E: hours spent there (mean)"),
    ("d2a.beds", "Usual short-term (D2A) beds"),
    ("d2a.mean_stay_days", "Usual short-term (D2A) beds: length of stay (mean days)"),
    ("d2a.max_stay_days", "Usual short-term (D2A) beds: longest stay (days)"),
    ("d2a.max_wait_days", "Usual short-term (D2A) beds: longest wait (days)"),
    ("d2a.outcome_home", "Usual short-term (D2A) beds: share going home"),
    ("d2a.outcome_care_home", "Usual short-term (D2A) beds: share going to a care home"),
    ("d2a.outcome_death", "Usual short-term (D2A) beds: share dying during the stay"),
    ("home_support.slots", "Home support: packages at once"),
    ("home_support.mean_duration_days", "Home support: days a package lasts (mean)"),
    ("care_home.residential_beds", "Care homes: residential beds"),
    ("care_home.nursing_beds", "Care homes: nursing beds"),
    ("care_home.crisis_per_1000_per_year", "Care homes: crises per 1,000 residents a year"),
    ("care_home.admission_probability", "Care homes: chance a resident's crisis ends in admission"),
    ("care_home.relative_death", "Care homes: death rate relative to home"),
    // Who pays.
    (
        "costs.care_home_funding.continuing_healthcare_share",
        "Care homes: share of nursing-home residents on NHS continuing healthcare",
    ),
    ("costs.care_home_funding.self_funder_share", "Care homes: share of residents paying for themselves"),
    ("costs.care_home_funding.self_funder_fee_premium", "Care homes: how much more self-funders pay (share)"),
    (
        "costs.care_home_funding.client_contribution_share",
        "Care homes: share of the council's rate residents contribute",
    ),
    ("costs.care_home_funding.nursing_care_week.gbp", "Care homes: NHS-funded nursing care a week (£)"),
    ("costs.long_term_care_week.gbp", "Long-term home care: a package a week (£)"),
    ("care_home.out_of_area_after_days", "Care homes: days waited before a place out of the area"),
    ("seasonality.amplitude", "Winter: rise of the crisis rate at its peak (share of average)"),
    ("hazards.unobserved_frailty_variance", "Risks at home: spread of unmeasured frailty"),
    (
        "after_discharge.crisis_first_30_days",
        "After a discharge: crisis rate in the first 30 days (multiplier)",
    ),
    (
        "after_discharge.crisis_rest_of_year",
        "After a discharge: crisis rate in the rest of the year (multiplier)",
    ),
    (
        "after_discharge.death_first_30_days",
        "After a discharge: death rate in the first 30 days (multiplier)",
    ),
    (
        "after_discharge.death_rest_of_year",
        "After a discharge: death rate in the rest of the year (multiplier)",
    ),
    ("progression.new_ltc_per_year", "New long-term conditions a person a year"),
    ("costs.discount_rate", "Costs: discount rate a year"),
    ("costs.ae_attendance.gbp", "Cost of an A&E attendance (£)"),
    ("costs.acute_bed_day.gbp", "Cost of an acute bed day (£)"),
    ("costs.d2a_bed_week.gbp", "Cost of a short-term (D2A) bed for a week (£)"),
    ("costs.residential_week.gbp", "Cost of a residential care-home week (£)"),
    ("costs.nursing_week.gbp", "Cost of a nursing-home week (£)"),
    ("costs.home_support_week.gbp", "Cost of a week of home support (£)"),
];

/// Whether `key` has plain words of its own in the table (a key without them still gets a
/// readable [`label`]).
pub fn has_label(key: &str) -> bool {
    let generic: Vec<&str> = parts(key).iter().map(|(name, _)| *name).collect();
    LABELS.iter().any(|(k, _)| *k == generic.join("."))
}

/// A key cut into its parts: `teams[0].staff[1].fte` is `teams` at 0, `staff` at 1, `fte`.
fn parts(key: &str) -> Vec<(&str, Option<usize>)> {
    key.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => (name, rest.strip_suffix(']').and_then(|i| i.parse().ok())),
            None => (part, None),
        })
        .collect()
}

/// Plain words for `key`, e.g. "D2A scheme: share going home" for `d2a_scheme.outcome_home`
/// and "Team 1: effect on the crisis rate (multiplier)" for `teams[0].effects.crisis_rate`.
pub fn label(key: &str) -> String {
    let parts = parts(key);
    let generic: Vec<&str> = parts.iter().map(|(name, _)| *name).collect();
    let found = LABELS.iter().find(|(k, _)| *k == generic.join(".")).map(|(_, label)| *label);
    // List positions: a team and its staff group in front, any other (an array's item) after.
    let mut front = Vec::new();
    let mut after = Vec::new();
    for (name, index) in &parts {
        let n = index.map(|i| i.saturating_add(1));
        match (*name, n) {
            ("teams", n) if generic.first() == Some(&"teams") && found.is_some() => {
                front.push(n.map_or("Team".to_string(), |n| format!("Team {n}")))
            }
            ("staff", Some(n)) if found.is_some() => front.push(format!("staff group {n}")),
            (_, Some(n)) if found.is_some() => after.push(format!("item {n}")),
            _ => {}
        }
    }
    let Some(found) = found else { return readable(&parts) };
    let mut text =
        if front.is_empty() { found.to_string() } else { format!("{}: {found}", front.join(", ")) };
    if !after.is_empty() {
        text = format!("{text} ({})", after.join(", "));
    }
    text
}

/// A key without a label, readable: `hazards.crisis.relative_living_alone` is "Hazards crisis:
/// relative living alone"; `teams[1].finding.x_y` is "Teams 2 finding: x y".
fn readable(parts: &[(&str, Option<usize>)]) -> String {
    let word = |(name, index): &(&str, Option<usize>)| {
        let name = name.replace('_', " ");
        match index {
            Some(i) => format!("{name} {}", i.saturating_add(1)),
            None => name,
        }
    };
    let words: Vec<String> = parts.iter().map(word).filter(|w| !w.trim().is_empty()).collect();
    let text = match words.split_last() {
        None => return String::from("(unnamed parameter)"),
        Some((last, [])) => last.clone(),
        Some((last, sections)) => format!("{}: {last}", sections.join(" ")),
    };
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_keys_read_as_words_with_their_team() {
        assert_eq!(label("d2a_scheme.outcome_home"), "D2A scheme: share going home");
        assert_eq!(label("teams[0].effects.crisis_rate"), "Team 1: effect on the crisis rate (multiplier)");
        assert_eq!(
            label("teams[1].staff[0].cost_per_fte.gbp"),
            "Team 2, staff group 1: cost per full-time member of staff (£ a year)"
        );
        assert_eq!(label("acute.beds"), "Hospital: acute beds");
    }

    #[test]
    fn any_key_gets_a_label_and_none_panics() {
        assert_eq!(label("hazards.crisis.relative_living_alone"), "Hazards crisis: relative living alone");
        assert_eq!(label("discharge.arrangement_mean_days[2]"), "Discharge: arrangement mean days 3");
        assert_eq!(label("teams[0].finding.new_thing"), "Teams 1 finding: new thing");
        for odd in ["", ".", "[", "]", "a[", "a[x]", "teams[99999999999999999999]", "é.ü[0]", "a..b", "...[]"]
        {
            assert!(!label(odd).is_empty(), "{odd:?}");
        }
    }

    #[test]
    fn every_label_is_for_a_key_written_once() {
        for (i, (key, label)) in LABELS.iter().enumerate() {
            assert!(!label.is_empty() && !key.contains('['), "{key}");
            assert!(LABELS[i + 1..].iter().all(|(other, _)| other != key), "{key} twice");
        }
    }
}
