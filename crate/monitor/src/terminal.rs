//! What reaches the operator's terminal. Everything an instance says (its
//! version, hashes, paths, header values, error texts) is untrusted: control
//! characters and the bidirectional overrides that reorder text on screen
//! are written as visible escapes, so an instance cannot move the cursor,
//! recolour, retitle or reorder the operator's terminal. `--json` is exact
//! JSON instead (serde escapes control characters itself).

use std::fmt::Write as _;

/// `text` with every control and bidirectional-override character written
/// as `\u{…}` (and `\` as `\\`), so it prints as what it is.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if c.is_control() || is_bidi_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The characters that reorder text on screen (Trojan Source).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_as_text() {
        assert_eq!(printable("plain é ✓"), "plain é ✓");
        assert_eq!(printable("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(printable("a\nb\rc\u{7}"), "a\\u{a}b\\u{d}c\\u{7}");
        assert_eq!(printable("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(printable("\\u{1b}"), "\\\\u{1b}");
        for text in ["\u{1b}]0;title\u{7}", "\u{9b}31m", "x\u{0}y"] {
            assert!(!printable(text).chars().any(char::is_control), "{text:?}");
        }
    }
}
