//! Known answers for the random streams and the parameter-name hash. Every stored result, every
//! golden file and every paired comparison depends on these exact numbers: a change here is a
//! change to all results, never a refactor.

use caresim::engine::{Stream, StreamKey};
use caresim::model::shares::JointShares;
use caresim::model::uncertain::{Dist, Uncertain};

const KEY: StreamKey = StreamKey { seed: 20261122, replication: 7, entity: 12345, purpose: 4 };

#[test]
fn a_stream_gives_the_same_numbers_in_every_build() {
    let mut s = Stream::new(KEY);
    let got = [s.uniform(), s.uniform(), s.exp1(), s.normal(), s.uniform()];
    assert_eq!(got, EXPECTED_STREAM);
}

#[test]
fn a_parameter_draw_depends_only_on_its_name_seed_and_replication() {
    let pert = Uncertain::Drawn(Dist::Pert { low: 0.02, mode: 0.12, high: 0.20 });
    let got = [
        pert.draw("d2a_scheme.outcome_home", 20261122, 0),
        pert.draw("d2a_scheme.outcome_home", 20261122, 1),
        pert.draw("teams[0].effects.crisis_rate", 20261122, 0),
        Uncertain::Drawn(Dist::Uniform { low: 0.0, high: 1.0 }).draw("x", 1, 0),
    ];
    assert_eq!(got, EXPECTED_DRAWS);
}

#[test]
fn truncated_lognormal_and_dirichlet_draws_are_fixed() {
    let lognormal =
        Uncertain::Drawn(Dist::Lognormal { median: 0.9, sigma: 0.2, low: Some(0.0), high: Some(10.0) });
    let joint = JointShares { dist: "dirichlet".into(), mean: vec![0.8, 0.15, 0.05], concentration: 100.0 };
    let shares: [f64; 3] = joint.draw("discharge.pathway_shares.fit", 20261122, 3);
    let got = [lognormal.draw("teams[0].effects.crisis_rate", 20261122, 3), shares[0], shares[1], shares[2]];
    assert_eq!(got, EXPECTED_OTHER_DRAWS);
}

const EXPECTED_OTHER_DRAWS: [f64; 4] =
    [0.8340862050638792, 0.7865167076959233, 0.14610554544195978, 0.06737774686211685];
const EXPECTED_STREAM: [f64; 5] =
    [0.6580034674151144, 0.4848475580316367, 0.7580940775982629, -0.27687785764689526, 0.1822050151601069];
const EXPECTED_DRAWS: [f64; 4] =
    [0.10166658914912252, 0.09365112026073681, 0.16825442071525584, 0.0844084330924304];
