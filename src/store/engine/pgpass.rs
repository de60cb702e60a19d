//! `~/.pgpass` (or `PGPASSFILE`), read as libpq reads it: lines of
//! `host:port:database:user:password`, `*` matching anything, `\` escaping
//! `:` and itself; ignored unless only its owner can read it.

use std::os::unix::fs::PermissionsExt;

pub fn lookup(config: &tokio_postgres::Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".pgpass")))?;
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 || meta.len() > 1 << 20 {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first()? {
        tokio_postgres::config::Host::Tcp(h) => h.clone(),
        tokio_postgres::config::Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    find(
        &text,
        [&host, &port, config.get_dbname()?, config.get_user()?],
    )
}

/// The password of the first line whose four fields match.
pub fn find(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| f.len() == 5 && (0..4).all(|i| f[i] == "*" || f[i] == wanted[i]))
        .map(|mut f| f.remove(4))
}

fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.last_mut()?.push(chars.next()?),
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn the_first_matching_line_gives_the_password() {
        let text = "# comment\nother:5432:mesa:ana:no\n*:5432:mesa:ana:s\\:ecreto\n*:*:*:*:any\n";
        assert_eq!(
            find(text, ["db1", "5432", "mesa", "ana"]).as_deref(),
            Some("s:ecreto")
        );
        assert_eq!(
            find(text, ["db1", "5433", "x", "y"]).as_deref(),
            Some("any")
        );
        assert_eq!(find("h:1:d:u:p", ["h", "2", "d", "u"]), None);
    }
}
