//! `mesa request import`: requests of one family and type from a CSV, one
//! per row. Each column is a field or a document of the type, named by its
//! key or its label as people write it (case, accents, spaces aside);
//! document cells are paths inside the CSV's folder (anything outside it
//! is refused, never read). Every row is
//! read and checked first: if any row is refused, the answer lists each
//! refusal by line and nothing is registered.

use std::path::{Path, PathBuf};

use super::Desk;
use super::attachments::{Outside, read_regular, resolve_inside};
use super::families::FamilyError;
use crate::domain::family::Family;
use crate::strings::families as s;

/// The biggest CSV read.
const MAX_CSV: u64 = 8 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Field(String),
    Doc(String),
}

fn key(name: &str) -> String {
    crate::domain::text::fold(name).replace([' ', '-'], "_")
}

/// What a header names among the type's fields and documents.
fn column(family: &Family, kind: &str, name: &str) -> Option<Column> {
    let rt = family.request_type(kind)?;
    let k = key(name);
    if let Some(f) = rt
        .fields
        .iter()
        .find(|f| key(&f.id) == k || key(&f.label) == k)
    {
        return Some(Column::Field(f.id.clone()));
    }
    rt.documents
        .iter()
        .find(|d| key(&d.id) == k || key(&d.label) == k)
        .map(|d| Column::Doc(d.id.clone()))
}

impl Desk {
    /// Registers one request per row of `path`, all or none refused.
    pub fn import_requests(
        &self,
        actor: &str,
        family_id: &str,
        kind: &str,
        path: &Path,
    ) -> Result<Vec<String>, FamilyError> {
        let family = self.family(family_id)?;
        let Some(rt) = family.request_type(kind) else {
            return Err(FamilyError::UnknownType(
                family.id.clone(),
                kind.to_string(),
                family.types.iter().map(|t| t.id.clone()).collect(),
            ));
        };
        let bytes = read_regular(path, MAX_CSV, true).map_err(|e| FamilyError::Unreadable {
            path: path.to_path_buf(),
            cause: e.cause(),
        })?;
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut reader = super::table::csv_reader(&bytes);
        let csv_error = |line: u64, e: &csv::Error| {
            FamilyError::Import(vec![(line, crate::strings::words::csv_error(e))])
        };
        let header = reader.headers().map_err(|e| csv_error(1, &e))?.clone();
        let mut columns = Vec::new();
        let mut unknown = Vec::new();
        for name in header.iter() {
            match column(&family, &rt.id, name) {
                Some(c) => columns.push(c),
                None => unknown.push((1, s::import_unknown_column(name, rt))),
            }
        }
        if !unknown.is_empty() {
            return Err(FamilyError::Import(unknown));
        }
        let mut prepared = Vec::new();
        let mut refused = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let record = record.map_err(|e| csv_error(line, &e))?;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut fields = Vec::new();
            let mut docs: Vec<(String, PathBuf)> = Vec::new();
            let mut problems: Vec<String> = Vec::new();
            for (c, cell) in columns.iter().zip(record.iter()) {
                match c {
                    Column::Field(id) if !cell.trim().is_empty() => {
                        fields.push((id.clone(), cell.to_string()))
                    }
                    Column::Doc(slot) if !cell.trim().is_empty() => {
                        // Only files inside the CSV's folder are read.
                        match resolve_inside(&base, cell.trim()) {
                            Ok(p) => docs.push((slot.clone(), p)),
                            Err(Outside::NotFound) => {
                                problems.push(s::import_doc_missing(slot, cell.trim()))
                            }
                            Err(Outside::Refused(why)) => {
                                problems.push(s::import_doc_refused(slot, cell.trim(), &why))
                            }
                        }
                    }
                    _ => {}
                }
            }
            if !problems.is_empty() {
                refused.push((line, problems.join("; ")));
                continue;
            }
            match self.prepare_request(&family, &rt.id, &fields, &docs) {
                Ok(p) => prepared.push(p),
                // The row's own problems, without the single request's
                // «nothing was registered» (the whole import says it).
                Err(FamilyError::Intake(problems)) => refused.push((
                    line,
                    problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                )),
                Err(e) => refused.push((line, e.to_string())),
            }
        }
        if !refused.is_empty() {
            return Err(FamilyError::Import(refused));
        }
        if prepared.is_empty() {
            return Err(FamilyError::Import(vec![(
                1,
                s::import_empty().to_string(),
            )]));
        }
        let mut ids = Vec::new();
        for p in prepared {
            ids.push(self.register_prepared(actor, &family, p)?.0.id);
        }
        Ok(ids)
    }
}
