//! Comparing words as people type them: case and Spanish accents aside.

/// Folds case and Spanish accents and collapses spaces, so «Médico
/// Ginecólogo» matches `medico ginecologo` and «Reemisión» `reemision`.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' | 'ì' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn accents_case_and_spaces_fold_away() {
        assert_eq!(fold("  Reemisión "), "reemision");
        assert_eq!(fold("Médico   Ginecólogo"), "medico ginecologo");
        assert_eq!(fold("CANCELACIÓN"), "cancelacion");
        assert_eq!(fold("Ñandú"), "ñandu", "ñ is a letter of its own");
    }
}
