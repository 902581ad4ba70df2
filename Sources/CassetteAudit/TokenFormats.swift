import CassetteFormat
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
        if ASCIIText.contains("-----BEGIN", in: text), let pem = privateKey(in: text) { hits.append(pem) }
        if let start = ASCIIText.firstIndex(of: "otpauth://", in: text, ignoringCase: true) {
            if let seed = otpauthSecret(String(text[start...])) {
                hits.append(FormatHit(rule: .otpauthSecret, secret: seed))
            }
        }
        for token in tokens(of: text) {
            if let hit = classify(token) { hits.append(hit) }
        }
        hits.append(contentsOf: WebhookURLs.hits(in: text))
        // A shaped placeholder has its format's shape by design (`sk_REDACTED00000003`).
        return hits.filter { !LookAlike.isPlaceholder($0.secret) }
    }

    /// Bytes that no supported token contains (whitespace, quotes, separators of URLs, forms,
    /// cookies and JSON).
    private static let breakBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in " \t\n\r\"',;<>(){}&?=\\|`/#!^$@".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Cuts a text at bytes that no supported token contains; keeps pieces of 16 bytes or more.
    static func tokens(of text: String) -> [Substring] {
        var tokens: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var length = 0
        var index = start
        while index != bytes.endIndex {
            if breakBytes[Int(bytes[index])] {
                if length >= 16 { tokens.append(text[start..<index]) }
                start = bytes.index(after: index)
                length = 0
            } else {
                length += 1
            }
            index = bytes.index(after: index)
        }
        if length >= 16 { tokens.append(text[start..<bytes.endIndex]) }
        return tokens
    }

    /// The format of one token, if it has a known secret format.
    static func classify(_ token: Substring) -> FormatHit? {
        if let unleash = UnleashTokenFormat.match(token) { return FormatHit(rule: .unleashToken, secret: unleash) }
        if let whole = ServiceTokenFormats.classifyWhole(token) { return whole }
        // Parts between colons, cut on the UTF-8 view (no grapheme breaking).
        let bytes = token.utf8
        var start = bytes.startIndex
        var index = start
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: ":") {
                if bytes.distance(from: start, to: index) >= 16, let hit = classifyPart(token[start..<index]) { return hit }
                if atEnd { return afterWordBoundary(token) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
    }

    /// A prefixed format right after a `-` or `.` inside a token (`x-ghp_…` in a media type,
    /// `v1.sk_live_…`): a word boundary, as gitleaks' `\b` reads it. Only positions whose next
    /// byte can start such a format are tried, at most eight per token, so the scan stays linear.
    private static func afterWordBoundary(_ token: Substring) -> FormatHit? {
        let bytes = token.utf8
        var tried = 0
        var index = bytes.startIndex
        while index < bytes.endIndex, tried < 8 {
            let byte = bytes[index]
            index = bytes.index(after: index)
            guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."), index < bytes.endIndex,
                prefixStarts.contains(bytes[index]), bytes.distance(from: index, to: bytes.endIndex) >= 16
            else { continue }
            tried += 1
            if let hit = classifyPart(token[index...]) { return hit }
        }
        return nil
    }

    /// First bytes of the prefixed formats (`ghp_`, `github_pat_`, `glpat-`, `sk_`, `xox`, `AKIA`, `AIza`, `eyJ`, …).
    private static let prefixStarts: Set<UInt8> = Set("gsrxAehnpSdwy".utf8)

    /// First bytes of every format ``classifyPart(_:)`` and ``ServiceTokenFormats/classify(_:)``
    /// know (`AIza`, `AKIA`, `sk-`, `sk_`, `rk_`, `gl…`, `gh…`, `SG.`, `npm_`, `pypi-`, `eyJ`, `xox`, `wct_`):
    /// a part starting with any other byte is none of them.
    private static let partStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "AgSnpesxrw".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func classifyPart(_ raw: Substring) -> FormatHit? {
        guard let first = raw.utf8.first, partStarts[Int(first)] else { return nil }
        let part = raw.utf8.last == UInt8(ascii: ".") ? raw.dropLast() : raw
        if let service = ServiceTokenFormats.classify(part) { return service }
        if part.utf8.starts(with: "eyJ".utf8), isJWT(part) { return FormatHit(rule: .jwt, secret: String(part)) }
        for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where part.utf8.starts(with: prefix.utf8) {
            if count(part.dropFirst(prefix.count), in: isAlphanumeric) >= 30 { return FormatHit(rule: .githubToken, secret: String(part)) }
        }
        if part.utf8.starts(with: "github_pat_".utf8), count(part.dropFirst(11), in: { isAlphanumeric($0) || $0 == 95 }) >= 22 {
            return FormatHit(rule: .githubToken, secret: String(part))
        }
        for prefix in ["AKIA", "ASIA", "ABIA", "ACCA", "AROA", "AIDA"] where part.utf8.starts(with: prefix.utf8) {
            let rest = part.dropFirst(4)
            if part.utf8.count == 20, rest.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) || ($0 >= 48 && $0 <= 57) }),
                !part.utf8.reversed().starts(with: "EXAMPLE".utf8.reversed())
            {
                return FormatHit(rule: .awsAccessKey, secret: String(part))
            }
        }
        if part.utf8.starts(with: "xox".utf8), part.utf8.count > 15 {
            let kind = part.utf8[part.utf8.index(part.utf8.startIndex, offsetBy: 3)]
            if "baprse".utf8.contains(kind), part.utf8.dropFirst(4).first == 45,
                count(part.dropFirst(5), in: { isAlphanumeric($0) || $0 == 45 }) >= 10
            {
                return FormatHit(rule: .slackToken, secret: String(part))
            }
        }
        for prefix in ["sk_live_", "rk_live_"] where part.utf8.starts(with: prefix.utf8) {
            if count(part.dropFirst(8), in: isAlphanumeric) >= 16 { return FormatHit(rule: .stripeLiveKey, secret: String(part)) }
        }
        for prefix in ["sk_test_", "rk_test_"] where part.utf8.starts(with: prefix.utf8) {
            if count(part.dropFirst(8), in: isAlphanumeric) >= 16 { return FormatHit(rule: .stripeTestKey, secret: String(part)) }
        }
        if part.utf8.starts(with: "sk_".utf8), count(part.dropFirst(3), in: { isAlphanumeric($0) || $0 == 95 || $0 == 45 }) >= 16,
            !LookAlike.isEnumName(String(part))
        {
            return FormatHit(rule: .atomsKey, secret: String(part))
        }
        if part.utf8.starts(with: "wct_".utf8), LookAlike.isUUID(part.dropFirst(4)) {
            return FormatHit(rule: .atomsKey, secret: String(part))
        }
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
        // A JWE with direct encryption (`alg: dir`) has an empty second segment (no wrapped key).
        guard segments.allSatisfy({ $0.utf8.allSatisfy(isBase64URL) }), segments[0].utf8.count >= 10,
            segments[1].utf8.count >= 2 || segments.count == 5
        else { return false }
        guard let header = Base64Text.decodeURL(segments[0]),
            case .object(let object)? = try? JSONParser.parse(header, maximumDepth: 16), object["alg"] != nil || object["enc"] != nil
        else { return false }
        if segments.count == 5 { return true }
        guard let payload = Base64Text.decodeURL(segments[1]) else { return false }
        return (try? JSONParser.parse(payload, maximumDepth: 64)) != nil
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
