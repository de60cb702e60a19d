//! The one source of "now". `MESA_NOW=<RFC 3339>` fixes it for tests, demos
//! and reproducing a case.

use chrono::{DateTime, Utc};

pub const NOW_VAR: &str = "MESA_NOW";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Reads `MESA_NOW`; an unparsable value is an error, not a silent fallback.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(NOW_VAR) {
            Ok(v) if !v.trim().is_empty() => DateTime::parse_from_rfc3339(v.trim())
                .map(|t| Clock::Fixed(t.with_timezone(&Utc)))
                .map_err(|_| format!("{NOW_VAR}: «{v}» no es una fecha y hora RFC 3339")),
            _ => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}
