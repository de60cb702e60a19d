//! Who may do what: the desk's two roles and the one function that decides
//! whether an analyst may take an action. The command line and the console
//! both ask it (through the desk), so they refuse the same things with the
//! same reason.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Move;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Analista,
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Analista, Role::Supervisor];

    pub fn code(self) -> &'static str {
        match self {
            Role::Analista => "analista",
            Role::Supervisor => "supervisor",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        let code = code.trim().to_lowercase();
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Someone who may sign in to the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analyst {
    /// The login, as typed in `--as` (lowercase).
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
    /// When and by whom it was last disabled or enabled.
    #[serde(default)]
    pub changed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub changed_by: Option<String>,
}

/// What an action needs from the one who takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Reading the queue and working tickets: any active analyst.
    Work,
    /// Sealing a weekly batch.
    Seal,
    /// Writing a batch's export (personal data leaves the desk).
    Export,
    /// Marking a batch as sent to RENIEC.
    MarkSent,
    /// Recording RENIEC's answer (approved / rejected).
    RecordOutcome,
    /// Removing records past their retention.
    Purge,
    /// Adding, disabling and enabling analysts.
    ManageAnalysts,
    /// Reading the audit log (who did what, per person).
    ReadAudit,
    /// Copying the whole store, or rebuilding one from a copy.
    Backup,
    /// Giving a ticket being worked to another analyst.
    Reassign,
}

impl Capability {
    /// Every capability reserved to supervisors.
    pub const SUPERVISOR: [Capability; 9] = [
        Capability::Seal,
        Capability::Export,
        Capability::MarkSent,
        Capability::RecordOutcome,
        Capability::Purge,
        Capability::ManageAnalysts,
        Capability::ReadAudit,
        Capability::Backup,
        Capability::Reassign,
    ];

    pub fn needs(self) -> Role {
        match self {
            Capability::Work => Role::Analista,
            _ => Role::Supervisor,
        }
    }

    /// What a ticket move needs: sending and RENIEC's answer belong to the
    /// weekly batch, which is the supervisor's.
    pub fn of_move(m: Move) -> Capability {
        match m {
            Move::Send => Capability::MarkSent,
            Move::Approve | Move::Reject => Capability::RecordOutcome,
            Move::Assign => Capability::Reassign,
            Move::Take
            | Move::Observe
            | Move::Schedule
            | Move::Close
            | Move::Withdraw
            | Move::Correct
            | Move::Undo => Capability::Work,
        }
    }
}

/// Why someone may not do something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessRefused {
    /// The store has no analyst at all: `mesa init` was never run.
    NoSupervisor,
    NoName,
    Unknown {
        name: String,
        active: Vec<String>,
    },
    Disabled(String),
    Role {
        name: String,
        role: Role,
        capability: Capability,
    },
}

/// Whether `analyst` (looked up by `name` among `all`) may do `capability`.
pub fn check<'a>(
    all: &'a [Analyst],
    name: &str,
    capability: Capability,
) -> Result<&'a Analyst, AccessRefused> {
    if all.is_empty() {
        return Err(AccessRefused::NoSupervisor);
    }
    let key = normalize(name);
    if key.is_empty() {
        return Err(AccessRefused::NoName);
    }
    let Some(a) = all.iter().find(|a| a.name == key) else {
        return Err(AccessRefused::Unknown {
            name: key,
            active: all
                .iter()
                .filter(|a| a.active)
                .map(|a| a.name.clone())
                .collect(),
        });
    };
    if !a.active {
        return Err(AccessRefused::Disabled(a.name.clone()));
    }
    if capability.needs() == Role::Supervisor && a.role != Role::Supervisor {
        return Err(AccessRefused::Role {
            name: a.name.clone(),
            role: a.role,
            capability,
        });
    }
    Ok(a)
}

/// Logins compare without case or surrounding blanks.
pub fn normalize(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A login: 2 to 32 letters, digits, `.`, `_` or `-`, starting with a letter.
pub fn check_name(name: &str) -> Result<String, NameProblem> {
    let n = normalize(name);
    if n.is_empty() {
        return Err(NameProblem::Empty);
    }
    let count = n.chars().count();
    if !(2..=32).contains(&count) {
        return Err(NameProblem::Length);
    }
    if !n.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return Err(NameProblem::FirstLetter);
    }
    if let Some(c) = n
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(NameProblem::Character(c));
    }
    Ok(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    Length,
    FirstLetter,
    Character(char),
}

/// Why a change to the list of analysts is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffRefused {
    Exists(String),
    NotFound(String),
    LastSupervisor(String),
    AlreadyInitialized(Vec<String>),
    BadName(NameProblem),
}

/// The analyst `name` disabled: refused when it would leave no active
/// supervisor (nobody could manage the desk any more).
pub fn disable(all: &[Analyst], name: &str) -> Result<Analyst, StaffRefused> {
    let key = normalize(name);
    let Some(a) = all.iter().find(|a| a.name == key) else {
        return Err(StaffRefused::NotFound(key));
    };
    let other_supervisors = all
        .iter()
        .filter(|o| o.active && o.role == Role::Supervisor && o.name != key)
        .count();
    if a.active && a.role == Role::Supervisor && other_supervisors == 0 {
        return Err(StaffRefused::LastSupervisor(key));
    }
    Ok(Analyst {
        active: false,
        ..a.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(name: &str, role: Role, active: bool) -> Analyst {
        Analyst {
            name: name.into(),
            role,
            active,
            added_at: DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
                .unwrap()
                .with_timezone(&Utc),
            added_by: "ana".into(),
            changed_at: None,
            changed_by: None,
        }
    }

    fn staff() -> Vec<Analyst> {
        vec![
            a("ana", Role::Supervisor, true),
            a("beto", Role::Analista, true),
            a("carla", Role::Analista, false),
        ]
    }

    #[test]
    fn every_supervisor_capability_is_refused_to_an_analyst_with_the_reason() {
        let all = staff();
        for cap in Capability::SUPERVISOR {
            assert_eq!(check(&all, "ana", cap).unwrap().name, "ana");
            let err = check(&all, "beto", cap).unwrap_err();
            assert_eq!(
                err,
                AccessRefused::Role {
                    name: "beto".into(),
                    role: Role::Analista,
                    capability: cap
                }
            );
            let text = err.to_string();
            assert!(
                text.contains("beto") && text.contains("supervisor"),
                "{text}"
            );
        }
        assert!(check(&all, "beto", Capability::Work).is_ok());
    }

    #[test]
    fn only_active_known_analysts_pass() {
        let all = staff();
        assert_eq!(
            check(&all, "carla", Capability::Work),
            Err(AccessRefused::Disabled("carla".into()))
        );
        assert!(matches!(
            check(&all, "dora", Capability::Work),
            Err(AccessRefused::Unknown { name, active }) if name == "dora" && active == ["ana", "beto"]
        ));
        assert_eq!(
            check(&all, "  ", Capability::Work),
            Err(AccessRefused::NoName)
        );
        assert_eq!(
            check(&all, " BETO ", Capability::Work).unwrap().name,
            "beto"
        );
        assert_eq!(
            check(&[], "ana", Capability::Work),
            Err(AccessRefused::NoSupervisor)
        );
    }

    #[test]
    fn moves_of_the_batch_are_the_supervisor_s() {
        for m in Move::ALL {
            let cap = Capability::of_move(m);
            let supervisor = matches!(m, Move::Send | Move::Approve | Move::Reject | Move::Assign);
            assert_eq!(cap.needs() == Role::Supervisor, supervisor, "{m:?}");
        }
    }

    #[test]
    fn names_are_logins() {
        assert_eq!(check_name(" MVasquez "), Ok("mvasquez".into()));
        assert_eq!(check_name("j.terrones-2"), Ok("j.terrones-2".into()));
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(check_name("a"), Err(NameProblem::Length));
        assert_eq!(check_name("1ana"), Err(NameProblem::FirstLetter));
        assert_eq!(check_name("ana maría"), Err(NameProblem::Character(' ')));
        assert_eq!(check_name(&"a".repeat(33)), Err(NameProblem::Length));
    }

    #[test]
    fn the_last_active_supervisor_stays() {
        let all = staff();
        assert_eq!(
            disable(&all, "ana"),
            Err(StaffRefused::LastSupervisor("ana".into()))
        );
        assert!(!disable(&all, "beto").unwrap().active);
        let mut two = all.clone();
        two.push(a("dora", Role::Supervisor, true));
        assert!(!disable(&two, "ana").unwrap().active);
        assert_eq!(
            disable(&all, "eva"),
            Err(StaffRefused::NotFound("eva".into()))
        );
    }
}
