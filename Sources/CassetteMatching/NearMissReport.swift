import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// Why no recorded interaction answered a request: the cassette, the mode, the matchers, the
/// request, the nearest recorded interactions ranked with each matcher's verdict and diff, and
/// the exact way to record again. Its ``description`` is the text tests and the CLI print.
public struct NearMissReport: Sendable, Hashable, CustomStringConvertible {
    /// One recorded interaction compared with the request.
    public struct Candidate: Sendable, Hashable {
        /// Position of the interaction in the cassette (0-based).
        public var index: Int
        /// The recorded interaction, summarised for display.
        public var summary: InteractionSummary
        /// Each matcher's name and verdict, in matcher order.
        public var results: [NamedResult]
        /// Whether every matcher passed but an earlier request already used the interaction.
        public var alreadyUsed: Bool
        /// The sum of the matchers' distances (lower is nearer).
        public var distance: Double

        /// Whether every matcher passed.
        public var matchesAll: Bool { results.allSatisfy(\.result.isMatch) }
    }

    /// A matcher's verdict, with its name.
    public struct NamedResult: Sendable, Hashable {
        /// The matcher's name.
        public var matcher: String
        /// Its verdict.
        public var result: MatchResult
    }

    /// Where the replay happened.
    public var context: ReplayContext
    /// The matcher names, in order.
    public var matchers: [String]
    /// The request, after redaction, summarised for display.
    public var request: RequestSummary
    /// How many interactions the cassette holds.
    public var interactionCount: Int
    /// The nearest interactions, nearest first (at most three).
    public var nearest: [Candidate]

    /// Creates a report (``CassettePlayer`` makes them; public for tools that render their own).
    public init(
        context: ReplayContext, matchers: [String], request: RequestSummary, interactionCount: Int, nearest: [Candidate]
    ) {
        self.context = context
        self.matchers = matchers
        self.request = request
        self.interactionCount = interactionCount
        self.nearest = nearest
    }

    /// The whole report as text.
    public var description: String {
        var lines: [String] = []
        // Summaries are built through SafeDisplay; judged again here for reports built by hand.
        let shownRequest = "\(SafeDisplay.text(request.method)) \(SafeDisplay.url(request.url))"
        lines.append("cassette: no recorded interaction matches \(shownRequest)")  // display-safe: built through SafeDisplay above
        lines.append("  cassette: \(context.cassetteName)\(context.cassettePath.map { " (\($0))" } ?? "")")
        lines.append("            \(interactionCount) interaction\(interactionCount == 1 ? "" : "s") recorded")
        lines.append("  mode:     \(context.mode)")
        lines.append("  matchers: \(matchers.joined(separator: ", "))")
        if let test = context.testName { lines.append("  test:     \(test)") }
        lines.append("  request:  \(shownRequest)")  // display-safe: built through SafeDisplay above
        for header in request.headers { lines.append("            \(SafeDisplay.text(header))") }
        if let body = request.body { lines.append("            body: \(SafeDisplay.text(body))") }
        if nearest.isEmpty {
            lines.append("The cassette holds no interactions to compare with.")
        } else {
            lines.append("Nearest recorded interactions:")
            for (rank, candidate) in nearest.enumerated() {
                let summary = candidate.summary
                lines.append(
                    "  \(rank + 1). interaction #\(candidate.index): \(SafeDisplay.text(summary.method)) \(SafeDisplay.url(summary.url)) -> \(summary.status)"
                )
                if candidate.alreadyUsed {
                    lines.append("     matches, but an earlier request already used it: identical requests replay in")
                    lines.append("     recorded order. Record one more, or allow repeating the last one (\(context.repeatLastHint)).")
                }
                for named in candidate.results {
                    let mark = named.result.isMatch ? "[pass]" : "[FAIL]"
                    // Results are display-safe: built-in matchers build them through SafeDisplay,
                    // custom matchers' results are judged as text when they are made.
                    lines.append("     \(mark) \(SafeDisplay.text(named.matcher)): \(named.result.reason)")  // display-safe
                    for difference in named.result.differences { lines.append("            \(difference)") }
                }
            }
        }
        lines.append("To record again:")
        for command in context.rerecordCommands { lines.append("  \(command)") }
        return lines.joined(separator: "\n")
    }
}

/// A recorded interaction, summarised for reports (secret-looking values hidden).
public struct InteractionSummary: Sendable, Hashable, CustomStringConvertible {
    /// Position in the cassette (0-based).
    public var index: Int
    /// Request method.
    public var method: String
    /// Request URL, fit for display.
    public var url: String
    /// Response status.
    public var status: Int

    /// Summarises an entry.
    public init(index: Int, entry: HAR.Entry) {
        self.index = index
        method = SafeDisplay.text(entry.request.method.uppercased())
        url = SafeDisplay.url(entry.request.url)
        status = entry.response.status
    }

    /// `#2 GET https://host/path -> 200`
    public var description: String { "#\(index) \(method) \(url) -> \(status)" }
}

/// An incoming request, summarised for reports: method, URL, header lines and a body excerpt,
/// all with secret-looking values hidden.
public struct RequestSummary: Sendable, Hashable {
    /// Method.
    public var method: String
    /// URL, fit for display.
    public var url: String
    /// `Name: value` lines.
    public var headers: [String]
    /// A short description of the body, when there is one.
    public var body: String?

    /// Summarises a request.
    public init(_ request: HAR.Request) {
        method = SafeDisplay.text(request.method.uppercased())
        url = SafeDisplay.url(request.url)
        headers = request.headers.map { SafeDisplay.headerLine(name: $0.name, value: $0.value) }
        if let postData = request.postData, let data = postData.bodyData, !data.isEmpty {
            if let json = try? JSONParser.parse(data) {
                let members = json.objectValue.map { " with members \($0.keys.map(SafeDisplay.name).joined(separator: ", "))" }
                body = "\(data.count) bytes of \(SafeDisplay.text(postData.mimeType)), JSON \(json.typeName)" + (members ?? "")
            } else {
                body = "\(data.count) bytes of \(postData.mimeType.isEmpty ? "unknown type" : SafeDisplay.text(postData.mimeType))"
            }
        } else {
            body = nil
        }
    }
}
