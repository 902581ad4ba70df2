import CassetteFormat
import CassetteProviders
import Foundation

/// Secrets recognized by their value alone, wherever they are: JWTs and JWEs, `otpauth://`
/// seeds, published API token formats (``PrefixTokenFormat``), Unleash tokens, Slack and Discord
/// webhook URLs, Telegram bot tokens, one-time tokens in URL paths, `Bearer`/`Basic` credentials
/// inside free text, URL user-info, and values of secret-named `name=value` parameters (URL
/// queries and fragments, form text, `;jsessionid=` path parameters).
///
/// Every rule is a hand-written scanner over the UTF-8 bytes, linear in the text (no regular
/// expressions: hostile input cannot make a rule backtrack). The rules run on the text as it is
/// and, when it holds JSON escapes, on its decoded form too (`\u0073k_live_…`), the matches
/// mapped back to the raw characters. Existing placeholders never match, so redacting a redacted
/// text changes nothing.
enum ValueRules {
    /// Every match in `text`, possibly overlapping (see ``TextMatch/nonOverlapping(_:)``).
    static func matches(in text: String) -> [TextMatch] {
        guard text.utf8.count >= 8 else { return [] }
        var found = plainMatches(in: text)
        if let escaped = EscapedText(text) {
            let decoded = escaped.decoded
            for match in plainMatches(in: decoded) {
                let lower = decoded.utf8.distance(from: decoded.utf8.startIndex, to: match.range.lowerBound)
                let upper = decoded.utf8.distance(from: decoded.utf8.startIndex, to: match.range.upperBound)
                guard let raw = escaped.rawRange(of: lower..<upper) else { continue }
                var mapped = match
                mapped.range = text.indexAtUTF8Offset(raw.lowerBound)..<text.indexAtUTF8Offset(raw.upperBound)
                found.append(mapped)
            }
        }
        return found.filter { !Placeholder.isPlaceholder(text[$0.range]) }
    }

    /// The matches of every rule on the text as it is.
    private static func plainMatches(in text: String) -> [TextMatch] {
        let byteMatches = text.withUTF8Bytes { bytes -> [ByteMatch] in
            var found = JWTScanner.matches(in: bytes)
            found += PrefixTokenScanner.matches(in: bytes)
            if ASCIIText.contains(":", in: text) {
                found += UnleashTokenScanner.matches(in: bytes)
                found += UserInfoScanner.matches(in: bytes)
            }
            found += WebhookScanner.matches(in: bytes)
            found += PathSecretScanner.matches(in: bytes)
            found += SchemeCredentialScanner.matches(in: bytes)
            return found
        }
        var found = byteMatches.map { match in
            let range = text.indexAtUTF8Offset(match.start)..<text.indexAtUTF8Offset(match.end)
            return TextMatch(range: range, secret: String(text[range]), rule: match.rule)
        }
        found += parameters(in: text)
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
                        found.append(
                            TextMatch(
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
