import Foundation

/// Why a JSON document is not a HAR 1.2 archive: the JSON pointer of the offending member and
/// what was expected there.
public struct HARShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document the problem is (a JSON pointer).
    public let pointer: String
    /// What was expected there.
    public let expectation: String
    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(expectation)" }
}

// MARK: - Encoding

extension HAR.Log {
    /// The whole HAR document (`{"log": {...}}`) in spec order.
    public var jsonDocument: JSONValue {
        var log: [(String, JSONValue)] = [
            ("version", .string(version)),
            ("creator", ["name": .string(creator.name), "version": .string(creator.version)]),
            ("entries", .array(entries.map(\.jsonValue))),
        ]
        if let comment { log.append(("comment", .string(comment))) }
        if let cassette { log.append(("_cassette", cassette.jsonValue)) }
        return .object(JSONObject([("log", .object(JSONObject(log)))]))
    }
}

extension HAR.Entry {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("startedDateTime", .string(startedDateTime)),
            ("time", .number(JSONNumber(time))),
            ("request", request.jsonValue),
            ("response", response.jsonValue),
            ("cache", .object(JSONObject())),
            (
                "timings",
                [
                    "send": .number(JSONNumber(timings.send)),
                    "wait": .number(JSONNumber(timings.wait)),
                    "receive": .number(JSONNumber(timings.receive)),
                ]
            ),
        ]
        if let comment { members.append(("comment", .string(comment))) }
        return .object(JSONObject(members))
    }
}

extension HAR.Request {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("method", .string(method)),
            ("url", .string(url)),
            ("httpVersion", .string(httpVersion)),
            ("cookies", .array(cookies.map(\.jsonValue))),
            ("headers", .array(headers.map(\.jsonValue))),
            ("queryString", .array(queryString.map(\.jsonValue))),
        ]
        if let postData {
            var post: [(String, JSONValue)] = [("mimeType", .string(postData.mimeType))]
            if let params = postData.params { post.append(("params", .array(params.map(\.jsonValue)))) }
            post.append(("text", .string(postData.text)))
            if let encoding = postData.encoding { post.append(("encoding", .string(encoding))) }
            members.append(("postData", .object(JSONObject(post))))
        }
        members.append(("headersSize", .number(JSONNumber(headersSize))))
        members.append(("bodySize", .number(JSONNumber(bodySize))))
        return .object(JSONObject(members))
    }
}

extension HAR.Response {
    var jsonValue: JSONValue {
        var content: [(String, JSONValue)] = [
            ("size", .number(JSONNumber(self.content.size))),
            ("mimeType", .string(self.content.mimeType)),
        ]
        if let text = self.content.text { content.append(("text", .string(text))) }
        if let encoding = self.content.encoding { content.append(("encoding", .string(encoding))) }
        return .object(
            JSONObject([
                ("status", .number(JSONNumber(status))),
                ("statusText", .string(statusText)),
                ("httpVersion", .string(httpVersion)),
                ("cookies", .array(cookies.map(\.jsonValue))),
                ("headers", .array(headers.map(\.jsonValue))),
                ("content", .object(JSONObject(content))),
                ("redirectURL", .string(redirectURL)),
                ("headersSize", .number(JSONNumber(headersSize))),
                ("bodySize", .number(JSONNumber(bodySize))),
            ]))
    }
}

extension HAR.NameValue {
    var jsonValue: JSONValue { ["name": .string(name), "value": .string(value)] }
}

extension HAR.Cookie {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name)), ("value", .string(value))]
        if let path { members.append(("path", .string(path))) }
        if let domain { members.append(("domain", .string(domain))) }
        if let expires { members.append(("expires", .string(expires))) }
        if let httpOnly { members.append(("httpOnly", .bool(httpOnly))) }
        if let secure { members.append(("secure", .bool(secure))) }
        if let sameSite { members.append(("sameSite", .string(sameSite))) }
        return .object(JSONObject(members))
    }
}

extension CassetteMetadata {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("formatVersion", .number(JSONNumber(formatVersion))),
            ("recorder", .string(recorder)),
        ]
        if let provider { members.append(("provider", .string(provider))) }
        members.append(("source", .string(source)))
        if let baseURL { members.append(("baseURL", .string(baseURL))) }
        if let recordedAt { members.append(("recordedAt", .string(recordedAt))) }
        members.append(("redaction", redaction.jsonValue))
        return .object(JSONObject(members))
    }
}

extension RedactionReport {
    var jsonValue: JSONValue {
        func encode(_ items: [Item]) -> JSONValue {
            .array(
                items.map {
                    .object(
                        JSONObject([
                            ("entry", .number(JSONNumber($0.entry))), ("side", .string($0.side)), ("kind", .string($0.kind)),
                            ("location", .string($0.location)), ("rule", .string($0.rule)),
                        ]))
                })
        }
        var members: [(String, JSONValue)] = [("items", encode(items))]
        if !pseudonymized.isEmpty { members.append(("pseudonymized", encode(pseudonymized))) }
        return .object(JSONObject(members))
    }
}

// MARK: - Decoding

/// Where a HAR member sits. Rendered as a JSON pointer only when an error is reported, so that
/// decoding a large cassette builds no pointer strings.
indirect enum HARPath: Sendable, CustomStringConvertible {
    case root
    case member(HARPath, String)
    case element(HARPath, Int)

    /// `/log/entries/3/request`.
    var description: String {
        switch self {
        case .root: return ""
        case .member(let parent, let key): return "\(parent.description)/\(key)"
        case .element(let parent, let index): return "\(parent.description)/\(index)"
        }
    }

    func member(_ key: String) -> HARPath { .member(self, key) }
    func element(_ index: Int) -> HARPath { .element(self, index) }
}

/// Reads HAR members with located errors.
struct HARReader {
    let path: HARPath
    let object: JSONObject

    /// The reader's JSON pointer (rendered on demand, for errors).
    var pointer: String { path.description }

    init(_ value: JSONValue, at path: HARPath) throws(HARShapeError) {
        guard case .object(let object) = value else {
            throw HARShapeError(pointer: path.description, expectation: "expected an object, found \(value.typeName)")
        }
        self.path = path
        self.object = object
    }

    func value(_ key: String) throws(HARShapeError) -> JSONValue {
        guard let value = object[key] else {
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "required member is missing")
        }
        return value
    }

    func string(_ key: String) throws(HARShapeError) -> String {
        guard case .string(let string) = try value(key) else {
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "expected a string")
        }
        return string
    }

    func optionalString(_ key: String) throws(HARShapeError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard case .string(let string) = value else {
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "expected a string")
        }
        return string
    }

    func optionalBool(_ key: String) -> Bool? {
        object[key]?.boolValue
    }

    func number(_ key: String, default fallback: Double? = nil) throws(HARShapeError) -> Double {
        guard let value = object[key] else {
            if let fallback { return fallback }
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "required member is missing")
        }
        guard case .number(let number) = value else {
            if let fallback, value == .null { return fallback }
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "expected a number")
        }
        let double = number.doubleValue
        guard double.isFinite else {
            throw HARShapeError(
                pointer: "\(pointer)/\(key)", expectation: "expected a finite number (infinity and NaN cannot be written back)")
        }
        return double
    }

    func integer(_ key: String, default fallback: Int? = nil) throws(HARShapeError) -> Int {
        let value = try number(key, default: fallback.map(Double.init))
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "expected an integer")
        }
        return Int(value)
    }

    func array(_ key: String, required: Bool = true) throws(HARShapeError) -> [JSONValue] {
        guard let value = object[key] else {
            if required {
                throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "required member is missing")
            }
            return []
        }
        guard case .array(let elements) = value else {
            throw HARShapeError(pointer: "\(pointer)/\(key)", expectation: "expected an array")
        }
        return elements
    }

    func nameValues(_ key: String, required: Bool = true) throws(HARShapeError) -> [HAR.NameValue] {
        var result: [HAR.NameValue] = []
        for (index, element) in try array(key, required: required).enumerated() {
            let reader = try HARReader(element, at: path.member(key).element(index))
            result.append(HAR.NameValue(name: try reader.string("name"), value: try reader.string("value")))
        }
        return result
    }

    func cookies(_ key: String) throws(HARShapeError) -> [HAR.Cookie] {
        var result: [HAR.Cookie] = []
        for (index, element) in try array(key, required: false).enumerated() {
            let reader = try HARReader(element, at: path.member(key).element(index))
            result.append(
                HAR.Cookie(
                    name: try reader.string("name"), value: try reader.string("value"),
                    path: try reader.optionalString("path"), domain: try reader.optionalString("domain"),
                    expires: try reader.optionalString("expires"), httpOnly: reader.optionalBool("httpOnly"),
                    secure: reader.optionalBool("secure"), sameSite: try reader.optionalString("sameSite")))
        }
        return result
    }
}

extension HAR.Log {
    /// Decodes a HAR document (`{"log": {...}}`), strictly for the members HAR 1.2 requires and
    /// leniently for optional ones, so that HAR files from browsers and other tools load.
    public init(jsonDocument document: JSONValue) throws(HARShapeError) {
        let root = try HARReader(document, at: .root)
        let log = try HARReader(try root.value("log"), at: HARPath.root.member("log"))
        let version = try log.optionalString("version") ?? "1.2"
        let creatorReader = try HARReader(try log.value("creator"), at: log.path.member("creator"))
        let creator = HAR.Creator(name: try creatorReader.string("name"), version: try creatorReader.optionalString("version") ?? "")
        var entries: [HAR.Entry] = []
        let rawEntries = try log.array("entries")
        entries.reserveCapacity(rawEntries.count)
        for (index, rawEntry) in rawEntries.enumerated() {
            entries.append(try HAR.Entry(json: rawEntry, at: log.path.member("entries").element(index)))
        }
        var metadata: CassetteMetadata?
        if let raw = log.object["_cassette"] {
            metadata = try CassetteMetadata(json: raw, at: log.path.member("_cassette"))
        }
        self.init(version: version, creator: creator, entries: entries, comment: try log.optionalString("comment"), cassette: metadata)
    }
}

extension HAR.Entry {
    init(json: JSONValue, at path: HARPath) throws(HARShapeError) {
        let reader = try HARReader(json, at: path)
        let request = try HAR.Request(json: try reader.value("request"), at: path.member("request"))
        let response = try HAR.Response(json: try reader.value("response"), at: path.member("response"))
        var timings = HAR.Timings()
        if let raw = reader.object["timings"] {
            let timingReader = try HARReader(raw, at: path.member("timings"))
            timings = HAR.Timings(
                send: try timingReader.number("send", default: 0), wait: try timingReader.number("wait", default: 0),
                receive: try timingReader.number("receive", default: 0))
        }
        self.init(
            startedDateTime: try reader.string("startedDateTime"), time: try reader.number("time", default: 0),
            request: request, response: response, timings: timings, comment: try reader.optionalString("comment"))
    }
}

extension HAR.Request {
    init(json: JSONValue, at path: HARPath) throws(HARShapeError) {
        let reader = try HARReader(json, at: path)
        var postData: HAR.PostData?
        if let raw = reader.object["postData"], raw != .null {
            let post = try HARReader(raw, at: path.member("postData"))
            let encoding = try post.optionalString("encoding")
            let legacyEncoding = try post.optionalString("_encoding")
            let params: [HAR.NameValue]? = post.object["params"] == nil ? nil : try post.nameValues("params")
            postData = HAR.PostData(
                mimeType: try post.optionalString("mimeType") ?? "", text: try post.optionalString("text") ?? "",
                encoding: encoding ?? legacyEncoding, params: params)
        }
        self.init(
            method: try reader.string("method"), url: try reader.string("url"),
            httpVersion: try reader.optionalString("httpVersion") ?? "HTTP/1.1", cookies: try reader.cookies("cookies"),
            headers: try reader.nameValues("headers"), queryString: try reader.nameValues("queryString", required: false),
            postData: postData, headersSize: try reader.integer("headersSize", default: -1),
            bodySize: try reader.integer("bodySize", default: -1))
    }
}

extension HAR.Response {
    init(json: JSONValue, at path: HARPath) throws(HARShapeError) {
        let reader = try HARReader(json, at: path)
        let contentReader = try HARReader(try reader.value("content"), at: path.member("content"))
        let content = HAR.Content(
            size: try contentReader.integer("size", default: -1), mimeType: try contentReader.optionalString("mimeType") ?? "",
            text: try contentReader.optionalString("text"), encoding: try contentReader.optionalString("encoding"))
        self.init(
            status: try reader.integer("status"), statusText: try reader.optionalString("statusText") ?? "",
            httpVersion: try reader.optionalString("httpVersion") ?? "HTTP/1.1", cookies: try reader.cookies("cookies"),
            headers: try reader.nameValues("headers"), content: content,
            redirectURL: try reader.optionalString("redirectURL") ?? "", headersSize: try reader.integer("headersSize", default: -1),
            bodySize: try reader.integer("bodySize", default: -1))
    }
}

extension CassetteMetadata {
    init(json: JSONValue, at path: HARPath) throws(HARShapeError) {
        let reader = try HARReader(json, at: path)
        var report = RedactionReport()
        if let raw = reader.object["redaction"] {
            let redaction = try HARReader(raw, at: path.member("redaction"))
            func items(_ key: String) throws(HARShapeError) -> [RedactionReport.Item] {
                var result: [RedactionReport.Item] = []
                for (index, element) in try redaction.array(key, required: false).enumerated() {
                    let item = try HARReader(element, at: path.member("redaction").member(key).element(index))
                    result.append(
                        RedactionReport.Item(
                            entry: try item.integer("entry"), side: try item.string("side"), kind: try item.string("kind"),
                            location: try item.string("location"), rule: try item.string("rule")))
                }
                return result
            }
            report = RedactionReport(items: try items("items"), pseudonymized: try items("pseudonymized"))
        }
        self.init(
            formatVersion: try reader.integer("formatVersion"), recorder: try reader.optionalString("recorder") ?? "",
            provider: try reader.optionalString("provider"), source: try reader.optionalString("source") ?? "unknown",
            baseURL: try reader.optionalString("baseURL"), recordedAt: try reader.optionalString("recordedAt"),
            redaction: report)
    }
}
