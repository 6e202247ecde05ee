//! Integration tests: one binary, one module per concern.

mod budget;
mod by_place;
mod calibrate;
mod capacities;
mod cli;
mod cohorts;
mod composition;
mod determinism;
mod flow_interventions;
mod fuzz_inputs;
mod golden;
mod hostile_inputs;
mod interventions;
mod known_answers;
mod model_checks;
mod plausibility;
mod queueing;
mod report;
mod report_robustness;
mod result_folder;
mod scenario_errors;
mod support;
mod sweep;
mod uncertain_inputs;
mod uncertainty;
mod whole_folders;
