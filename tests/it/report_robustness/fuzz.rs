//! Generated corruptions (one to three at a time) of real result folders of every kind: the
//! report on each must end within the time limit, as a report or as an error naming a path in
//! the folder, and never panic. About 1,000 cases in all, from a fixed seed so a run is
//! repeatable; charts are drawn as SVG, and as PNG too in one case in twenty.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use caresim::report::ImageFormat;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::corruption::{Corruption, apply, corruption};
use super::{Folder, GRID, LATIN, ONE_WAY, compare_folder, copy_of, report, run_folder, sweep_folder};

/// The report on a copy of `folder` with `corruptions` applied: whether it was written.
fn case(folder: &Path, corruptions: &[Corruption], png: bool) -> Result<bool, TestCaseError> {
    let copy = copy_of(folder);
    for c in corruptions {
        apply(&copy.dir, c);
    }
    let format = if png { ImageFormat::Both } else { ImageFormat::Svg };
    // `report` fails the case if it panics or does not end in time.
    match report(&copy.dir, format) {
        Ok(()) => Ok(true),
        Err(message) => {
            let dir = copy.dir.to_string_lossy();
            prop_assert!(message.contains(dir.as_ref()), "the error names no path in the folder: {message}");
            Ok(false)
        }
    }
}

/// Run `cases` generated cases on `folder`.
fn fuzz(folder: Folder, cases: u32) {
    let written = AtomicU32::new(0);
    let config = Config {
        cases,
        failure_persistence: None,
        // A failing case is shrunk for a minute at most (a hang costs the time limit each try).
        max_shrink_time: 60_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = (vec(corruption(), 1..=3), prop::bool::weighted(0.05));
    let outcome = runner.run(&strategy, |(corruptions, png)| {
        let report = case(&folder.dir, &corruptions, png)?;
        written.fetch_add(u32::from(report), Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    // Corruptions that leave a folder sound (a number changed to another, a byte of the
    // scenario's sources) get a report: the charts are drawn from fuzzed folders too.
    let written = written.into_inner();
    eprintln!("{written} of {cases} corrupted folders got a report");
    assert!(written >= cases / 20, "only {written} of {cases} cases reached the charts");
}

#[test]
fn corrupt_run_folders_end_in_a_report_or_an_error() {
    fuzz(run_folder(), 300);
}

#[test]
fn corrupt_comparison_folders_end_in_a_report_or_an_error() {
    fuzz(compare_folder(), 250);
}

#[test]
fn corrupt_sweep_folders_end_in_a_report_or_an_error() {
    for design in [GRID, ONE_WAY, LATIN] {
        fuzz(sweep_folder(design), 150);
    }
}
