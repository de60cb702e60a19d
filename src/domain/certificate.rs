//! The certificate's own life, kept apart from the tickets that move it.
//!
//! A certificate is born when RENIEC approves a ticket (awaiting download),
//! is installed by the analyst within the download window, and ends expired,
//! lapsed (never downloaded in time) or cancelled. Its status on a day is a
//! function of its dates: no background job marks anything.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::procedure::{Kind, RevocationReason};
use super::ticket::{HistoryEntry, Ticket};
use super::{Move, Status};

/// The expiry the registry knows for a person: the latest known expiry of
/// their certificates that are not cancelled.
pub fn registry_expiry(certs: &[Certificate]) -> Option<NaiveDate> {
    certs
        .iter()
        .filter(|c| c.cancelled.is_none())
        .filter_map(|c| c.expires_on)
        .max()
}

/// The expiry the 10-days rule uses for an emission or re-emission: per
/// applicant, the date the request gives, else the one the registry knows
/// for that DNI (`registry`); the earliest of them, with its source.
pub fn known_expiry(
    t: &Ticket,
    registry: impl Fn(&str) -> Option<NaiveDate>,
) -> Option<super::calendar::KnownExpiry> {
    use super::calendar::{ExpirySource, KnownExpiry};
    if !matches!(t.kind, Kind::Emision | Kind::Reemision) {
        return None;
    }
    t.applicants
        .iter()
        .filter_map(|a| match a.cert_expires_on {
            Some(on) => Some(KnownExpiry {
                on,
                source: ExpirySource::Request,
            }),
            None => registry(&a.dni).map(|on| KnownExpiry {
                on,
                source: ExpirySource::Registry,
            }),
        })
        .min_by_key(|k| k.on)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Pc,
    Token,
    SmartCard,
}

impl Medium {
    pub const ALL: [Medium; 3] = [Medium::Pc, Medium::Token, Medium::SmartCard];

    /// The code the command line and the JSON use.
    pub fn code(self) -> &'static str {
        match self {
            Medium::Pc => "pc",
            Medium::Token => "token",
            Medium::SmartCard => "tarjeta",
        }
    }

    pub fn from_code(code: &str) -> Option<Medium> {
        match code.trim().to_lowercase().as_str() {
            "smart_card" => Some(Medium::SmartCard),
            c => Medium::ALL.into_iter().find(|m| m.code() == c),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Grc,
    Own,
}

impl Owner {
    pub fn code(self) -> &'static str {
        match self {
            Owner::Grc => "grc",
            Owner::Own => "propio",
        }
    }

    /// Who owns the device, when the ticket's motive says it.
    pub fn from_motive(kind: Kind, motive: Option<char>) -> Option<Owner> {
        match (kind, motive?) {
            (Kind::Emision, 'c') | (Kind::Reemision, 'd' | 'e') => Some(Owner::Own),
            (Kind::Reemision, 'b' | 'c') => Some(Owner::Grc),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    PorDescargar,
    Instalado,
    Vencido,
    CaducadoDescarga,
    Cancelado,
}

impl CertStatus {
    pub const ALL: [CertStatus; 5] = [
        CertStatus::PorDescargar,
        CertStatus::Instalado,
        CertStatus::Vencido,
        CertStatus::CaducadoDescarga,
        CertStatus::Cancelado,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CertStatus::PorDescargar => "por_descargar",
            CertStatus::Instalado => "instalado",
            CertStatus::Vencido => "vencido",
            CertStatus::CaducadoDescarga => "caducado_descarga",
            CertStatus::Cancelado => "cancelado",
        }
    }

    /// Still usable or about to be: awaiting download or installed.
    pub fn is_active(self) -> bool {
        matches!(self, CertStatus::PorDescargar | CertStatus::Instalado)
    }
}

/// RENIEC's download window: calendar days from approval.
pub const DOWNLOAD_WINDOW_DAYS: i64 = 30;

/// How far ahead the expiry view looks, in days.
pub const EXPIRY_HORIZON_DAYS: i64 = 60;

pub fn download_until(approved_on: NaiveDate) -> NaiveDate {
    approved_on + Duration::days(DOWNLOAD_WINDOW_DAYS)
}

/// The status a certificate has on `today`, from its dates.
pub fn status_on(
    approved_on: NaiveDate,
    installed: bool,
    cancelled: bool,
    expires_on: Option<NaiveDate>,
    today: NaiveDate,
) -> CertStatus {
    if cancelled {
        CertStatus::Cancelado
    } else if expires_on.is_some_and(|e| e < today) {
        CertStatus::Vencido
    } else if installed {
        CertStatus::Instalado
    } else if today > download_until(approved_on) {
        CertStatus::CaducadoDescarga
    } else {
        CertStatus::PorDescargar
    }
}

/// How a certificate was cancelled: the ticket's motive and its RFC 5280
/// CRLReason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub on: NaiveDate,
    pub motive: char,
    pub reason: RevocationReason,
    pub ticket: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// Human-readable id, `CD-2026-000001` (year of approval).
    pub id: String,
    pub dni: String,
    /// The holder's name and email as the approved ticket gave them.
    pub holder: String,
    pub email: String,
    /// Recorded at installation.
    pub medium: Option<Medium>,
    pub owner: Owner,
    pub approved_on: NaiveDate,
    pub installed_on: Option<NaiveDate>,
    /// Recorded at installation, when the analyst gives it.
    pub expires_on: Option<NaiveDate>,
    pub cancelled: Option<Cancellation>,
    /// The ticket whose approval created it.
    pub origin: String,
    /// Every ticket that touched it, in order.
    pub tickets: Vec<String>,
    /// The renewal (or re-emission) ticket registered from it.
    pub renewal: Option<String>,
}

/// A change of the certificate's own life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertMove {
    Install {
        on: NaiveDate,
        medium: Medium,
        expires_on: Option<NaiveDate>,
    },
    Cancel {
        on: NaiveDate,
        motive: char,
        reason: RevocationReason,
    },
}

/// Why a certificate could not move, or a renewal not be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertRefused {
    NotInstallable {
        id: String,
        status: CertStatus,
    },
    Lapsed {
        id: String,
        until: NaiveDate,
    },
    NotCancellable {
        id: String,
        status: CertStatus,
    },
    ExpiryBeforeInstall {
        expires_on: NaiveDate,
        on: NaiveDate,
    },
    MediumRequired,
    NothingToRenew {
        id: String,
        status: CertStatus,
        until: NaiveDate,
    },
    RenewalExists {
        id: String,
        ticket: String,
    },
}

impl Certificate {
    pub fn download_until(&self) -> NaiveDate {
        download_until(self.approved_on)
    }

    pub fn status(&self, today: NaiveDate) -> CertStatus {
        status_on(
            self.approved_on,
            self.installed_on.is_some(),
            self.cancelled.is_some(),
            self.expires_on,
            today,
        )
    }

    /// Days left to download (0 on the last day); `None` once it no longer
    /// awaits download.
    pub fn download_days_left(&self, today: NaiveDate) -> Option<i64> {
        (self.status(today) == CertStatus::PorDescargar)
            .then(|| (self.download_until() - today).num_days())
    }

    /// Days until expiry for an installed certificate with a known expiry.
    pub fn days_to_expiry(&self, today: NaiveDate) -> Option<i64> {
        match (self.status(today), self.expires_on) {
            (CertStatus::Instalado, Some(e)) => Some((e - today).num_days()),
            _ => None,
        }
    }

    /// The "expiring" stage: installed and expiring within `days`.
    pub fn is_expiring(&self, today: NaiveDate, days: i64) -> bool {
        self.days_to_expiry(today).is_some_and(|d| d <= days)
    }

    /// The one transition function of the certificate's life.
    pub fn apply(&self, mv: CertMove, ticket: &str) -> Result<Certificate, CertRefused> {
        let mut next = self.clone();
        match mv {
            CertMove::Install {
                on,
                medium,
                expires_on,
            } => {
                match self.status(on) {
                    CertStatus::PorDescargar => {}
                    CertStatus::CaducadoDescarga => {
                        return Err(CertRefused::Lapsed {
                            id: self.id.clone(),
                            until: self.download_until(),
                        });
                    }
                    status => {
                        return Err(CertRefused::NotInstallable {
                            id: self.id.clone(),
                            status,
                        });
                    }
                }
                if let Some(e) = expires_on
                    && e <= on
                {
                    return Err(CertRefused::ExpiryBeforeInstall { expires_on: e, on });
                }
                next.installed_on = Some(on);
                next.medium = Some(medium);
                if expires_on.is_some() {
                    next.expires_on = expires_on;
                }
            }
            CertMove::Cancel { on, motive, reason } => {
                let status = self.status(on);
                if matches!(status, CertStatus::Cancelado | CertStatus::Vencido) {
                    return Err(CertRefused::NotCancellable {
                        id: self.id.clone(),
                        status,
                    });
                }
                next.cancelled = Some(Cancellation {
                    on,
                    motive,
                    reason,
                    ticket: ticket.to_string(),
                });
            }
        }
        if !next.tickets.iter().any(|t| t == ticket) {
            next.tickets.push(ticket.to_string());
        }
        Ok(next)
    }

    /// The ticket that renews this certificate: re-emission g after a
    /// lapsed window (paid), re-emission a while installed, emission b once
    /// expired.
    pub fn renewal_offer(&self, today: NaiveDate) -> Result<(Kind, char), CertRefused> {
        match self.status(today) {
            CertStatus::CaducadoDescarga => Ok((Kind::Reemision, 'g')),
            CertStatus::Instalado => Ok((Kind::Reemision, 'a')),
            CertStatus::Vencido => Ok((Kind::Emision, 'b')),
            status => Err(CertRefused::NothingToRenew {
                id: self.id.clone(),
                status,
                until: self.download_until(),
            }),
        }
    }
}

/// Formats the human-readable id.
pub fn cert_id(year: i32, seq: u64) -> String {
    format!("CD-{year}-{seq:06}")
}

/// What a closing move needs that the ticket does not carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CloseDetails {
    pub medium: Option<Medium>,
    pub expires_on: Option<NaiveDate>,
}

/// The certificates a ticket change writes, computed from the ticket before
/// and after, its history entry and the certificates it may touch (the one
/// it names and every certificate of its applicants). New certificates have
/// an empty id: the store numbers them.
///
/// - RENIEC's approval creates one certificate per applicant, awaiting download.
/// - Closing an installation installs the certificate it names (medium required).
/// - Closing a cancellation cancels it with the motive's RFC 5280 reason.
///
/// A certificate the registry does not know (issued before the desk kept
/// one) is left alone: the ticket still moves.
pub fn effects(
    before: &Ticket,
    after: &Ticket,
    entry: &HistoryEntry,
    current: &[Certificate],
    today: NaiveDate,
    details: &CloseDetails,
) -> Result<Vec<Certificate>, CertRefused> {
    let _ = before;
    let named = || {
        after
            .certificate
            .as_deref()
            .and_then(|id| current.iter().find(|c| c.id.eq_ignore_ascii_case(id)))
    };
    match (entry.action, after.kind) {
        (Some(Move::Approve), _) => {
            let approved_on = after.approved_on.unwrap_or(today);
            Ok(after
                .applicants
                .iter()
                .map(|a| {
                    let previous = current
                        .iter()
                        .filter(|c| c.dni == a.dni)
                        .max_by_key(|c| c.approved_on)
                        .map(|c| c.owner);
                    Certificate {
                        id: String::new(),
                        dni: a.dni.clone(),
                        holder: a.full_name.clone(),
                        email: a.email.clone(),
                        medium: None,
                        owner: Owner::from_motive(after.kind, after.motive)
                            .or(previous)
                            .unwrap_or(Owner::Grc),
                        approved_on,
                        installed_on: None,
                        expires_on: None,
                        cancelled: None,
                        origin: after.id.clone(),
                        tickets: vec![after.id.clone()],
                        renewal: None,
                    }
                })
                .collect())
        }
        (Some(Move::Close), Kind::Instalacion) if after.status == Status::Cerrado => {
            let Some(cert) = named() else {
                return Ok(Vec::new());
            };
            let medium = details.medium.ok_or(CertRefused::MediumRequired)?;
            let mv = CertMove::Install {
                on: today,
                medium,
                expires_on: details.expires_on,
            };
            Ok(vec![cert.apply(mv, &after.id)?])
        }
        (Some(Move::Close), Kind::Cancelacion) if after.status == Status::Cerrado => {
            let Some(cert) = named() else {
                return Ok(Vec::new());
            };
            let motive = after.motive.unwrap_or('g');
            let reason = Kind::Cancelacion
                .motive(motive)
                .and_then(|m| m.revocation)
                .unwrap_or(RevocationReason::Unspecified);
            let mv = CertMove::Cancel {
                on: today,
                motive,
                reason,
            };
            Ok(vec![cert.apply(mv, &after.id)?])
        }
        _ => Ok(Vec::new()),
    }
}

/// Which certificates a ticket with this DNI and (optional) named
/// certificate means, as the import resolves it: the named one, or the
/// person's only active one.
///
/// An installation means a certificate awaiting download; a cancellation
/// one awaiting download or installed.
pub fn resolve<'a>(
    certs: &'a [Certificate],
    kind: Kind,
    dni: &str,
    named: Option<&str>,
    today: NaiveDate,
) -> Result<Option<&'a Certificate>, Resolution> {
    let fits = |c: &Certificate| match kind {
        Kind::Instalacion => c.status(today) == CertStatus::PorDescargar,
        _ => c.status(today).is_active(),
    };
    match named {
        Some(id) => match certs.iter().find(|c| c.id.eq_ignore_ascii_case(id)) {
            Some(c) if c.dni != dni => Err(Resolution::OtherHolder {
                id: c.id.clone(),
                dni: c.dni.clone(),
            }),
            Some(c) if !fits(c) => Err(Resolution::WrongStatus {
                id: c.id.clone(),
                status: c.status(today),
            }),
            Some(c) => Ok(Some(c)),
            // Not in the registry: a certificate issued before it.
            None => Ok(None),
        },
        None => {
            let active: Vec<&Certificate> =
                certs.iter().filter(|c| c.dni == dni && fits(c)).collect();
            match active.as_slice() {
                [one] => Ok(Some(one)),
                [] => Err(Resolution::NoneActive {
                    dni: dni.to_string(),
                }),
                many => Err(Resolution::Several {
                    dni: dni.to_string(),
                    ids: many.iter().map(|c| c.id.clone()).collect(),
                }),
            }
        }
    }
}

/// Why the import could not tell which certificate a row means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Resolution {
    NoneActive { dni: String },
    Several { dni: String, ids: Vec<String> },
    OtherHolder { id: String, dni: String },
    WrongStatus { id: String, status: CertStatus },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::MoveContext;
    use crate::domain::{Applicant, ValidationRules};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cert() -> Certificate {
        Certificate {
            id: cert_id(2026, 1),
            dni: "45781236".into(),
            holder: "Rosa Quispe Huamán".into(),
            email: "rquispe@regioncajamarca.gob.pe".into(),
            medium: None,
            owner: Owner::Grc,
            approved_on: d("2026-11-27"),
            installed_on: None,
            expires_on: None,
            cancelled: None,
            origin: "T-2026-000001".into(),
            tickets: vec!["T-2026-000001".into()],
            renewal: None,
        }
    }

    fn install(on: &str, expires: Option<&str>) -> CertMove {
        CertMove::Install {
            on: d(on),
            medium: Medium::Token,
            expires_on: expires.map(d),
        }
    }

    #[test]
    fn the_download_window_is_thirty_calendar_days() {
        assert_eq!(download_until(d("2026-11-27")), d("2026-12-27"));
        let approved = d("2026-11-27");
        assert_eq!(
            status_on(approved, false, false, None, d("2026-12-27")),
            CertStatus::PorDescargar
        );
        assert_eq!(
            status_on(approved, false, false, None, d("2026-12-28")),
            CertStatus::CaducadoDescarga
        );
        assert_eq!(
            status_on(approved, true, false, None, d("2026-12-28")),
            CertStatus::Instalado
        );
        let c = cert();
        assert_eq!(c.download_days_left(d("2026-12-27")), Some(0));
        assert_eq!(c.download_days_left(d("2026-12-28")), None);
    }

    #[test]
    fn cancellation_and_expiry_win_over_installation() {
        let approved = d("2024-01-10");
        assert_eq!(
            status_on(
                approved,
                true,
                false,
                Some(d("2026-01-10")),
                d("2026-11-23")
            ),
            CertStatus::Vencido
        );
        assert_eq!(
            status_on(approved, true, true, None, d("2026-11-23")),
            CertStatus::Cancelado
        );
    }

    #[test]
    fn a_whole_life_installed_expiring_expired() {
        let c = cert()
            .apply(install("2026-12-01", Some("2028-12-01")), "T-2026-000009")
            .unwrap();
        assert_eq!(c.status(d("2026-12-02")), CertStatus::Instalado);
        assert_eq!(c.medium, Some(Medium::Token));
        assert_eq!(c.tickets, ["T-2026-000001", "T-2026-000009"]);
        assert!(!c.is_expiring(d("2028-10-01"), EXPIRY_HORIZON_DAYS));
        assert!(c.is_expiring(d("2028-10-02"), EXPIRY_HORIZON_DAYS));
        assert_eq!(c.days_to_expiry(d("2028-11-30")), Some(1));
        assert_eq!(c.status(d("2028-12-01")), CertStatus::Instalado);
        assert_eq!(c.status(d("2028-12-02")), CertStatus::Vencido);
        assert_eq!(c.renewal_offer(d("2028-11-01")), Ok((Kind::Reemision, 'a')));
        assert_eq!(c.renewal_offer(d("2028-12-02")), Ok((Kind::Emision, 'b')));
    }

    #[test]
    fn illegal_moves_are_refused_in_spanish() {
        // Lapsed: no installation, a paid re-emission g instead.
        let err = cert()
            .apply(install("2026-12-28", None), "T-2026-000009")
            .unwrap_err();
        assert_eq!(
            err,
            CertRefused::Lapsed {
                id: "CD-2026-000001".into(),
                until: d("2026-12-27")
            }
        );
        assert!(err.to_string().contains("motivo g"), "{err}");
        assert_eq!(
            cert().renewal_offer(d("2026-12-28")),
            Ok((Kind::Reemision, 'g'))
        );
        // Installed twice.
        let installed = cert().apply(install("2026-12-01", None), "T-9").unwrap();
        let err = installed
            .apply(install("2026-12-02", None), "T-10")
            .unwrap_err();
        assert!(matches!(err, CertRefused::NotInstallable { .. }));
        assert!(err.to_string().contains("instalado"), "{err}");
        // Expiry must come after installation.
        let err = cert()
            .apply(install("2026-12-01", Some("2026-12-01")), "T-9")
            .unwrap_err();
        assert!(matches!(err, CertRefused::ExpiryBeforeInstall { .. }));
        // Cancelled twice, or once expired.
        let cancel = CertMove::Cancel {
            on: d("2026-12-05"),
            motive: 'c',
            reason: RevocationReason::KeyCompromise,
        };
        let cancelled = installed.apply(cancel, "T-11").unwrap();
        assert_eq!(cancelled.status(d("2026-12-05")), CertStatus::Cancelado);
        let err = cancelled.apply(cancel, "T-12").unwrap_err();
        assert!(err.to_string().contains("cancelado"), "{err}");
        assert!(matches!(
            cancelled.renewal_offer(d("2026-12-06")),
            Err(CertRefused::NothingToRenew { .. })
        ));
        // Nothing to renew while it can still be downloaded.
        let err = cert().renewal_offer(d("2026-12-01")).unwrap_err();
        assert!(err.to_string().contains("27/12/2026"), "{err}");
    }

    fn ticket(kind: Kind, motive: Option<char>, certificate: Option<&str>) -> Ticket {
        Ticket {
            id: "T-2026-000020".into(),
            kind,
            motive,
            status: Status::EnAtencion,
            registered_at: chrono::Utc::now(),
            registered_by: "ana".into(),
            applicants: vec![Applicant {
                full_name: "Rosa Quispe Huamán".into(),
                dni: "45781236".into(),
                dni_issued_on: None,
                email: "rquispe@regioncajamarca.gob.pe".into(),
                photo: None,
                signature: None,
                payment_operation: None,
                cert_expires_on: None,
            }],
            certificate: certificate.map(String::from),
            dispatch: None,
            observations: vec![],
            assignee: None,
            updated_at: chrono::Utc::now(),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }

    fn close(t: &Ticket) -> (Ticket, HistoryEntry) {
        let ctx = MoveContext {
            actor: "ana".into(),
            at: chrono::Utc::now(),
            reasons: vec![],
            dispatch: None,
            seen: None,
            oversees: false,
        };
        t.apply(
            Move::Close,
            &ctx,
            d("2026-12-01"),
            &ValidationRules::default(),
        )
        .unwrap()
    }

    #[test]
    fn approval_creates_one_certificate_per_applicant_awaiting_download() {
        let mut before = ticket(Kind::Emision, Some('c'), None);
        before.status = Status::Enviado;
        let mut after = before.clone();
        after.status = Status::Aprobado;
        after.approved_on = Some(d("2026-11-30"));
        let entry = HistoryEntry {
            at: chrono::Utc::now(),
            by: "ana".into(),
            action: Some(Move::Approve),
            from: Some(Status::Enviado),
            to: Status::Aprobado,
            reasons: vec![],
            changes: Vec::new(),
        };
        let made = effects(
            &before,
            &after,
            &entry,
            &[],
            d("2026-12-01"),
            &CloseDetails::default(),
        )
        .unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].status(d("2026-12-01")), CertStatus::PorDescargar);
        assert_eq!(made[0].approved_on, d("2026-11-30"));
        assert_eq!(made[0].owner, Owner::Own, "emission c: own device");
        assert_eq!(made[0].origin, "T-2026-000020");
    }

    #[test]
    fn closing_installation_needs_the_medium_and_cancellation_records_rfc5280() {
        let c = cert();
        let t = ticket(Kind::Instalacion, None, Some("cd-2026-000001"));
        let (after, entry) = close(&t);
        let today = d("2026-12-01");
        let none = CloseDetails::default();
        assert_eq!(
            effects(&t, &after, &entry, std::slice::from_ref(&c), today, &none),
            Err(CertRefused::MediumRequired)
        );
        let with = CloseDetails {
            medium: Some(Medium::Pc),
            expires_on: Some(d("2028-12-01")),
        };
        let installed = effects(&t, &after, &entry, &[c], today, &with).unwrap();
        assert_eq!(installed[0].installed_on, Some(today));
        assert_eq!(installed[0].medium, Some(Medium::Pc));

        let t = ticket(Kind::Cancelacion, Some('e'), Some("CD-2026-000001"));
        let (after, entry) = close(&t);
        let cancelled = effects(&t, &after, &entry, &installed, today, &none).unwrap();
        let how = cancelled[0].cancelled.as_ref().unwrap();
        assert_eq!(
            (how.motive, how.reason),
            ('e', RevocationReason::CaCompromise)
        );
        assert_eq!(how.ticket, "T-2026-000020");

        // A certificate the registry does not know: the ticket still closes.
        let t = ticket(Kind::Cancelacion, Some('c'), Some("CD-40987654-1"));
        let (after, entry) = close(&t);
        assert_eq!(effects(&t, &after, &entry, &[], today, &none), Ok(vec![]));
    }

    #[test]
    fn an_empty_certificate_column_means_the_only_active_one() {
        let today = d("2026-12-01");
        let a = cert();
        assert_eq!(
            resolve(
                std::slice::from_ref(&a),
                Kind::Cancelacion,
                "45781236",
                None,
                today
            ),
            Ok(Some(&a))
        );
        assert_eq!(
            resolve(&[], Kind::Cancelacion, "45781236", None, today),
            Err(Resolution::NoneActive {
                dni: "45781236".into()
            })
        );
        let mut b = cert();
        b.id = cert_id(2026, 2);
        let both = [a.clone(), b];
        assert!(matches!(
            resolve(&both, Kind::Instalacion, "45781236", None, today),
            Err(Resolution::Several { ids, .. }) if ids.len() == 2
        ));
        assert_eq!(
            resolve(
                &both,
                Kind::Cancelacion,
                "45781236",
                Some("CD-2026-000002"),
                today
            )
            .unwrap()
            .unwrap()
            .id,
            "CD-2026-000002"
        );
        assert!(matches!(
            resolve(
                &both,
                Kind::Cancelacion,
                "41234567",
                Some("CD-2026-000002"),
                today
            ),
            Err(Resolution::OtherHolder { .. })
        ));
        assert_eq!(
            resolve(
                &both,
                Kind::Cancelacion,
                "41234567",
                Some("CD-41234567-1"),
                today
            ),
            Ok(None)
        );
        // An installed certificate is not one to install.
        let installed = both[0].apply(install("2026-12-01", None), "T-9").unwrap();
        assert!(matches!(
            resolve(
                &[installed],
                Kind::Instalacion,
                "45781236",
                Some("CD-2026-000001"),
                today
            ),
            Err(Resolution::WrongStatus {
                status: CertStatus::Instalado,
                ..
            })
        ));
    }

    #[test]
    fn codes_round_trip() {
        for m in Medium::ALL {
            assert_eq!(Medium::from_code(m.code()), Some(m));
        }
        assert_eq!(Medium::from_code("Tarjeta"), Some(Medium::SmartCard));
        assert_eq!(Medium::from_code("usb"), None);
        assert_eq!(cert_id(2026, 1), "CD-2026-000001");
    }
}
