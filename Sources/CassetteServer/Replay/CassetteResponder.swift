import CassetteKit
import Foundation

/// Answers HTTP requests from cassettes with the same matching and ordered replay as the
/// URL protocol (`CassettePlayer`), for `cassette serve`.
///
/// A server sees `/path?query` and a `Host` of its own, not the recorded `https://host`, so the
/// default matchers here are method, path and query (order ignored). A request that matches
/// nothing gets status ``CassetteResponder/missStatus`` and a JSON body carrying the near-miss
/// report.
public struct CassetteResponder: Sendable {
    /// The status of an answer to a request that matches no interaction.
    public static let missStatus = 599
    /// Method, path and query: what a request to a local server can be matched on.
    public static let defaultMatchers: [RequestMatcher] = [.method, .path, .query]

    /// The replay engine over every served cassette's interactions, in the order given.
    public let player: CassettePlayer

    /// Serves the interactions of `logs`, in order; `name` appears in near-miss reports.
    public init(logs: [HAR.Log], name: String, matchers: [RequestMatcher] = CassetteResponder.defaultMatchers, repeatLast: Bool = false) {
        var merged = HAR.Log(entries: logs.flatMap(\.entries))
        merged.cassette = logs.count == 1 ? logs[0].cassette : nil
        let redaction = RedactionPolicy(provider: logs.count == 1 ? logs[0].cassette?.provider : nil)
        player = CassettePlayer(
            log: merged,
            options: CassettePlayer.Options(
                matchers: matchers, repeatLast: repeatLast, redaction: redaction,
                context: ReplayContext(cassetteName: name, mode: "none (cassette serve replays only)")))
    }

    /// Reads cassette files and folders (every `.har.gz`, `.har` and `.json` below a folder,
    /// in path order) and serves them.
    public static func load(_ paths: [String], matchers: [RequestMatcher] = defaultMatchers, repeatLast: Bool = false) throws(CassetteError) -> CassetteResponder {
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
        return CassetteResponder(logs: logs, name: name, matchers: matchers, repeatLast: repeatLast)
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
        let host = request.headers.value(named: "Host") ?? "localhost"
        let target = Self.target(path: request.path, query: request.query)
        let incoming = HAR.Request.incoming(
            method: request.method, url: "http://\(host)\(target)", headers: request.headers,
            body: request.body.isEmpty ? nil : request.body)
        switch player.answer(incoming) {
        case .answer(let playback):
            let response = playback.entry.response
            let headers = response.headers.filter {
                let name = $0.name.lowercased()
                return name != "content-length" && name != "content-encoding" && name != "transfer-encoding" && name != "connection"
            }
            return (ServerResponse(status: response.status, headers: headers, body: response.content.bodyData ?? Data()), nil)
        case .miss(let report):
            let document: JSONValue = .object(JSONObject([
                ("error", .string("no recorded interaction matches \(request.method.uppercased()) \(target)")),
                ("report", .string(report.description)),
            ]))
            return (ServerResponse.json(Self.missStatus, document), report)
        }
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
