import CassetteFormat

/// Plain text by shape, in one pass over the UTF-8 bytes: `name=value` (until a blank, `&`,
/// `;` or `,`) and `name: value` (to the end of the line), names bare or quoted, values bare
/// or quoted. A secret name's value is replaced whole; then the value rules run over the
/// whole text. Every text is readable this way, so this never refuses.
extension RedactionSession {
    mutating func readPlainText(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index < bytes.count {
            guard let pair = Self.namedValue(bytes, at: index, isSecret: { BodyRedaction.isSecretName($0, inRequest: inRequest) }) else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[pair.name], as: UTF8.self)
            if !pair.value.isEmpty {
                let value = String(decoding: bytes[pair.value], as: UTF8.self)
                let replacement = replaceWhole(value, kind: "body", location: "(text) " + name, rule: "text:\(name)")
                output += bytes[cursor..<pair.value.lowerBound]
                output += Array(replacement.utf8)
                cursor = pair.value.upperBound
            }
            index = max(pair.value.upperBound, index + 1)
        }
        output += bytes[cursor...]
        return redactText(String(decoding: output, as: UTF8.self), kind: "body", location: "(text)")
    }

    /// A `name=value` or `name: value` pair whose name starts at `start` and is secret (the
    /// value is only looked at then, so the whole pass stays linear).
    private static func namedValue(_ bytes: [UInt8], at start: Int, isSecret: (String) -> Bool) -> (name: Range<Int>, value: Range<Int>)? {
        let first = bytes[start]
        var name: Range<Int>
        var index: Int
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            var end = start + 1
            while end < bytes.count, bytes[end] != first, bytes[end] != UInt8(ascii: "\n"), end - start < 128 { end += 1 }
            guard end < bytes.count, bytes[end] == first, end > start + 1 else { return nil }
            name = (start + 1)..<end
            index = end + 1
        } else {
            guard isNameByte(first), start == 0 || !isNameByte(bytes[start - 1]) else { return nil }
            var end = start
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            name = start..<end
            index = end
        }
        index = skipSpaces(bytes, from: index)
        guard index < bytes.count else { return nil }
        let separator = bytes[index]
        guard separator == UInt8(ascii: "=") || separator == UInt8(ascii: ":") else { return nil }
        if index + 1 < bytes.count,
            bytes[index + 1] == UInt8(ascii: "=") || (separator == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: "/"))
        {
            return nil
        }
        guard isSecret(String(decoding: bytes[name], as: UTF8.self)) else { return nil }
        index = skipSpaces(bytes, from: index + 1)
        guard index < bytes.count else { return (name, index..<index) }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var end = index + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            end = min(end, bytes.count)
            return (name, (index + 1)..<end)
        }
        var end = index
        while end < bytes.count, !isValueEnd(bytes[end], colon: separator == UInt8(ascii: ":")) { end += 1 }
        while end > index,
            bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: ",")
        {
            end -= 1
        }
        return (name, index..<end)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    private static func skipSpaces(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    /// `name: value` runs to the end of the line; `name=value` to a blank or separator.
    private static func isValueEnd(_ byte: UInt8, colon: Bool) -> Bool {
        if byte == UInt8(ascii: "\n") { return true }
        if colon { return false }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: ","),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }
}
