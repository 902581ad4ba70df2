public import Foundation

/// A strict RFC 8259 parser producing ``JSONValue`` (member order and number literals kept).
///
/// It works on bytes, refuses invalid UTF-8, trailing garbage, numbers that do not fit a double
/// (`1e400`: nothing could write them back) and nesting deeper than ``maximumDepth`` (so
/// hostile input cannot exhaust the stack). Duplicate member names cost a hash lookup each (a
/// later duplicate replaces the earlier value, in the earlier position).
///
/// JSON found inside a string of another JSON document goes through
/// ``parseEmbedded(_:at:budget:)``, which gives it only the depth left, so nesting stays bounded
/// across JSON-in-string layers.
public enum JSONParser {
    /// Deepest nesting accepted (counting JSON-in-string layers, for embedded text).
    public static let maximumDepth = 512

    /// Parses a whole document, refusing nesting deeper than `maximumDepth`.
    public static func parse(_ data: Data, maximumDepth: Int = JSONParser.maximumDepth) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            reader.maximumDepth = maximumDepth
            do {
                reader.skipWhitespace()
                let value = try reader.parseValue(depth: 0)
                reader.skipWhitespace()
                if reader.index != reader.bytes.count {
                    throw reader.error("unexpected content after the JSON value")
                }
                return .success(value)
            } catch let error as JSONParseError {
                return .failure(error)
            } catch {
                return .failure(reader.error("\(error)"))
            }
        }
        return try result.get()
    }

    /// Parses a whole document given as text.
    public static func parse(_ text: String, maximumDepth: Int = JSONParser.maximumDepth) throws(JSONParseError) -> JSONValue {
        try parse(Data(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses JSON held in a string value of another JSON document (a JSON body inside a JSON
    /// string, a token's JSON payload): the one entry point for every reader that looks inside a
    /// string as JSON.
    ///
    /// - Parameters:
    ///   - text: the string's content.
    ///   - depth: how deep the string itself sits, counting every enclosing layer (the root of a
    ///     body is 0, a member of it 1, and a layer's root is one deeper than its string). The
    ///     text gets only the depth that is left, not a fresh limit.
    ///   - budget: the file's budget: its depth limit (default ``maximumDepth``) and work (one
    ///     unit per byte read) are charged.
    /// - Throws: ``JSONParseError``; ``JSONParseError/budgetExceeded`` is set when the depth or
    ///   work ran out rather than the syntax being wrong.
    public static func parseEmbedded(_ text: String, at depth: Int, budget: ReadBudget? = nil) throws(JSONParseError) -> JSONValue {
        let limit = budget?.limits.maximumDepth ?? maximumDepth
        let left = limit - depth - 1
        let refusal = budget?.exceeded(.depth) ?? ReadBudgetExceeded(subject: "JSON text", limit: .depth, value: limit)
        guard left >= 0 else {
            throw JSONParseError(
                offset: 0, line: 1, column: 1, reason: "nesting deeper than \(limit) levels counting the enclosing JSON layers",
                budgetExceeded: refusal)
        }
        if let budget {
            do { try budget.spendWork(text.utf8.count) } catch {
                throw JSONParseError(offset: 0, line: 1, column: 1, reason: "the work budget is spent", budgetExceeded: error)
            }
        }
        do {
            return try parse(text, maximumDepth: left)
        } catch {
            guard error.reason.hasPrefix("nesting deeper than") else { throw error }
            var deeper = JSONParseError(
                offset: error.offset, line: error.line, column: error.column,
                reason: "nesting deeper than \(limit) levels counting the enclosing JSON layers", budgetExceeded: refusal)
            deeper.pointer = error.pointer
            throw deeper
        }
    }
}

/// The byte-level reader behind ``JSONParser``; also used by the HAR fast path
/// (`HARFastDecoder`), which reads a cassette without building a ``JSONValue`` tree.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Unescaped bytes of the string being read (slow path only); its capacity is reused.
    var scratch: [UInt8] = []
    /// Deepest nesting accepted.
    var maximumDepth = JSONParser.maximumDepth

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ reason: String) -> JSONParseError {
        var line = 1
        var column = 1
        var position = 0
        let end = min(index, bytes.count)
        while position < end {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            position += 1
        }
        return JSONParseError(offset: index, line: line, column: column, reason: reason)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            index += 1
            skipWhitespace()
            let value: JSONValue
            do { value = try parseValue(depth: depth + 1) } catch { throw error.within(key) }
            // A later duplicate replaces the earlier value (a hash lookup once the object is large).
            object.setParsedMember(key, value)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(object)
            }
            throw error("expected ',' or '}' in an object")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            do { elements.append(try parseValue(depth: depth + 1)) } catch { throw error.within(String(elements.count)) }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in an array")
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes. Runs are found eight bytes at a time.
        index = TextScan.firstSpecialByte(in: bytes, from: index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            guard let string = TextScan.validatedString(slice) else { throw error("invalid UTF-8 in a string") }
            return string
        }
        // Escapes, the common case of JSON bodies stored inside a cassette's JSON: unescaped
        // straight into the reader's scratch buffer (reused from string to string). Anything
        // unusual (no closing quote, a raw control byte, a bad escape) takes the careful path
        // below, which says what is wrong.
        if let string = unescapedString(start: start) { return string }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let runStart = index
            index = TextScan.firstSpecialByte(in: bytes, from: index)
            if index > runStart { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                let string = scratch.withUnsafeBufferPointer { TextScan.validatedString($0) }
                guard let string else { throw error("invalid UTF-8 in a string") }
                return string
            }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    else { throw error("unpaired UTF-16 surrogate") }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired UTF-16 surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("unpaired UTF-16 surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                appendUTF8(unicode, to: &scratch)
            default:
                throw error("invalid escape sequence")
            }
        }
        throw error("unterminated string")
    }

    /// Appends a scalar's UTF-8 bytes without building a `String`.
    @inline(__always) func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            buffer.append(UInt8(value))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (value >> 6)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (value >> 12)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (value >> 18)))
            buffer.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in unicode escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw error("truncated number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        } else {
            throw error("invalid number")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number fraction") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // Only a literal with an exponent or very many digits can overflow a double.
        if exponentOrLong(from: start), !(Double(literal)?.isFinite ?? false) {
            throw error("a number too large for a double (it would be read as infinity, which JSON cannot write back)")
        }
        return JSONNumber(literal: literal)
    }

    /// Whether the number from `start` to the reader's position has an exponent or over 300 digits.
    private func exponentOrLong(from start: Int) -> Bool {
        if index - start > 300 { return true }
        for position in start..<index where bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            return true
        }
        return false
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
