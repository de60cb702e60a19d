//! Nothing cut where it changes the meaning: every screen and popup of the
//! console, at 80×24 and 120×40, is read for a name cut without «…», a
//! word or number cut at the right edge (of the screen or of a popup's
//! frame), an amount missing a decimal, and a label run into its value.

mod console_harness;

use console_harness::H;
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Frame and scrollbar characters: what a screen's text may end against.
fn is_edge(c: char) -> bool {
    matches!(
        c,
        '│' | '║' | '█' | '┃' | '┐' | '┘' | '┤' | '╮' | '╯' | '▐' | '▌'
    )
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// What is wrong on one screen line (a TestBackend line, quotes removed).
fn line_problems(line: &str, wider: &str, names: &[Vec<char>]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let n = chars.len();
    // A word running into a popup's right frame (the last of two or more
    // frame characters; the first is the left frame, which covers the
    // screen underneath).
    let frames: Vec<usize> = (0..n).filter(|i| chars[*i] == '│').collect();
    if frames.len() >= 2 {
        let e = *frames.last().unwrap();
        if e >= 1 && is_word(chars[e - 1]) {
            out.push(format!("word cut at the frame, column {e}"));
        }
    }
    // A word running into the screen's right edge: cut if the same screen
    // two columns wider shows it longer. (A word that fits exactly, or a
    // right-aligned one, reads the same there.)
    let end = chars
        .iter()
        .rposition(|c| !is_edge(*c))
        .map_or(0, |e| e + 1);
    if end >= 1 && is_word(chars[end - 1]) && !chars[..end].contains(&'│') {
        let from = end.saturating_sub(14);
        let context: String = chars[from..end].iter().collect();
        let longer = wider
            .match_indices(context.as_str())
            .any(|(i, m)| wider[i + m.len()..].chars().next().is_some_and(is_word));
        if longer {
            out.push(format!("word cut at the right edge: «{}»", context.trim()));
        }
    }
    let text: String = chars.iter().collect();
    // «(dd/mm/aaaa)12/03/2019»: a hint run into the value.
    for (i, c) in chars.iter().enumerate() {
        if *c == ')' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            out.push(format!("label run into its value at column {}", i + 1));
        }
    }
    // «S/ 8.1»: an amount with one decimal.
    for (i, _) in text.match_indices("S/ ") {
        let rest: String = text[i + 3..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        if let Some(dot) = rest.rfind(['.', ',']) {
            let decimals = rest.len() - dot - 1;
            if decimals == 1 {
                out.push(format!("amount «S/ {rest}» cut"));
            }
        }
    }
    // A name cut without «…»: where a name starts (its first word and the
    // next word's first two letters), some name must follow whole, cut
    // with «…», or end the line at a word (wrapped text).
    for start in 0..n {
        let here = &chars[start..];
        if start > 0 && is_word(chars[start - 1]) {
            continue;
        }
        let starts = names.iter().filter(|name| {
            let sp = name.iter().position(|c| *c == ' ').unwrap_or(name.len());
            let head = (sp + 3).min(name.len());
            here.len() >= head && here[..head] == name[..head]
        });
        let mut any = false;
        let mut ok = false;
        for name in starts {
            any = true;
            let common = here
                .iter()
                .zip(name.iter())
                .take_while(|(a, b)| a == b)
                .count();
            let after = here.get(common).copied();
            let whole = common == name.len() && !after.is_some_and(is_word);
            let ellipsis = after == Some('…')
                || (after == Some(' ') && here.get(common + 1) == Some(&'…'))
                // «Rosa …»: trailing spaces trimmed before the ellipsis.
                || (common > 0 && name[common - 1] == ' ' && after == Some('…'));
            let wrapped = name.get(common) == Some(&' ')
                && here[common..].iter().all(|c| *c == ' ' || is_edge(*c));
            if whole || ellipsis || wrapped {
                ok = true;
                break;
            }
        }
        if any && !ok {
            let shown: String = here.iter().take(24).collect();
            out.push(format!("name cut without «…»: «{shown}»"));
        }
    }
    out
}

fn names(h: &H) -> Vec<Vec<char>> {
    let mut names: Vec<Vec<char>> = h
        .desk
        .list(&Default::default())
        .unwrap()
        .iter()
        .flat_map(|t| t.applicants.iter().map(|a| a.full_name.chars().collect()))
        .filter(|n: &Vec<char>| n.contains(&' '))
        .collect();
    // Typed into the intake form below.
    names.push("Rosa Huamán Quispe".chars().collect());
    names.sort();
    names.dedup();
    names
}

#[derive(Default)]
struct Found(Vec<String>);

impl Found {
    fn check(&mut self, h: &H, what: &str, names: &[Vec<char>]) {
        for (w, rows) in SIZES {
            let screen = h.screen(w, rows);
            let wider = h.screen(w + 2, rows);
            for (y, raw) in screen.lines().enumerate() {
                let line = raw.trim_start_matches('"').trim_end_matches('"');
                for p in line_problems(line, &wider, names) {
                    self.0.push(format!(
                        "{what} at {w}×{rows}, line {}: {p}\n    {line}",
                        y + 1
                    ));
                }
            }
        }
    }
}

/// Back to the queue, every popup closed, every status shown. A form
/// with unsaved input asks before leaving: the answer is yes.
fn esc_all(h: &mut H) {
    use mesa::tui::app::Screen;
    for _ in 0..6 {
        if h.app.screen == Screen::Queue && h.app.modal.is_none() && !h.app.typing_filter {
            break;
        }
        h.key(KeyCode::Esc);
        if h.app.form.as_ref().is_some_and(|f| f.confirm_discard) {
            h.key(KeyCode::Char('s'));
        }
    }
    assert_eq!(h.app.screen, Screen::Queue, "stuck on {:?}", h.app.screen);
}

#[test]
fn no_screen_cuts_a_name_a_number_or_a_word() {
    let mut h = console_harness::open();
    let names = names(&h);
    let mut found = Found::default();
    h.key(KeyCode::Char('0'));
    found.check(&h, "queue", &names);
    // Every ticket, opened one after another.
    h.key(KeyCode::Home);
    h.key(KeyCode::Enter);
    for _ in 0..h.visible_ids().len() {
        found.check(&h, "ticket", &names);
        h.key(KeyCode::End);
        found.check(&h, "ticket (end)", &names);
        h.key(KeyCode::Char(']'));
    }
    esc_all(&mut h);
    let screens: &[(&str, &[KeyCode])] = &[
        ("help", &[KeyCode::Char('?')]),
        ("palette", &[KeyCode::Char(':')]),
        ("filter", &[KeyCode::Char('/'), KeyCode::Char('x')]),
        ("views", &[KeyCode::Char('v')]),
        ("columns", &[KeyCode::Char('e')]),
        ("batches", &[KeyCode::Char('b')]),
        ("outbox", &[KeyCode::Char('M')]),
        ("people", &[KeyCode::Char('P')]),
        ("people card", &[KeyCode::Char('P'), KeyCode::Enter]),
        ("certificates", &[KeyCode::Char('C')]),
        ("reports", &[KeyCode::Char('I')]),
        ("audit", &[KeyCode::Char('A')]),
        ("intake form", &[KeyCode::Char('n')]),
        ("correction", &[KeyCode::Char('E')]),
    ];
    for (what, keys) in screens {
        for k in *keys {
            h.key(*k);
        }
        found.check(&h, what, &names);
        esc_all(&mut h);
    }
    // The intake form half filled, with problems said beside the fields:
    // a wrong motive, a short DNI, a personal email.
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Tab);
    h.typ("z");
    h.key(KeyCode::Tab);
    h.typ("Rosa Huamán Quispe");
    h.key(KeyCode::Tab);
    h.typ("4512");
    h.key(KeyCode::Tab);
    h.typ("12/03/2019");
    h.key(KeyCode::Tab);
    h.typ("rhuaman@gmail.com");
    h.key(KeyCode::Tab);
    found.check(&h, "intake form (filled)", &names);
    esc_all(&mut h);
    // The dialogs on a new ticket: take, observe, schedule, withdraw.
    let mut h = console_harness::open();
    let t = h.first(|t| t.status == mesa::domain::Status::Nuevo);
    h.find(&t.id);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('t'));
    for (what, key) in [
        ("observe dialog", 'o'),
        ("schedule confirmation", 'p'),
        ("withdraw dialog", 'x'),
        ("close", 'c'),
    ] {
        h.key(KeyCode::Char(key));
        found.check(&h, what, &names);
        for _ in 0..3 {
            if h.app.modal.is_none() {
                break;
            }
            h.key(KeyCode::Esc);
        }
        assert_eq!(h.app.screen, mesa::tui::app::Screen::Ticket, "after {what}");
    }
    assert!(
        found.0.is_empty(),
        "{} cut(s):\n{}",
        found.0.len(),
        found.0.join("\n")
    );
}

#[test]
fn the_detector_sees_what_issue_19_saw() {
    let names = vec!["Rosa Guevara Mego".chars().collect()];
    let cut = |l: &str| !line_problems(l, "", &names).is_empty();
    assert!(cut("  T-1  Rosa Guevar  40111111 "));
    assert!(!cut("  T-1  Rosa Guevar…  40111111 "));
    assert!(!cut("  T-1  Rosa Guevara Mego 40111111 "));
    assert!(cut("Monto: S/ 8.1"));
    assert!(!cut("Monto: S/ 8.10 "));
    assert!(cut("Fecha (dd/mm/aaaa)12/03/2019 "));
    assert!(cut("│ use una letra de ab│"));
    assert!(
        !line_problems(
            "cualquier otra tecla vu",
            "cualquier otra tecla vuelve  ",
            &names
        )
        .is_empty()
    );
    assert!(
        line_problems(
            "   Mesa de Servicio · beto",
            "     Mesa de Servicio · beto",
            &names
        )
        .is_empty()
    );
    assert!(!cut("│ use una letra de a-f │"));
}
