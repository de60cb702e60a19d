//! The rules a new analyst password must meet. Pure: hashing and checking
//! a password against its hash live in `desk::identity`.

/// Fewer characters than this is refused.
pub const MIN_CHARS: usize = 10;
/// More characters than this is refused (Argon2 takes any length, but a
/// pasted file is not a password).
pub const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordRefused {
    TooShort(usize),
    TooLong,
    ContainsName,
    Control,
    Mismatch,
}

/// Whether `password` may become the password of analyst `name`.
pub fn check_new(name: &str, password: &str) -> Result<(), PasswordRefused> {
    let n = password.chars().count();
    if password.chars().any(char::is_control) {
        return Err(PasswordRefused::Control);
    }
    if n < MIN_CHARS {
        return Err(PasswordRefused::TooShort(n));
    }
    if n > MAX_CHARS {
        return Err(PasswordRefused::TooLong);
    }
    let name = name.trim().to_lowercase();
    if !name.is_empty() && password.to_lowercase().contains(&name) {
        return Err(PasswordRefused::ContainsName);
    }
    Ok(())
}

/// A new password typed twice: both must be the same, then [`check_new`].
pub fn check_twice(name: &str, first: &str, second: &str) -> Result<(), PasswordRefused> {
    if first != second {
        return Err(PasswordRefused::Mismatch);
    }
    check_new(name, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_is_refused_with_its_length() {
        assert_eq!(
            check_new("ana", "corta123"),
            Err(PasswordRefused::TooShort(8))
        );
        assert!(check_new("ana", "bastante-larga").is_ok());
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 10 characters, 13 bytes.
        assert!(check_new("ana", "ñandú-ñoño").is_ok());
        assert_eq!(
            check_new("ana", "ñandúñoño"),
            Err(PasswordRefused::TooShort(9))
        );
    }

    #[test]
    fn the_name_inside_is_refused_whatever_the_case() {
        assert_eq!(
            check_new("supervisor", "Supervisor2026"),
            Err(PasswordRefused::ContainsName)
        );
        assert_eq!(check_new("beto", "beto"), Err(PasswordRefused::TooShort(4)));
    }

    #[test]
    fn control_characters_and_huge_input_are_refused() {
        assert_eq!(
            check_new("ana", "linea\nlarga-de-mas"),
            Err(PasswordRefused::Control)
        );
        assert_eq!(
            check_new("ana", &"x".repeat(129)),
            Err(PasswordRefused::TooLong)
        );
    }

    #[test]
    fn typed_twice_must_match() {
        assert_eq!(
            check_twice("ana", "bastante-larga", "bastante-largo"),
            Err(PasswordRefused::Mismatch)
        );
        assert!(check_twice("ana", "bastante-larga", "bastante-larga").is_ok());
    }
}
