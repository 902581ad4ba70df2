/// The placeholders that replace secret values in cassettes.
///
/// A placeholder reveals nothing of the secret (no hash, no length): it is `REDACTED_<n>`, where
/// `n` numbers the distinct secret values of one cassette in order of first appearance, so equal
/// secrets get equal placeholders. Shape is kept around it: `Bearer REDACTED_1`,
/// `__session=REDACTED_2`, `otpauth://totp/...&secret=REDACTED_3`; secret numbers become `0`.
public enum Placeholder {
    /// The common prefix of every placeholder.
    public static let prefix = "REDACTED"

    /// The placeholder for the `index`-th distinct secret (1-based).
    public static func make(_ index: Int) -> String {
        "\(prefix)_\(index)"
    }

    /// Whether a whole value is a placeholder (`REDACTED`, `REDACTED_12`).
    public static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        let bytes = value.utf8
        let prefixBytes = prefix.utf8
        guard bytes.count >= prefixBytes.count, bytes.starts(with: prefixBytes) else { return false }
        let rest = bytes.dropFirst(prefixBytes.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "_") else { return false }
        let digits = rest.dropFirst()
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
