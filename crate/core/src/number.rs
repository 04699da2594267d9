//! Numbers as text for messages: the same text natively and in wasm.

/// The shortest text that reads back as `value`: `5.1`, `-1`, `1e308`,
/// `NaN`, `Infinity`. Integers have no `.0`.
pub fn format_number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(value);
    text.strip_suffix(".0").unwrap_or(text).to_owned()
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(5.1), "5.1");
        assert_eq!(format_number(-1.0), "-1");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(100.000001), "100.000001");
        assert_eq!(format_number(1e308), "1e308");
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(f64::NEG_INFINITY), "-Infinity");
    }
}
