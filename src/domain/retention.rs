//! How long records are kept, and which tickets a purge may remove: closed
//! or withdrawn tickets whose last change is older than the retention
//! period. Pure: "today" and the time zone are arguments.

use chrono::{Months, NaiveDate};
use chrono_tz::Tz;

use super::Ticket;

/// The retention period when nothing else is said: five years.
pub const DEFAULT_YEARS: u32 = 5;

/// The legal minimum: records are kept at least five years. Configuration
/// and `--older-than` may lengthen it, never shorten it.
pub const LEGAL_MINIMUM_YEARS: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionRules {
    pub years: u32,
}

impl Default for RetentionRules {
    fn default() -> RetentionRules {
        RetentionRules {
            years: DEFAULT_YEARS,
        }
    }
}

impl RetentionRules {
    pub fn period(&self) -> Period {
        Period::Years(self.years)
    }
}

/// "5y", "18m", "400d".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Years(u32),
    Months(u32),
    Days(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPeriod(pub String);

impl Period {
    pub fn parse(text: &str) -> Result<Period, BadPeriod> {
        let t = text.trim().to_lowercase();
        let bad = || BadPeriod(text.chars().take(40).collect());
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (n, unit) = t.split_at(split);
        let n: u32 = n.parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(bad());
        }
        let p = match unit.trim() {
            "y" | "a" | "año" | "años" => Period::Years(n),
            "m" | "mes" | "meses" => Period::Months(n),
            "d" | "día" | "días" | "dia" | "dias" => Period::Days(n),
            _ => return Err(bad()),
        };
        // Beyond a century is a typo, not a retention policy.
        if p.days_at_least() > 36_600 {
            return Err(bad());
        }
        Ok(p)
    }

    /// Reaches back at least the legal five years from any day: 60 months,
    /// or 1,827 days (five years with two leap days).
    pub fn meets_legal_minimum(self) -> bool {
        match self {
            Period::Years(n) => n >= LEGAL_MINIMUM_YEARS,
            Period::Months(n) => n >= LEGAL_MINIMUM_YEARS * 12,
            Period::Days(n) => n as u64 >= LEGAL_MINIMUM_YEARS as u64 * 365 + 2,
        }
    }

    fn days_at_least(self) -> u64 {
        match self {
            Period::Years(n) => n as u64 * 365,
            Period::Months(n) => n as u64 * 28,
            Period::Days(n) => n as u64,
        }
    }

    /// The first day that is still kept: records last changed before it go.
    pub fn cutoff(self, today: NaiveDate) -> NaiveDate {
        let back = match self {
            Period::Years(n) => today.checked_sub_months(Months::new(n * 12)),
            Period::Months(n) => today.checked_sub_months(Months::new(n)),
            Period::Days(n) => today.checked_sub_days(chrono::Days::new(n as u64)),
        };
        back.unwrap_or(NaiveDate::MIN)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Years(n) => write!(f, "{n}y"),
            Period::Months(n) => write!(f, "{n}m"),
            Period::Days(n) => write!(f, "{n}d"),
        }
    }
}

/// The day a closed ticket was closed (its last change), in `tz`.
pub fn closed_on(t: &Ticket, tz: Tz) -> NaiveDate {
    t.updated_at.with_timezone(&tz).date_naive()
}

/// A ticket a purge with this cutoff removes: closed or withdrawn, and
/// last changed before the cutoff. Live tickets are never purged, however
/// old.
pub fn purgeable(t: &Ticket, cutoff: NaiveDate, tz: Tz) -> bool {
    t.status.is_final() && closed_on(t, tz) < cutoff
}

#[cfg(test)]
mod legal_tests {
    use super::*;

    #[test]
    fn a_period_below_five_years_never_meets_the_legal_minimum() {
        let today = NaiveDate::from_ymd_opt(2031, 3, 1).unwrap();
        let five = Period::Years(5).cutoff(today);
        for n in 1..=2_500u32 {
            let p = Period::Days(n);
            // Meeting the minimum means keeping at least everything five
            // years back, on a day with leap years in between.
            if p.meets_legal_minimum() {
                assert!(p.cutoff(today) <= five, "{p}");
            }
        }
        for n in 1..=120u32 {
            assert_eq!(Period::Months(n).meets_legal_minimum(), n >= 60);
        }
        for n in 1..=10u32 {
            assert_eq!(Period::Years(n).meets_legal_minimum(), n >= 5);
        }
        assert!(!Period::Days(1).meets_legal_minimum());
        assert!(Period::Days(1827).meets_legal_minimum());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_read_as_typed() {
        assert_eq!(Period::parse("5y"), Ok(Period::Years(5)));
        assert_eq!(Period::parse(" 18M "), Ok(Period::Months(18)));
        assert_eq!(Period::parse("400d"), Ok(Period::Days(400)));
        assert_eq!(Period::parse("5 años"), Ok(Period::Years(5)));
        for bad in ["", "y", "5", "0y", "5x", "-5y", "1000y", "5y3m"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_cutoff_is_the_same_day_years_back_and_leap_days_fall_back() {
        assert_eq!(Period::Years(5).cutoff(d("2031-11-23")), d("2026-11-23"));
        assert_eq!(Period::Years(1).cutoff(d("2028-02-29")), d("2027-02-28"));
        assert_eq!(Period::Days(30).cutoff(d("2026-03-01")), d("2026-01-30"));
    }

    #[test]
    fn only_final_tickets_older_than_the_cutoff_go() {
        let tz: Tz = "America/Lima".parse().unwrap();
        // 2026-11-23 02:00 UTC is still the 22nd in Lima.
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T02:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut t = crate::domain::Ticket {
            id: "T-2026-000001".into(),
            kind: crate::domain::Kind::Emision,
            motive: Some('a'),
            status: Status::Nuevo,
            registered_at: at,
            registered_by: "prueba".into(),
            applicants: Vec::new(),
            certificate: None,
            dispatch: None,
            observations: Vec::new(),
            assignee: None,
            updated_at: at,
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        };
        let cutoff = d("2026-11-23");
        assert!(!purgeable(&t, cutoff, tz), "a new ticket is never purged");
        for s in [Status::Cerrado, Status::Anulado] {
            t.status = s;
            assert!(purgeable(&t, cutoff, tz), "{s:?} closed on the 22nd (Lima)");
            assert!(
                !purgeable(&t, d("2026-11-22"), tz),
                "the cutoff day is kept"
            );
        }
        t.status = Status::Aprobado;
        assert!(!purgeable(&t, cutoff, tz));
    }
}
