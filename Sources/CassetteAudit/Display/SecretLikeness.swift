import CassetteFormat
import Foundation

/// What the display path knows about a name or a value: whether it looks secret, and as what.
///
/// The one place where ``SafeDisplay`` calls the audit's own detectors (key words, token formats,
/// value shapes), so that the display path and the audit agree on what a secret looks like, and
/// a new format taught to the audit is masked in every message too. Linear in its input; no
/// regular expressions.
enum SecretLikeness {
    /// Whether a name (header, cookie, parameter, JSON member, form field) announces a secret
    /// value, and the kind of that value.
    static func kind(ofName name: some StringProtocol) -> MaskKind? {
        let text = String(name)
        guard !text.isEmpty, text.utf8.count <= 256 else { return nil }
        if CredentialNames.isCredentialHeader(text) || CredentialNames.isWachtSession(text) { return .credential }
        let key = SecretKey(text)
        switch key.kind {
        case .password: return .password
        case .totpSeed, .backupCodes: return .otp
        case .token, .secretSounding: return .secret
        case .plain: break
        }
        if key.isMetadata { return nil }
        // Names the audit's key words leave to context but that carry one-time credentials in
        // URLs and forms (OAuth `code`, PKCE `code_verifier`, `client_assertion`, `jsessionid`).
        if let last = key.words.last, extraSecretWords.contains(last) { return .secret }
        if extraSecretJoined.contains(key.joined) { return .secret }
        return nil
    }

    private static let extraSecretWords: Set<String> = [
        "code", "verifier", "assertion", "passcode", "pin", "otp", "sessid", "jsessionid", "phpsessid", "signature", "sig",
    ]
    private static let extraSecretJoined: Set<String> = ["xamzsignature", "xamzcredential", "xgoogsignature", "sessid"]

    /// Whether a value looks secret by itself, whatever its name: a known token format (the
    /// audit's rules), a known secret prefix, or a long high-entropy run. Placeholders and
    /// ordinary values (words, numbers, UUIDs, timestamps, short hex ids) do not.
    static func kind(ofValue value: some StringProtocol) -> MaskKind? {
        let text = Substring(value)
        let bytes = text.utf8
        guard bytes.count >= 12 else { return nil }
        if Placeholder.isPlaceholder(text) { return nil }
        if ASCIIText.contains("-----BEGIN", in: String(text)), ASCIIText.contains("PRIVATE KEY", in: String(text)) {
            return .privateKey
        }
        if ASCIIText.firstIndex(of: "otpauth://", in: String(text), ignoringCase: true) != nil,
            TokenFormats.otpauthSecret(String(text)) != nil
        {
            return .otp
        }
        if let hit = TokenFormats.classify(text) { return hit.rule == .jwt ? .jwt : .token }
        if hasKnownPrefix(text) { return .token }
        if isHighEntropyRun(bytes) { return .token }
        return nil
    }

    /// Prefixes of widely used services' secrets (beyond the audit's full formats), followed by
    /// at least 16 token characters: enough to mask even when the rest does not parse.
    private static let knownPrefixes: [String] = [
        "sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk-proj-", "sk-ant-", "sk-", "ghp_", "gho_", "ghu_", "ghs_",
        "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-", "AIza", "ya29.",
        "npm_", "pypi-", "hf_", "SG.", "shpat_", "shpss_", "dop_v1_", "whsec_", "pk_live_", "wct_", "AKIA", "ASIA", "eyJ",
    ]

    private static func hasKnownPrefix(_ text: Substring) -> Bool {
        for prefix in knownPrefixes where text.utf8.starts(with: prefix.utf8) {
            let rest = text.utf8.dropFirst(prefix.utf8.count)
            if rest.count >= 16, rest.allSatisfy(isTokenByte) { return true }
        }
        return false
    }

    /// Letters, digits and the separators tokens are made of (base64, base64url, JWT, Unleash).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        TokenShape.isTokenCharacter(byte)
    }

    /// A long run that looks random rather than written: at least 20 token characters (32 when
    /// only hex, so object ids stay readable), many switches between lower case, upper case and
    /// digits (words and paths have few), and entropy near the most its length allows.
    static func isHighEntropyRun(_ bytes: Substring.UTF8View) -> Bool {
        let count = bytes.count
        guard count >= 20 else { return false }
        var classSwitches = 0
        var previousClass = 0
        var allHex = true
        var letters = 0
        var digits = 0
        for byte in bytes {
            guard isTokenByte(byte) else { return false }
            let byteClass: Int
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                byteClass = 1
                letters += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                byteClass = 2
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                byteClass = 3
                digits += 1
            default: byteClass = 0
            }
            if byteClass != 0 {
                if previousClass != 0 && byteClass != previousClass { classSwitches += 1 }
                previousClass = byteClass
            }
            if !LookAlike.isHexDigit(byte) { allHex = false }
        }
        if allHex && count < 32 { return false }
        guard letters > 0, digits > 0 || count >= 32 else { return false }
        let text = String(decoding: Array(bytes), as: UTF8.self)
        guard !LookAlike.isUUID(text), !LookAlike.isTimestamp(text), !LookAlike.isNumeric(text) else { return false }
        guard classSwitches * 6 >= count else { return false }
        let alphabet: Double = allHex ? 16 : 64
        let ceiling = Foundation.log2(Swift.min(Double(count), alphabet))
        return TokenShape.entropy(Array(bytes)) >= 0.7 * ceiling
    }
}
