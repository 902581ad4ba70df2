import CassetteKit
import Foundation

/// The hostile inputs, written as files into a folder: each a foreign HAR (or a
/// cassette) small on disk that used to crash, hang or exhaust memory.
enum HostileInputs {
    /// One input file and the operations run on it.
    struct Input {
        /// Short name (`nested-json`), also the file's stem.
        var name: String
        /// Which hostile class (1 nested JSON, 2 many keys, 3 token runs, 4 and 5 gzip bombs, 6 non-finite numbers).
        var issueCase: Int
        /// The file.
        var file: URL
        /// What is done with it (`import`, `match`, `audit`, `read`).
        var operations: [String]
    }

    /// Writes every input into `folder`.
    static func write(into folder: URL) throws -> [Input] {
        var inputs: [Input] = []
        func add(_ name: String, _ issueCase: Int, _ log: JSONValue, gzip: Bool = false, _ operations: [String]) throws {
            let json = JSONSerializer.data(log)
            let file = folder.appendingPathComponent(name + (gzip ? ".har.gz" : ".har"))
            try (gzip ? GzipCodec.gzip(json) : json).write(to: file)
            inputs.append(Input(name: name, issueCase: issueCase, file: file, operations: operations))
        }
        try add("nested-json", 1, har([entry(requestBody: layeredJSON(), responseBody: layeredJSON())]), ["import", "match", "audit"])
        try add(
            "50k-keys", 2, har([entry(requestBody: nil, responseBody: manyKeys(50_000))], extra: manyKeys(50_000)), gzip: true,
            ["import", "audit", "read"])
        try add(
            "eyJ-repeated", 3,
            har([entry(requestBody: nil, responseBody: String(repeating: "eyJ", count: 20_000), mimeType: "text/plain")]),
            ["import", "audit"])
        let run = String(repeating: "a", count: 30_000) + ":development." + String(repeating: "0", count: 55)
        try add("unleash-run", 3, har([entry(requestBody: nil, responseBody: run, mimeType: "text/plain")]), ["import", "audit"])
        let bomb60 = try GzipCodec.gzip(Data(count: 60 * 1024 * 1024)).base64EncodedString()
        try add("gzip-bodies-60MiB", 4, har((0..<40).map { _ in gzipEntry(bomb60) }), gzip: true, ["import", "audit"])
        let bomb16 = try GzipCodec.gzip(Data(repeating: UInt8(ascii: "a"), count: 16 * 1024 * 1024)).base64EncodedString()
        try add("gzip-bodies-16MiB", 5, har((0..<200).map { _ in gzipEntry(bomb16) }), gzip: true, ["audit", "import"])
        let infinite =
            #"{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"startedDateTime":"2024-01-02T03:04:05Z","time":1e400,"request":{"method":"GET","url":"https://api.example.com/me","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"application/json","text":"{}"}}}]}}"#
        let infiniteFile = folder.appendingPathComponent("time-1e400.har")
        try Data(infinite.utf8).write(to: infiniteFile)
        inputs.append(Input(name: "time-1e400", issueCase: 6, file: infiniteFile, operations: ["import", "read", "audit"]))
        let colons = String(repeating: "a:", count: 30_000)
        try add("colon-runs", 3, har([entry(requestBody: nil, responseBody: colons, mimeType: "text/plain")]), ["import", "audit"])
        try add(
            "markup-runs", 3, har([entry(requestBody: nil, responseBody: String(repeating: "<a ", count: 20_000), mimeType: "text/html")]),
            ["import", "audit"])
        // What every message prints goes through the display path: a few MB of hostile text.
        let displayTexts = [
            ("display-eyJ", String(repeating: "eyJ", count: 200_000)), ("display-pairs", String(repeating: "a=", count: 300_000)),
            ("display-urls", String(repeating: "https://", count: 100_000)), ("display-percent", String(repeating: "/%2", count: 200_000)),
            ("display-colons", String(repeating: "x:", count: 300_000)),
        ]
        for (name, text) in displayTexts {
            let file = folder.appendingPathComponent(name + ".txt")
            try Data(text.utf8).write(to: file)
            inputs.append(Input(name: name, issueCase: 3, file: file, operations: ["display"]))
        }
        return inputs
    }

    /// Six layers of JSON, each 500 arrays deep around a string holding the next (about 6 KB
    /// of structure; the escaping of the inner layers makes the file larger).
    static func layeredJSON(layers: Int = 6, depth: Int = 500) -> String {
        var inner = #"{"note":"innermost"}"#
        for _ in 0..<layers {
            inner = String(repeating: "[", count: depth) + JSONValue.string(inner).jsonText + String(repeating: "]", count: depth)
        }
        return inner
    }

    /// `{"k0":0,"k1":1,...}` as text.
    static func manyKeys(_ count: Int) -> String {
        var text = "{"
        for index in 0..<count { text += "\"k\(index)\":\(index)," }
        return text + "\"k0\":\"duplicate\"}"
    }

    static func har(_ entries: [JSONValue], extra: String? = nil) -> JSONValue {
        var log: [(String, JSONValue)] = [
            ("version", "1.2"), ("creator", ["name": "hostile", "version": "1"]), ("entries", .array(entries)),
        ]
        if let extra, let parsed = try? JSONParser.parse(extra) { log.append(("_extra", parsed)) }
        return .object(JSONObject([("log", .object(JSONObject(log)))]))
    }

    static func entry(requestBody: String?, responseBody: String, mimeType: String = "application/json") -> JSONValue {
        var request: [(String, JSONValue)] = [
            ("method", requestBody == nil ? "GET" : "POST"), ("url", "https://api.example.com/me"), ("httpVersion", "HTTP/1.1"),
            ("headers", [["name": "Content-Type", "value": .string(mimeType)]]), ("queryString", []), ("cookies", []),
        ]
        if let requestBody { request.append(("postData", ["mimeType": .string(mimeType), "text": .string(requestBody)])) }
        return [
            "startedDateTime": "2024-01-02T03:04:05.000Z", "time": 1,
            "request": .object(JSONObject(request)),
            "response": [
                "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],
                "headers": [["name": "Content-Type", "value": .string(mimeType)]],
                "content": [
                    "size": .number(JSONNumber(responseBody.utf8.count)), "mimeType": .string(mimeType), "text": .string(responseBody),
                ],
                "redirectURL": "",
            ],
        ]
    }

    static func gzipEntry(_ base64: String) -> JSONValue {
        [
            "startedDateTime": "2024-01-02T03:04:05.000Z", "time": 1,
            "request": [
                "method": "GET", "url": "https://api.example.com/me", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                "cookies": [],
            ],
            "response": [
                "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [],
                "headers": [["name": "Content-Type", "value": "text/plain"], ["name": "Content-Encoding", "value": "gzip"]],
                "content": ["size": -1, "mimeType": "text/plain", "text": .string(base64), "encoding": "base64"],
                "redirectURL": "",
            ],
        ]
    }
}
