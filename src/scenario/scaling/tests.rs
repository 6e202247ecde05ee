//! Scaling a scenario's keys by factors: values, distributions, shares, and keys refused.

use super::*;
use crate::model::shares::Shares;
use crate::model::uncertain::{Dist, Uncertain};
use crate::scenario::{parse_override, read_targets};

const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models/baseline.toml");

/// The bundled scenario `file` with `overrides` and one parameter per `(key, low, high)`,
/// fitted to its deaths.
pub(in crate::scenario) fn scaled_file(
    file: &str,
    parameters: &[(&str, f64, f64)],
    overrides: &[&str],
) -> Result<ScaledScenario, String> {
    let mut text = String::from("[[target]]\nmetric = \"deaths\"\nvalue = 1\nsd = 1\n");
    for (key, low, high) in parameters {
        text += &format!("[[parameter]]\nkey = \"{key}\"\nfactor = [{low}, {high}]\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("targets.toml");
    std::fs::write(&path, text).unwrap();
    let targets = read_targets(&path).map_err(|e| e.to_string())?;
    let overrides: Vec<Override> = overrides.iter().map(|o| parse_override(o).unwrap()).collect();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    ScaledScenario::new(&file, &targets, &overrides).map_err(|e| e.to_string())
}

fn scaled(parameters: &[(&str, f64, f64)]) -> Result<ScaledScenario, String> {
    scaled_file("models/baseline.toml", parameters, &[])
}

fn fixed(shares: &Shares<4>) -> Vec<f64> {
    match shares {
        Shares::Each(values) => values.iter().map(Uncertain::value).collect(),
        Shares::Joint(_) => panic!("not fixed shares"),
    }
}

#[test]
fn factors_of_1_give_the_scenario_itself() {
    let s = scaled(&[
        ("hazards.crisis.per_1000_per_year", 0.5, 2.0),
        ("discharge.pathway_shares.fit[3]", 0.5, 3.0),
    ])
    .unwrap();
    let plain = crate::scenario::load(Path::new(BASELINE), &[]).unwrap();
    assert_eq!(s.load(&[1.0, 1.0]).unwrap().inputs, plain.inputs);
}

#[test]
fn real_numbers_and_distributions_are_scaled_as_their_values() {
    let s =
        scaled(&[("hazards.crisis.per_1000_per_year", 0.5, 2.0), ("costs.long_term_care_week", 0.5, 2.0)])
            .unwrap();
    let inputs = s.load(&[1.2, 1.1]).unwrap().inputs;
    let crisis: Vec<f64> = inputs.hazards.crisis.per_1000_per_year.iter().map(Uncertain::value).collect();
    assert_eq!(crisis, [275.0 * 1.2, 430.0 * 1.2, 522.0 * 1.2]);
    let Uncertain::Drawn(Dist::Pert { low, mode, high }) = inputs.costs.long_term_care_week.gbp else {
        panic!("still a pert")
    };
    assert_eq!((low, mode, high), (200.0 * 1.1, 285.0 * 1.1, 430.0 * 1.1));
}

#[test]
fn one_share_is_scaled_and_the_others_take_up_the_rest() {
    let s = scaled(&[("discharge.pathway_shares.severe[3]", 0.5, 3.0)]).unwrap();
    let shares = fixed(&s.load(&[2.0]).unwrap().inputs.discharge.pathway_shares.severe);
    let before = [0.52, 0.335, 0.10, 0.045];
    assert!((shares[3] - 0.09).abs() < 1e-12);
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let ratio = (1.0 - 0.09) / (1.0 - 0.045);
    for i in 0..3 {
        assert!((shares[i] - before[i] * ratio).abs() < 1e-12, "{shares:?}");
    }
}

#[test]
fn keys_that_cannot_be_scaled_are_refused_at_their_line() {
    let e = scaled(&[("hazards.crisiss", 0.5, 2.0)]).unwrap_err();
    assert!(
        e.contains("targets.toml:6: parameter[0].key: `hazards.crisiss` is not a key of the scenario"),
        "{e}"
    );
    let e = scaled(&[("hazards.crisis", 0.5, 2.0)]).unwrap_err();
    assert!(e.contains("names a section"), "{e}");
    let e = scaled(&[("acute.beds", 0.5, 2.0)]).unwrap_err();
    assert!(e.contains("holds no real numbers to scale"), "{e}");
    let e = scaled(&[("discharge.pathway_shares", 0.5, 2.0)]).unwrap_err();
    assert!(e.contains("which must add up to 1"), "{e}");
    let e = scaled(&[("acute.death_probability_by_frailty", 0.5, 10.0)]).unwrap_err();
    assert!(e.contains("parameter[0].factor: at 10, an end of this range, the scenario is not valid"), "{e}");
    assert!(e.contains("must be a probability"), "{e}");
}
