import CassetteFormat

/// A name and the value it names, found in free text by shape.
struct TextPair: Sendable, Equatable {
    /// How the pair was written, for the finding's location.
    enum Kind: String, Sendable {
        /// `name=value`, `name: value`, `"name": "value"`, GraphQL `name: "value"`.
        case assignment = "text"
        /// `<Name>value</Name>` (XML, SOAP).
        case element
        /// `<meta name="x" content="v">`, `<input name="x" value="v">`.
        case attribute
        /// A `multipart/form-data` part: `Content-Disposition: form-data; name="x"` then the value.
        case part
    }

    var kind: Kind
    var name: String
    var value: String
}

/// Linear scanners that take free text apart into named values (no regular expressions, one
/// pass each; every loop moves forward, backward looks are bounded by ``maximumNameLength``).
enum TextPairs {
    /// Names longer than this are not names.
    static let maximumNameLength = 64
    /// Pairs kept per text; a text with more is still scanned by format.
    static let maximumPairs = 20_000

    /// Every pair in a text: assignments, XML elements, HTML name/content attributes, multipart parts.
    static func pairs(in text: String) -> [TextPair] {
        let bytes = Array(text.utf8)
        var pairs: [TextPair] = []
        var hasAngle = false
        var hasSeparator = false
        for byte in bytes {
            if byte == UInt8(ascii: "<") { hasAngle = true }
            if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") { hasSeparator = true }
        }
        if hasSeparator { assignments(bytes, into: &pairs) }
        if hasAngle { markup(bytes, into: &pairs) }
        if ASCIIText.contains("form-data", in: text) { multipart(bytes, into: &pairs) }
        return pairs
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        TokenFormats.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "$")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    // MARK: name=value, name: value

    /// `name=value` and `name: value` with optional quotes around either side.
    static func assignments(_ bytes: [UInt8], into pairs: inout [TextPair]) {
        var index = 0
        while index < bytes.count, pairs.count < maximumPairs {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") else {
                index += 1
                continue
            }
            // `://` is a URL scheme, `==` and `:=` are operators or padding.
            if byte == UInt8(ascii: ":"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "/")
            {
                index += 3
                continue
            }
            guard let name = nameBefore(bytes, separator: index) else {
                index += 1
                continue
            }
            let (value, end) = valueAfter(bytes, separator: index, isColon: byte == UInt8(ascii: ":"))
            if !value.isEmpty { pairs.append(TextPair(kind: .assignment, name: string(bytes[name]), value: string(value))) }
            index = max(end, index + 1)
        }
    }

    /// The name ending just before a separator: optional spaces and one closing quote, then
    /// name bytes (at most ``maximumNameLength``), starting with a letter, `_` or `$`.
    private static func nameBefore(_ bytes: [UInt8], separator: Int) -> Range<Int>? {
        var end = separator
        var spaces = 0
        while end > 0, isSpace(bytes[end - 1]), spaces < 8 {
            end -= 1
            spaces += 1
        }
        if end > 0, bytes[end - 1] == UInt8(ascii: "\"") || bytes[end - 1] == UInt8(ascii: "'") { end -= 1 }
        var start = end
        while start > 0, end - start < maximumNameLength, isNameByte(bytes[start - 1]) { start -= 1 }
        guard end - start >= 2, start == 0 || !isNameByte(bytes[start - 1]) else { return nil }
        let first = bytes[start]
        guard (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first == UInt8(ascii: "_") || first == UInt8(ascii: "$")
        else {
            return nil
        }
        return start..<end
    }

    /// The value after a separator: quoted (to the closing quote, backslash escapes skipped) or
    /// bare (to the next delimiter). Returns the value and where scanning resumes (after the
    /// closing quote, or at the delimiter).
    private static func valueAfter(_ bytes: [UInt8], separator: Int, isColon: Bool) -> (ArraySlice<UInt8>, Int) {
        var start = separator + 1
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return ([], start) }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var end = start + 1
            while end < bytes.count, bytes[end] != quote, bytes[end] != 0x0a {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            end = min(end, bytes.count)
            return (bytes[(start + 1)..<end], min(end + 1, bytes.count))
        }
        var end = start
        while end < bytes.count, !isBareDelimiter(bytes[end], isColon: isColon) { end += 1 }
        end = groupedRunEnd(bytes, start: start, end: end, isColon: isColon)
        return (bytes[start..<end], end)
    }

    /// A bare value of 3 to 8 letters and digits followed by space-separated groups of the same
    /// length (the last may be shorter) is one value written in groups for typing, as a TOTP
    /// "manual entry key" is (`abcd efgh ijkl mnop`): returns the end of the last group, or `end`
    /// unchanged. Each byte is looked at once, so the scan stays linear.
    private static func groupedRunEnd(_ bytes: [UInt8], start: Int, end: Int, isColon: Bool) -> Int {
        let width = end - start
        guard (3...8).contains(width), bytes[start..<end].allSatisfy(TokenFormats.isAlphanumeric) else { return end }
        var groupsEnd = end
        var groups = 1
        while groupsEnd < bytes.count, bytes[groupsEnd] == 0x20, groups < 32 {
            var next = groupsEnd + 1
            while next < bytes.count, next - groupsEnd - 1 <= width, TokenFormats.isAlphanumeric(bytes[next]) { next += 1 }
            let length = next - groupsEnd - 1
            let endsRun = next >= bytes.count || isBareDelimiter(bytes[next], isColon: isColon)
            guard length >= 1, length <= width, endsRun else { break }
            groupsEnd = next
            groups += 1
            if length < width { break }
        }
        return groups >= 4 ? groupsEnd : end
    }

    private static func isBareDelimiter(_ byte: UInt8, isColon: Bool) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0a, 0x0d, UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
            return true
        case UInt8(ascii: ","):
            return isColon
        default:
            return false
        }
    }

    // MARK: XML and HTML

    /// `<Name attrs>text<` as (Name, text) and, in a tag with a `name`/`id`/`property` attribute,
    /// its `content`/`value` attribute under that name.
    static func markup(_ bytes: [UInt8], into pairs: inout [TextPair]) {
        var index = 0
        while index < bytes.count, pairs.count < maximumPairs {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var nameEnd = index + 1
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) || bytes[nameEnd] == UInt8(ascii: ":") { nameEnd += 1 }
            guard nameEnd > index + 1 else {
                index += 1
                continue
            }
            var tagName = bytes[(index + 1)..<nameEnd]
            if let colon = tagName.lastIndex(of: UInt8(ascii: ":")) { tagName = tagName[(colon + 1)...] }
            // The attributes, up to the closing `>` (outside quotes).
            var attributes: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
            var cursor = nameEnd
            var selfClosing = false
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "<") {
                if bytes[cursor] == UInt8(ascii: "/") { selfClosing = true }
                guard isNameByte(bytes[cursor]) else {
                    cursor += 1
                    continue
                }
                selfClosing = false
                let attributeStart = cursor
                while cursor < bytes.count, isNameByte(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ":") { cursor += 1 }
                let attributeName = bytes[attributeStart..<cursor]
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
                let (value, end) = valueAfter(bytes, separator: cursor, isColon: false)
                attributes.append((attributeName, value))
                cursor = max(end, cursor + 1)
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") else {
                index = max(cursor, index + 1)
                continue
            }
            appendAttributePair(attributes, into: &pairs)
            var textEnd = cursor + 1
            if !selfClosing {
                while textEnd < bytes.count, bytes[textEnd] != UInt8(ascii: "<") { textEnd += 1 }
                let text = trim(bytes[(cursor + 1)..<textEnd])
                if !text.isEmpty, !tagName.isEmpty {
                    pairs.append(TextPair(kind: .element, name: string(tagName), value: string(text)))
                }
            }
            index = textEnd
        }
    }

    private static func appendAttributePair(_ attributes: [(ArraySlice<UInt8>, ArraySlice<UInt8>)], into pairs: inout [TextPair]) {
        var label: ArraySlice<UInt8>?
        var content: ArraySlice<UInt8>?
        for (name, value) in attributes {
            switch string(name).lowercased() {
            case "name", "id", "property", "itemprop", "http-equiv": label = label ?? value
            case "content", "value": content = value
            default: continue
            }
        }
        if let label, let content, !label.isEmpty, !content.isEmpty {
            pairs.append(TextPair(kind: .attribute, name: string(label), value: string(content)))
        }
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, ASCIIText.isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, ASCIIText.isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }

    // MARK: multipart/form-data

    /// Each part's `name="..."` from its `Content-Disposition` line, and its value after the blank line.
    static func multipart(_ bytes: [UInt8], into pairs: inout [TextPair]) {
        let marker = Array("content-disposition:".utf8)
        var index = 0
        for start in AuditByteSearch.offsets(of: marker, in: bytes) where start >= index {
            guard pairs.count < maximumPairs else { return }
            var lineEnd = start
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0a { lineEnd += 1 }
            let line = Array(bytes[start..<lineEnd])
            guard
                let nameOffset = AuditByteSearch.offsets(of: Array(" name=\"".utf8), in: line).first
                    ?? AuditByteSearch.offsets(of: Array(";name=\"".utf8), in: line).first
            else { continue }
            var nameEnd = nameOffset + 7
            while nameEnd < line.count, line[nameEnd] != UInt8(ascii: "\"") { nameEnd += 1 }
            let name = line[(nameOffset + 7)..<nameEnd]
            // Headers of the part end at the first empty line.
            var cursor = lineEnd + 1
            while cursor < bytes.count {
                var end = cursor
                while end < bytes.count, bytes[end] != 0x0a { end += 1 }
                let isEmpty = end == cursor || (end == cursor + 1 && bytes[cursor] == 0x0d)
                cursor = end + 1
                if isEmpty { break }
            }
            guard cursor < bytes.count else { return }
            // The value runs to the next boundary line (`\n--`).
            var valueEnd = cursor
            while valueEnd < bytes.count,
                !(bytes[valueEnd] == 0x0a && valueEnd + 2 < bytes.count
                    && bytes[valueEnd + 1] == UInt8(ascii: "-") && bytes[valueEnd + 2] == UInt8(ascii: "-"))
            {
                valueEnd += 1
            }
            let value = trim(bytes[cursor..<min(valueEnd, bytes.count)])
            if !name.isEmpty, !value.isEmpty { pairs.append(TextPair(kind: .part, name: string(name), value: string(value))) }
            index = valueEnd
        }
    }
}
