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
                do { cassette = try CassetteMetadata(json: value, at: HARPath.root.member("log").member("_cassette")) } catch {
                    throw GiveUp()
                }
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
            result.append(
                HAR.Cookie(
                    name: name, value: value, path: path, domain: domain, expires: expires, httpOnly: httpOnly, secure: secure,
                    sameSite: sameSite))
        }
        return result
    }
}
