//! The request families the desk handles, as data.
//!
//! Every rule that depends on *which* procedure a ticket follows (its motives,
//! which of them are paid, which go to RENIEC in the weekly batch, which need
//! applicants or a certificate) is read from the [`KindSpec`] table below, so
//! a second family of requests (account access to other state systems) is a
//! new table, not an edit of the certificate rules.

use serde::{Deserialize, Serialize};

/// The four certificate procedures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Emision,
    Reemision,
    Instalacion,
    Cancelacion,
}

/// How a kind's tickets travel through the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Sent to RENIEC in the weekly batch: scheduled, sent, approved or rejected.
    Batched,
    /// Worked by the analyst directly and closed (installed, cancelled).
    Direct,
}

/// RFC 5280 CRLReason codes, used when a certificate is cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RevocationReason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MotiveSpec {
    pub letter: char,
    /// Payment of the RENIEC fee (S/ 8.10) is required.
    pub paid: bool,
    /// The private key may be compromised: worked the same day, stands out.
    pub urgent: bool,
    pub revocation: Option<RevocationReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    pub kind: Kind,
    pub code: &'static str,
    pub route: Route,
    /// Emission and re-emission carry applicants; the others name a certificate.
    pub needs_applicants: bool,
    pub needs_certificate: bool,
    /// Empty when the kind takes no motive (installation).
    pub motives: &'static [MotiveSpec],
}

const fn m(letter: char, paid: bool) -> MotiveSpec {
    MotiveSpec {
        letter,
        paid,
        urgent: false,
        revocation: None,
    }
}

const fn cancel(letter: char, urgent: bool, reason: RevocationReason) -> MotiveSpec {
    MotiveSpec {
        letter,
        paid: false,
        urgent,
        revocation: Some(reason),
    }
}

pub const CERTIFICATE_PROCEDURES: &[KindSpec] = &[
    KindSpec {
        kind: Kind::Emision,
        code: "emision",
        route: Route::Batched,
        needs_applicants: true,
        needs_certificate: false,
        motives: &[m('a', false), m('b', false), m('c', true)],
    },
    KindSpec {
        kind: Kind::Reemision,
        code: "reemision",
        route: Route::Batched,
        needs_applicants: true,
        needs_certificate: false,
        motives: &[
            m('a', false),
            m('b', false),
            m('c', false),
            m('d', true),
            m('e', true),
            m('f', true),
            m('g', true),
        ],
    },
    KindSpec {
        kind: Kind::Instalacion,
        code: "instalacion",
        route: Route::Direct,
        needs_applicants: false,
        needs_certificate: true,
        motives: &[],
    },
    KindSpec {
        kind: Kind::Cancelacion,
        code: "cancelacion",
        route: Route::Direct,
        needs_applicants: false,
        needs_certificate: true,
        motives: &[
            cancel('a', false, RevocationReason::AffiliationChanged),
            cancel('b', false, RevocationReason::Superseded),
            cancel('c', true, RevocationReason::KeyCompromise),
            cancel('d', true, RevocationReason::KeyCompromise),
            cancel('e', true, RevocationReason::CaCompromise),
            cancel('f', false, RevocationReason::CessationOfOperation),
            cancel('g', false, RevocationReason::Unspecified),
        ],
    },
];

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Emision,
        Kind::Reemision,
        Kind::Instalacion,
        Kind::Cancelacion,
    ];

    pub fn spec(self) -> &'static KindSpec {
        CERTIFICATE_PROCEDURES
            .iter()
            .find(|s| s.kind == self)
            .expect("every kind has a spec")
    }

    pub fn code(self) -> &'static str {
        self.spec().code
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        // «Reemisión» as typed in a spreadsheet is `reemision`.
        let code = super::text::fold(code);
        CERTIFICATE_PROCEDURES
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.kind)
    }

    pub fn route(self) -> Route {
        self.spec().route
    }

    pub fn is_batched(self) -> bool {
        self.route() == Route::Batched
    }

    pub fn motive(self, letter: char) -> Option<&'static MotiveSpec> {
        self.spec().motives.iter().find(|m| m.letter == letter)
    }

    pub fn takes_motive(self) -> bool {
        !self.spec().motives.is_empty()
    }

    /// Whether this kind and motive require the RENIEC fee.
    pub fn is_paid(self, motive: Option<char>) -> bool {
        motive.and_then(|l| self.motive(l)).is_some_and(|m| m.paid)
    }

    pub fn is_urgent(self, motive: Option<char>) -> bool {
        motive
            .and_then(|l| self.motive(l))
            .is_some_and(|m| m.urgent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paid_motives_are_exactly_the_seeds() {
        let paid = |k: Kind| -> String {
            k.spec()
                .motives
                .iter()
                .filter(|m| m.paid)
                .map(|m| m.letter)
                .collect()
        };
        assert_eq!(paid(Kind::Emision), "c");
        assert_eq!(paid(Kind::Reemision), "defg");
        assert_eq!(paid(Kind::Instalacion), "");
        assert_eq!(paid(Kind::Cancelacion), "");
    }

    #[test]
    fn every_motive_letter_is_known_for_its_kind_only() {
        assert_eq!(Kind::Emision.spec().motives.len(), 3);
        assert!(Kind::Emision.motive('d').is_none());
        assert_eq!(Kind::Reemision.spec().motives.len(), 7);
        assert_eq!(Kind::Cancelacion.spec().motives.len(), 7);
        assert!(!Kind::Instalacion.takes_motive());
    }

    #[test]
    fn compromise_motives_are_urgent_and_carry_rfc5280_reasons() {
        let urgent: String = Kind::Cancelacion
            .spec()
            .motives
            .iter()
            .filter(|m| m.urgent)
            .map(|m| m.letter)
            .collect();
        assert_eq!(urgent, "cde");
        let reason = |l| Kind::Cancelacion.motive(l).unwrap().revocation.unwrap();
        assert_eq!(reason('a'), RevocationReason::AffiliationChanged);
        assert_eq!(reason('b'), RevocationReason::Superseded);
        assert_eq!(reason('c'), RevocationReason::KeyCompromise);
        assert_eq!(reason('d'), RevocationReason::KeyCompromise);
        assert_eq!(reason('e'), RevocationReason::CaCompromise);
        assert_eq!(reason('f'), RevocationReason::CessationOfOperation);
        assert_eq!(reason('g'), RevocationReason::Unspecified);
    }

    #[test]
    fn only_emission_and_reemission_are_batched() {
        let batched: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.is_batched()).collect();
        assert_eq!(batched, vec![Kind::Emision, Kind::Reemision]);
    }

    #[test]
    fn codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        assert_eq!(Kind::from_code(" Emision "), Some(Kind::Emision));
        assert_eq!(Kind::from_code("renovacion"), None);
    }
}
