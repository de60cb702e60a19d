//! `mesa import FILE.csv`.

use std::path::PathBuf;

use clap::Args;

use super::Global;
use crate::desk::import::ImportFailure;
use crate::strings;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Archivo CSV (columnas en docs/command-line.md, con nombres en castellano o en inglés); las rutas de fotos y firmas son relativas a él
    file: PathBuf,
}

pub fn run(g: &Global, a: ImportArgs) -> anyhow::Result<()> {
    let bytes = crate::desk::attachments::read_input(&a.file).map_err(anyhow::Error::msg)?;
    let base = a.file.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let desk = g.open_desk()?;
    match desk.import_csv(&bytes, &base, &g.resolve().actor) {
        Ok(ids) => {
            outln!("{}", strings::cli::imported(ids.len()))?;
            for id in ids {
                outln!("{id}")?;
            }
            Ok(())
        }
        Err(ImportFailure::Rows(rows)) => {
            let mut msg = strings::cli::import_refused(&a.file, rows.len());
            for r in rows {
                msg.push('\n');
                msg.push_str(&r.to_string());
            }
            anyhow::bail!(msg)
        }
        Err(ImportFailure::Store(e)) => Err(e.into()),
    }
}
