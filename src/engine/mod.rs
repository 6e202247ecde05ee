//! Domain-free discrete-event kernel: an event queue, a run loop, capacity-limited pools with
//! FIFO waiting, per-entity version counters and named random streams.
//!
//! Nothing here knows what the entities or resources stand for; the care model in
//! [`crate::model`] gives them meaning.

pub mod pool;
pub mod queue;
pub mod rng;

pub use pool::{Pool, Request};
pub use queue::{EventQueue, Versions};
pub use rng::{Stream, StreamKey};
