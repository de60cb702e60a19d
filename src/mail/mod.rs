//! Email notifications: templates, the outbox logic and lettre transports.
//!
//! A ticket change computes its messages purely (`events`), the store
//! enqueues them in the change's own transaction (`store::outbox`), and the
//! sender (`sender`) delivers them through a `transport` with retries.

pub mod events;
pub mod expiry;
pub mod log;
pub mod preview;
pub mod reminders;
pub mod render;
pub mod sender;
pub mod settings;
pub mod transport;

pub use events::{Event, MailContext};
pub use settings::{MailSettings, Secret};
pub use transport::{Delivery, Transport};
