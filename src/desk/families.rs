//! The other request families at the desk: their definitions (shipped in
//! the binary, overridable by files in the store's `procedures/` folder),
//! a new request (checked whole, documents stored by hash, registered with
//! its audit entry), and moving a request one step on.

use std::path::{Path, PathBuf};

use crate::desk::Desk;
use crate::desk::attachments::{ReadRefused, read_regular};
use crate::domain::applicant::Attachment;
use crate::domain::audit::AuditNote;
use crate::domain::family::letters;
use crate::domain::family::parse::MAX_DOC_KB;
use crate::domain::family::request::{IntakeRule, RequestDoc, check_intake};
use crate::domain::family::{
    Check, DefError, Family, Intake, IntakeDoc, IntakeProblem, Request, parse_family,
};
use crate::mail::render::{Block, Letter};
use crate::store::StoreError;
use crate::store::outbox::OutboxEntry;
use crate::strings::families as s;

/// The folder inside the store whose `*.toml` files add families or
/// replace a shipped one (same `id`).
pub const PROCEDURES_DIR: &str = "procedures";

/// The families shipped in the binary.
pub const SHIPPED: [(&str, &str); 3] = [
    (
        "cuentas-cnv-sinadef.toml",
        include_str!("../../assets/procedures/cuentas-cnv-sinadef.toml"),
    ),
    (
        "convenio-reniec.toml",
        include_str!("../../assets/procedures/convenio-reniec.toml"),
    ),
    (
        "claves-acceso.toml",
        include_str!("../../assets/procedures/claves-acceso.toml"),
    ),
];

/// The biggest family file read from the store's folder.
const MAX_FILE: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum FamilyError {
    #[error("{0}")]
    Definition(#[from] DefError),
    #[error("{}", s::unreadable(path, cause))]
    Unreadable { path: PathBuf, cause: String },
    #[error("{}", s::unknown_family(.0, .1))]
    UnknownFamily(String, Vec<String>),
    #[error("{}", s::unknown_type(.0, .1, .2))]
    UnknownType(String, String, Vec<String>),
    #[error("{}", s::intake_refused(.0))]
    Intake(Vec<IntakeProblem>),
    #[error("{}", s::document_unreadable(slot, path, cause))]
    Document {
        slot: String,
        path: PathBuf,
        cause: String,
    },
    #[error("{}", s::bad_pair(flag, .value))]
    BadPair { flag: &'static str, value: String },
    #[error("{}", s::not_found(.0))]
    NotFound(String),
    #[error("{}", s::import_refused(.0))]
    Import(Vec<(u64, String)>),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// A request read and checked, waiting to be stored.
pub struct Prepared {
    kind: String,
    intake: Intake,
    /// (slot, file name, bytes) of each document.
    contents: Vec<(String, String, Vec<u8>)>,
}

/// The shipped families, then the store's files: a file whose `id` is a
/// shipped family's replaces it; any other adds one. A broken file is an
/// error naming it (never silently skipped).
pub fn load(store_dir: &Path) -> Result<Vec<Family>, FamilyError> {
    let mut out = Vec::new();
    for (name, text) in SHIPPED {
        out.push(parse_family(name, text)?);
    }
    let dir = store_dir.join(PROCEDURES_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => {
            return Err(FamilyError::Unreadable {
                path: dir,
                cause: e.to_string(),
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let bytes = read_regular(&path, MAX_FILE, false).map_err(|e| FamilyError::Unreadable {
            path: path.clone(),
            cause: e.cause(),
        })?;
        let text = String::from_utf8_lossy(&bytes);
        let family = parse_family(&path.display().to_string(), &text)?;
        match out.iter_mut().find(|f| f.id == family.id) {
            Some(slot) => *slot = family,
            None => out.push(family),
        }
    }
    Ok(out)
}

/// `key=value` from the command line.
pub fn pair(flag: &'static str, value: &str) -> Result<(String, String), FamilyError> {
    match value.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(FamilyError::BadPair {
            flag,
            value: value.to_string(),
        }),
    }
}

fn read_doc(slot: &str, path: &Path) -> Result<Vec<u8>, FamilyError> {
    read_regular(path, MAX_DOC_KB * 1024 + 1, true).map_err(|e: ReadRefused| {
        FamilyError::Document {
            slot: slot.to_string(),
            path: path.to_path_buf(),
            cause: e.cause(),
        }
    })
}

/// The DNIs a request names (its fields checked as DNI): what the audit
/// log is searched by.
pub fn dnis_of(family: &Family, r: &Request) -> Vec<String> {
    family
        .request_type(&r.kind)
        .map(|rt| {
            rt.fields
                .iter()
                .filter(|f| matches!(f.check, Check::Dni))
                .filter_map(|f| r.fields.get(&f.id).cloned())
                .collect()
        })
        .unwrap_or_default()
}

impl Desk {
    pub fn families(&self) -> Result<Vec<Family>, FamilyError> {
        load(self.store_dir())
    }

    pub fn family(&self, id: &str) -> Result<Family, FamilyError> {
        let all = self.families()?;
        let known = all.iter().map(|f| f.id.clone()).collect();
        all.into_iter()
            .find(|f| f.id == id)
            .ok_or_else(|| FamilyError::UnknownFamily(id.to_string(), known))
    }

    /// Registers a request after checking every field and document;
    /// nothing is stored when anything is refused.
    pub fn new_request(
        &self,
        actor: &str,
        family_id: &str,
        kind: &str,
        fields: &[(String, String)],
        docs: &[(String, PathBuf)],
    ) -> Result<(Request, usize), FamilyError> {
        let family = self.family(family_id)?;
        let prepared = self.prepare_request(&family, kind, fields, docs)?;
        self.register_prepared(actor, &family, prepared)
    }

    /// A request's fields and documents read and checked, nothing stored.
    pub(super) fn prepare_request(
        &self,
        family: &Family,
        kind: &str,
        fields: &[(String, String)],
        docs: &[(String, PathBuf)],
    ) -> Result<Prepared, FamilyError> {
        let Some(rt) = family.request_type(kind) else {
            return Err(FamilyError::UnknownType(
                family.id.clone(),
                kind.to_string(),
                family.types.iter().map(|t| t.id.clone()).collect(),
            ));
        };
        let mut intake = Intake::default();
        let mut repeated = Vec::new();
        for (k, v) in fields {
            if intake.fields.insert(k.clone(), v.clone()).is_some() {
                repeated.push(IntakeProblem {
                    field: k.clone(),
                    rule: IntakeRule::Repeated,
                    refusal: None,
                });
            }
        }
        let mut contents = Vec::new();
        for (slot, path) in docs {
            let bytes = read_doc(slot, path)?;
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            intake.docs.push(IntakeDoc {
                slot: slot.clone(),
                file_name: file_name.clone(),
                size: bytes.len() as u64,
                head: bytes.iter().take(16).copied().collect(),
            });
            contents.push((slot.clone(), file_name, bytes));
        }
        let mut problems = repeated;
        problems.extend(check_intake(rt, &intake, self.today_at(self.now())));
        if !problems.is_empty() {
            return Err(FamilyError::Intake(problems));
        }
        Ok(Prepared {
            kind: rt.id.clone(),
            intake,
            contents,
        })
    }

    /// Stores a prepared request with its documents, audit entry and the
    /// first step's mail.
    pub(super) fn register_prepared(
        &self,
        actor: &str,
        family: &Family,
        p: Prepared,
    ) -> Result<(Request, usize), FamilyError> {
        let Some(rt) = family.request_type(&p.kind) else {
            return Err(FamilyError::NotFound(p.kind));
        };
        let now = self.now();
        let mut stored = Vec::new();
        for (slot, name, bytes) in &p.contents {
            stored.push(RequestDoc {
                slot: slot.clone(),
                attachment: self.store.put_attachment(bytes, name)?,
            });
        }
        let mut request = Request::new(
            family,
            rt,
            &p.intake,
            stored,
            actor,
            now,
            &self.config.dispatch,
        );
        let note = AuditNote::new(now, actor, crate::domain::audit::REQUEST_REGISTER, "")
            .dnis(dnis_of(family, &request))
            .detail(s::registered_detail(&family.name, &rt.name));
        let (id, queued) =
            self.store
                .register_request(&request, self.year_at(now), &note, |r| {
                    self.step_mail(family, r, now)
                })?;
        request.id = id;
        Ok((request, queued.len()))
    }

    pub fn request(&self, id: &str) -> Result<Request, FamilyError> {
        self.store
            .request(id.trim())?
            .ok_or_else(|| FamilyError::NotFound(id.to_string()))
    }

    /// The current step of a request done: what was sent, to whom, the
    /// answer and its documents; the next step starts now.
    pub fn advance_request(
        &self,
        actor: &str,
        id: &str,
        sent: &str,
        sent_to: &[String],
        answer: &str,
        answer_docs: &[PathBuf],
    ) -> Result<(Request, usize), FamilyError> {
        let current = self.request(id)?;
        let family = self.family(&current.family)?;
        if current.is_closed() {
            return Err(StoreError::Request(
                crate::domain::family::request::AdvanceRefused::Closed,
            )
            .into());
        }
        let mut docs: Vec<Attachment> = Vec::new();
        let mut contents = Vec::new();
        for path in answer_docs {
            let bytes = read_doc(s::answer_slot(), path)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            contents.push((name, bytes));
        }
        // Checked before any file is kept: a refused step leaves nothing.
        let now = self.now();
        current
            .advance(&family, sent, sent_to, answer, Vec::new(), actor, now)
            .map_err(StoreError::Request)?;
        for (name, bytes) in &contents {
            docs.push(self.store.put_attachment(bytes, name)?);
        }
        let dnis = dnis_of(&family, &current);
        let (next, queued) = self.store.update_request(
            &current.id,
            |r| {
                let next = r.advance(&family, sent, sent_to, answer, docs.clone(), actor, now)?;
                let done = next.log.last().map(|l| l.step.clone()).unwrap_or_default();
                let note = AuditNote::new(now, actor, crate::domain::audit::REQUEST_STEP, &r.id)
                    .dnis(dnis.clone())
                    .detail(s::step_detail(&done, &next.status));
                Ok((next, note))
            },
            |r| self.step_mail(&family, r, now),
        )?;
        Ok((next, queued.len()))
    }

    /// The outbox entries of the step `r` has just reached, rendered with
    /// the desk's signature.
    fn step_mail(
        &self,
        family: &Family,
        r: &Request,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Vec<OutboxEntry> {
        letters::on_arrival(family, r)
            .into_iter()
            .map(|l| {
                let letter = Letter {
                    subject: l.subject,
                    to_name: l.to_name.clone(),
                    blocks: l.paragraphs.into_iter().map(Block::Para).collect(),
                };
                letter.render(&self.config.mail.signature).into_entry(
                    l.id,
                    &r.id,
                    s::MAIL_EVENT,
                    (&l.to_name, &l.to),
                    now,
                )
            })
            .collect()
    }

    /// Every request, in arrival order, of one family or all.
    pub fn requests(&self, family: Option<&str>) -> Result<Vec<Request>, FamilyError> {
        let mut out = Vec::new();
        for r in self.store.requests() {
            let r = r?;
            if family.is_none_or(|f| f == r.family) {
                out.push(r);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_families_are_valid_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let all = load(dir.path()).unwrap();
        let ids: Vec<&str> = all.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["cuentas-cnv-sinadef", "convenio-reniec", "claves-acceso"]
        );
        let types =
            |i: usize| -> Vec<&str> { all[i].types.iter().map(|t| t.id.as_str()).collect() };
        assert_eq!(
            types(0),
            [
                "creacion",
                "reseteo",
                "asociar-correo",
                "asignar-correo",
                "perfil-supervisor"
            ]
        );
        assert_eq!(
            all[0]
                .steps
                .iter()
                .map(|s| s.office.as_str())
                .take(3)
                .collect::<Vec<_>>(),
            ["IPRESS", "Hospital / Red / Microred", "DIRESA"]
        );
        assert!(types(1).contains(&"baja-usuario") && types(1).contains(&"reactivacion"));
        assert_eq!(all[2].steps.len(), 5);
    }

    #[test]
    fn a_store_file_replaces_a_shipped_family_by_id() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(PROCEDURES_DIR)).unwrap();
        let text = SHIPPED[2]
            .1
            .replace("name = \"Claves de acceso\"", "name = \"Claves (local)\"");
        std::fs::write(dir.path().join(PROCEDURES_DIR).join("claves.toml"), text).unwrap();
        let all = load(dir.path()).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].name, "Claves (local)");
    }
}
