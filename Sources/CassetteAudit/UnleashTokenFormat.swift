import CassetteFormat

/// Unleash token formats (`src/lib/authentication/authorization-token.ts`, `pat-service.ts`,
/// `api-token-service.ts`): `user:<56 hex>`, `user:v2_<22>_<43>`, `<project>:<env>.<56 hex>`,
/// `[]:<env>.<56 hex>`, `*:*.<56 hex>` and `<prefix>.v2_<22>_<43>`.
enum UnleashTokenFormat {
    static func match(_ token: Substring) -> String? {
        // Every format ends in 56 hex digits or a 69-byte `v2_` secret after a separator.
        guard token.utf8.count >= 57, mayEndInSecret(token.utf8) else { return nil }
        let text = token.hasSuffix(".") ? token.dropLast() : token
        if text.hasPrefix("user:") {
            let rest = text.dropFirst(5)
            if isHex56(rest) || isV2(rest) { return String(text) }
            return nil
        }
        guard let dot = text.lastIndex(of: ".") else { return nil }
        let secret = text[text.index(after: dot)...]
        guard isHex56(secret) || isV2(secret) else { return nil }
        let prefix = text[..<dot]
        guard let colon = prefix.firstIndex(of: ":") else { return isV2(secret) && !prefix.isEmpty ? String(text) : nil }
        let project = prefix[..<colon]
        let environment = prefix[prefix.index(after: colon)...]
        let nameCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        let projectValid = project == "*" || project == "[]" || (!project.isEmpty && project.allSatisfy(nameCharacter))
        let environmentValid = environment == "*" || (!environment.isEmpty && environment.allSatisfy(nameCharacter))
        return projectValid && environmentValid ? String(text) : nil
    }

    /// An exact pre-check on bytes: an ASCII token (one `.` at its end aside) must end in 56 hex
    /// digits or in `v2_` and 66 base64url characters to be any of the formats. Tokens with other
    /// bytes go to the full check.
    private static func mayEndInSecret(_ token: Substring.UTF8View) -> Bool {
        guard token.allSatisfy({ $0 < 0x80 }) else { return true }
        var bytes = token[...]
        if bytes.last == UInt8(ascii: ".") { bytes = bytes.dropLast() }
        var hexRun = 0
        var base64Run = 0
        var allHex = true
        for byte in bytes.reversed() {
            guard TokenFormats.isBase64URL(byte), base64Run < 69 else { break }
            base64Run += 1
            allHex = allHex && LookAlike.isHexDigit(byte)
            if allHex { hexRun += 1 }
        }
        return hexRun >= 56 || (base64Run >= 69 && bytes.dropLast(66).suffix(3).elementsEqual("v2_".utf8))
    }

    private static func isHex56(_ text: Substring) -> Bool {
        text.utf8.count == 56 && text.utf8.allSatisfy(LookAlike.isHexDigit)
    }

    private static func isV2(_ text: Substring) -> Bool {
        guard text.hasPrefix("v2_") else { return false }
        let body = text.dropFirst(3)
        guard body.utf8.count == 66 else { return false }
        let first = body.prefix(22)
        let separatorIndex = body.index(body.startIndex, offsetBy: 22)
        let second = body[body.index(after: separatorIndex)...]
        return body[separatorIndex] == "_" && first.utf8.allSatisfy(TokenFormats.isBase64URL)
            && second.utf8.allSatisfy(TokenFormats.isBase64URL)
    }
}
