import Foundation

/// Fresh random secrets for tests: a new value every call, never a fixed string, so that a test
/// cannot pass because a redactor happens to know one literal.
public enum RandomSecret {
    private static func random(from alphabet: String, count: Int) -> String {
        let characters = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters[Int.random(in: 0..<characters.count, using: &generator)] })
    }

    /// Lowercase hex of the given length.
    public static func hex(_ count: Int) -> String { random(from: "0123456789abcdef", count: count) }
    /// Base32 (RFC 4648 alphabet) of the given length, like a TOTP seed.
    public static func base32(_ count: Int = 32) -> String { random(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count: count) }
    /// base64url without padding.
    public static func base64url(_ count: Int) -> String {
        random(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", count: count)
    }
    /// Letters and digits.
    public static func alphanumeric(_ count: Int) -> String {
        random(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", count: count)
    }

    /// A Smallest.ai Atoms API key (`sk_` + random suffix).
    public static func atomsKey() -> String { "sk_" + alphanumeric(40) }
    /// An Unleash personal access token v1 (`user:` + 56 hex).
    public static func unleashPAT() -> String { "user:" + hex(56) }
    /// An Unleash admin API token v1 (`*:*.` + 56 hex).
    public static func unleashAdminToken() -> String { "*:*." + hex(56) }
    /// An Unleash client API token v1 (`<project>:<env>.` + 56 hex).
    public static func unleashClientToken() -> String { "default:development." + hex(56) }
    /// An Unleash account token v2 (`user:v2_<22>_<43>`).
    public static func unleashV2PAT() -> String { "user:v2_" + base64url(22) + "_" + base64url(43) }
    /// An Unleash API token v2 (`<project>:<env>.v2_<22>_<43>`).
    public static func unleashV2APIToken() -> String { "default:production.v2_" + base64url(22) + "_" + base64url(43) }
    /// An opaque ZITADEL access token (base64url, no stable prefix).
    public static func zitadelOpaqueToken() -> String { base64url(86) }
    /// A Wacht backup code (`XXXX-XXXX`).
    public static func backupCode() -> String { alphanumeric(4) + "-" + alphanumeric(4) }

    /// A JWT with a random payload and signature (ES256 header by default).
    public static func jwt(algorithm: String = "ES256", claims: [String: String] = [:]) -> String {
        func encode(_ text: String) -> String {
            Data(text.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        var payload = claims
        payload["sess"] = payload["sess"] ?? String(Int.random(in: 1_000_000...9_999_999))
        payload["rotating_token"] = payload["rotating_token"] ?? hex(16)
        let body = "{" + payload.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
        return encode("{\"alg\":\"\(algorithm)\",\"typ\":\"JWT\"}") + "." + encode(body) + "." + base64url(86)
    }

    /// An `otpauth://` URL carrying a fresh TOTP seed; returns the URL and the seed.
    public static func otpauthURL(issuer: String = "Wacht", account: String = "user@example.com") -> (url: String, seed: String) {
        let seed = base32(32)
        return ("otpauth://totp/\(issuer):\(account)?algorithm=SHA1&digits=6&issuer=\(issuer)&period=30&secret=\(seed)", seed)
    }
}
