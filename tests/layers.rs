//! The crate's layers hold: a lower layer never imports a higher one, so
//! the loop of every module through every other cannot come back.
//!
//! domain < leaves (media, os_user, clock, sanitize) < store < mail, export,
//! config < desk < cli, tui, bench, demo. `strings` is the vocabulary of
//! the edges: the words of emails, sheets, audit details and messages are
//! chosen there, so mail, export, config, desk and the edges may use it,
//! the domain and its leaves never (the domain speaks in types). `strings`
//! describes types of every layer and holds no logic, so it imports any.
//!
//! Reads the sources (not the compiled crate); a module's own unit tests
//! (`#[cfg(test)] mod tests`) are not counted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "domain" => 0,
        "media" | "os_user" | "clock" | "sanitize" => 1,
        "store" => 2,
        "mail" | "export" | "config" => 3,
        "desk" => 4,
        "cli" | "tui" | "bench" | "demo" | "fuzzing" => 5,
        _ => return None,
    })
}

/// Who may use the words.
fn may_use_strings(module: &str) -> bool {
    layer(module).is_some_and(|l| l >= 3)
}

/// Known debts, each to be removed when paid (issue 20): the store still
/// words its own errors and audit details instead of returning data.
const DEBTS: &[(&str, &str)] = &[("store", "strings")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its unit-test module and without comments.
fn code(text: &str) -> String {
    let mut kept = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        kept.push(match line.find(" // ") {
            Some(i) => &line[..i],
            None => line,
        });
    }
    kept.join("\n")
}

/// The crate's top modules a source names: `crate::x::…` and
/// `use crate::{x, y::…}`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group, split at depth-0 commas.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.insert(first_segment(&item));
        } else {
            found.insert(first_segment(rest));
        }
    }
    found.remove("");
    found
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_lower_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut debts_seen = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let Some(own) = layer(&module) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for used in imports(&code(&text)) {
            if used == module {
                continue;
            }
            let allowed = if used == "strings" {
                may_use_strings(&module)
            } else {
                layer(&used).is_none_or(|l| l <= own)
            };
            if allowed {
                continue;
            }
            if DEBTS.contains(&(module.as_str(), used.as_str())) {
                debts_seen.insert((module.clone(), used));
                continue;
            }
            wrong.push(format!("{} ({module}) imports {used}", rel.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "a lower layer imports a higher one:\n{}",
        wrong.join("\n")
    );
    // A debt paid must leave the list, so it cannot come back unseen.
    for (module, used) in DEBTS {
        assert!(
            debts_seen.contains(&(module.to_string(), used.to_string())),
            "{module} no longer imports {used}: remove it from DEBTS"
        );
    }
}

#[test]
fn the_scanner_sees_every_form_of_import() {
    let seen = imports(&code(
        "use crate::{domain::Ticket, store::{Store, t}};\n\
         // crate::cli in a comment\n\
         fn f() { crate::desk::attachments::read(); }\n\
         #[cfg(test)]\nmod tests { use crate::tui; }\n",
    ));
    let names: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert_eq!(names, ["desk", "domain", "store"]);
}
