import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction

extension RequestMatcher {
    /// The HTTP method, case-insensitive.
    public static var method: RequestMatcher {
        RequestMatcher(name: "method", index: .method, matches: { $0.method == $1.method }) { recorded, incoming in
            recorded.method == incoming.method
                ? .match("method \(SafeDisplay.text(incoming.method))")
                : .mismatch(
                    "method differs: recorded \(SafeDisplay.text(recorded.method)), request \(SafeDisplay.text(incoming.method))",
                    differences: ["- recorded: \(SafeDisplay.text(recorded.method))", "+ request:  \(SafeDisplay.text(incoming.method))"])
        }
    }

    /// The URL scheme (`http`, `https`).
    public static var scheme: RequestMatcher {
        RequestMatcher(name: "scheme", index: [], matches: { $0.scheme == $1.scheme }) { recorded, incoming in
            recorded.scheme == incoming.scheme
                ? .match("scheme \(SafeDisplay.text(incoming.scheme))")
                : .mismatch(
                    "scheme differs: recorded \(SafeDisplay.text(recorded.scheme)), request \(SafeDisplay.text(incoming.scheme))",
                    differences: ["- recorded: \(SafeDisplay.text(recorded.scheme))", "+ request:  \(SafeDisplay.text(incoming.scheme))"])
        }
    }

    /// The host and port (case-insensitive host; a default port equals no port).
    public static var host: RequestMatcher {
        RequestMatcher(name: "host", index: .host, matches: { $0.authority == $1.authority }) { recorded, incoming in
            let a = SafeDisplay.text(recorded.authority)
            let b = SafeDisplay.text(incoming.authority)
            return recorded.authority == incoming.authority
                ? .match("host \(b)")
                : .mismatch("host differs: recorded \(a), request \(b)", differences: ["- recorded: \(a)", "+ request:  \(b)"])
        }
    }

    /// The path, exactly (percent-encoded form; an empty path is `/`). A placeholder in the
    /// recorded path stands for one segment's value.
    public static var path: RequestMatcher {
        RequestMatcher(name: "path", index: .path, matches: { pathsMatch($0.path, $1.path) }) { recorded, incoming in
            comparePaths(recorded.path, incoming.path)
        }
    }

    /// The query parameters as a multiset: order does not matter, repeats do. A placeholder in
    /// a recorded value matches any value of that parameter.
    public static var query: RequestMatcher {
        RequestMatcher(name: "query", index: [.query], matches: { queriesMatch($0.query, $1.query) }) { recorded, incoming in
            compareQueries(recorded.query, incoming.query)
        }
    }

    /// The whole URL: scheme, host and port, path, and query with order ignored.
    public static var url: RequestMatcher {
        RequestMatcher(
            name: "url", index: [.host, .path, .query],
            matches: {
                $0.scheme == $1.scheme && $0.authority == $1.authority && pathsMatch($0.path, $1.path)
                    && queriesMatch($0.query, $1.query)
            }
        ) { recorded, incoming in
            let parts: [(String, MatchResult, Double)] = [
                ("scheme", scheme.evaluate(recorded: recorded, incoming: incoming), 0.1),
                ("host", host.evaluate(recorded: recorded, incoming: incoming), 0.3),
                ("path", comparePaths(recorded.path, incoming.path), 0.4),
                ("query", compareQueries(recorded.query, incoming.query), 0.2),
            ]
            let failing = parts.filter { !$0.1.isMatch }
            if failing.isEmpty {
                return .match("URL \(SafeDisplay.url(incoming.har.url))")
            }
            return .mismatch(
                failing.map(\.1.reason).joined(separator: "; "),
                differences: failing.flatMap { part in part.1.differences.map { "\(part.0) \($0)" } },
                distance: parts.reduce(0) { $0 + $1.1.distance * $1.2 })
        }
    }

    static func pathsMatch(_ recorded: String, _ incoming: String) -> Bool {
        recorded == incoming || PlaceholderEquality.matches(recorded: recorded, incoming: incoming)
    }

    static func queriesMatch(_ recorded: [HAR.NameValue], _ incoming: [HAR.NameValue]) -> Bool {
        guard recorded.count == incoming.count else { return false }
        if recorded == incoming { return true }
        var unmatched = incoming
        for parameter in recorded {
            guard
                let index = unmatched.firstIndex(where: {
                    $0.name == parameter.name && PlaceholderEquality.matches(recorded: parameter.value, incoming: $0.value)
                })
            else { return false }
            unmatched.remove(at: index)
        }
        return true
    }

    static func comparePaths(_ recorded: String, _ incoming: String) -> MatchResult {
        let shownRecorded = SafeDisplay.url(recorded)
        let shownIncoming = SafeDisplay.url(incoming)
        if pathsMatch(recorded, incoming) { return .match("path \(shownIncoming)") }
        let a = recorded.split(separator: "/", omittingEmptySubsequences: false)
        let b = incoming.split(separator: "/", omittingEmptySubsequences: false)
        let same = zip(a, b).filter { $0 == $1 }.count
        let distance = 1 - Double(same) / Double(Swift.max(a.count, b.count, 1))
        return .mismatch(
            "path differs: recorded \(shownRecorded), request \(shownIncoming)",
            differences: ["- recorded: \(shownRecorded)", "+ request:  \(shownIncoming)"],
            distance: Swift.max(distance, 0.1))
    }

    static func compareQueries(_ recorded: [HAR.NameValue], _ incoming: [HAR.NameValue]) -> MatchResult {
        var unmatchedIncoming = incoming
        var onlyRecorded: [HAR.NameValue] = []
        for parameter in recorded {
            if let index = unmatchedIncoming.firstIndex(where: {
                $0.name == parameter.name && PlaceholderEquality.matches(recorded: parameter.value, incoming: $0.value)
            }) {
                unmatchedIncoming.remove(at: index)
            } else {
                onlyRecorded.append(parameter)
            }
        }
        if onlyRecorded.isEmpty && unmatchedIncoming.isEmpty {
            return .match(incoming.isEmpty ? "no query" : "query \(describe(incoming)) (order ignored)")
        }
        let differences =
            onlyRecorded.map { "- recorded: \(describe([$0]))" } + unmatchedIncoming.map { "+ request:  \(describe([$0]))" }
        let changedNames = Set(onlyRecorded.map(\.name)).union(unmatchedIncoming.map(\.name)).sorted()
        let total = Double(recorded.count + incoming.count)
        return .mismatch(
            "query differs in \(changedNames.map(SafeDisplay.name).joined(separator: ", "))",
            differences: differences,
            distance: Double(onlyRecorded.count + unmatchedIncoming.count) / Swift.max(total, 1))
    }

    static func describe(_ parameters: [HAR.NameValue]) -> String {
        parameters.map { "\(SafeDisplay.name($0.name))=\(SafeDisplay.value($0.value, name: $0.name))" }.joined(separator: "&")
    }
}
