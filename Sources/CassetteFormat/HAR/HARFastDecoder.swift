import Foundation

/// Decodes a HAR document straight from its bytes into ``HAR/Log``, without the intermediate
/// ``JSONValue`` tree (building and freeing that tree was most of the cost of opening a large
/// cassette).
///
/// It is a fast path only: it accepts exactly what `JSONParser.parse` followed by
/// `HAR.Log(jsonDocument:)` accepts and gives the same log, and on anything unexpected (invalid
/// JSON, a member of the wrong type, a missing required member, a format version from the
/// future) it gives up with `nil`, so that the caller runs the full path, which produces the
/// located error.
enum HARFastDecoder {
    /// The log, or `nil` when the full path must decide.
    static func decode(_ data: Data) -> HAR.Log? {
        data.withUnsafeBytes { raw -> HAR.Log? in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(GiveUp) {
                reader.skipWhitespace()
                var log: HAR.Log?
                try reader.members { reader, key throws(GiveUp) in
                    if key == "log" { log = try reader.log(source: data) } else { try reader.skip(depth: 1) }
                }
                reader.skipWhitespace()
                guard reader.index == reader.bytes.count else { return nil }
                return log
            } catch {
                return nil
            }
        }
    }
}

/// The fast path's only failure: let the full path decide.
struct GiveUp: Error {}

extension JSONReader {
    // MARK: Reading values of an expected type

    /// Calls `body` with each member's key, the reader positioned at the member's value (which
    /// `body` must consume). The value must be an object.
    mutating func members(_ body: (inout JSONReader, String) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw GiveUp() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw GiveUp() }
            let key: String
            do { key = try parseString() } catch { throw GiveUp() }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw GiveUp() }
            index += 1
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw GiveUp()
        }
    }

    /// Calls `body` for each element, the reader positioned at it. The value must be an array.
    mutating func elements(_ body: (inout JSONReader) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw GiveUp() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try body(&self)
            skipWhitespace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            throw GiveUp()
        }
    }

    /// Whether the next value is `null` (consumed if so).
    mutating func takeNull() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        do { try expectLiteral("null") } catch { return false }
        return true
    }

    /// A string (`HARReader.string`).
    mutating func string() throws(GiveUp) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw GiveUp() }
        do { return try parseString() } catch { throw GiveUp() }
    }

    /// A string or `null` (`HARReader.optionalString`).
    mutating func optionalString() throws(GiveUp) -> String? {
        if takeNull() { return nil }
        return try string()
    }

    /// A number, or the default for `null` (`HARReader.number`).
    mutating func number(default fallback: Double?) throws(GiveUp) -> Double {
        if let fallback, takeNull() { return fallback }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
        else { throw GiveUp() }
        if let integer = plainInteger() { return Double(integer) }
        do { return try parseNumber().doubleValue } catch { throw GiveUp() }
    }

    /// A short integer literal read straight from the bytes (most HAR numbers: sizes, statuses,
    /// timings): an optional `-`, 1 to 15 digits without a leading zero, no fraction or exponent,
    /// and not `-0`. `nil` (the reader unmoved) for anything else, which the full number reader
    /// takes. Exact: every such value is a whole double.
    private mutating func plainInteger() -> Int? {
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value = 0
        while position < bytes.count, isDigit(bytes[position]), position - digitsStart < 16 {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - digitsStart
        guard digits > 0, digits <= 15, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), !(negative && value == 0) else { return nil }
        if position < bytes.count {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || isDigit(next) { return nil }
        }
        index = position
        return negative ? -value : value
    }

    /// An integral number below 10^15, or the default (`HARReader.integer`).
    mutating func integer(default fallback: Int?) throws(GiveUp) -> Int {
        let value = try number(default: fallback.map(Double.init))
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { throw GiveUp() }
        return Int(value)
    }

    /// A boolean; any other value is read and counts as absent (`HARReader.optionalBool`).
    mutating func optionalBool(depth: Int) throws(GiveUp) -> Bool? {
        if index < bytes.count, bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: "f") {
            do {
                if bytes[index] == UInt8(ascii: "t") {
                    try expectLiteral("true")
                    return true
                }
                try expectLiteral("false")
                return false
            } catch { throw GiveUp() }
        }
        try skip(depth: depth)
        return nil
    }

    /// Reads and discards one value (still checked: invalid JSON gives up).
    mutating func skip(depth: Int) throws(GiveUp) {
        do { _ = try parseValue(depth: depth) } catch { throw GiveUp() }
    }

    /// One value as a tree (for the few members decoded through the full path's readers).
    mutating func tree(depth: Int) throws(GiveUp) -> JSONValue {
        do { return try parseValue(depth: depth) } catch { throw GiveUp() }
    }

    // MARK: HAR

    mutating func log(source: Data) throws(GiveUp) -> HAR.Log {
        var version: String?
        var creator: HAR.Creator?
        var entries: [HAR.Entry]?
        var comment: String?
        var cassette: CassetteMetadata?
        try members { reader, key throws(GiveUp) in
            switch key {
            case "version": version = try reader.optionalString()
            case "creator":
                var name: String?
                var creatorVersion: String?
                try reader.members { reader, key throws(GiveUp) in
                    switch key {
                    case "name": name = try reader.string()
                    case "version": creatorVersion = try reader.optionalString()
                    default: try reader.skip(depth: 3)
                    }
                }
                guard let name else { throw GiveUp() }
                creator = HAR.Creator(name: name, version: creatorVersion ?? "")
            case "entries":
                entries = try reader.entries(source: source)
            case "comment": comment = try reader.optionalString()
            case "_cassette":
                let value = try reader.tree(depth: 2)
                if case .number(let found)? = value["formatVersion"], let number = found.intValue,
                    number > CassetteMetadata.currentFormatVersion
                {
                    throw GiveUp()
                }
                do { cassette = try CassetteMetadata(json: value, at: HARPath.root.member("log").member("_cassette")) } catch { throw GiveUp() }
            default: try reader.skip(depth: 2)
            }
        }
        guard let creator, let entries else { throw GiveUp() }
        return HAR.Log(version: version ?? "1.2", creator: creator, entries: entries, comment: comment, cassette: cassette)
    }

    mutating func entry() throws(GiveUp) -> HAR.Entry {
        var started: String?
        var time: Double = 0
        var request: HAR.Request?
        var response: HAR.Response?
        var timings = HAR.Timings()
        var comment: String?
        try members { reader, key throws(GiveUp) in
            switch key {
            case "startedDateTime": started = try reader.string()
            case "time": time = try reader.number(default: 0)
            case "request": request = try reader.request()
            case "response": response = try reader.response()
            case "timings":
                var send: Double = 0
                var wait: Double = 0
                var receive: Double = 0
                try reader.members { reader, key throws(GiveUp) in
                    switch key {
                    case "send": send = try reader.number(default: 0)
                    case "wait": wait = try reader.number(default: 0)
                    case "receive": receive = try reader.number(default: 0)
                    default: try reader.skip(depth: 5)
                    }
                }
                timings = HAR.Timings(send: send, wait: wait, receive: receive)
            case "comment": comment = try reader.optionalString()
            default: try reader.skip(depth: 4)
            }
        }
        guard let started, let request, let response else { throw GiveUp() }
        return HAR.Entry(startedDateTime: started, time: time, request: request, response: response, timings: timings, comment: comment)
    }

    mutating func request() throws(GiveUp) -> HAR.Request {
        var method: String?
        var url: String?
        var httpVersion: String?
        var cookies: [HAR.Cookie] = []
        var headers: [HAR.NameValue]?
        var query: [HAR.NameValue] = []
        var postData: HAR.PostData?
        var headersSize = -1
        var bodySize = -1
        try members { reader, key throws(GiveUp) in
            switch key {
            case "method": method = try reader.string()
            case "url": url = try reader.string()
            case "httpVersion": httpVersion = try reader.optionalString()
            case "cookies": cookies = try reader.cookies()
            case "headers": headers = try reader.nameValues()
            case "queryString": query = try reader.nameValues()
            case "postData":
                if reader.takeNull() {
                    postData = nil
                    return
                }
                var mimeType: String?
                var text: String?
                var encoding: String?
                var legacyEncoding: String?
                var params: [HAR.NameValue]?
                try reader.members { reader, key throws(GiveUp) in
                    switch key {
                    case "mimeType": mimeType = try reader.optionalString()
                    case "text": text = try reader.optionalString()
                    case "encoding": encoding = try reader.optionalString()
                    case "_encoding": legacyEncoding = try reader.optionalString()
                    case "params": params = try reader.nameValues()
                    default: try reader.skip(depth: 6)
                    }
                }
                postData = HAR.PostData(mimeType: mimeType ?? "", text: text ?? "", encoding: encoding ?? legacyEncoding, params: params)
            case "headersSize": headersSize = try reader.integer(default: -1)
            case "bodySize": bodySize = try reader.integer(default: -1)
            default: try reader.skip(depth: 5)
            }
        }
        guard let method, let url, let headers else { throw GiveUp() }
        return HAR.Request(
            method: method, url: url, httpVersion: httpVersion ?? "HTTP/1.1", cookies: cookies, headers: headers,
            queryString: query, postData: postData, headersSize: headersSize, bodySize: bodySize)
    }

    mutating func response() throws(GiveUp) -> HAR.Response {
        var status: Int?
        var statusText: String?
        var httpVersion: String?
        var cookies: [HAR.Cookie] = []
        var headers: [HAR.NameValue]?
        var content: HAR.Content?
        var redirectURL: String?
        var headersSize = -1
        var bodySize = -1
        try members { reader, key throws(GiveUp) in
            switch key {
            case "status": status = try reader.integer(default: nil)
            case "statusText": statusText = try reader.optionalString()
            case "httpVersion": httpVersion = try reader.optionalString()
            case "cookies": cookies = try reader.cookies()
            case "headers": headers = try reader.nameValues()
            case "content":
                var size = -1
                var mimeType: String?
                var text: String?
                var encoding: String?
                try reader.members { reader, key throws(GiveUp) in
                    switch key {
                    case "size": size = try reader.integer(default: -1)
                    case "mimeType": mimeType = try reader.optionalString()
                    case "text": text = try reader.optionalString()
                    case "encoding": encoding = try reader.optionalString()
                    default: try reader.skip(depth: 6)
                    }
                }
                content = HAR.Content(size: size, mimeType: mimeType ?? "", text: text, encoding: encoding)
            case "redirectURL": redirectURL = try reader.optionalString()
            case "headersSize": headersSize = try reader.integer(default: -1)
            case "bodySize": bodySize = try reader.integer(default: -1)
            default: try reader.skip(depth: 5)
            }
        }
        guard let status, let headers, let content else { throw GiveUp() }
        return HAR.Response(
            status: status, statusText: statusText ?? "", httpVersion: httpVersion ?? "HTTP/1.1", cookies: cookies,
            headers: headers, content: content, redirectURL: redirectURL ?? "", headersSize: headersSize, bodySize: bodySize)
    }

    /// `[{"name": ..., "value": ...}, ...]` (`HARReader.nameValues`).
    mutating func nameValues() throws(GiveUp) -> [HAR.NameValue] {
        var result: [HAR.NameValue] = []
        try elements { reader throws(GiveUp) in
            var name: String?
            var value: String?
            try reader.members { reader, key throws(GiveUp) in
                switch key {
                case "name": name = try reader.string()
                case "value": value = try reader.string()
                default: try reader.skip(depth: 7)
                }
            }
            guard let name, let value else { throw GiveUp() }
            result.append(HAR.NameValue(name: name, value: value))
        }
        return result
    }

    /// Cookies (`HARReader.cookies`).
    mutating func cookies() throws(GiveUp) -> [HAR.Cookie] {
        var result: [HAR.Cookie] = []
        try elements { reader throws(GiveUp) in
            var name: String?
            var value: String?
            var path: String?
            var domain: String?
            var expires: String?
            var httpOnly: Bool?
            var secure: Bool?
            var sameSite: String?
            try reader.members { reader, key throws(GiveUp) in
                switch key {
                case "name": name = try reader.string()
                case "value": value = try reader.string()
                case "path": path = try reader.optionalString()
                case "domain": domain = try reader.optionalString()
                case "expires": expires = try reader.optionalString()
                case "httpOnly": httpOnly = try reader.optionalBool(depth: 7)
                case "secure": secure = try reader.optionalBool(depth: 7)
                case "sameSite": sameSite = try reader.optionalString()
                default: try reader.skip(depth: 7)
                }
            }
            guard let name, let value else { throw GiveUp() }
            result.append(HAR.Cookie(
                name: name, value: value, path: path, domain: domain, expires: expires, httpOnly: httpOnly, secure: secure,
                sameSite: sameSite))
        }
        return result
    }
}
