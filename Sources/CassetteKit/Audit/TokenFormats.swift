import Foundation

/// A secret recognised by its own shape, wherever it appears in a text.
struct FormatHit: Sendable, Equatable {
    var rule: AuditRule
    /// The secret itself (only kept in memory to digest and mask it).
    var secret: String
}

/// Recognises secrets by format, without regular expressions: the text is cut into tokens at
/// characters no token format uses, and each token is checked against each format by hand. Linear
/// in the length of the text.
enum TokenFormats {
    /// Every format hit in a text, in order of appearance.
    static func hits(in text: String) -> [FormatHit] {
        var hits: [FormatHit] = []
        if text.contains("-----BEGIN"), let pem = privateKey(in: text) { hits.append(pem) }
        if let range = text.range(of: "otpauth://", options: .caseInsensitive) {
            if let seed = otpauthSecret(String(text[range.lowerBound...])) {
                hits.append(FormatHit(rule: .otpauthSecret, secret: seed))
            }
        }
        for token in tokens(of: text) {
            if let hit = classify(token) { hits.append(hit) }
        }
        return hits
    }

    /// Cuts a text at characters that no supported token contains.
    static func tokens(of text: String) -> [Substring] {
        let breaks: Set<Character> = [
            " ", "\t", "\n", "\r", "\"", "'", ",", ";", "<", ">", "(", ")", "{", "}", "&", "?", "=", "\\", "|", "`", "/", "#",
            "!", "^", "$", "@",
        ]
        return text.split(whereSeparator: { breaks.contains($0) }).filter { $0.utf8.count >= 16 }
    }

    /// The format of one token, if it has a known secret format.
    static func classify(_ token: Substring) -> FormatHit? {
        if let unleash = UnleashTokenFormat.match(token) { return FormatHit(rule: .unleashToken, secret: unleash) }
        for part in token.split(separator: ":") where part.utf8.count >= 16 {
            if let hit = classifyPart(part) { return hit }
        }
        return nil
    }

    private static func classifyPart(_ raw: Substring) -> FormatHit? {
        let part = raw.hasSuffix(".") ? raw.dropLast() : raw
        if part.hasPrefix("eyJ"), isJWT(part) { return FormatHit(rule: .jwt, secret: String(part)) }
        for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where part.hasPrefix(prefix) {
            if count(part.dropFirst(prefix.count), in: isAlphanumeric) >= 30 { return FormatHit(rule: .githubToken, secret: String(part)) }
        }
        if part.hasPrefix("github_pat_"), count(part.dropFirst(11), in: { isAlphanumeric($0) || $0 == 95 }) >= 22 {
            return FormatHit(rule: .githubToken, secret: String(part))
        }
        for prefix in ["AKIA", "ASIA", "ABIA", "ACCA", "AROA", "AIDA"] where part.hasPrefix(prefix) {
            let rest = part.dropFirst(4)
            if part.utf8.count == 20, rest.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) || ($0 >= 48 && $0 <= 57) }),
                !part.hasSuffix("EXAMPLE")
            {
                return FormatHit(rule: .awsAccessKey, secret: String(part))
            }
        }
        if part.hasPrefix("xox"), part.utf8.count > 15 {
            let kind = part.utf8[part.utf8.index(part.utf8.startIndex, offsetBy: 3)]
            if "baprse".utf8.contains(kind), part.utf8.dropFirst(4).first == 45,
                count(part.dropFirst(5), in: { isAlphanumeric($0) || $0 == 45 }) >= 10
            {
                return FormatHit(rule: .slackToken, secret: String(part))
            }
        }
        for prefix in ["sk_live_", "rk_live_"] where part.hasPrefix(prefix) {
            if count(part.dropFirst(8), in: isAlphanumeric) >= 16 { return FormatHit(rule: .stripeLiveKey, secret: String(part)) }
        }
        for prefix in ["sk_test_", "rk_test_"] where part.hasPrefix(prefix) {
            if count(part.dropFirst(8), in: isAlphanumeric) >= 16 { return FormatHit(rule: .stripeTestKey, secret: String(part)) }
        }
        if part.hasPrefix("sk_"), count(part.dropFirst(3), in: { isAlphanumeric($0) || $0 == 95 || $0 == 45 }) >= 16,
            !LookAlike.isEnumName(String(part))
        {
            return FormatHit(rule: .atomsKey, secret: String(part))
        }
        if part.hasPrefix("wct_"), LookAlike.isUUID(part.dropFirst(4)) { return FormatHit(rule: .atomsKey, secret: String(part)) }
        return nil
    }

    /// Counts leading characters satisfying `predicate`, and requires the whole rest to satisfy it.
    private static func count(_ text: Substring, in predicate: (UInt8) -> Bool) -> Int {
        text.utf8.allSatisfy(predicate) ? text.utf8.count : 0
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 45 || byte == 95
    }

    /// A JWS (3 segments) or JWE (5 segments) whose header decodes to a JSON object with `alg`
    /// (any algorithm, HS256 included) and, for a JWS, whose payload decodes to JSON.
    static func isJWT(_ token: Substring) -> Bool {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 || segments.count == 5 else { return false }
        guard segments.allSatisfy({ $0.utf8.allSatisfy(isBase64URL) }), segments[0].utf8.count >= 10, segments[1].utf8.count >= 2
        else { return false }
        guard let header = Base64Text.decodeURL(segments[0]),
            case .object(let object)? = try? JSONParser.parse(header), object["alg"] != nil || object["enc"] != nil
        else { return false }
        if segments.count == 5 { return true }
        guard let payload = Base64Text.decodeURL(segments[1]) else { return false }
        return (try? JSONParser.parse(payload)) != nil
    }

    /// The `secret` parameter of an `otpauth://` URI, unless empty or a placeholder.
    static func otpauthSecret(_ uri: String) -> String? {
        guard let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "secret" else { continue }
            let end = parts[1].firstIndex(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "#" || $0 == "<" }) ?? parts[1].endIndex
            let raw = String(parts[1][..<end])
            let value = raw.removingPercentEncoding ?? raw
            if value.isEmpty || LookAlike.isPlaceholder(value) || LookAlike.isMask(value) { return nil }
            return value
        }
        return nil
    }

    /// A PEM private key block with key material (not a placeholder) between its armour lines.
    static func privateKey(in text: String) -> FormatHit? {
        var searchStart = text.startIndex
        while let begin = text.range(of: "-----BEGIN ", range: searchStart..<text.endIndex) {
            guard let armourEnd = text.range(of: "-----", range: begin.upperBound..<text.endIndex) else { return nil }
            let label = text[begin.upperBound..<armourEnd.lowerBound]
            searchStart = armourEnd.upperBound
            guard label.hasSuffix("PRIVATE KEY") || label == "OPENSSH PRIVATE KEY" || label.hasSuffix("PRIVATE KEY BLOCK") else { continue }
            let endMarker = text.range(of: "-----END", range: armourEnd.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
            let body = text[armourEnd.upperBound..<endMarker]
            let material = body.unicodeScalars.filter { $0.isASCII && (isAlphanumeric(UInt8($0.value)) || $0 == "+" || $0 == "/") }
            if material.count >= 32 && !body.contains(Placeholder.prefix) {
                return FormatHit(rule: .privateKeyPEM, secret: String(text[begin.lowerBound..<endMarker]))
            }
        }
        return nil
    }
}

/// Unleash token formats (`src/lib/authentication/authorization-token.ts`, `pat-service.ts`,
/// `api-token-service.ts`): `user:<56 hex>`, `user:v2_<22>_<43>`, `<project>:<env>.<56 hex>`,
/// `[]:<env>.<56 hex>`, `*:*.<56 hex>` and `<prefix>.v2_<22>_<43>`.
enum UnleashTokenFormat {
    static func match(_ token: Substring) -> String? {
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

/// Base64 decoding that accepts the standard and URL alphabets, with or without padding.
enum Base64Text {
    /// Decodes base64url (or standard) text; `nil` when it is not base64.
    static func decodeURL(_ text: some StringProtocol) -> Data? {
        var normalized = String(text).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = normalized.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }

    /// Decodes a whole value that looks like base64 of readable text (at least 16 characters,
    /// one alphabet, decoding to UTF-8 that is mostly printable); `nil` otherwise.
    static func decodeReadableText(_ value: String) -> String? {
        let bytes = value.utf8
        guard bytes.count >= 16, bytes.count <= 16 * 1024 * 1024 else { return nil }
        let standard = bytes.allSatisfy { TokenFormats.isAlphanumeric($0) || $0 == 43 || $0 == 47 || $0 == 61 }
        let url = bytes.allSatisfy { TokenFormats.isBase64URL($0) || $0 == 61 }
        guard standard || url else { return nil }
        guard let data = decodeURL(value.trimmingCharacters(in: CharacterSet(charactersIn: "="))), data.count >= 8,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let printable = text.unicodeScalars.filter { $0.value >= 32 || $0 == "\n" || $0 == "\r" || $0 == "\t" }.count
        return printable * 10 >= text.unicodeScalars.count * 9 ? text : nil
    }
}
