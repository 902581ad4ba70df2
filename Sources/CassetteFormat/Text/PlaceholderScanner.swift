import Foundation

/// Finds placeholders in bytes, plain and shaped, exactly: each candidate's number is read back
/// and only the text ``Placeholder/Shape`` writes for that number is accepted. One pass, each
/// look-back bounded, so the cost is linear in the input; no regular expressions.
enum PlaceholderScanner {
    /// The start of a backup-code placeholder (`RDCT-0003`).
    static let backupMarker = "RDCT-"
    /// The run of zeros every hexadecimal placeholder body holds (24 zeros).
    static let zeroRun = String(repeating: "0", count: 24)
    /// Longest prefix before `REDACTED` in a token placeholder (`xoxe.xoxb-`, `sk-svcacct-`).
    static let tokenPrefixLimit = 24
    /// Longest prefix before a hexadecimal body (`default:development.`).
    static let hexPrefixLimit = 48
    /// Most segments of a segmented token (`SG.<22>.<43>` has two).
    static let segmentLimit = 4
    /// A UUID placeholder body up to its number (`wct_00000000-0000-0000-0000-0000<8 digits>`).
    static let uuidHead = "00000000-0000-0000-0000-0000"
    /// The part of `uuidHead` that ``Placeholder/mayContainPlaceholder(_:)`` looks for.
    static let uuidMarker = "0000-0000-0000-0000"
    /// A Slack webhook placeholder path up to its secret (`TREDACTED/BREDACTED/REDACTED…`).
    static let slackHead = "TREDACTED/BREDACTED/"
    /// A Discord webhook placeholder path up to its token (`100000000000000000/REDACTED…`).
    static let discordHead = "100000000000000000/"

    private static let marker = Array(Placeholder.prefix.utf8)
    private static let backup = Array(backupMarker.utf8)
    private static let uuidHeadBytes = Array(uuidHead.utf8)
    private static let jwtPayloadStart = Array(#"{"redacted":"#.utf8)

    /// A cheap test that a whole value could be a placeholder: every form starts with `R` or
    /// `e` (a JWT or JWE) or ends with a digit or `D`.
    static func mayBeWholePlaceholder(first: UInt8, last: UInt8) -> Bool {
        return first == UInt8(ascii: "R") || first == UInt8(ascii: "e") || isDigit(last) || last == UInt8(ascii: "D")
    }

    /// Whether `prefix` may stand before a shaped body (characters `[A-Za-z0-9_.:-]`, at most
    /// `maximum`; a hexadecimal body's prefix does not end in a digit).
    static func isPrefix(_ prefix: String, maximum: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        guard bytes.count <= maximum, bytes.allSatisfy(isPrefixByte) else { return false }
        return maximum != hexPrefixLimit || !(bytes.last.map(isDigit) ?? false)
    }

    static func spans(in bytes: [UInt8]) -> [Placeholder.Span] {
        var found: [Placeholder.Span] = []
        var lastEnd = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var span: Placeholder.Span?
            if byte == UInt8(ascii: "R") {
                if hasLiteral(bytes, marker, at: index) {
                    span = markerSpan(bytes, at: index, after: lastEnd)
                } else if hasLiteral(bytes, backup, at: index) {
                    span = backupSpan(bytes, at: index)
                }
            } else if byte == UInt8(ascii: "0"), index == 0 || !isDigit(bytes[index - 1]) {
                span = hexSpan(bytes, at: index, after: lastEnd) ?? uuidSpan(bytes, at: index, after: lastEnd)
            }
            if let span {
                found.append(span)
                lastEnd = span.range.upperBound
                index = span.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: - Forms

    /// A form whose marker `REDACTED` starts at `index`: a JWT signature, the plain form, a token
    /// body or a base32 seed.
    private static func markerSpan(_ bytes: [UInt8], at index: Int, after lastEnd: Int) -> Placeholder.Span? {
        let after = index + marker.count
        if let jwt = jwtSpan(bytes, signatureAt: index, after: lastEnd) { return jwt }
        let leftIsWord = index > 0 && isWord(bytes[index - 1])
        // Plain: `REDACTED` or `REDACTED_<digits>` between non-word characters.
        if !leftIsWord {
            if after < bytes.count, bytes[after] == UInt8(ascii: "_") {
                let end = runEnd(bytes, from: after + 1, isDigit)
                if end > after + 1, !isWordAt(bytes, end) {
                    return Placeholder.Span(range: index..<end, number: number(bytes[(after + 1)..<end]))
                }
            } else if !isWordAt(bytes, after) {
                return Placeholder.Span(range: index..<after, number: nil)
            }
        }
        // Token: `<prefix>REDACTED<at least 8 digits>`, perhaps followed by more such segments
        // of the same number (`SG.REDACTED…3.REDACTED…3`), perhaps after a webhook's fixed path.
        let digitsEnd = runEnd(bytes, from: after, isDigit)
        if digitsEnd - after >= 8, let n = number(bytes[after..<digitsEnd]) {
            let end = segmentsEnd(bytes, from: digitsEnd, number: n)
            guard !isTokenAt(bytes, end) else { return nil }
            if end == digitsEnd, let webhook = webhookSpan(bytes, markerAt: index, end: end, number: n, after: lastEnd) { return webhook }
            var start = index
            while start > lastEnd, index - start < tokenPrefixLimit, isPrefixByte(bytes[start - 1]) { start -= 1 }
            if start > lastEnd, isPrefixByte(bytes[start - 1]) { return nil }
            return Placeholder.Span(range: start..<end, number: n)
        }
        // Base32 seed: `REDACTED` + 24 base32 digits, the first 16 of them `A`.
        if !isTokenAt(bytes, index - 1), after + 24 <= bytes.count, !isTokenAt(bytes, after + 24) {
            let digits = bytes[after..<(after + 24)]
            guard digits.prefix(16).allSatisfy({ $0 == UInt8(ascii: "A") }) else { return nil }
            var value = 0
            for digit in digits {
                guard let position = Placeholder.Shape.base32Alphabet.firstIndex(of: digit) else { return nil }
                value = value * 32 + position
            }
            return value >= 1 ? Placeholder.Span(range: index..<(after + 24), number: value) : nil
        }
        return nil
    }

    /// The end of the last `_REDACTED<digits>` or `.REDACTED<digits>` segment of number `n`
    /// after a first segment ending at `end` (at most ``segmentLimit`` in all); `end` if none.
    private static func segmentsEnd(_ bytes: [UInt8], from end: Int, number n: Int) -> Int {
        var end = end
        var segments = 1
        while segments < segmentLimit, end < bytes.count, bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "."),
            hasLiteral(bytes, marker, at: end + 1)
        {
            let digitsStart = end + 1 + marker.count
            let digitsEnd = runEnd(bytes, from: digitsStart, isDigit)
            guard digitsEnd - digitsStart >= 8, number(bytes[digitsStart..<digitsEnd]) == n else { break }
            end = digitsEnd
            segments += 1
        }
        return end
    }

    /// A Slack or Discord webhook path whose last segment, `REDACTED` + digits, starts at
    /// `index` right after a `/`: the very text ``Placeholder/Shape/slackWebhook`` or
    /// ``Placeholder/Shape/discordWebhook`` writes for `n`.
    private static func webhookSpan(_ bytes: [UInt8], markerAt index: Int, end: Int, number n: Int, after lastEnd: Int)
        -> Placeholder.Span?
    {
        guard index > 0, bytes[index - 1] == UInt8(ascii: "/") else { return nil }
        for shape in [Placeholder.Shape.slackWebhook, .discordWebhook] {
            guard let text = shape.text(for: n) else { continue }
            let form = Array(text.utf8)
            let start = end - form.count
            if start >= lastEnd, hasLiteral(bytes, form, at: start), !isTokenAt(bytes, start - 1) {
                return Placeholder.Span(range: start..<end, number: n)
            }
        }
        return nil
    }

    /// A JWS `header.payload.REDACTED` or a JWE `header..iv.ciphertext.REDACTED` whose payload
    /// (ciphertext) is `{"redacted":n}`: the very text ``Placeholder/Shape/jwt`` or
    /// ``Placeholder/Shape/jwe`` writes for `n`.
    private static func jwtSpan(_ bytes: [UInt8], signatureAt index: Int, after lastEnd: Int) -> Placeholder.Span? {
        let end = index + marker.count
        guard index >= 2, bytes[index - 1] == UInt8(ascii: "."), !isTokenAt(bytes, end),
            !(end < bytes.count && bytes[end] == UInt8(ascii: "."))
        else { return nil }
        let payloadEnd = index - 1
        var payloadStart = payloadEnd
        while payloadStart > lastEnd, payloadEnd - payloadStart < 64, isTokenByte(bytes[payloadStart - 1]) { payloadStart -= 1 }
        guard payloadStart < payloadEnd, payloadStart > lastEnd, bytes[payloadStart - 1] == UInt8(ascii: ".") else { return nil }
        let payload = String(decoding: bytes[payloadStart..<payloadEnd], as: UTF8.self)
        guard let decoded = decodeBase64URL(payload), decoded.starts(with: jwtPayloadStart), decoded.last == UInt8(ascii: "}"),
            let n = number(decoded[jwtPayloadStart.count..<(decoded.count - 1)])
        else { return nil }
        for shape in [Placeholder.Shape.jwt, .jwe] {
            guard let text = shape.text(for: n) else { continue }
            let form = Array(text.utf8)
            let start = end - form.count
            guard start >= lastEnd, hasLiteral(bytes, form, at: start), !isTokenAt(bytes, start - 1),
                !(start > 0 && bytes[start - 1] == UInt8(ascii: "."))
            else { continue }
            return Placeholder.Span(range: start..<end, number: n)
        }
        return nil
    }

    /// `RDCT-<4 digits>` between characters no backup code contains.
    private static func backupSpan(_ bytes: [UInt8], at index: Int) -> Placeholder.Span? {
        let digitsStart = index + backup.count
        let end = digitsStart + 4
        guard end <= bytes.count, !isTokenAt(bytes, index - 1), !isTokenAt(bytes, end),
            bytes[digitsStart..<end].allSatisfy(isDigit), let n = number(bytes[digitsStart..<end])
        else { return nil }
        return Placeholder.Span(range: index..<end, number: n)
    }

    /// `<prefix><zeros><8 digits>`: a run of at least 32 digits, all but the last 8 zeros.
    private static func hexSpan(_ bytes: [UInt8], at index: Int, after lastEnd: Int) -> Placeholder.Span? {
        let end = runEnd(bytes, from: index, isDigit)
        guard end - index >= 32, !isTokenAt(bytes, end), bytes[index..<(end - 8)].allSatisfy({ $0 == UInt8(ascii: "0") }),
            let n = number(bytes[(end - 8)..<end])
        else { return nil }
        var start = index
        while start > lastEnd, index - start < hexPrefixLimit, isPrefixByte(bytes[start - 1]) { start -= 1 }
        guard start < index, !(start > lastEnd && isPrefixByte(bytes[start - 1])) else { return nil }
        return Placeholder.Span(range: start..<end, number: n)
    }

    /// `<prefix>00000000-0000-0000-0000-0000<8 digits>`, the prefix not empty.
    private static func uuidSpan(_ bytes: [UInt8], at index: Int, after lastEnd: Int) -> Placeholder.Span? {
        let digitsStart = index + uuidHeadBytes.count
        let end = digitsStart + 8
        guard end <= bytes.count, hasLiteral(bytes, uuidHeadBytes, at: index), bytes[digitsStart..<end].allSatisfy(isDigit),
            !isTokenAt(bytes, end), let n = number(bytes[digitsStart..<end])
        else { return nil }
        var start = index
        while start > lastEnd, index - start < hexPrefixLimit, isPrefixByte(bytes[start - 1]) { start -= 1 }
        guard start < index, !(start > lastEnd && isPrefixByte(bytes[start - 1])) else { return nil }
        return Placeholder.Span(range: start..<end, number: n)
    }

    // MARK: - Bytes

    /// A decimal number of at most 9 significant digits, at least 1; `nil` otherwise.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard !significant.isEmpty, significant.count <= 9 else { return nil }
        return significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }

    private static func hasLiteral(_ bytes: [UInt8], _ literal: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + literal.count <= bytes.count else { return false }
        for offset in 0..<literal.count where bytes[index + offset] != literal[offset] { return false }
        return true
    }

    private static func runEnd(_ bytes: [UInt8], from start: Int, _ predicate: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, predicate(bytes[end]) { end += 1 }
        return end
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isWord(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 0x5F }
    private static func isTokenByte(_ byte: UInt8) -> Bool { isWord(byte) || byte == 0x2D }
    private static func isPrefixByte(_ byte: UInt8) -> Bool { isTokenByte(byte) || byte == 0x2E || byte == 0x3A }

    private static func isWordAt(_ bytes: [UInt8], _ index: Int) -> Bool {
        index >= 0 && index < bytes.count && isWord(bytes[index])
    }

    private static func isTokenAt(_ bytes: [UInt8], _ index: Int) -> Bool {
        index >= 0 && index < bytes.count && isTokenByte(bytes[index])
    }
}
