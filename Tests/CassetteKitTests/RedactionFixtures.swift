import CassetteKit
import CassetteTestSupport
import Foundation

/// Builds small logs for the redaction tests and reads back what would be written.
enum RedactionFixtures {
    static func request(
        _ method: String = "GET", url: String = "https://api.example.com/me", headers: [(String, String)] = [],
        queryString: [(String, String)] = [], cookies: [HAR.Cookie] = [], postData: HAR.PostData? = nil
    ) -> HAR.Request {
        HAR.Request(
            method: method, url: url, cookies: cookies,
            headers: headers.map { HAR.NameValue(name: $0.0, value: $0.1) },
            queryString: queryString.map { HAR.NameValue(name: $0.0, value: $0.1) }, postData: postData,
            headersSize: 120, bodySize: postData.map { $0.text.utf8.count } ?? 0)
    }

    static func response(
        json: String, status: Int = 200, headers: [(String, String)] = [], cookies: [HAR.Cookie] = [],
        mimeType: String = "application/json"
    ) -> HAR.Response {
        var all = headers.map { HAR.NameValue(name: $0.0, value: $0.1) }
        all.append(HAR.NameValue(name: "Content-Type", value: mimeType))
        all.append(HAR.NameValue(name: "Content-Length", value: String(json.utf8.count)))
        return HAR.Response(
            status: status, statusText: status == 200 ? "OK" : "Error", cookies: cookies, headers: all,
            content: HAR.Content(body: Data(json.utf8), mimeType: mimeType), headersSize: 200, bodySize: json.utf8.count)
    }

    static func log(_ pairs: [(HAR.Request, HAR.Response)], provider: String? = nil) -> HAR.Log {
        HAR.Log(
            entries: pairs.enumerated().map { index, pair in
                HAR.Entry(startedDateTime: "2024-01-02T03:04:0\(index % 10).000Z", time: 10, request: pair.0, response: pair.1)
            },
            cassette: CassetteMetadata(provider: provider, source: "test", recordedAt: "2024-01-02T03:04:05Z"))
    }

    static func log(_ request: HAR.Request, _ response: HAR.Response, provider: String? = nil) -> HAR.Log {
        log([(request, response)], provider: provider)
    }

    /// The uncompressed JSON a cassette for this log holds.
    static func text(_ log: HAR.Log) -> String {
        String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self)
    }

    /// Writes the log as a cassette and reads it back with `gzip -dc` (no toolkit code).
    static func writtenText(_ log: HAR.Log) throws -> String {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("me.har.gz")
        _ = try CassetteFile.write(log, to: file)
        return try IndependentReader.decompressedText(file)
    }

    /// The response body of the first entry, parsed.
    static func body(_ log: HAR.Log, entry: Int = 0) throws -> JSONValue {
        try JSONParser.parse(log.entries[entry].response.content.text ?? "")
    }

    /// Whether any of `secrets` occurs in `text`. (A Bool, so a failing expectation never
    /// prints a secret.)
    static func contains(_ text: String, anyOf secrets: [String]) -> Bool {
        secrets.contains { !$0.isEmpty && text.contains($0) }
    }

    /// Report items as `side kind location rule` lines.
    static func reportLines(_ log: HAR.Log) -> [String] {
        (log.cassette?.redaction.items ?? []).map { "\($0.entry) \($0.side) \($0.kind) \($0.location) \($0.rule)" }
    }

    // The shaped placeholders the redactor writes for number `n` (see `Placeholder.Shape`).
    static func atomsKey(_ n: Int) -> String { Placeholder.make(n, shape: .token(prefix: "sk_", length: 16)) }
    static func jwt(_ n: Int) -> String { Placeholder.make(n, shape: .jwt) }
    static func seed(_ n: Int) -> String { Placeholder.make(n, shape: .base32) }
    static func backupCode(_ n: Int) -> String { Placeholder.make(n, shape: .backupCode) }
    static func unleashPAT(_ n: Int) -> String { Placeholder.make(n, shape: .hex(prefix: "user:", length: 56)) }
    static func unleashToken(_ n: Int) -> String { Placeholder.make(n, shape: .hex(prefix: "default:development.", length: 56)) }
}
