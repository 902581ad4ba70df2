public import CassetteKit

/// The results of one `cassette verify` run: the lines a person reads, the JSON a workflow reads,
/// and the exit code (0 nothing drifted, 1 something drifted, 2 something could not be checked
/// or nothing could).
public struct VerifyReport: Sendable {
    /// One result per cassette, in the order given.
    public var results: [VerificationResult]

    /// Creates a report.
    public init(results: [VerificationResult]) {
        self.results = results
    }

    /// Cassettes whose live answer differs.
    public var drifted: Int { results.filter { if case .drifted = $0.verdict { return true } else { return false } }.count }
    /// Cassettes that could not be checked.
    public var notVerified: Int { results.filter { if case .notVerified = $0.verdict { return true } else { return false } }.count }
    /// Cassettes older than `--max-age`.
    public var stale: Int { results.filter { $0.staleness != nil }.count }
    /// Cassettes checked, drifted or not.
    public var verified: Int {
        results.filter {
            switch $0.verdict {
            case .noDrift, .drifted: return true
            case .notVerified, .skipped: return false
            }
        }.count
    }

    /// 1 when anything drifted or is older than `--max-age` (the findings a scheduled job acts
    /// on, even when another cassette could not be checked); else 2 when a cassette could not be
    /// checked or none could; else 0.
    public var exitCode: Int32 {
        if drifted > 0 || stale > 0 { return 1 }
        if notVerified > 0 || verified == 0 { return 2 }
        return 0
    }

    /// The closing line: `verified 4 cassettes: 1 drifted, 3 without drift`.
    public var summary: String {
        let skipped = results.count - verified - notVerified
        var parts = ["\(drifted) drifted", "\(verified - drifted) without drift"]
        if notVerified > 0 { parts.append("\(notVerified) not verified") }
        if stale > 0 { parts.append("\(stale) older than the maximum age") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        return "verified \(verified) of \(results.count) cassette\(results.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// The text report: one line per cassette, then the summary.
    public var text: String {
        (results.map(\.line) + [summary]).joined(separator: "\n")
    }

    /// The JSON report (one document): every string through the display path.
    public var json: JSONValue {
        let items: [JSONValue] = results.map { result in
            var object: [(String, JSONValue)] = [
                ("name", .string(result.name)),
                ("path", .string(result.path)),
                ("provider", result.provider.map { .string(SafeDisplay.text($0)) } ?? .null),
            ]
            switch result.verdict {
            case .noDrift:
                object.append(("verdict", "no-drift"))
            case .drifted(let drifts):
                object.append(("verdict", "drifted"))
                object.append(("changes", .array(drifts.map(Self.json))))
            case .notVerified(let reason):
                object.append(("verdict", "not-verified"))
                object.append(("reason", .string(SafeDisplay.location(reason))))
            case .skipped(let reason):
                object.append(("verdict", "skipped"))
                object.append(("reason", .string(SafeDisplay.location(reason))))
            }
            if let staleness = result.staleness {
                object.append(("stale", .string(staleness.description)))
                if let age = staleness.age { object.append(("ageDays", .number(JSONNumber(Int(age / 86_400))))) }
            }
            switch result.update {
            case .rewritten?: object.append(("update", "rewritten"))
            case .unchanged?: object.append(("update", "unchanged"))
            case .refused(let reason)?:
                object.append(("update", "refused"))
                object.append(("updateReason", .string(SafeDisplay.location(reason))))
            case nil: break
            }
            return .object(JSONObject(object))
        }
        return .object(
            JSONObject([
                ("cassettes", .array(items)),
                ("verified", .number(JSONNumber(verified))), ("drifted", .number(JSONNumber(drifted))),
                ("notVerified", .number(JSONNumber(notVerified))), ("stale", .number(JSONNumber(stale))),
                ("exitCode", .number(JSONNumber(Int(exitCode)))),
            ]))
    }

    private static func json(_ drift: Drift) -> JSONValue {
        var object: [(String, JSONValue)] = [("kind", .string(drift.kind)), ("place", .string(drift.place))]
        switch drift.change {
        case .status(let recorded, let live):
            object += [("recorded", .number(JSONNumber(recorded))), ("live", .number(JSONNumber(live)))]
        case .typeChanged(_, let recorded, let live):
            object += [("recorded", .string(recorded)), ("live", .string(live))]
        case .mediaType(let recorded, let live):
            object += [("recorded", .string(SafeDisplay.text(recorded))), ("live", .string(SafeDisplay.text(live)))]
        case .memberAdded(_, let kinds):
            object.append(("live", .string(kinds)))
        case .schema(let errors, _):
            object.append(("errors", .number(JSONNumber(errors))))
        default:
            break
        }
        object.append(("text", .string(drift.description)))
        return .object(JSONObject(object))
    }
}
