public import CassetteKit
public import Foundation

/// One interaction of a planted HAR document, written the way browser devtools and proxies export
/// it (HAR 1.2 members only, query and cookies split out as devtools do).
public struct PlantEntry: Sendable {
    public var method = "GET"
    public var url = "https://api.example.com/v1/me"
    public var requestHeaders: [(String, String)] = [("Accept", "application/json"), ("User-Agent", "ExampleApp/3.2 (iOS 18.1)")]
    /// Request body: MIME type, text, optional form `params`.
    public var requestBody: (mimeType: String, text: String, params: [(String, String)]?)?
    public var status = 200
    public var statusText = "OK"
    public var responseHeaders: [(String, String)] = [("Content-Type", "application/json; charset=utf-8")]
    /// Extra members of response cookie objects (beyond those parsed from `Set-Cookie`).
    public var responseCookies: [JSONValue] = []
    public var responseMimeType = "application/json"
    public var responseText = #"{"status":"ok"}"#
    /// `base64` when ``responseText`` holds base64 of the body bytes.
    public var responseEncoding: String?
    public var comment: String?

    public init() {}

    /// Replaces (or adds) a response header.
    public mutating func setResponseHeader(_ name: String, _ value: String) {
        responseHeaders.removeAll { $0.0.lowercased() == name.lowercased() }
        responseHeaders.append((name, value))
    }

    /// The entry as a HAR JSON object.
    public func json() -> JSONValue {
        let query = Self.queryPairs(of: url)
        let cookies: [JSONValue] = requestHeaders.filter { $0.0.lowercased() == "cookie" }.flatMap { header in
            header.1.split(separator: ";").compactMap { part -> JSONValue? in
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { return nil }
                return ["name": .string(String(pair[0])), "value": .string(String(pair[1]))]
            }
        }
        var request: [(String, JSONValue)] = [
            ("method", .string(method)), ("url", .string(url)), ("httpVersion", "HTTP/1.1"),
            ("cookies", .array(cookies)), ("headers", Self.nameValues(requestHeaders)),
            ("queryString", Self.nameValues(query)), ("headersSize", -1),
            ("bodySize", .number(JSONNumber(requestBody?.text.utf8.count ?? 0))),
        ]
        if let body = requestBody {
            var post: [(String, JSONValue)] = [("mimeType", .string(body.mimeType)), ("text", .string(body.text))]
            if let params = body.params { post.append(("params", Self.nameValues(params))) }
            request.append(("postData", .object(JSONObject(post))))
        }
        var setCookies = responseHeaders.filter { $0.0.lowercased() == "set-cookie" }.compactMap { header -> JSONValue? in
            let first = header.1.split(separator: ";", maxSplits: 1).first ?? ""
            let pair = first.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            return ["name": .string(String(pair[0])), "value": .string(String(pair[1])), "path": "/", "httpOnly": true, "secure": true]
        }
        setCookies += responseCookies
        var content: [(String, JSONValue)] = [
            ("size", .number(JSONNumber(responseText.utf8.count))), ("mimeType", .string(responseMimeType)),
            ("text", .string(responseText)),
        ]
        if let encoding = responseEncoding { content.append(("encoding", .string(encoding))) }
        let response: [(String, JSONValue)] = [
            ("status", .number(JSONNumber(status))), ("statusText", .string(statusText)), ("httpVersion", "HTTP/1.1"),
            ("cookies", .array(setCookies)), ("headers", Self.nameValues(responseHeaders)),
            ("content", .object(JSONObject(content))), ("redirectURL", .string(Self.first("Location", in: responseHeaders) ?? "")),
            ("headersSize", -1), ("bodySize", .number(JSONNumber(responseText.utf8.count))),
        ]
        var entry: [(String, JSONValue)] = [
            ("startedDateTime", "2025-03-14T09:26:53.589Z"), ("time", .number(JSONNumber(literal: "142.7"))),
            ("request", .object(JSONObject(request))), ("response", .object(JSONObject(response))), ("cache", [:]),
            ("timings", ["send": 0, "wait": .number(JSONNumber(literal: "120.3")), "receive": .number(JSONNumber(literal: "22.4"))]),
        ]
        if let comment { entry.append(("comment", .string(comment))) }
        return .object(JSONObject(entry))
    }

    /// A HAR 1.2 document holding `entries`, as exported by a browser.
    public static func document(_ entries: [PlantEntry]) -> Data {
        let log: JSONValue = [
            "log": [
                "version": "1.2",
                "creator": ["name": "WebInspector", "version": "537.36"],
                "pages": [],
                "entries": .array(entries.map { $0.json() }),
            ]
        ]
        return JSONSerializer.data(log, style: .pretty)
    }

    static func nameValues(_ pairs: [(String, String)]) -> JSONValue {
        .array(pairs.map { ["name": .string($0.0), "value": .string($0.1)] })
    }

    static func first(_ name: String, in pairs: [(String, String)]) -> String? {
        pairs.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Query pairs of a URL, percent-decoded as devtools show them.
    static func queryPairs(of url: String) -> [(String, String)] {
        guard let questionMark = url.firstIndex(of: "?") else { return [] }
        var query = url[url.index(after: questionMark)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        return query.split(separator: "&").map { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]).removingPercentEncoding ?? String(pair[0])
            let value =
                pair.count > 1 ? (String(pair[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(pair[1])) : ""
            return (name, value)
        }
    }
}
