//! Spanish texts for this area (see `strings/mod.rs`).

/// "4.512", "1.000.000": Spanish thousands separator.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Where the cursor is in the list: "120 de 4.512".
pub fn position(at: usize, total: usize) -> String {
    format!("{} de {}", thousands(at), thousands(total))
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_use_a_dot() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(4512), "4.512");
        assert_eq!(super::thousands(1_000_000), "1.000.000");
        assert_eq!(super::position(120, 4512), "120 de 4.512");
    }
}
