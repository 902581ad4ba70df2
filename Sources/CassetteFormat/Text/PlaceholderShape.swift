import Foundation

extension Placeholder {
    /// The wire format a placeholder keeps. The redactor picks it from the kind of secret it
    /// replaces (never from the secret's characters or length); the text is then a function of
    /// the shape and the number only.
    public enum Shape: Sendable, Hashable {
        /// `REDACTED_<n>`: free-form secrets (passwords, cookies, opaque tokens, reset links).
        case plain
        /// `RDCT-<4 digits>`: a backup code `XXXX-XXXX` (alphabet `[A-Za-z0-9]`), n ≤ 9,999.
        case backupCode
        /// `REDACTED` + n in base32 (RFC 4648 digits, `A` = 0), 32 characters of `[A-Z2-7]`:
        /// a TOTP seed (20 bytes).
        case base32
        /// A JWS of three base64url segments: header `{"alg":"none","typ":"JWT"}`, payload
        /// `{"redacted":n}`, signature `REDACTED`.
        case jwt
        /// `prefix` + `REDACTED` + n in decimal, zero-padded to `length` characters after the
        /// prefix (at least 16): a token with a published prefix and an alphanumeric body
        /// (`sk_REDACTED00000003`, `ghp_REDACTED…0003`).
        case token(prefix: String, length: Int)
        /// `prefix` + zeros + n in 8 decimal digits, `length` characters after the prefix (at
        /// least 32): a token with a hexadecimal body (Unleash `user:<56 hex>`,
        /// `default:development.<56 hex>`).
        case hex(prefix: String, length: Int)

        /// The placeholder text for number `n`; `nil` when `n` does not fit.
        func text(for n: Int) -> String? {
            guard n >= 1 else { return nil }
            switch self {
            case .plain:
                return Placeholder.make(n)
            case .backupCode:
                guard n <= 9_999 else { return nil }
                return PlaceholderScanner.backupMarker + Self.padded(String(n), to: 4, with: "0")
            case .base32:
                return Placeholder.prefix + Self.padded(Self.base32Digits(n), to: 24, with: "A")
            case .jwt:
                return Self.jwtHeader + "." + Self.base64URL(#"{"redacted":\#(n)}"#) + "." + Placeholder.prefix
            case .token(let prefix, let length):
                let digits = max(length, 16) - 8
                let number = String(n)
                guard number.count <= digits, PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.tokenPrefixLimit) else {
                    return nil
                }
                return prefix + Placeholder.prefix + Self.padded(number, to: digits, with: "0")
            case .hex(let prefix, let length):
                guard n < 100_000_000, !prefix.isEmpty, PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.hexPrefixLimit)
                else { return nil }
                return prefix + Self.padded(Self.padded(String(n), to: 8, with: "0"), to: max(length, 32), with: "0")
            }
        }

        /// base64url of `{"alg":"none","typ":"JWT"}`.
        static let jwtHeader = base64URL(#"{"alg":"none","typ":"JWT"}"#)

        static func base64URL(_ text: String) -> String {
            Data(text.utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
        }

        static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

        static func base32Digits(_ n: Int) -> String {
            var value = n
            var digits: [UInt8] = []
            repeat {
                digits.append(base32Alphabet[value % 32])
                value /= 32
            } while value > 0
            return String(decoding: digits.reversed(), as: UTF8.self)
        }

        private static func padded(_ text: String, to length: Int, with pad: Character) -> String {
            text.count >= length ? text : String(repeating: pad, count: length - text.count) + text
        }
    }
}
