import CassetteFormat

/// Masks a value already known to be secret (its name says so) while keeping the shape a reader
/// needs: auth scheme words (`Bearer <hidden:credential>`), cookie and parameter names
/// (`sid=<hidden:credential>; Path=/`), placeholders (`Bearer REDACTED_1`) and empty values.
enum ValueMasking {
    private static let schemes: Set<String> = [
        "bearer", "basic", "token", "digest", "apikey", "api-key", "jwt", "negotiate", "hmac", "session", "dpop", "mac",
    ]
    /// Cookie attributes whose values are never secret.
    private static let cookieAttributes: Set<String> = [
        "path", "domain", "expires", "max-age", "samesite", "priority", "secure", "httponly", "partitioned", "version",
        "comment",
    ]

    /// Whether a word is an authentication scheme (`Bearer`, `Basic`, ...), shown before a hidden credential.
    static func isSchemeWord(_ word: Substring) -> Bool {
        word.utf8.count <= 10 && schemes.contains(word.lowercased())
    }

    /// The value with everything but placeholders, scheme words and pair names hidden.
    static func maskAll(_ value: Substring, kind: MaskKind) -> String {
        let trimmed = trim(value)
        if trimmed.isEmpty || isHarmless(trimmed) { return String(value) }
        let bytes = trimmed.utf8
        let hasSpace = bytes.contains(UInt8(ascii: " "))
        // Cookie lists (`a=1; b=2`, `sid=x`) keep their names; a password or secret holding `=`
        // is hidden whole, so no part of it shows as a "name".
        if kind == .credential,
            bytes.contains(UInt8(ascii: ";")) || (bytes.contains(UInt8(ascii: "=")) && !hasSpace && !isPadded(trimmed))
        {
            return maskPairs(trimmed, kind: kind)
        }
        if hasSpace, let space = bytes.firstIndex(of: UInt8(ascii: " ")) {
            let word = trimmed[..<space]
            if schemes.contains(word.lowercased()) {
                return String(word) + " " + maskToken(trimmed[bytes.index(after: space)...], kind: kind)
            }
        }
        return maskToken(trimmed, kind: kind)
    }

    /// `a=1; b=2` or `a=1&b=2`: names kept (unless they look secret themselves), values masked,
    /// cookie attributes kept.
    private static func maskPairs(_ text: Substring, kind: MaskKind) -> String {
        var output = ""
        let separator = text.utf8.contains(UInt8(ascii: ";")) ? "; " : "&"
        for (position, part) in text.split(whereSeparator: { $0 == ";" || $0 == "&" }).enumerated() {
            if position > 0 { output += separator }
            let piece = trim(part)
            guard let equals = piece.utf8.firstIndex(of: UInt8(ascii: "=")), equals != piece.startIndex else {
                output += position > 0 && cookieAttributes.contains(piece.lowercased()) ? String(piece) : maskToken(piece, kind: kind)
                continue
            }
            let name = piece[..<equals]
            let value = piece[piece.utf8.index(after: equals)...]
            output += SafeDisplay.name(String(name)) + "="
            output += position > 0 && cookieAttributes.contains(name.lowercased()) ? String(value) : maskToken(value, kind: kind)
        }
        return output
    }

    /// The token hidden, unless it is a placeholder or says nothing.
    static func maskToken(_ token: Substring, kind: MaskKind) -> String {
        let trimmed = trim(token)
        if trimmed.isEmpty || isHarmless(trimmed) { return String(token) }
        return kind.mask
    }

    /// Placeholders, other tools' masks (`****`, `[FILTERED]`), our own masks and flag words.
    static func isHarmless(_ value: Substring) -> Bool {
        if Placeholder.isPlaceholder(value) { return true }
        if value.utf8.starts(with: "<hidden:".utf8) && value.utf8.last == UInt8(ascii: ">") && value.utf8.count <= 24 { return true }
        let text = String(value)
        return LookAlike.isMask(text) || LookAlike.isFlagWord(text)
    }

    /// Base64 padding (`abc==`) is not a `name=value` pair.
    private static func isPadded(_ value: Substring) -> Bool {
        guard let equals = value.utf8.firstIndex(of: UInt8(ascii: "=")) else { return false }
        return value.utf8[equals...].allSatisfy { $0 == UInt8(ascii: "=") }
    }

    static func trim(_ text: Substring) -> Substring {
        var result = text
        while let first = result.utf8.first, first == 0x20 || first == 0x09 { result = result.dropFirst() }
        while let last = result.utf8.last, last == 0x20 || last == 0x09 { result = result.dropLast() }
        return result
    }
}

/// Percent-decoding for judging URL parts (`+` as a space in queries). Malformed escapes are
/// kept as they are; linear in the input.
enum PercentDecoding {
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: "%")) || (plusAsSpace && bytes.contains(UInt8(ascii: "+"))) else { return String(text) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                if high != bytes.endIndex {
                    let low = bytes.index(after: high)
                    if low != bytes.endIndex, let a = hexValue(bytes[high]), let b = hexValue(bytes[low]) {
                        output.append(a << 4 | b)
                        index = bytes.index(after: low)
                        continue
                    }
                }
            }
            output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - 55
        default: return nil
        }
    }
}
