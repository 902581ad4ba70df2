import CassetteFormat

/// The framing around JSON in a body, found on the UTF-8 bytes in one pass: a byte-order mark,
/// an XSSI prefix (`)]}'`, `while(1);`, `for(;;);`, `&&&START&&&`), a JSONP callback
/// (`cb({...});`, `/**/cb(...)`), and the values themselves (one, or several separated by
/// blanks or newlines: NDJSON, JSON lines, JSON text sequences).
enum JSONFraming {
    /// A body taken apart: `prefix`, then values with what separates them, then `suffix`.
    struct Frame {
        /// Byte ranges of the values, in order.
        var values: [Range<Int>]
        /// Where the values begin and end (everything outside is kept verbatim).
        var start: Int
        var end: Int
    }

    private static let xssiPrefixes: [[UInt8]] = [
        Array(")]}'".utf8), Array("while(1);".utf8), Array("while (1);".utf8), Array("for(;;);".utf8),
        Array("&&&START&&&".utf8),
    ]

    /// Whether the text starts with an XSSI prefix or a JSONP callback.
    static func hasPrefixFraming(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(512))
        let start = skipBlanks(bytes, from: skipBOM(bytes))
        if xssiPrefixes.contains(where: { matches($0, bytes, at: start) }) { return true }
        return callbackOpening(bytes, from: start) != nil
    }

    /// The framing of `bytes`, or `nil` when they are not JSON in a known frame.
    static func frame(_ bytes: [UInt8]) -> Frame? {
        var index = skipBlanks(bytes, from: skipBOM(bytes))
        for prefix in xssiPrefixes where matches(prefix, bytes, at: index) {
            index += prefix.count
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
            index = skipBlanks(bytes, from: index)
            break
        }
        var callback = false
        if let opening = callbackOpening(bytes, from: index) {
            index = opening
            callback = true
        }
        let start = index
        var values: [Range<Int>] = []
        var end = start
        while true {
            index = skipBlanks(bytes, from: index, alsoRecordSeparator: true)
            guard index < bytes.count else { break }
            if callback, bytes[index] == UInt8(ascii: ")") { break }
            guard let valueEnd = TolerantJSON.valueEnd(bytes, from: index) else { return nil }
            values.append(index..<valueEnd)
            index = valueEnd
            end = valueEnd
            if callback { break }
        }
        guard !values.isEmpty else { return nil }
        if callback {
            index = skipBlanks(bytes, from: index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return nil }
            index = skipBlanks(bytes, from: index + 1)
            if index < bytes.count, bytes[index] == UInt8(ascii: ";") { index = skipBlanks(bytes, from: index + 1) }
            guard index == bytes.count else { return nil }
        }
        return Frame(values: values, start: start, end: end)
    }

    /// After `/**/ typeof cb === 'function' && cb(` or `cb(`: the index after `(`.
    private static func callbackOpening(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        if matches(Array("/**/".utf8), bytes, at: index) { index = skipBlanks(bytes, from: index + 4) }
        let nameStart = index
        while index < bytes.count, isCallbackNameByte(bytes[index]) { index += 1 }
        guard index > nameStart, !(bytes[nameStart] >= UInt8(ascii: "0") && bytes[nameStart] <= UInt8(ascii: "9")) else { return nil }
        // `typeof cb === 'function' && cb(`: skip to the call after `&&`.
        if bytes[nameStart..<index].elementsEqual("typeof".utf8) {
            var scan = index
            while scan + 1 < bytes.count, scan < nameStart + 256,
                !(bytes[scan] == UInt8(ascii: "&") && bytes[scan + 1] == UInt8(ascii: "&"))
            { scan += 1 }
            guard scan + 1 < bytes.count, scan < nameStart + 256 else { return nil }
            return callbackOpening(bytes, from: skipBlanks(bytes, from: scan + 2))
        }
        index = skipBlanks(bytes, from: index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { return nil }
        return index + 1
    }

    private static func isCallbackNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    private static func matches(_ prefix: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        index + prefix.count <= bytes.count && bytes[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private static func skipBOM(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    static func skipBlanks(_ bytes: [UInt8], from start: Int, alsoRecordSeparator: Bool = false) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || (alsoRecordSeparator && byte == 0x1E)
            {
                index += 1
            } else {
                break
            }
        }
        return index
    }
}

extension RedactionSession {
    /// A JSON body in any of the framings ``JSONFraming`` knows: each value redacted by key
    /// and value (strictly parsed when the strict parser accepts it, else by the tolerant
    /// reader), the framing kept byte for byte. `nil` when there is no JSON structure to read.
    mutating func readJSONBody(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if JSONFraming.skipBlanks(bytes, from: 0) == bytes.count { return text }
        guard let frame = JSONFraming.frame(bytes) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        output += bytes[0..<frame.start]
        var cursor = frame.start
        for range in frame.values {
            output += bytes[cursor..<range.lowerBound]
            guard let redacted = redactJSONValueText(bytes[range]) else { return nil }
            output += redacted
            cursor = range.upperBound
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }

    /// One JSON value: strict parse and the JSON rules when possible (re-serialized only when
    /// something changed), the tolerant reader otherwise.
    private mutating func redactJSONValueText(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        if let parsed = try? JSONParser.parse(text) {
            let graphQL = redactGraphQLQueries(parsed)
            let redacted = redactJSON(graphQL, at: .root, kind: "body")
            return redacted == parsed ? Array(bytes) : Array(redacted.jsonText.utf8)
        }
        return redactTolerantJSON(bytes)
    }

    /// A GraphQL request (`{"query": "...", "variables": {...}}`, or a batch of them): the
    /// `query` document redacted by the GraphQL reader; the variables are JSON already.
    private mutating func redactGraphQLQueries(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            guard case .string(let query)? = object["query"], let redacted = readGraphQL(query), redacted != query else { return value }
            var copy = object
            copy["query"] = .string(redacted)
            return .object(copy)
        case .array(let elements):
            return .array(
                elements.map { element in
                    if case .object = element { return redactGraphQLQueries(element) }
                    return element
                })
        default:
            return value
        }
    }
}
