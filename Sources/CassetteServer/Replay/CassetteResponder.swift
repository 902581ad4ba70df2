public import CassetteKit
import Foundation

/// Answers HTTP requests from cassettes with the same matching and ordered replay as the
/// URL protocol (`CassettePlayer`), for `cassette serve`.
///
/// A server sees `/path?query` and a `Host` of its own, not the recorded `https://host`, so the
/// default matchers here are method, path and query (order ignored). Identical requests get the
/// recorded answers in recorded order, then the last one again (what an HTTP client expects of a
/// server: asking twice is not an error); `strict` ordering answers each recorded interaction
/// once. A request that matches nothing gets status ``CassetteResponder/missStatus`` and a JSON
/// body carrying the near-miss report, every request value in it shown through `SafeDisplay`
/// and the whole bounded by `maxReportBytes`.
public struct CassetteResponder: Sendable {
    /// The status of an answer to a request that matches no interaction.
    public static let missStatus = 599
    /// Method, path and query: what a request to a local server can be matched on.
    public static let defaultMatchers: [RequestMatcher] = [.method, .path, .query]

    /// The replay engine over every served cassette's interactions, in the order given.
    public let player: CassettePlayer
    /// The most bytes of a near-miss report sent back or logged.
    public let maxReportBytes: Int
    /// Each interaction's answer as sent (recorded status, headers less the framing ones the
    /// server sets itself, decoded body), made once at start.
    private let answers: [ServerResponse]
    /// The log's `GET /path` text of recent requests.
    let shownRequests = ShownRequestCache()

    /// Serves the interactions of `logs`, in order; `name` appears in near-miss reports. With
    /// `repeatLast` (the default) the last matching answer is given again once the recorded ones
    /// are used; without it (strict) such a request gets the near-miss report.
    public init(
        logs: [HAR.Log], name: String, matchers: [RequestMatcher] = CassetteResponder.defaultMatchers, repeatLast: Bool = true,
        maxReportBytes: Int = ServerLimits().maxReportBytes
    ) {
        self.maxReportBytes = maxReportBytes
        var merged = HAR.Log(entries: logs.flatMap(\.entries))
        merged.cassette = logs.count == 1 ? logs[0].cassette : nil
        let redaction = RedactionPolicy(provider: logs.count == 1 ? logs[0].cassette?.provider : nil)
        answers = merged.entries.map { entry in
            let response = entry.response
            let headers = response.headers.filter { !Self.isFramingHeader($0.name) }
            return ServerResponse(status: response.status, headers: headers, body: response.content.bodyData ?? Data())
        }
        player = CassettePlayer(
            log: merged,
            options: CassettePlayer.Options(
                matchers: matchers, repeatLast: repeatLast, redaction: redaction,
                context: Self.context(name)))
    }

    /// Reads cassette files and folders (every `.har.gz`, `.har` and `.json` below a folder,
    /// in path order) and serves them.
    public static func load(
        _ paths: [String], matchers: [RequestMatcher] = defaultMatchers, repeatLast: Bool = true,
        maxReportBytes: Int = ServerLimits().maxReportBytes
    ) throws(CassetteError) -> CassetteResponder {
        var files: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .notFound(path: url.path) }
            if isDirectory.boolValue {
                files += cassetteFiles(under: url)
            } else {
                files.append(url)
            }
        }
        var logs: [HAR.Log] = []
        for file in files { logs.append(try CassetteFile.read(file)) }
        let name = files.count == 1 ? files[0].path : "\(files.count) cassettes (\(paths.joined(separator: ", ")))"
        return CassetteResponder(logs: logs, name: name, matchers: matchers, repeatLast: repeatLast, maxReportBytes: maxReportBytes)
    }

    /// Every cassette file below a folder, sorted by path.
    static func cassetteFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if name.hasSuffix(".har.gz") || name.hasSuffix(".har") || name.hasSuffix(".json") { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The answer to one request, and the near-miss report when nothing matched.
    public func respond(_ request: ServerRequest) -> (ServerResponse, NearMissReport?) {
        let host = request.headers.first { Self.equalsIgnoringASCIICase($0.name, "host") }?.value ?? "localhost"
        let target = Self.target(path: request.path, query: request.query)
        let incoming = HAR.Request.incoming(
            method: request.method, url: "http://\(host)\(target)", headers: request.headers,
            body: request.body.isEmpty ? nil : request.body)
        switch player.answer(incoming) {
        case .answer(let playback):
            if playback.index < answers.count { return (answers[playback.index], nil) }
            let response = playback.entry.response
            return (
                ServerResponse(
                    status: response.status, headers: response.headers.filter { !Self.isFramingHeader($0.name) },
                    body: response.content.bodyData ?? Data()), nil
            )
        case .miss(let report):
            let document: JSONValue = .object(
                JSONObject([
                    ("error", .string("no recorded interaction matches \(Self.shownRequest(request.method, target))")),
                    ("report", .string(reportText(report))),
                ]))
            return (ServerResponse.json(Self.missStatus, document), report)
        }
    }

    /// Reports name the `serve` flag, not the library option, for repeating the last answer.
    static func context(_ name: String) -> ReplayContext {
        var context = ReplayContext(cassetteName: name, mode: "none (cassette serve replays only)")
        context.repeatLastHint = "cassette serve without --strict"
        return context
    }

    /// `GET /path?query` through the safe display path, bounded.
    public static func shownRequest(_ method: String, _ target: String) -> String {
        "\(SafeDisplay.truncate(SafeDisplay.text(method.uppercased()), limit: 24)) \(SafeDisplay.truncate(SafeDisplay.url(target), limit: 512))"
    }

    /// The report as sent and logged: bounded by ``maxReportBytes``, with the `serve` flag that
    /// allows repeating when the report says an earlier request used the only match.
    public func reportText(_ report: NearMissReport) -> String {
        let text = report.description
        guard text.utf8.count > maxReportBytes else { return text }
        let kept = String(decoding: text.utf8.prefix(maxReportBytes), as: UTF8.self)
        return kept + "\n… (report cut at \(maxReportBytes) bytes)"
    }

    /// Headers that described the recorded transfer, not the answer the server sends.
    static func isFramingHeader(_ name: String) -> Bool {
        for framing in ["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"]
        where equalsIgnoringASCIICase(name, framing) {
            return true
        }
        return false
    }

    /// `a == b` with ASCII letters compared without case (`b` lowercase), without allocating.
    static func equalsIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).allSatisfy { x, y in x == y || (x >= 0x41 && x <= 0x5A && x + 0x20 == y) }
    }

    /// `/path?name=value&...`, query names and values percent-encoded.
    static func target(path: String, query: [HAR.NameValue]) -> String {
        guard !query.isEmpty else { return path }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return path + "?" + query.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }
}
