import CassetteFormat
import CassetteProviders
/// Secrets recognized by their value alone, wherever they are: JWTs, `otpauth://` seeds, the four
/// services' token formats, `Bearer`/`Basic` credentials inside free text, URL user-info, and
/// values of secret-named `name=value` parameters (URL queries and fragments, form text).
///
/// Existing placeholders never match, so redacting a redacted text changes nothing.
enum ValueRules {
    /// Every match in `text`, possibly overlapping (see ``TextMatch/nonOverlapping(_:)``).
    static func matches(in text: String) -> [TextMatch] {
        guard text.utf8.count >= 8 else { return [] }
        var found: [TextMatch] = []
        found += jwts(in: text)
        found += tokenFormats(in: text)
        found += schemeCredentials(in: text)
        found += userInfo(in: text)
        found += parameters(in: text)
        return found.filter { !Placeholder.isPlaceholder(String(text[$0.range])) }
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    private static func startsClean(_ text: String, at index: String.Index) -> Bool {
        index == text.startIndex || !isTokenCharacter(text[text.index(before: index)])
    }

    /// `eyJ<header>.<payload>.<signature>`: a JWS in compact form (signature may be empty).
    static func jwts(in text: String) -> [TextMatch] {
        guard ASCIIText.contains("eyJ", in: text) else { return [] }
        return text.matches(of: #/eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/#)
            .filter { startsClean(text, at: $0.range.lowerBound) }
            .map { TextMatch(range: $0.range, secret: String(text[$0.range]), rule: "value:jwt") }
    }

    /// Atoms `sk_…` keys and `wct_<uuid>` web-call tokens; Unleash PATs (`user:<56 hex>`,
    /// `user:v2_…`) and API tokens (`<project>:<env>.<56 hex>`, `*:*.…`, `[]:<env>.…`, v2).
    static func tokenFormats(in text: String) -> [TextMatch] {
        var found: [TextMatch] = []
        if ASCIIText.contains("sk_", in: text) || ASCIIText.contains("wct_", in: text) {
            for match in text.matches(of: #/(?:sk|wct)_[A-Za-z0-9_\-]{8,}/#) where startsClean(text, at: match.range.lowerBound) {
                found.append(TextMatch(range: match.range, secret: String(text[match.range]), rule: "value:atoms-key"))
            }
        }
        if ASCIIText.contains(":", in: text), ASCIIText.contains("v2_", in: text) || hasHexRun(text, length: 56) {
            let unleash = #/(?:\*|\[\]|[A-Za-z0-9_\-]+):(?:(?:\*|[A-Za-z0-9_\-]+)\.)?(?:[0-9a-f]{56}|v2_[A-Za-z0-9_\-]{22}_[A-Za-z0-9_\-]{43})/#
            for match in text.matches(of: unleash) {
                let value = text[match.range]
                // `user:` PATs have no environment; API tokens always have one.
                let isPAT = value.hasPrefix("user:")
                let hasEnvironment = value.split(separator: ":", maxSplits: 1).last?.contains(".") ?? false
                guard isPAT || hasEnvironment else { continue }
                found.append(TextMatch(range: match.range, secret: String(value), rule: "value:unleash-token"))
            }
        }
        return found
    }

    /// Whether the text holds at least `length` lowercase hex digits in a row (cheap pre-check
    /// before the Unleash token pattern).
    private static func hasHexRun(_ text: String, length: Int) -> Bool {
        var run = 0
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) {
                run += 1
                if run >= length { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    /// The credential after `Bearer ` or `Basic ` inside free text (an echoed header, an error
    /// message). It must contain a digit or a token symbol, so prose like "Basic information"
    /// is left alone.
    static func schemeCredentials(in text: String) -> [TextMatch] {
        guard ASCIIText.contains("Bearer", in: text) || ASCIIText.contains("Basic", in: text) || ASCIIText.contains("bearer", in: text) else { return [] }
        return text.matches(of: #/(?:Bearer|bearer|BEARER|Basic|basic)[ \t]+([A-Za-z0-9\-._~+\/:*\[\]]{8,}=*)/#).compactMap { match in
            let credential = match.output.1
            guard credential.contains(where: { $0.isNumber || "-._~+/:*=".contains($0) }) else { return nil }
            let range = credential.startIndex..<credential.endIndex
            return TextMatch(range: range, secret: String(credential), rule: "value:auth-scheme")
        }
    }

    /// `scheme://user:password@host`: the user and the password, each its own secret.
    static func userInfo(in text: String) -> [TextMatch] {
        guard ASCIIText.contains("@", in: text), ASCIIText.contains("://", in: text) else { return [] }
        var found: [TextMatch] = []
        for match in text.matches(of: #/[A-Za-z][A-Za-z0-9+.\-]*:\/\/([^\/?#@\s"'<>]+)@/#) {
            let info = match.output.1
            if let colon = info.firstIndex(of: ":") {
                let user = info.startIndex..<colon
                let password = info.index(after: colon)..<info.endIndex
                if !user.isEmpty { found.append(TextMatch(range: user, secret: String(text[user]), rule: "url:userinfo")) }
                if !password.isEmpty {
                    found.append(TextMatch(range: password, secret: String(text[password]), rule: "url:userinfo"))
                }
            } else {
                let range = info.startIndex..<info.endIndex
                found.append(TextMatch(range: range, secret: String(info), rule: "url:userinfo"))
            }
        }
        return found
    }

    /// Values of secret-named parameters after `?`, `&`, `#`, `;` or at the start of the text:
    /// `?token=…`, `&secret=…` (an `otpauth://` seed), `#access_token=…`, `__dev_session__=…`.
    ///
    /// Walks the UTF-8 bytes: names, separators and terminators are all ASCII, so every range
    /// found starts and ends on a scalar boundary.
    static func parameters(in text: String) -> [TextMatch] {
        guard ASCIIText.contains("=", in: text) else { return [] }
        let isOTPAuth = ASCIIText.firstIndex(of: "otpauth://", in: text, ignoringCase: true) != nil
        var found: [TextMatch] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        var atBoundary = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if atBoundary {
                var nameEnd = index
                while nameEnd < bytes.endIndex, isParameterNameByte(bytes[nameEnd]) { nameEnd = bytes.index(after: nameEnd) }
                if nameEnd > index, nameEnd < bytes.endIndex, bytes[nameEnd] == UInt8(ascii: "=") {
                    let name = String(text[index..<nameEnd])
                    let valueStart = bytes.index(after: nameEnd)
                    var valueEnd = valueStart
                    while valueEnd < bytes.endIndex, !isValueTerminator(bytes[valueEnd]) { valueEnd = bytes.index(after: valueEnd) }
                    if valueEnd > valueStart, SecretNames.isSecretParameter(name) {
                        let raw = String(text[valueStart..<valueEnd])
                        let rule = isOTPAuth && SecretNames.normalize(name) == "secret" ? "value:otpauth" : "query:\(name)"
                        found.append(TextMatch(
                            range: valueStart..<valueEnd, secret: raw.removingPercentEncoding ?? raw, rule: rule, parameter: name))
                    }
                    index = valueEnd
                    atBoundary = false
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: ";"):
                atBoundary = true
            case UInt8(ascii: " "):
                atBoundary = index > bytes.startIndex && bytes[bytes.index(before: index)] == UInt8(ascii: ";")
            default:
                atBoundary = false
            }
            index = bytes.index(after: index)
        }
        return found
    }

    private static func isValueTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }

    private static func isParameterNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

}
