import CassetteFormat

/// XML and HTML by element, attribute and embedded JSON, in one pass over the UTF-8 bytes:
/// - the text (and CDATA) of an XML element whose local name is secret (`<SessionToken>`,
///   SOAP `<sessionId>`) and of every element below it, replaced whole;
/// - secret-named attributes (`data-token="…"`), and the `content`/`value` of an element whose
///   `name`/`id`/`property`/`itemprop` names a secret (`<meta name="csrf-token" content="…">`,
///   `<input type="hidden" name="authenticity_token" value="…">`), replaced whole;
/// - `<script>` holding JSON (`type="application/json"`, `__NEXT_DATA__`, `ld+json`) read by the
///   JSON reader, other scripts by the text reader;
/// - everything else (text, attribute values, comments) through the value rules.
/// Bytes that are not redacted are kept as they were. XML nested deeper than 1,024 elements
/// is refused.
extension RedactionSession {
    private static let maximumMarkupDepth = 1024
    private static let namingAttributes: Set<String> = ["name", "id", "property", "itemprop", "http-equiv"]
    private static let valueAttributes: Set<String> = ["content", "value"]

    mutating func readMarkup(_ text: String, html: Bool) -> String? {
        let bytes = Array(text.utf8)
        var edits = MarkupEdits()
        var stack: [(name: String, secret: Bool)] = []
        var index = 0
        while index < bytes.count {
            let textEnd = Self.find(UInt8(ascii: "<"), in: bytes, from: index)
            redactMarkupText(bytes, index..<textEnd, secret: !html && (stack.last?.secret ?? false), into: &edits)
            index = textEnd
            guard index < bytes.count else { break }
            if Self.hasPrefix("<!--", bytes, at: index) {
                let end = Self.find("-->", in: bytes, from: index + 4)
                redactMarkupText(bytes, (index + 4)..<end, secret: false, into: &edits)
                index = min(end + 3, bytes.count)
            } else if Self.hasPrefix("<![CDATA[", bytes, at: index) {
                let end = Self.find("]]>", in: bytes, from: index + 9)
                redactMarkupText(bytes, (index + 9)..<end, secret: !html && (stack.last?.secret ?? false), into: &edits)
                index = min(end + 3, bytes.count)
            } else if Self.hasPrefix("<!", bytes, at: index) || Self.hasPrefix("<?", bytes, at: index) {
                index = min(Self.find(UInt8(ascii: ">"), in: bytes, from: index) + 1, bytes.count)
            } else if Self.hasPrefix("</", bytes, at: index) {
                let nameEnd = Self.nameEnd(bytes, from: index + 2)
                let name = Self.localName(bytes[(index + 2)..<nameEnd])
                if !html, let open = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(open...) }
                index = min(Self.find(UInt8(ascii: ">"), in: bytes, from: nameEnd) + 1, bytes.count)
            } else {
                let nameEnd = Self.nameEnd(bytes, from: index + 1)
                guard nameEnd > index + 1 else {
                    redactMarkupText(bytes, index..<(index + 1), secret: false, into: &edits)
                    index += 1
                    continue
                }
                let name = Self.localName(bytes[(index + 1)..<nameEnd])
                guard let tag = readTag(bytes, from: nameEnd, into: &edits) else { return nil }
                index = tag.end
                if html, name == "script" || name == "style" {
                    let close = Self.find("</\(name)", in: bytes, from: index, ignoringCase: true)
                    if !tag.selfClosing, close > index {
                        guard redactScript(bytes, index..<close, isJSON: tag.holdsJSON, into: &edits) else { return nil }
                        index = close
                    }
                } else if !html, !tag.selfClosing {
                    guard stack.count < Self.maximumMarkupDepth else { return nil }
                    let secret = (stack.last?.secret ?? false) || BodyRedaction.isSecretName(name, inRequest: inRequest)
                    stack.append((name, secret))
                }
            }
        }
        return String(decoding: edits.apply(to: bytes), as: UTF8.self)
    }

    /// Attributes up to `>`; secret ones replaced. `nil` when the tag never ends.
    private mutating func readTag(_ bytes: [UInt8], from start: Int, into edits: inout MarkupEdits) -> (
        end: Int, selfClosing: Bool, holdsJSON: Bool
    )? {
        var attributes: [(name: String, value: Range<Int>)] = []
        var index = start
        while true {
            while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                index += 1
                continue
            }
            let nameStart = index
            while index < bytes.count, !Self.isBlank(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"),
                bytes[index] != UInt8(ascii: "/") || index == nameStart
            { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                attributes.append((name, index..<index))
                continue
            }
            index += 1
            while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let end = Self.find(quote, in: bytes, from: index + 1)
                guard end < bytes.count else { return nil }
                attributes.append((name, (index + 1)..<end))
                index = end + 1
            } else {
                let valueStart = index
                while index < bytes.count, !Self.isBlank(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                attributes.append((name, valueStart..<index))
            }
        }
        let selfClosing = index >= 2 && bytes[index - 2] == UInt8(ascii: "/")
        func value(_ name: String) -> String? {
            attributes.first { $0.name == name }.map { String(decoding: bytes[$0.value], as: UTF8.self) }
        }
        let namesSecret = attributes.contains {
            Self.namingAttributes.contains($0.name)
                && BodyRedaction.isSecretName(String(decoding: bytes[$0.value], as: UTF8.self), inRequest: inRequest)
        }
        for attribute in attributes where !attribute.value.isEmpty {
            let secret =
                BodyRedaction.isSecretName(Self.localName(ArraySlice(attribute.name.utf8)), inRequest: inRequest)
                || (namesSecret && Self.valueAttributes.contains(attribute.name))
            redactMarkupText(bytes, attribute.value, secret: secret, into: &edits, location: "@" + attribute.name)
        }
        let type = value("type")?.lowercased() ?? ""
        let holdsJSON = type.contains("json") || value("id") == "__NEXT_DATA__"
        return (index, selfClosing, holdsJSON)
    }

    /// Text, a CDATA section or an attribute value: replaced whole when secret (surrounding
    /// blanks kept), else through the value rules.
    private mutating func redactMarkupText(
        _ bytes: [UInt8], _ range: Range<Int>, secret: Bool, into edits: inout MarkupEdits, location: String = "(text)"
    ) {
        guard !range.isEmpty else { return }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isBlank(bytes[upper - 1]) { upper -= 1 }
        guard lower < upper else { return }
        let text = String(decoding: bytes[lower..<upper], as: UTF8.self)
        let redacted =
            secret
            ? replaceWhole(text, kind: "body", location: location, rule: "markup:secret-name")
            : redactText(text, kind: "body", location: location)
        if redacted != text { edits.replace(lower..<upper, with: redacted) }
    }

    /// A script's content: JSON by the JSON reader (refused when it is not JSON), other
    /// scripts by the text reader.
    private mutating func redactScript(_ bytes: [UInt8], _ range: Range<Int>, isJSON: Bool, into edits: inout MarkupEdits) -> Bool {
        let text = String(decoding: bytes[range], as: UTF8.self)
        let redacted: String?
        if isJSON {
            redacted = readJSONBody(text)
        } else {
            redacted = Self.startsLikeJSON(text) ? (readJSONBody(text) ?? readPlainText(text)) : readPlainText(text)
        }
        guard let redacted else { return false }
        if redacted != text { edits.replace(range, with: redacted) }
        return true
    }

    // MARK: Bytes

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func nameEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, !isBlank(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: "<")
        { index += 1 }
        return index
    }

    /// `soap:sessionId` → `sessionid`... lowercased, namespace prefix dropped.
    private static func localName(_ name: ArraySlice<UInt8>) -> String {
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[(name.index(after: $0))...] } ?? name
        return String(decoding: local, as: UTF8.self).lowercased()
    }

    private static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != byte { index += 1 }
        return index
    }

    /// The first index of `needle` at or after `start` (short needles: linear in practice),
    /// `bytes.count` when absent.
    private static func find(_ needle: String, in bytes: [UInt8], from start: Int, ignoringCase: Bool = false) -> Int {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return start }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, matches(pattern, bytes, at: index, ignoringCase: ignoringCase) { return index }
            index += 1
        }
        return bytes.count
    }

    private static func hasPrefix(_ prefix: String, _ bytes: [UInt8], at index: Int) -> Bool {
        matches(Array(prefix.utf8), bytes, at: index, ignoringCase: false)
    }

    private static func matches(_ pattern: [UInt8], _ bytes: [UInt8], at index: Int, ignoringCase: Bool) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in pattern.indices {
            var byte = bytes[index + offset]
            if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != pattern[offset] { return false }
        }
        return true
    }
}

/// Replacements of byte ranges, applied in one pass (ranges never overlap and arrive in order).
struct MarkupEdits {
    private var edits: [(range: Range<Int>, text: String)] = []

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range, text))
    }

    func apply(to bytes: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where edit.range.lowerBound >= cursor {
            output += bytes[cursor..<edit.range.lowerBound]
            output += Array(edit.text.utf8)
            cursor = edit.range.upperBound
        }
        output += bytes[cursor...]
        return output
    }
}
