/// A one-way digest of a secret value, kept in memory only so that a baseline can recognise an
/// accepted finding without the value: the baseline stores `SHA-256(salt ‖ digest)`, never this.
///
/// Its description never shows the bytes.
public struct SecretDigest: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]

    /// The digest of a value.
    public init(of value: String) {
        bytes = SHA256.hash(Array(value.utf8))
    }

    /// The salted hash a baseline file stores: lowercase hex of `SHA-256(salt ‖ SHA-256(value))`.
    public func saltedHash(salt: String) -> String {
        SHA256.hex(SHA256.hash(Array(salt.utf8) + bytes))
    }

    public var description: String { "SecretDigest(…)" }
}

/// Masked previews of secret values: enough to recognise which value it is, never the value.
public enum SecretPreview {
    /// Known non-secret prefixes shown in full, so the preview says what kind of token it is.
    private static let formatPrefixes = [
        "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "sk_live_", "rk_live_", "sk_test_", "rk_test_",
        "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "user:v2_", "user:", "*:*.", "wct_", "sk_", "eyJ",
        "-----BEGIN",
    ]

    /// `ghp_…(redacted)`, `eyJ…(redacted)`, `Q3x…(redacted)`: a known prefix, or at most one
    /// eighth of the value (four characters at most, none for values under eight characters).
    public static func mask(_ value: String) -> String {
        if let prefix = formatPrefixes.first(where: { value.hasPrefix($0) && value.count > $0.count + 8 }) {
            return prefix + "…(redacted)"
        }
        let shown = min(4, value.count / 8)
        return String(value.prefix(shown)) + "…(redacted)"
    }
}
