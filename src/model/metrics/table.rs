//! The metric table: every published metric, in output order, with its name, how its value is
//! computed, its unit, which way is better and its label. The [`Metric`] enum and the table
//! are generated from this one list, so names, values and labels cannot drift apart.
//!
//! The order is the column order of `replications.csv` and must not change without meaning
//! to change every result file: each count or sum a year, the total cost a year, then the same
//! over the whole window (`_total`), the average population, rates per 1,000, and the occupancy
//! and stay diagnostics.

use super::Better::{Higher, Lower, Neither};
use super::Rule::{
    AllCosts, AllCostsPerYear, AveragePopulation, Figure, MeanOf, Per1000, PerDay, PerYear, ShareOfPlaces,
    Total,
};
use super::Tally as T;
use super::Unit::{Beds, Count, Days, Hours, People, PerThousand, Pounds, Share};
use super::{Def, def};

/// Declares `Metric` with one variant per row and `TABLE` with the rows, in the same order.
macro_rules! metrics {
    ($($id:ident => $def:expr,)*) => {
        /// A published metric. See the table in `model/metrics/table.rs` for each one's
        /// definition.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Metric {
            $($id,)*
        }

        impl Metric {
            /// Every metric, in output order.
            pub const ALL: &[Metric] = &[$(Metric::$id,)*];
        }

        /// Each metric's row, in the order of [`Metric::ALL`].
        pub(super) const TABLE: &[Def] = &[$($def,)*];
    };
}

metrics! {
    // Counts and sums a year.
    AeAttendances => def(
        "ae_attendances", PerYear(T::AeAttendances), Count, Lower,
        "A&E attendances a year"),
    EmergencyAdmissions => def(
        "emergency_admissions", PerYear(T::EmergencyAdmissions), Count, Lower,
        "emergency admissions a year"),
    AcuteBedDays => def(
        "acute_bed_days", PerYear(T::AcuteBedDays), Days, Lower,
        "emergency bed days a year"),
    DelayedDischargeDays => def(
        "delayed_discharge_days", PerYear(T::DelayedDischargeDays), Days, Lower,
        "delayed-discharge days a year")
        .terminal("delayed discharge days a year"),
    TrolleyHours => def(
        "trolley_hours", PerYear(T::TrolleyHours), Hours, Lower,
        "hours waiting in A&E for a bed, a year"),
    D2aAdmissions => def(
        "d2a_admissions", PerYear(T::D2aAdmissions), Count, Neither,
        "usual short-term (D2A) bed admissions a year"),
    D2aBedDays => def(
        "d2a_bed_days", PerYear(T::D2aBedDays), Days, Neither,
        "usual short-term (D2A) bed days a year"),
    CareHomeAdmissions => def(
        "care_home_admissions", PerYear(T::CareHomeAdmissions), Count, Lower,
        "permanent care-home admissions a year")
        .short("care-home admissions a year"),
    CareHomeAdmissionsFromHospital => def(
        "care_home_admissions_from_hospital", PerYear(T::CareHomeAdmissionsFromHospital), Count, Lower,
        "permanent care-home admissions straight from hospital a year"),
    CareHomeBedDays => def(
        "care_home_bed_days", PerYear(T::CareHomeBedDays), Days, Lower,
        "care-home bed days a year"),
    HomeSupportStarts => def(
        "home_support_starts", PerYear(T::HomeSupportStarts), Count, Neither,
        "home-support packages started a year"),
    CrisisResponses => def(
        "crisis_responses", PerYear(T::CrisisResponses), Count, Neither,
        "crises managed at home a year"),
    CrisisResponseReturns => def(
        "crisis_response_returns", PerYear(T::CrisisResponseReturns), Count, Lower,
        "crises managed at home that came back to A&E within days, a year")
        .short("crises managed at home that came back a year")
        .terminal("crises that came back to A&E a year"),
    GpDiversions => def(
        "gp_diversions", PerYear(T::GpDiversions), Count, Neither,
        "admissions avoided by the GP in A&E a year"),
    GpDiversionReturns => def(
        "gp_diversion_returns", PerYear(T::GpDiversionReturns), Count, Lower,
        "people the GP in A&E sent home who came back within days, a year")
        .short("people sent home by the GP who came back a year")
        .terminal("diverted who came back a year"),
    GpDivertedMeanStayDays => def(
        "gp_diverted_mean_stay_days", MeanOf(T::GpDivertedStayDays, T::GpDiversions), Days, Neither,
        "mean clinical stay the people the GP in A&E sent home would have had")
        .short("clinical stay of those the GP sent home")
        .terminal("mean clinical stay of the diverted"),
    D2aSchemeAdmissions => def(
        "d2a_scheme_admissions", PerYear(T::D2aSchemeAdmissions), Count, Neither,
        "D2A scheme admissions a year"),
    TeamEnrolments => def(
        "team_enrolments", PerYear(T::TeamEnrolments), Count, Neither,
        "case-finding team enrolments a year"),
    Deaths => def(
        "deaths", PerYear(T::Deaths), Count, Lower,
        "deaths a year"),
    DeathsInHospital => def(
        "deaths_in_hospital", PerYear(T::DeathsInHospital), Count, Lower,
        "deaths in hospital a year"),
    DaysAtHome => def(
        "days_at_home", PerYear(T::DaysAtHome), Days, Higher,
        "days at home a year"),
    DischargesP0 => def(
        "discharges_p0", PerYear(T::DischargesP0), Count, Neither,
        "discharges home (P0) a year"),
    DischargesP1 => def(
        "discharges_p1", PerYear(T::DischargesP1), Count, Neither,
        "discharges home with support (P1) a year"),
    DischargesP2 => def(
        "discharges_p2", PerYear(T::DischargesP2), Count, Neither,
        "discharges to a short-term bed (P2) a year"),
    DischargesP3 => def(
        "discharges_p3", PerYear(T::DischargesP3), Count, Neither,
        "discharges to a care home (P3) a year"),
    DischargesD2aScheme => def(
        "discharges_d2a_scheme", PerYear(T::DischargesD2aScheme), Count, Neither,
        "discharges to a discharge-to-assess scheme bed (within P2) a year"),
    CostNhs => def(
        "cost_nhs", PerYear(T::CostNhs), Pounds, Lower,
        "NHS cost a year"),
    CostCouncil => def(
        "cost_council", PerYear(T::CostCouncil), Pounds, Lower,
        "council cost a year"),
    LongTermCareStarts => def(
        "long_term_care_starts", PerYear(T::LongTermCareStarts), Count, Neither,
        "long-term home-care packages started a year"),
    CostLongTermCare => def(
        "cost_long_term_care", PerYear(T::CostLongTermCare), Pounds, Neither,
        "long-term home care, cost a year"),
    CostSelfFunders => def(
        "cost_self_funders", PerYear(T::CostSelfFunders), Pounds, Lower,
        "paid by care-home residents themselves (self-funders' fees and contributions) a year"),
    InterventionCost => def(
        "intervention_cost", PerYear(T::InterventionCost), Pounds, Neither,
        "interventions' own cost a year"),
    InterventionCostNhs => def(
        "intervention_cost_nhs", PerYear(T::InterventionCostNhs), Pounds, Neither,
        "interventions' own cost to the NHS a year"),
    InterventionCostCouncil => def(
        "intervention_cost_council", PerYear(T::InterventionCostCouncil), Pounds, Neither,
        "interventions' own cost to the council a year"),
    DeathsWhileWaiting => def(
        "deaths_while_waiting", PerYear(T::DeathsWhileWaiting), Count, Lower,
        "deaths while waiting for a bed or a place, a year"),
    Readmissions30d => def(
        "readmissions_30d", PerYear(T::Readmissions30d), Count, Lower,
        "emergency readmissions within 30 days of a discharge, a year"),
    OutOfAreaPlacements => def(
        "out_of_area_placements", PerYear(T::OutOfAreaPlacements), Count, Lower,
        "care-home placements out of the area, a year"),
    ShortTermBedTimeouts => def(
        "short_term_bed_timeouts", PerYear(T::ShortTermBedTimeouts), Count, Lower,
        "people who waited too long for a short-term bed and were placed permanently, a year"),
    CostTotal => def(
        "cost_total", AllCostsPerYear, Pounds, Lower,
        "total cost a year"),

    // The same over the whole measured window.
    AeAttendancesTotal => def(
        "ae_attendances_total", Total(T::AeAttendances), Count, Lower,
        "A&E attendances over the window"),
    EmergencyAdmissionsTotal => def(
        "emergency_admissions_total", Total(T::EmergencyAdmissions), Count, Lower,
        "emergency admissions over the window"),
    AcuteBedDaysTotal => def(
        "acute_bed_days_total", Total(T::AcuteBedDays), Days, Lower,
        "emergency bed days over the window"),
    DelayedDischargeDaysTotal => def(
        "delayed_discharge_days_total", Total(T::DelayedDischargeDays), Days, Lower,
        "delayed-discharge days over the window"),
    TrolleyHoursTotal => def(
        "trolley_hours_total", Total(T::TrolleyHours), Hours, Lower,
        "hours waiting in A&E for a bed, over the window"),
    D2aAdmissionsTotal => def(
        "d2a_admissions_total", Total(T::D2aAdmissions), Count, Neither,
        "usual short-term (D2A) bed admissions over the window"),
    D2aBedDaysTotal => def(
        "d2a_bed_days_total", Total(T::D2aBedDays), Days, Neither,
        "usual short-term (D2A) bed days over the window"),
    CareHomeAdmissionsTotal => def(
        "care_home_admissions_total", Total(T::CareHomeAdmissions), Count, Lower,
        "permanent care-home admissions over the window"),
    CareHomeAdmissionsFromHospitalTotal => def(
        "care_home_admissions_from_hospital_total", Total(T::CareHomeAdmissionsFromHospital), Count, Lower,
        "permanent care-home admissions straight from hospital over the window"),
    CareHomeBedDaysTotal => def(
        "care_home_bed_days_total", Total(T::CareHomeBedDays), Days, Lower,
        "care-home bed days over the window"),
    HomeSupportStartsTotal => def(
        "home_support_starts_total", Total(T::HomeSupportStarts), Count, Neither,
        "home-support packages started over the window"),
    CrisisResponsesTotal => def(
        "crisis_responses_total", Total(T::CrisisResponses), Count, Neither,
        "crises managed at home over the window"),
    CrisisResponseReturnsTotal => def(
        "crisis_response_returns_total", Total(T::CrisisResponseReturns), Count, Lower,
        "crises managed at home that came back to A&E within days, over the window"),
    GpDiversionsTotal => def(
        "gp_diversions_total", Total(T::GpDiversions), Count, Neither,
        "admissions avoided by the GP in A&E over the window"),
    GpDiversionReturnsTotal => def(
        "gp_diversion_returns_total", Total(T::GpDiversionReturns), Count, Lower,
        "people the GP in A&E sent home who came back within days, over the window"),
    D2aSchemeAdmissionsTotal => def(
        "d2a_scheme_admissions_total", Total(T::D2aSchemeAdmissions), Count, Neither,
        "D2A scheme admissions over the window"),
    TeamEnrolmentsTotal => def(
        "team_enrolments_total", Total(T::TeamEnrolments), Count, Neither,
        "case-finding team enrolments over the window"),
    DeathsTotal => def(
        "deaths_total", Total(T::Deaths), Count, Lower,
        "deaths over the window"),
    DeathsInHospitalTotal => def(
        "deaths_in_hospital_total", Total(T::DeathsInHospital), Count, Lower,
        "deaths in hospital over the window"),
    DaysAtHomeTotal => def(
        "days_at_home_total", Total(T::DaysAtHome), Days, Higher,
        "days at home over the window"),
    DischargesP0Total => def(
        "discharges_p0_total", Total(T::DischargesP0), Count, Neither,
        "discharges home (P0) over the window"),
    DischargesP1Total => def(
        "discharges_p1_total", Total(T::DischargesP1), Count, Neither,
        "discharges home with support (P1) over the window"),
    DischargesP2Total => def(
        "discharges_p2_total", Total(T::DischargesP2), Count, Neither,
        "discharges to a short-term bed (P2) over the window"),
    DischargesP3Total => def(
        "discharges_p3_total", Total(T::DischargesP3), Count, Neither,
        "discharges to a care home (P3) over the window"),
    DischargesD2aSchemeTotal => def(
        "discharges_d2a_scheme_total", Total(T::DischargesD2aScheme), Count, Neither,
        "discharges to a discharge-to-assess scheme bed (within P2) over the window"),
    CostNhsTotal => def(
        "cost_nhs_total", Total(T::CostNhs), Pounds, Lower,
        "NHS cost over the window"),
    CostCouncilTotal => def(
        "cost_council_total", Total(T::CostCouncil), Pounds, Lower,
        "council cost over the window"),
    LongTermCareStartsTotal => def(
        "long_term_care_starts_total", Total(T::LongTermCareStarts), Count, Neither,
        "long-term home-care packages started over the window"),
    CostLongTermCareTotal => def(
        "cost_long_term_care_total", Total(T::CostLongTermCare), Pounds, Neither,
        "long-term home care, cost over the window"),
    CostSelfFundersTotal => def(
        "cost_self_funders_total", Total(T::CostSelfFunders), Pounds, Lower,
        "paid by care-home residents themselves (self-funders' fees and contributions) over the window"),
    InterventionCostTotal => def(
        "intervention_cost_total", Total(T::InterventionCost), Pounds, Neither,
        "interventions' own cost over the window"),
    InterventionCostNhsTotal => def(
        "intervention_cost_nhs_total", Total(T::InterventionCostNhs), Pounds, Neither,
        "interventions' own cost to the NHS over the window"),
    InterventionCostCouncilTotal => def(
        "intervention_cost_council_total", Total(T::InterventionCostCouncil), Pounds, Neither,
        "interventions' own cost to the council over the window"),
    DeathsWhileWaitingTotal => def(
        "deaths_while_waiting_total", Total(T::DeathsWhileWaiting), Count, Lower,
        "deaths while waiting for a bed or a place, over the window"),
    Readmissions30dTotal => def(
        "readmissions_30d_total", Total(T::Readmissions30d), Count, Lower,
        "emergency readmissions within 30 days of a discharge, over the window"),
    OutOfAreaPlacementsTotal => def(
        "out_of_area_placements_total", Total(T::OutOfAreaPlacements), Count, Lower,
        "care-home placements out of the area, over the window"),
    ShortTermBedTimeoutsTotal => def(
        "short_term_bed_timeouts_total", Total(T::ShortTermBedTimeouts), Count, Lower,
        "people who waited too long for a short-term bed and were placed permanently, over the window"),
    CostTotalTotal => def(
        "cost_total_total", AllCosts, Pounds, Lower,
        "total cost over the window"),

    // The average population, and rates per 1,000 of it.
    Population => def(
        "population", AveragePopulation, People, Neither,
        "people aged 65+ (average)"),
    AeAttendancesPer1000 => def(
        "ae_attendances_per_1000", Per1000(T::AeAttendances), PerThousand, Lower,
        "A&E attendances per 1,000 a year"),
    EmergencyAdmissionsPer1000 => def(
        "emergency_admissions_per_1000", Per1000(T::EmergencyAdmissions), PerThousand, Lower,
        "emergency admissions per 1,000 a year"),
    EmergencyBedDaysPer1000 => def(
        "emergency_bed_days_per_1000", Per1000(T::AcuteBedDays), PerThousand, Lower,
        "emergency bed days per 1,000 a year"),
    DelayedDischargeDaysPer1000 => def(
        "delayed_discharge_days_per_1000", Per1000(T::DelayedDischargeDays), PerThousand, Lower,
        "delayed-discharge days per 1,000 a year"),
    CareHomeAdmissionsPer1000 => def(
        "care_home_admissions_per_1000", Per1000(T::CareHomeAdmissions), PerThousand, Lower,
        "permanent care-home admissions per 1,000 a year"),
    DeathsPer1000 => def(
        "deaths_per_1000", Per1000(T::Deaths), PerThousand, Lower,
        "deaths per 1,000 a year"),

    // Occupancy and stay diagnostics.
    AcuteOccupancyMean => def(
        "acute_occupancy_mean", Figure(|f| f.acute_occupancy_mean), Beds, Neither,
        "acute beds occupied on average"),
    AcuteBedEntriesPerDay => def(
        "acute_bed_entries_per_day", PerDay(T::AcuteBedEntries), Count, Neither,
        "people entering an acute bed a day"),
    AcuteMeanStayDays => def(
        "acute_mean_stay_days", MeanOf(T::AcuteStayDaysEnded, T::AcuteStaysEnded), Days, Lower,
        "mean length of the acute stays that ended"),
    D2aOccupancyMean => def(
        "d2a_occupancy_mean", Figure(|f| f.d2a_occupancy_mean), Beds, Neither,
        "usual short-term (D2A) beds occupied on average"),
    D2aMeanStayDays => def(
        "d2a_mean_stay_days", MeanOf(T::D2aStayDaysEnded, T::D2aStaysEnded), Days, Neither,
        "mean length of the usual short-term (D2A) stays that ended"),
    D2aSchemeOccupancyMean => def(
        "d2a_scheme_occupancy_mean", Figure(|f| f.d2a_scheme_occupancy_mean), Beds, Neither,
        "D2A scheme beds occupied on average"),
    D2aSchemeMeanStayDays => def(
        "d2a_scheme_mean_stay_days", MeanOf(T::D2aSchemeStayDaysEnded, T::D2aSchemeStaysEnded), Days, Neither,
        "mean length of the D2A scheme stays that ended"),
    D2aSchemeMortality1y => def(
        "d2a_scheme_mortality_1y", MeanOf(T::D2aSchemeDeathsWithinYear, T::D2aSchemeAdmissions), Share, Neither,
        "share of D2A scheme users who die within a year of admission"),
    CareHomeOccupancyMean => def(
        "care_home_occupancy_mean", Figure(|f| f.care_home_occupancy_mean), Beds, Neither,
        "care-home beds occupied on average"),
    TeamPlaces => def(
        "team_places", Figure(|f| f.team_places), People, Neither,
        "places with case-finding teams"),
    TeamEnrolledMean => def(
        "team_enrolled_mean", PerDay(T::TeamEnrolledDays), People, Neither,
        "people enrolled with case-finding teams on average"),
    TeamUtilisation => def(
        "team_utilisation", ShareOfPlaces(T::TeamEnrolledDays), Share, Neither,
        "share of case-finding places filled on average"),
    Events => def(
        "events", Figure(|f| f.events as f64), Count, Neither,
        "simulation events processed"),

    // Measures to set against published figures.
    Readmission30dShare => def(
        "readmission_30d_share", MeanOf(T::Readmissions30d, T::DischargesAlive), Share, Lower,
        "share of discharges followed by an emergency readmission within 30 days"),
    Mortality1yAfterAdmission => def(
        "mortality_1y_after_admission", MeanOf(T::DeathsWithinYearOfAdmission, T::IndexAdmissions), Share, Lower,
        "share of people admitted who die within a year"),
    AnyFrailtyShare => def(
        "any_frailty_share", MeanOf(T::FrailPersonDays, T::PersonDays), Share, Lower,
        "share of people aged 65+ living with frailty"),
    CareHomeResidentsShare => def(
        "care_home_residents_share", MeanOf(T::CareHomeBedDays, T::PersonDays), Share, Neither,
        "share of people aged 65+ living in a care home"),
    CareHomeFirstYearMortality => def(
        "care_home_first_year_mortality", MeanOf(T::CareHomeDeathsFirstYear, T::CareHomeAdmissions), Share, Neither,
        "share of new care-home residents who die within a year"),
}
