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
        /// A JWE of five base64url segments, as direct encryption writes it: header
        /// `{"alg":"dir","enc":"A256GCM"}`, an empty key, an IV of zero bytes, the ciphertext
        /// `{"redacted":n}` and the tag `REDACTED`.
        case jwe
        /// `prefix` + `REDACTED` + n in decimal, zero-padded to `length` characters after the
        /// prefix (at least 16): a token with a published prefix and an alphanumeric body
        /// (`sk_REDACTED00000003`, `ghp_REDACTED…0003`).
        case token(prefix: String, length: Int)
        /// `prefix` + segments joined by `separator` (`_` or `.`), each `REDACTED` + n in decimal
        /// zero-padded to the segment's length (at least 16): a token whose body has fixed-length
        /// parts (SendGrid `SG.<22>.<43>`, Unleash `user:v2_<22>_<43>`, `github_pat_<22>_<59>`).
        case segmented(prefix: String, lengths: [Int], separator: Character)
        /// `prefix` + zeros + n in 8 decimal digits, `length` characters after the prefix (at
        /// least 32): a token with a hexadecimal body (Unleash `user:<56 hex>`,
        /// `default:development.<56 hex>`).
        case hex(prefix: String, length: Int)
        /// `prefix` + the UUID `00000000-0000-0000-0000-0000` + n in 8 decimal digits: a token
        /// whose body is a UUID (Atoms web-call tokens `wct_<uuid>`). The prefix is required.
        case uuid(prefix: String)
        /// The secret path of a Slack webhook URL, `T<team>/B<hook>/<24 characters>`:
        /// `TREDACTED/BREDACTED/REDACTED` + n in 16 digits (the URL around it is kept).
        case slackWebhook
        /// The secret path of a Discord webhook URL, `<snowflake id>/<68-character token>`:
        /// `100000000000000000/REDACTED` + n in 60 digits (the URL around it is kept).
        case discordWebhook

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
                return Self.jwtHeader + "." + Self.payload(n) + "." + Placeholder.prefix
            case .jwe:
                return Self.jweHead + Self.payload(n) + "." + Placeholder.prefix
            case .token(let prefix, let length):
                guard PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.tokenPrefixLimit) else { return nil }
                return Self.markedSegment(n, length: max(length, 16)).map { prefix + $0 }
            case .segmented(let prefix, let lengths, let separator):
                guard lengths.count >= 2, lengths.count <= PlaceholderScanner.segmentLimit, separator == "_" || separator == ".",
                    PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.tokenPrefixLimit)
                else { return nil }
                let segments = lengths.compactMap { Self.markedSegment(n, length: max($0, 16)) }
                return segments.count == lengths.count ? prefix + segments.joined(separator: String(separator)) : nil
            case .hex(let prefix, let length):
                guard n < 100_000_000, !prefix.isEmpty, PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.hexPrefixLimit)
                else { return nil }
                return prefix + Self.padded(Self.padded(String(n), to: 8, with: "0"), to: max(length, 32), with: "0")
            case .uuid(let prefix):
                guard n < 100_000_000, !prefix.isEmpty, PlaceholderScanner.isPrefix(prefix, maximum: PlaceholderScanner.hexPrefixLimit)
                else { return nil }
                return prefix + PlaceholderScanner.uuidHead + Self.padded(String(n), to: 8, with: "0")
            case .slackWebhook:
                return Self.markedSegment(n, length: 24).map { PlaceholderScanner.slackHead + $0 }
            case .discordWebhook:
                return Self.markedSegment(n, length: 68).map { PlaceholderScanner.discordHead + $0 }
            }
        }

        /// `REDACTED` + n zero-padded to `length` characters in all; `nil` when n does not fit
        /// in at least 8 digits.
        private static func markedSegment(_ n: Int, length: Int) -> String? {
            let digits = length - Placeholder.prefix.count
            let number = String(n)
            guard digits >= 8, number.count <= digits else { return nil }
            return Placeholder.prefix + padded(number, to: digits, with: "0")
        }

        /// base64url of `{"alg":"none","typ":"JWT"}`.
        static let jwtHeader = base64URL(#"{"alg":"none","typ":"JWT"}"#)

        /// A JWE placeholder up to its ciphertext: the header, the empty key and a zero IV
        /// (`<header>..AAAAAAAAAAAAAAAA.`).
        static let jweHead = base64URL(#"{"alg":"dir","enc":"A256GCM"}"#) + ".." + String(repeating: "A", count: 16) + "."

        /// base64url of `{"redacted":n}`.
        static func payload(_ n: Int) -> String { base64URL(#"{"redacted":\#(n)}"#) }

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
