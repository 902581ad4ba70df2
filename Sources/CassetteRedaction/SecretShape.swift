import CassetteFormat

/// The wire format a secret's placeholder keeps, read from the kind of secret it is: a Wacht
/// backup code, a JWT, an Unleash token, a token with a published prefix, a base32 seed, or
/// anything else (plain `REDACTED_<n>`).
///
/// Only the kind decides: the placeholder's text then comes from the shape and the number alone
/// (`Placeholder.make(_:shape:)`), never from the secret's characters or length. Unleash
/// API tokens all become `default:development.<hex>` whatever their project and environment;
/// a prefixed token keeps its published prefix (`sk_`, `ghp_`) and gets the format's shortest
/// body length (at least 16).
enum SecretShape {
    static func of(_ secret: String) -> Placeholder.Shape {
        let bytes = Array(secret.utf8)
        guard bytes.count >= 8, bytes.count <= 16_384 else { return .plain }
        if isBackupCode(bytes) { return .backupCode }
        return secret.withUTF8Bytes { buffer -> Placeholder.Shape in
            if covers(JWTScanner.matches(in: buffer), bytes.count) != nil { return .jwt }
            if covers(UnleashTokenScanner.matches(in: buffer), bytes.count) != nil { return unleash(bytes) }
            if let match = covers(PrefixTokenScanner.matches(in: buffer), bytes.count) { return prefixed(bytes, rule: match.rule) }
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

    /// PATs `user:<56 hex>` keep `user:`; API tokens become `default:development.<56 hex>`.
    /// The v2 forms (`…v2_<22>_<43>`) stay plain.
    private static func unleash(_ bytes: [UInt8]) -> Placeholder.Shape {
        let hexStart = bytes.count - 56
        guard hexStart > 0, bytes[hexStart...].allSatisfy(ByteClass.isLowerHex) else { return .plain }
        if bytes[hexStart - 1] == UInt8(ascii: ":"), hexStart == 5, bytes.starts(with: Array("user:".utf8)) {
            return .hex(prefix: "user:", length: 56)
        }
        return bytes[hexStart - 1] == UInt8(ascii: ".") ? .hex(prefix: "default:development.", length: 56) : .plain
    }

    /// A token with a published prefix: the prefix, then a body of the format's alphabet.
    private static func prefixed(_ bytes: [UInt8], rule: String) -> Placeholder.Shape {
        guard let format = PrefixTokenFormat.all.first(where: { $0.rule == rule && bytes.starts(with: $0.prefix) }) else { return .plain }
        let prefix = String(decoding: format.prefix, as: UTF8.self)
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
}
