//! The one keymap, as data: it drives both the key handling and the help
//! screen. A binding belongs to a scope; resolution looks in the scope first
//! and then, unless the scope is a text entry, in `Global`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use super::screens::ScreenCmd as Sc;
use crate::domain::role::{Capability, Role};
use crate::strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Queue,
    Ticket,
    Help,
    /// Typing the queue's filter.
    Filter,
    Palette,
    Confirm,
    /// The observe / withdraw dialog.
    Reason,
    Form,
    /// The saved views dialog, and typing a view's name.
    Views,
    ViewName,
    Columns,
    /// The batch screen.
    Batch,
    /// Typing in a batch dialog: a reason, a folder, a date, a file.
    BatchInput,
    /// Closing an installation: the medium and the expiry.
    CloseForm,
    /// The outbox screen.
    Outbox,
    /// The people directory and a person's card.
    People,
    /// Typing a search on a registry screen.
    Search,
    /// A small form on a registry screen (a person, a receipt, dates).
    Edit,
    /// The certificates and their expiry.
    Certs,
    /// The reports.
    Reports,
    /// Typing one's name at the sign-in (or the first supervisor's).
    Login,
    /// The audit screen, and typing the DNI to look for.
    Audit,
    AuditFilter,
    /// Choosing the analyst a ticket goes to (a supervisor's `R`).
    Assign,
    /// The other families' requests.
    Requests,
}

impl Scope {
    pub const ALL: [Scope; 26] = [
        Scope::Global,
        Scope::Queue,
        Scope::Ticket,
        Scope::Help,
        Scope::Filter,
        Scope::Palette,
        Scope::Confirm,
        Scope::Reason,
        Scope::Form,
        Scope::Views,
        Scope::ViewName,
        Scope::Columns,
        Scope::Batch,
        Scope::BatchInput,
        Scope::CloseForm,
        Scope::Outbox,
        Scope::People,
        Scope::Search,
        Scope::Edit,
        Scope::Certs,
        Scope::Reports,
        Scope::Login,
        Scope::Audit,
        Scope::AuditFilter,
        Scope::Assign,
        Scope::Requests,
    ];

    /// Scopes where printable keys are text, so global letters do not apply.
    pub fn is_text_entry(self) -> bool {
        matches!(
            self,
            Scope::Filter
                | Scope::Palette
                | Scope::Reason
                | Scope::Form
                | Scope::ViewName
                | Scope::BatchInput
                | Scope::CloseForm
                | Scope::Search
                | Scope::Edit
                | Scope::Login
                | Scope::AuditFilter
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(c: KeyCode) -> Key {
    Key {
        code: c,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// Normalizes a terminal key: Shift is part of the character itself.
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Two quick Esc presses can arrive as Alt-Esc: still an Esc.
        if e.code == KeyCode::Esc {
            mods = KeyModifiers::NONE;
        }
        if let KeyCode::Char(c) = e.code
            && e.modifiers.contains(KeyModifiers::CONTROL)
        {
            return Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods,
            };
        }
        if !matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= e.modifiers & KeyModifiers::SHIFT;
        }
        Key { code: e.code, mods }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => strings::tui::key_space().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "RePág".into(),
            KeyCode::PageDown => "AvPág".into(),
            KeyCode::Home => strings::tui::key_home().into(),
            KeyCode::End => strings::tui::key_end().into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub command: Command,
    /// Its place in the screen's footer: 0 = not offered there; otherwise
    /// the lower, the more an analyst needs it (shown further left, and
    /// dropped last when the line is narrow).
    pub hint: u8,
    /// What the one signed in must be allowed to do for the key to be
    /// offered (footer, help, palette) and to act.
    pub needs: Capability,
}

impl Binding {
    /// Its keys: those chosen in `config.toml`, else the keymap's.
    pub fn keys(&self) -> &[Key] {
        super::keys_config::keys_of(self)
    }

    /// Whether the one signed in may use it; an unknown role (no sign-in)
    /// is shown everything, and the desk still checks every action.
    pub fn allowed(&self, role: Option<Role>) -> bool {
        allowed(role, self.needs)
    }
}

/// Whether `role` may use a key that needs `needs`.
pub fn allowed(role: Option<Role>, needs: Capability) -> bool {
    match role {
        Some(Role::Analista) => needs.needs() == Role::Analista,
        Some(Role::Supervisor) | None => true,
    }
}

use Command as C;
use KeyCode as KC;
use Scope as S;

const fn b(scope: Scope, keys: &'static [Key], command: Command) -> Binding {
    h(scope, keys, command, 0)
}

/// A binding the screen's footer offers, with its rank there.
const fn h(scope: Scope, keys: &'static [Key], command: Command, hint: u8) -> Binding {
    Binding {
        scope,
        keys,
        command,
        hint,
        needs: Capability::Work,
    }
}

/// A binding only the role with `needs` is offered (and may use).
const fn only(needs: Capability, binding: Binding) -> Binding {
    Binding { needs, ..binding }
}

/// Every binding of the console.
pub const KEYMAP: &[Binding] = &[
    // Everywhere (but text entries). `q` closes what is on top, like Esc;
    // only on the queue, the bottom screen, does it quit.
    h(S::Global, &[k('?')], C::Help, 2),
    b(S::Global, &[k(':')], C::Palette),
    h(S::Global, &[code(KC::Esc), k('q')], C::Back, 1),
    b(S::Global, &[code(KC::Up), k('k')], C::Up),
    b(S::Global, &[code(KC::Down), k('j')], C::Down),
    b(S::Global, &[code(KC::PageUp), ctrl('b')], C::PageUp),
    b(S::Global, &[code(KC::PageDown), ctrl('f')], C::PageDown),
    b(S::Global, &[code(KC::Home), k('g')], C::Home),
    b(S::Global, &[code(KC::End), k('G')], C::End),
    // The queue.
    h(S::Queue, &[k('q')], C::Quit, 3),
    h(
        S::Queue,
        &[code(KC::Enter), code(KC::Right), k('l')],
        C::Accept,
        1,
    ),
    h(S::Queue, &[k('/')], C::Filter, 2),
    b(S::Queue, &[k('0')], C::StatusTab(0)),
    b(S::Queue, &[k('1')], C::StatusTab(1)),
    b(S::Queue, &[k('2')], C::StatusTab(2)),
    b(S::Queue, &[k('3')], C::StatusTab(3)),
    b(S::Queue, &[k('4')], C::StatusTab(4)),
    b(S::Queue, &[k('5')], C::StatusTab(5)),
    b(S::Queue, &[k('6')], C::StatusTab(6)),
    b(S::Queue, &[k('7')], C::StatusTab(7)),
    b(S::Queue, &[k('8')], C::StatusTab(8)),
    b(S::Queue, &[k('9')], C::StatusTab(9)),
    b(S::Queue, &[code(KC::Tab)], C::NextTab),
    b(S::Queue, &[code(KC::BackTab)], C::PrevTab),
    b(S::Queue, &[k('u')], C::ToggleUrgent),
    b(S::Queue, &[k('f')], C::CycleKind),
    h(S::Queue, &[k(' ')], C::ToggleSelect, 10),
    b(S::Queue, &[k('a')], C::SelectAll),
    h(S::Queue, &[k('t')], C::Take, 3),
    h(S::Queue, &[k('N')], C::TakeNext, 12),
    b(S::Queue, &[k('m')], C::CycleOwner),
    h(S::Queue, &[k('o')], C::Observe, 4),
    h(S::Queue, &[k('p')], C::Schedule, 5),
    h(S::Queue, &[k('x')], C::Withdraw, 7),
    h(S::Queue, &[k('c')], C::Close, 8),
    h(S::Queue, &[k('n')], C::NewTicket, 9),
    b(S::Queue, &[k('r'), ctrl('r')], C::Reload),
    b(S::Queue, &[k('v')], C::Views),
    b(S::Queue, &[k('e')], C::ChooseColumns),
    b(S::Queue, &[k('s')], C::SortNext),
    b(S::Queue, &[k('S')], C::SortReverse),
    h(S::Queue, &[k('b')], C::Batches, 6),
    h(S::Queue, &[k('E')], C::Screen(Sc::Correct), 11),
    // The ticket screen.
    b(S::Ticket, &[code(KC::Left), k('h')], C::Back),
    h(S::Ticket, &[k('t')], C::Take, 1),
    h(S::Ticket, &[k('o')], C::Observe, 2),
    h(S::Ticket, &[k('p')], C::Schedule, 3),
    h(S::Ticket, &[k('x')], C::Withdraw, 4),
    h(S::Ticket, &[k('c')], C::Close, 5),
    b(S::Ticket, &[k('r'), ctrl('r')], C::Reload),
    h(S::Ticket, &[k('e')], C::Screen(Sc::Correct), 6),
    b(S::Ticket, &[k('[')], C::PrevTicket),
    b(S::Ticket, &[k(']')], C::NextTicket),
    b(S::Ticket, &[k('y')], C::CopyId),
    b(S::Ticket, &[k('Y')], C::CopyDni),
    only(Capability::Reassign, b(S::Queue, &[k('R')], C::Reassign)),
    only(
        Capability::Reassign,
        h(S::Ticket, &[k('R')], C::Reassign, 8),
    ),
    b(S::Assign, &[code(KC::Enter)], C::Accept),
    h(S::Ticket, &[k('v')], C::ViewPhoto, 7),
    b(S::Queue, &[k('z')], C::Undo),
    b(S::Ticket, &[k('z')], C::Undo),
    b(S::Queue, &[k('y')], C::CopyId),
    b(S::Queue, &[k('Y')], C::CopyDni),
    // Help.
    b(S::Help, &[code(KC::Esc), k('?')], C::Back),
    // Typing the filter.
    h(S::Filter, &[code(KC::Enter)], C::Accept, 1),
    h(S::Filter, &[code(KC::Esc)], C::Back, 2),
    b(S::Filter, &[code(KC::Up)], C::OlderFilter),
    b(S::Filter, &[code(KC::Down)], C::NewerFilter),
    h(S::Filter, &[code(KC::Tab)], C::Complete, 3),
    b(S::Filter, &[ctrl('c')], C::Quit),
    // The command palette.
    b(S::Palette, &[code(KC::Enter)], C::Accept),
    b(S::Palette, &[code(KC::Esc)], C::Back),
    b(S::Palette, &[code(KC::Up), ctrl('p')], C::Up),
    b(S::Palette, &[code(KC::Down), ctrl('n')], C::Down),
    b(S::Palette, &[ctrl('c')], C::Quit),
    // Yes / no questions (No is the default for destructive ones).
    b(S::Confirm, &[k('s'), k('y')], C::Yes),
    b(S::Confirm, &[k('n')], C::No),
    b(
        S::Confirm,
        &[code(KC::Left), code(KC::Right), code(KC::Tab)],
        C::SwitchChoice,
    ),
    b(S::Confirm, &[code(KC::Enter)], C::Accept),
    // Observe / withdraw: checklist + free text.
    b(S::Reason, &[code(KC::Enter), ctrl('s')], C::Accept),
    b(S::Reason, &[code(KC::Esc)], C::Back),
    b(S::Reason, &[code(KC::Tab), code(KC::BackTab)], C::NextField),
    b(S::Reason, &[code(KC::Up)], C::Up),
    b(S::Reason, &[code(KC::Down)], C::Down),
    b(S::Reason, &[k(' ')], C::ToggleItem),
    b(S::Reason, &[ctrl('c')], C::Quit),
    // The intake form.
    h(S::Form, &[ctrl('s')], C::Save, 1),
    h(S::Form, &[code(KC::Esc)], C::Back, 3),
    h(S::Form, &[code(KC::Tab), code(KC::Down)], C::NextField, 2),
    h(S::Form, &[code(KC::BackTab), code(KC::Up)], C::PrevField, 5),
    h(S::Form, &[ctrl('a')], C::AddApplicant, 4),
    b(S::Form, &[ctrl('c')], C::Quit),
    // Saved views.
    b(S::Views, &[k('1')], C::LoadView(1)),
    b(S::Views, &[k('2')], C::LoadView(2)),
    b(S::Views, &[k('3')], C::LoadView(3)),
    b(S::Views, &[k('4')], C::LoadView(4)),
    b(S::Views, &[k('5')], C::LoadView(5)),
    b(S::Views, &[k('6')], C::LoadView(6)),
    b(S::Views, &[k('7')], C::LoadView(7)),
    b(S::Views, &[k('8')], C::LoadView(8)),
    b(S::Views, &[k('9')], C::LoadView(9)),
    b(S::Views, &[code(KC::Enter)], C::Accept),
    b(S::Views, &[k('g')], C::SaveView),
    b(S::ViewName, &[code(KC::Enter)], C::Accept),
    b(S::ViewName, &[code(KC::Esc)], C::Back),
    b(S::ViewName, &[ctrl('c')], C::Quit),
    b(S::Columns, &[k(' ')], C::ToggleItem),
    b(S::Columns, &[code(KC::Enter)], C::Accept),
    // The batch screen: dispatch moments above, the selected one's tickets
    // and problems below. `r` is reject here, so reloading is Ctrl-r only.
    h(
        S::Batch,
        &[code(KC::Tab), code(KC::BackTab)],
        C::SwitchPane,
        1,
    ),
    h(
        S::Batch,
        &[code(KC::Enter), code(KC::Right), k('l')],
        C::Accept,
        2,
    ),
    b(S::Batch, &[code(KC::Left), k('h')], C::Back),
    only(Capability::Seal, h(S::Batch, &[k('s')], C::Seal, 3)),
    only(Capability::Export, h(S::Batch, &[k('e')], C::Export, 7)),
    only(Capability::MarkSent, h(S::Batch, &[k('m')], C::MarkSent, 8)),
    only(
        Capability::RecordOutcome,
        h(S::Batch, &[k('a')], C::Approve, 4),
    ),
    only(
        Capability::RecordOutcome,
        h(S::Batch, &[k('r')], C::Reject, 5),
    ),
    only(
        Capability::RecordOutcome,
        h(S::Batch, &[k('i')], C::ImportOutcomes, 6),
    ),
    b(S::Batch, &[ctrl('r')], C::Reload),
    b(S::BatchInput, &[code(KC::Enter)], C::Accept),
    b(S::BatchInput, &[code(KC::Esc)], C::Back),
    b(S::BatchInput, &[ctrl('c')], C::Quit),
    // Closing an installation.
    b(S::CloseForm, &[code(KC::Enter)], C::Accept),
    b(S::CloseForm, &[code(KC::Esc)], C::Back),
    b(
        S::CloseForm,
        &[code(KC::Tab), code(KC::BackTab)],
        C::NextField,
    ),
    b(S::CloseForm, &[code(KC::Up)], C::Up),
    b(S::CloseForm, &[code(KC::Down)], C::Down),
    b(S::CloseForm, &[ctrl('c')], C::Quit),
    // The registry screens, from every screen.
    b(S::Global, &[k('M')], C::Screen(Sc::Outbox)),
    // The outbox.
    h(S::Outbox, &[code(KC::Tab)], C::NextTab, 1),
    b(S::Outbox, &[code(KC::BackTab)], C::PrevTab),
    h(S::Outbox, &[k('r')], C::Screen(Sc::Retry), 3),
    b(S::Outbox, &[ctrl('r')], C::Reload),
    h(
        S::Outbox,
        &[code(KC::Enter), k('T')],
        C::Screen(Sc::OpenTicket),
        2,
    ),
    b(S::Global, &[k('P')], C::Screen(Sc::People)),
    // People.
    h(S::People, &[k('/')], C::Screen(Sc::Search), 1),
    h(
        S::People,
        &[code(KC::Enter), code(KC::Right), k('l')],
        C::Accept,
        2,
    ),
    h(S::People, &[k('e')], C::Screen(Sc::Edit), 4),
    b(S::People, &[k('r'), ctrl('r')], C::Reload),
    h(S::People, &[k('T')], C::Screen(Sc::OpenTicket), 3),
    h(S::Search, &[code(KC::Enter)], C::Accept, 1),
    h(S::Search, &[code(KC::Esc)], C::Back, 2),
    b(S::Search, &[code(KC::Up)], C::Up),
    b(S::Search, &[code(KC::Down)], C::Down),
    b(S::Search, &[ctrl('c')], C::Quit),
    // The small forms.
    b(S::Edit, &[code(KC::Enter), ctrl('s')], C::Save),
    b(S::Edit, &[code(KC::Tab), code(KC::Down)], C::NextField),
    b(S::Edit, &[code(KC::BackTab), code(KC::Up)], C::PrevField),
    b(S::Edit, &[code(KC::Esc)], C::Back),
    b(S::Edit, &[ctrl('c')], C::Quit),
    b(S::Global, &[k('C')], C::Screen(Sc::Certs)),
    // Certificates.
    h(S::Certs, &[code(KC::Tab)], C::NextTab, 1),
    b(S::Certs, &[code(KC::BackTab)], C::PrevTab),
    h(S::Certs, &[k('n')], C::Screen(Sc::Renew), 3),
    b(S::Certs, &[k('r'), ctrl('r')], C::Reload),
    h(
        S::Certs,
        &[code(KC::Enter), k('T')],
        C::Screen(Sc::OpenTicket),
        2,
    ),
    b(S::Global, &[k('O')], C::Screen(Sc::Requests)),
    // The other families' requests.
    h(S::Requests, &[code(KC::Tab)], C::NextTab, 2),
    b(S::Requests, &[code(KC::BackTab)], C::PrevTab),
    h(S::Requests, &[code(KC::Enter)], C::Accept, 1),
    h(S::Requests, &[k('a')], C::Screen(Sc::Advance), 3),
    b(S::Requests, &[k('r'), ctrl('r')], C::Reload),
    b(S::Global, &[k('I')], C::Screen(Sc::Reports)),
    // Reports.
    h(S::Reports, &[k('f')], C::Screen(Sc::Range), 1),
    b(S::Reports, &[k('r'), ctrl('r')], C::Reload),
    // The audit screen (the supervisor's), from the queue.
    only(Capability::ReadAudit, b(S::Queue, &[k('A')], C::Audit)),
    h(S::Audit, &[k('/')], C::Filter, 1),
    h(S::Audit, &[k('r'), ctrl('r')], C::Reload, 2),
    b(S::Audit, &[code(KC::Left), k('h')], C::Back),
    h(S::AuditFilter, &[code(KC::Enter)], C::Accept, 1),
    h(S::AuditFilter, &[code(KC::Esc)], C::Back, 2),
    b(S::AuditFilter, &[ctrl('c')], C::Quit),
    // Signing in.
    b(S::Login, &[code(KC::Enter)], C::Accept),
    b(S::Login, &[code(KC::Tab), code(KC::Down)], C::NextField),
    b(S::Login, &[code(KC::BackTab), code(KC::Up)], C::PrevField),
    b(S::Login, &[code(KC::Esc)], C::Back),
    b(S::Login, &[ctrl('c')], C::Quit),
];

/// The command a key means in a scope, if any.
pub fn resolve(scope: Scope, event: &KeyEvent) -> Option<Command> {
    resolve_binding(scope, event).map(|b| b.command)
}

/// The binding a key means in a scope, if any (with what it needs).
pub fn resolve_binding(scope: Scope, event: &KeyEvent) -> Option<&'static Binding> {
    let key = Key::from_event(event);
    let find = |s: Scope| {
        KEYMAP
            .iter()
            .find(|b| b.scope == s && b.keys().contains(&key))
    };
    find(scope).or_else(|| {
        if scope.is_text_entry() || scope == Scope::Global {
            None
        } else {
            find(Scope::Global)
        }
    })
}

/// Ctrl-C always quits, whatever has the focus.
pub fn is_interrupt(event: &KeyEvent) -> bool {
    Key::from_event(event) == ctrl('c')
}

/// The bindings shown for a scope in the help screen, in keymap order.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scope == scope)
}

/// "j ↓" style label of all keys of a binding.
pub fn keys_label(b: &Binding) -> String {
    b.keys()
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys that run a command in a scope (for hints), e.g. "t".
pub fn key_for(scope: Scope, command: Command) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.command == command && (b.scope == scope || b.scope == Scope::Global))
        .and_then(|b| b.keys().first())
        .map(Key::label)
}

/// One hint of a screen's footer: the key shown and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub command: Command,
    /// The way out (back, help, quit): shown whatever the width.
    pub always: bool,
    /// Who may use it: the footer offers it to them only.
    pub needs: Capability,
}

/// What a screen's footer offers in `scope`, in the order shown: the
/// scope's own hinted bindings that `offer` keeps (what makes sense on the
/// screen right now), most needed first; then, where global keys apply, the
/// global ones. The queue is where every "back" leads (Esc there clears the
/// filters), so its footer has no "back".
pub fn footer(scope: Scope, offer: impl Fn(Command) -> bool) -> Vec<Hint> {
    let ranked = |s: Scope| {
        let mut v: Vec<&Binding> = bindings(s)
            .filter(|b| b.hint > 0 && !b.keys().is_empty())
            .collect();
        // Stable: keymap order within a rank.
        v.sort_by_key(|b| b.hint);
        v
    };
    // Quitting is a way out too: always shown, and last.
    let hint = |b: &Binding, always: bool| Hint {
        key: b.keys()[0].label(),
        command: b.command,
        always: always || b.command == Command::Quit,
        needs: b.needs,
    };
    let mut out: Vec<Hint> = ranked(scope)
        .into_iter()
        .filter(|b| offer(b.command))
        .map(|b| hint(b, false))
        .collect();
    if !scope.is_text_entry() && scope != Scope::Global {
        for b in ranked(Scope::Global) {
            let root_back = scope == Scope::Queue && b.command == Command::Back;
            if !root_back && !out.iter().any(|h| h.command == b.command) {
                out.push(hint(b, true));
            }
        }
    }
    // Stable: the screen's own first, then the ways out, quitting last.
    out.sort_by_key(|h| (h.always, h.command == Command::Quit));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn press(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn no_key_means_two_things_in_any_scope() {
        for scope in Scope::ALL {
            let mut seen: HashMap<Key, Command> = HashMap::new();
            let mut scopes = vec![scope];
            if !scope.is_text_entry() && scope != Scope::Global {
                scopes.push(Scope::Global);
            }
            for s in scopes {
                for b in bindings(s) {
                    for key in b.keys {
                        // A scope may override a global key on purpose (Esc
                        // in help); a duplicate inside one scope is a bug.
                        if let Some(prev) = seen.get(key) {
                            assert!(
                                s != scope || *prev == b.command,
                                "{scope:?}: {} is bound to {prev:?} and {:?}",
                                key.label(),
                                b.command
                            );
                        } else {
                            seen.insert(*key, b.command);
                        }
                    }
                }
            }
            // Within the scope itself, no key appears twice at all.
            let mut own: HashMap<Key, usize> = HashMap::new();
            for b in bindings(scope) {
                for key in b.keys {
                    *own.entry(*key).or_default() += 1;
                }
            }
            for (key, n) in own {
                assert_eq!(n, 1, "{scope:?}: {} bound {n} times", key.label());
            }
        }
    }

    #[test]
    fn letters_act_in_screens_but_are_text_while_typing() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(Scope::Queue, &q), Some(Command::Quit));
        // Elsewhere `q` closes what is on top, like Esc.
        assert_eq!(resolve(Scope::Ticket, &q), Some(Command::Back));
        assert_eq!(resolve(Scope::Help, &q), Some(Command::Back));
        assert_eq!(resolve(Scope::Confirm, &q), Some(Command::Back));
        assert_eq!(resolve(Scope::Batch, &q), Some(Command::Back));
        assert_eq!(resolve(Scope::Filter, &q), None);
        assert_eq!(resolve(Scope::Form, &q), None);
        let t = press(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(resolve(Scope::Queue, &t), Some(Command::Take));
        assert_eq!(resolve(Scope::Palette, &t), None);
    }

    #[test]
    fn shifted_letters_and_ctrl_are_normalized() {
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Scope::Queue, &big_g), Some(Command::End));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(is_interrupt(&ctrl_c));
        assert_eq!(resolve(Scope::Filter, &ctrl_c), Some(Command::Quit));
    }

    #[test]
    fn the_supervisor_s_keys_need_the_supervisor() {
        for b in KEYMAP {
            let supervisor_only = matches!(
                b.command,
                Command::Seal
                    | Command::Export
                    | Command::MarkSent
                    | Command::Approve
                    | Command::Reject
                    | Command::ImportOutcomes
                    | Command::Audit
                    | Command::Reassign
            );
            assert_eq!(
                b.needs.needs() == Role::Supervisor,
                supervisor_only,
                "{:?}",
                b.command
            );
            assert!(b.allowed(Some(Role::Supervisor)));
            assert_eq!(b.allowed(Some(Role::Analista)), !supervisor_only);
        }
    }

    #[test]
    fn every_command_shown_in_help_has_a_description() {
        for b in KEYMAP {
            assert!(!strings::tui::command(b.command).is_empty());
            assert!(!keys_label(b).is_empty());
        }
    }

    #[test]
    fn the_queue_footer_offers_the_batch_screen_and_no_way_back() {
        let f = footer(Scope::Queue, |_| true);
        let cmds: Vec<Command> = f.iter().map(|h| h.command).collect();
        assert!(cmds.contains(&Command::Batches), "{cmds:?}");
        assert!(!cmds.contains(&Command::Back), "{cmds:?}");
        assert_eq!(
            cmds.first(),
            Some(&Command::Accept),
            "the most needed first"
        );
        // The way out comes last and always shows.
        let tail: Vec<(Command, bool)> = f
            .iter()
            .rev()
            .take(2)
            .map(|h| (h.command, h.always))
            .collect();
        assert_eq!(tail, [(Command::Quit, true), (Command::Help, true)]);
        assert!(f.iter().filter(|h| !h.always).all(|h| !h.key.is_empty()));
    }

    #[test]
    fn every_footer_hint_is_a_key_of_its_scope_and_text_entries_offer_no_globals() {
        for scope in Scope::ALL {
            for h in footer(scope, |_| true) {
                let own = bindings(scope).any(|b| b.command == h.command && b.hint > 0);
                assert!(own || h.always, "{scope:?}: {:?}", h.command);
                if scope.is_text_entry() {
                    assert!(!h.always, "{scope:?} offers the global {:?}", h.command);
                }
                assert!(!strings::tui::hint(h.command).is_empty());
            }
        }
        let ticket = footer(Scope::Ticket, |c| c == Command::Take);
        let cmds: Vec<Command> = ticket.iter().map(|h| h.command).collect();
        assert_eq!(
            cmds,
            [Command::Take, Command::Back, Command::Help],
            "what the screen offers, then the way out (q is back here)"
        );
        assert_eq!(ticket[1].key, "Esc");
    }
}
