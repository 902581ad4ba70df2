import CassetteFormat

/// The wire format a secret's placeholder keeps, read from the kind of secret it is: a Wacht
/// backup code, a JWT or JWE, an Unleash token, a token with a published prefix, a Telegram bot
/// token, a webhook URL's secret path, a base32 seed, or anything else (plain `REDACTED_<n>`).
///
/// Only the kind decides: the placeholder's text then comes from the shape and the number alone
/// (`Placeholder.make(_:shape:)`), never from the secret's characters or length. Unleash
/// API tokens all become `default:development.<hex>` (or its `v2_` form) whatever their project
/// and environment; a prefixed token keeps its published prefix (`sk_`, `ghp_`) and gets the
/// format's shortest body length (at least 16), or its fixed parts (`SG.<22>.<43>`).
enum SecretShape {
    /// The shape for `secret`. A webhook URL's secret is its path (the host is not part of
    /// it), known by the path's own structure, whichever rule found it (the webhook rule, or the
    /// credential the recorder sent).
    static func of(_ secret: String) -> Placeholder.Shape {
        let bytes = Array(secret.utf8)
        guard bytes.count >= 8, bytes.count <= 16_384 else { return .plain }
        if isBackupCode(bytes) { return .backupCode }
        if isSlackWebhookPath(bytes) { return .slackWebhook }
        if isDiscordWebhookPath(bytes) { return .discordWebhook }
        return secret.withUTF8Bytes { buffer -> Placeholder.Shape in
            if let match = covers(JWTScanner.matches(in: buffer), bytes.count) { return match.rule == "value:jwe" ? .jwe : .jwt }
            if covers(UnleashTokenScanner.matches(in: buffer), bytes.count) != nil { return unleash(bytes) }
            if let match = covers(PrefixTokenScanner.matches(in: buffer), bytes.count) { return prefixed(bytes, rule: match.rule) }
            if let match = covers(WebhookScanner.matches(in: buffer), bytes.count), match.rule == "value:telegram-bot-token" {
                return .token(prefix: "1000000000:", length: 35)
            }
            return isBase32Seed(bytes) ? .base32 : .plain
        }
    }

    /// The one match that spans the whole value, if any.
    private static func covers(_ matches: [ByteMatch], _ count: Int) -> ByteMatch? {
        matches.count == 1 && matches[0].start == 0 && matches[0].end == count ? matches[0] : nil
    }

    /// `XXXX-XXXX`, alphabet `[A-Za-z0-9]` (Wacht backup codes).
    private static func isBackupCode(_ bytes: [UInt8]) -> Bool {
        bytes.count == 9 && bytes[4] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { $0.offset == 4 || ByteClass.isAlphanumeric($0.element) }
    }

    /// `[A-Z2-7]{16,}` with optional `=` padding: a TOTP seed.
    private static func isBase32Seed(_ bytes: [UInt8]) -> Bool {
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard body.count >= 16, bytes[body.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return body.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "2") && $0 <= UInt8(ascii: "7"))
        }
    }

    /// `T<8+ of [A-Z0-9]>/B<8+ of [A-Z0-9]>/<16+ of [A-Za-z0-9]>`: a Slack incoming webhook's
    /// path (workflow and trigger webhooks have other paths and stay plain).
    private static func isSlackWebhookPath(_ bytes: [UInt8]) -> Bool {
        guard bytes.first == UInt8(ascii: "T") else { return false }
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].first == UInt8(ascii: "B"), parts[0].count >= 9, parts[1].count >= 9, parts[2].count >= 16
        else { return false }
        return parts[0].dropFirst().allSatisfy(ByteClass.isUpperAlphanumeric)
            && parts[1].dropFirst().allSatisfy(ByteClass.isUpperAlphanumeric) && parts[2].allSatisfy(ByteClass.isAlphanumeric)
    }

    /// `<17-20 digits>/<60+ of [A-Za-z0-9_-]>`: a Discord webhook's snowflake id and token.
    private static func isDiscordWebhookPath(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, ByteClass.isDigit(first) else { return false }
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return parts.count == 2 && (17...20).contains(parts[0].count) && parts[0].allSatisfy(ByteClass.isDigit)
            && parts[1].count >= 60 && parts[1].allSatisfy(ByteClass.isToken)
    }

    /// PATs `user:<56 hex>` keep `user:`, v2 account tokens `user:v2_<22>_<43>`; API tokens
    /// become `default:development.<56 hex>` or `default:development.v2_<22>_<43>`.
    private static func unleash(_ bytes: [UInt8]) -> Placeholder.Shape {
        let isUser = bytes.starts(with: Array("user:".utf8))
        if bytes.count >= 69, Array(bytes[(bytes.count - 69)..<(bytes.count - 66)]) == Array("v2_".utf8) {
            let separator = bytes.count - 70
            guard separator >= 0, bytes[separator] == (isUser && separator == 4 ? UInt8(ascii: ":") : UInt8(ascii: ".")) else {
                return .plain
            }
            return .segmented(prefix: isUser && separator == 4 ? "user:v2_" : "default:development.v2_", lengths: [22, 43], separator: "_")
        }
        let hexStart = bytes.count - 56
        guard hexStart > 0, bytes[hexStart...].allSatisfy(ByteClass.isLowerHex) else { return .plain }
        if bytes[hexStart - 1] == UInt8(ascii: ":"), hexStart == 5, isUser {
            return .hex(prefix: "user:", length: 56)
        }
        return bytes[hexStart - 1] == UInt8(ascii: ".") ? .hex(prefix: "default:development.", length: 56) : .plain
    }

    /// A token with a published prefix: the prefix, then a body of the format's alphabet, in
    /// the format's fixed parts where it has them.
    private static func prefixed(_ bytes: [UInt8], rule: String) -> Placeholder.Shape {
        guard let format = PrefixTokenFormat.all.first(where: { $0.rule == rule && bytes.starts(with: $0.prefix) }) else { return .plain }
        let prefix = String(decoding: format.prefix, as: UTF8.self)
        let body = bytes[format.prefix.count...]
        switch prefix {
        case "SG.": return .segmented(prefix: prefix, lengths: [22, 43], separator: ".")
        case "github_pat_": return .segmented(prefix: prefix, lengths: [22, 59], separator: "_")
        case "wct_" where isUUID(body): return .uuid(prefix: prefix)
        case "pypi-" where bytes.starts(with: Array(pyPIOrgMacaroon.utf8)): return .token(prefix: pyPIOrgMacaroon, length: 50)
        // OpenAI user keys without a project prefix: `sk-` + 48 letters and digits.
        case "sk-": return .token(prefix: prefix, length: 48)
        default: break
        }
        switch format.alphabet {
        case .hex:
            return .hex(prefix: prefix, length: max(format.minimum, 32))
        case .dotted:
            return .plain
        case .token, .alphanumeric, .word, .upperAlphanumeric:
            let length = max(format.minimum, 16)
            return length <= format.maximum ? .token(prefix: prefix, length: length) : .plain
        }
    }

    /// The start every pypi.org upload token shares: `pypi-` and the base64 of the macaroon's
    /// version and location (`pypi.org`).
    private static let pyPIOrgMacaroon = "pypi-AgEIcHlwaS5vcmc"

    /// `8-4-4-4-12` hexadecimal digits.
    private static func isUUID(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.count == 36 else { return false }
        return body.enumerated().allSatisfy { offset, byte in
            [8, 13, 18, 23].contains(offset) ? byte == UInt8(ascii: "-") : ByteClass.isHex(byte)
        }
    }
}
