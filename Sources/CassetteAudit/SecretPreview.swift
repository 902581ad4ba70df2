import CassetteFormat

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
