//! What must hold in every replication at every moment: nobody in two places, no service over
//! capacity, every line holding only people waiting for it, people conserved, and each
//! intervention's own invariants. A broken invariant is a bug.

use super::World;
use crate::model::person::Place;
use crate::model::services::Service;

impl World<'_> {
    pub(super) fn check_invariants(&self) -> Result<(), String> {
        let mut counts = [0u32; Place::COUNT];
        let mut holders = [0u32; Service::COUNT];
        for p in &self.people {
            counts[p.place.index()] += 1;
            match p.place {
                Place::Acute | Place::AcuteDelayed => holders[Service::Acute.index()] += 1,
                Place::D2a | Place::D2aDelayed => holders[p.short_term.index()] += 1,
                _ => {}
            }
            if let Some(service) = p.care_home.filter(|_| p.is_alive()) {
                holders[service.index()] += 1;
            }
            if p.home_support_since.is_some() {
                holders[Service::HomeSupport.index()] += 1;
            }
        }
        if counts != self.place_counts {
            return Err(format!(
                "place counts {counts:?} differ from the running counts {:?}",
                self.place_counts
            ));
        }
        for service in Service::ALL {
            let pool = self.services.pool(service);
            if holders[service.index()] != pool.occupied() {
                return Err(format!(
                    "{} people hold {} places but the pool counts {}",
                    holders[service.index()],
                    service.name(),
                    pool.occupied()
                ));
            }
            if pool.occupied() > pool.capacity() {
                return Err(format!(
                    "{} occupancy {} above capacity {}",
                    service.name(),
                    pool.occupied(),
                    pool.capacity()
                ));
            }
            if let Some(id) = pool.waiting_ids().find(|&id| self.person(id).waiting_for != Some(service)) {
                return Err(format!("person {id} is in the {} line but not waiting for it", service.name()));
            }
        }
        let promised = (0..self.people.len() as u32).filter(|&id| self.holds_promise(id)).count() as u32;
        if promised != self.services.promised(Service::D2aScheme) {
            return Err(format!(
                "{promised} people are promised a scheme bed but the services count {}",
                self.services.promised(Service::D2aScheme)
            ));
        }
        if counts[Place::Trolley.index()] as usize != self.services.pool(Service::Acute).waiting() {
            return Err("trolley count differs from the acute waiting line".into());
        }
        for intervention in &self.interventions {
            intervention.check(&self.people)?;
        }
        let alive = self.people.len() as u32 - counts[Place::Dead.index()];
        if self.started + self.joined != alive + self.died || self.died != counts[Place::Dead.index()] {
            return Err(format!(
                "people not conserved: {} started + {} joined != {alive} alive + {} died",
                self.started, self.joined, self.died
            ));
        }
        Ok(())
    }
}
