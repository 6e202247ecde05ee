//! A person aged 65+ and where they are now.

use super::DAYS_PER_YEAR;
use super::clocks::Clocks;
use super::metrics::Tally;
use super::params::{AGE_BANDS, FRAILTY_LEVELS, LTC_LEVELS, PATHWAYS};
use super::services::Service;
use crate::engine::{Stream, StreamKey};
use crate::model::funding::Funding;

/// The discharge pathway chosen for an acute stay, in the national guidance's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pathway {
    /// P0: home with no new support.
    Home,
    /// P1: home with support (a home-support slot).
    HomeWithSupport,
    /// P2: a short-term bed.
    ShortTermBed,
    /// P3: a permanent care-home placement.
    CareHome,
    /// A discharge-to-assess scheme's bed instead of P3 (reported as P2: a short-term bed).
    D2aScheme,
}

impl Pathway {
    /// The four pathways of the guidance, in the order of the scenario's pathway shares.
    pub const GUIDANCE: [Pathway; PATHWAYS] =
        [Pathway::Home, Pathway::HomeWithSupport, Pathway::ShortTermBed, Pathway::CareHome];

    /// Positions in [`Pathway::GUIDANCE`] (and in the scenario's pathway shares).
    pub const P1: usize = 1;
    pub const P3: usize = 3;

    /// The tally that counts discharges on this pathway.
    pub fn tally(self) -> Tally {
        match self {
            Pathway::Home => Tally::DischargesP0,
            Pathway::HomeWithSupport => Tally::DischargesP1,
            Pathway::ShortTermBed | Pathway::D2aScheme => Tally::DischargesP2,
            Pathway::CareHome => Tally::DischargesP3,
        }
    }
}

/// Where a person is. Exactly one at a time, by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In their own home (possibly waiting for a care-home bed).
    Home,
    /// Being seen in A&E.
    Ae,
    /// Admitted but waiting in A&E for an acute bed.
    Trolley,
    /// In an acute bed, receiving treatment.
    Acute,
    /// In an acute bed, medically fit, waiting for the next place (a delayed discharge).
    AcuteDelayed,
    /// In a short-term bed: usual step-down (D2A) or a D2A scheme's (see `Person::short_term`).
    D2a,
    /// In a short-term bed, assessed, waiting for a care-home bed.
    D2aDelayed,
    /// Living in a care home (residential or nursing, see `Person::care_home`).
    CareHome,
    Dead,
}

impl Place {
    pub const COUNT: usize = 9;

    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name in result files.
    pub fn name(self) -> &'static str {
        match self {
            Place::Home => "home",
            Place::Ae => "ae",
            Place::Trolley => "trolley",
            Place::Acute => "acute",
            Place::AcuteDelayed => "acute_delayed",
            Place::D2a => "short_term_bed",
            Place::D2aDelayed => "short_term_bed_delayed",
            Place::CareHome => "care_home",
            Place::Dead => "dead",
        }
    }
}

/// A person's risks: a crisis (at home or in a care home), death (anywhere) and asking for a
/// care-home place (at home). They depend on where the person is and are rescheduled at every
/// move.
pub const RISKS: usize = 3;
pub const CLOCK_CRISIS: usize = 0;
pub const CLOCK_DEATH: usize = 1;
pub const CLOCK_CARE_HOME: usize = 2;

/// A person's progression: becoming frailer, becoming less frail, a new long-term condition.
/// They run wherever the person is and are rescheduled only when they change.
pub const PROGRESSIONS: usize = 3;
pub const CLOCK_FRAILER: usize = 0;
pub const CLOCK_LESS_FRAIL: usize = 1;
pub const CLOCK_NEW_LTC: usize = 2;

/// Random stream purposes: each person has one stream per purpose, so a change in one kind of
/// event leaves the draws of every other kind untouched (common random numbers).
pub mod purpose {
    pub const ATTRIBUTES: u8 = 0;
    pub const CLOCK_CRISIS: u8 = 1;
    pub const CLOCK_DEATH: u8 = 2;
    pub const CLOCK_CARE_HOME: u8 = 3;
    pub const EPISODE: u8 = 4;
    pub const TEAM: u8 = 6;
    pub const CLOCK_FRAILER: u8 = 7;
    pub const CLOCK_LESS_FRAIL: u8 = 8;
    pub const CLOCK_NEW_LTC: u8 = 9;
}

/// Age band, frailty, LTC count and living alone: what the home hazards depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskGroup(u16);

impl RiskGroup {
    pub const COUNT: usize = AGE_BANDS * FRAILTY_LEVELS * LTC_LEVELS * 2;

    pub fn new(band: usize, frailty: usize, ltc: usize, lives_alone: bool) -> Self {
        let index = ((band * FRAILTY_LEVELS + frailty) * LTC_LEVELS + ltc) * 2 + usize::from(lives_alone);
        RiskGroup(index as u16)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

pub fn age_band(age: u32) -> usize {
    match age {
        0..=74 => 0,
        75..=84 => 1,
        _ => 2,
    }
}

/// The chance draws for one crisis episode, taken all at once when it starts, so that every
/// scenario uses the same draw for the same decision whichever branches the episode takes.
#[derive(Debug, Clone, Copy, Default)]
pub struct EpisodeDraws {
    pub ae_hours: f64,
    pub admit: f64,
    pub los: f64,
    pub death: f64,
    pub pathway: f64,
    pub nursing: f64,
    pub arrangement: f64,
    pub d2a_stay: f64,
    pub d2a_outcome: f64,
    pub support_days: f64,
    pub scheme: f64,
    pub crisis_response: f64,
    pub gp_divert: f64,
    /// Whether a crisis an intervention kept out of hospital comes back, and after how long.
    pub comes_back: f64,
    pub comes_back_days: f64,
    /// Whether an intervention that changes the discharge pathway shares moves this person off
    /// their usual pathway, and the outcome of an assessment in a D2A scheme's bed.
    pub pathway_moved: f64,
    pub scheme_outcome: f64,
}

impl EpisodeDraws {
    pub fn draw(stream: &mut Stream) -> Self {
        Self {
            ae_hours: stream.exp1(),
            admit: stream.uniform(),
            los: stream.normal(),
            death: stream.uniform(),
            pathway: stream.uniform(),
            nursing: stream.uniform(),
            arrangement: stream.exp1(),
            d2a_stay: stream.normal(),
            d2a_outcome: stream.uniform(),
            support_days: stream.exp1(),
            scheme: stream.uniform(),
            crisis_response: stream.uniform(),
            gp_divert: stream.uniform(),
            comes_back: stream.uniform(),
            comes_back_days: stream.exp1(),
            pathway_moved: stream.uniform(),
            scheme_outcome: stream.uniform(),
        }
    }

    /// The crisis's acuity: its rank among crises, from 0 (the least acute) to 1 (the most).
    /// A&E admits a crisis when its acuity is above 1 minus the admission probability, so the
    /// admitted are the most acute; an intervention may take only the least acute.
    pub fn acuity(&self) -> f64 {
        1.0 - self.admit
    }
}

/// One stream per purpose for one person.
#[derive(Clone)]
pub struct PersonStreams {
    pub risks: [Stream; RISKS],
    pub progression: [Stream; PROGRESSIONS],
    pub episode: Stream,
}

impl PersonStreams {
    pub fn new(seed: u64, replication: u32, id: u32) -> Self {
        let stream = |purpose| Stream::new(StreamKey { seed, replication, entity: id, purpose });
        Self {
            risks: [
                stream(purpose::CLOCK_CRISIS),
                stream(purpose::CLOCK_DEATH),
                stream(purpose::CLOCK_CARE_HOME),
            ],
            progression: [
                stream(purpose::CLOCK_FRAILER),
                stream(purpose::CLOCK_LESS_FRAIL),
                stream(purpose::CLOCK_NEW_LTC),
            ],
            episode: stream(purpose::EPISODE),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    /// The day (simulation time) of the person's birth: their age is `(now - born) / 365` years.
    pub born: f64,
    /// Age band now (0: 65-74, 1: 75-84, 2: 85+), moved on at the 75th and 85th birthdays.
    pub band: u8,
    pub female: bool,
    /// Long-term conditions, 4 meaning 4 or more.
    pub ltc: u8,
    /// 0 fit, 1 mild, 2 moderate, 3 severe (eFI).
    pub frailty: u8,
    pub lives_alone: bool,
    pub practice: u16,
    pub cluster: u16,
    pub place: Place,
    /// When the person entered `place`.
    pub since: f64,
    /// The care-home bed this person holds as a permanent resident (kept while in hospital).
    pub care_home: Option<Service>,
    pub care_home_since: f64,
    /// Whether the placement was an admission during the run (not a resident at the start).
    pub care_home_admitted: bool,
    /// The service this person is queued for, if any.
    pub waiting_for: Option<Service>,
    /// A care-home place the person was waiting for at home when a crisis took them to
    /// hospital: they rejoin the line on going home, or are placed from hospital.
    pub needs_care_home: Option<Service>,
    /// When the current acute (or short-term bed) stay began.
    pub admitted_at: f64,
    /// When the person became medically fit in the current acute stay.
    pub ready_at: f64,
    /// Discharge pathway chosen in the current stay.
    pub pathway: Pathway,
    pub risks: Clocks<RISKS>,
    pub progression: Clocks<PROGRESSIONS>,
    pub episode: EpisodeDraws,
    /// Crises the person has had: the number of the current episode, so that a crisis's coming
    /// back is dropped once another has begun.
    pub episodes: u32,
    /// The current crisis was kept out of hospital and has come back: no intervention takes it
    /// again.
    pub came_back: bool,
    /// When the person's crisis and death rates were last raised: at a discharge alive, or when
    /// an intervention kept out of hospital a crisis that A&E would have admitted (the raised
    /// risk follows the illness, not the bed).
    pub raised_from: f64,
    /// Which short-term pool holds the person while in `Place::D2a` or `Place::D2aDelayed`.
    pub short_term: Service,
    /// When the person was last admitted to an acute bed.
    pub last_admission: f64,
    /// The admission that began the person's latest year with admissions (one with no
    /// admission in the 365 days before it), for mortality within a year of admission.
    pub index_admission: f64,
    /// When the person last left an acute bed alive, and how many times they have: their
    /// crisis and death rates are raised for a while after it.
    pub discharged_at: f64,
    pub discharges: u32,
    /// A multiplier (mean 1) on the person's crisis and death rates: risk that their age,
    /// frailty and conditions do not show.
    pub unobserved_frailty: f64,
    /// Fixed for life, for who pays a care-home place ([`Funding::of`]): below the self-funder
    /// share, the person pays for themselves; below the continuing-healthcare share, their
    /// health needs qualify for it in a nursing home.
    pub wealth: f64,
    pub health_need: f64,
    /// Who pays for the person's care-home place, decided at placement.
    pub funding: Funding,
    /// Since when the person holds a home-support slot, if they do; and how many times they
    /// have started one (stamping the event that ends it).
    pub home_support_since: Option<f64>,
    pub home_support_starts: u32,
    /// Since when the person has a long-term home-care package, if they do; and whether one is
    /// due when they next go home (an intervention kept them from a care home).
    pub long_term_care_since: Option<f64>,
    pub long_term_care_due: bool,
    /// When the person last entered a D2A scheme bed.
    pub scheme_admitted_at: f64,
}

impl Person {
    pub fn band(&self) -> usize {
        usize::from(self.band)
    }

    /// Age in whole years at `now`.
    pub fn age_at(&self, now: f64) -> u32 {
        ((now - self.born) / DAYS_PER_YEAR).floor().max(0.0) as u32
    }

    /// When the person next moves up an age band (their 75th or 85th birthday), if they will.
    pub fn next_band_change(&self) -> Option<f64> {
        let birthday = match self.band {
            0 => 75.0,
            1 => 85.0,
            _ => return None,
        };
        Some(self.born + birthday * DAYS_PER_YEAR)
    }

    pub fn risk_group(&self) -> RiskGroup {
        RiskGroup::new(self.band(), usize::from(self.frailty), usize::from(self.ltc), self.lives_alone)
    }

    pub fn is_alive(&self) -> bool {
        self.place != Place::Dead
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_groups_are_distinct_and_in_range() {
        let mut seen = [false; RiskGroup::COUNT];
        for b in 0..AGE_BANDS {
            for f in 0..FRAILTY_LEVELS {
                for l in 0..LTC_LEVELS {
                    for a in [false, true] {
                        let i = RiskGroup::new(b, f, l, a).index();
                        assert!(!seen[i]);
                        seen[i] = true;
                    }
                }
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn age_bands() {
        assert_eq!(
            [age_band(65), age_band(74), age_band(75), age_band(84), age_band(85), age_band(101)],
            [0, 0, 1, 1, 2, 2]
        );
    }
}
