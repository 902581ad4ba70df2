import CassetteFormat
public import Foundation

/// The result of auditing a set of sources, after the baseline, ready to print.
public struct AuditReport: Sendable {
    /// Findings not accepted by the baseline, in source order.
    public var findings: [AuditFinding]
    /// Sources that could not be read (path, reason).
    public var unreadable: [(path: String, reason: String)]
    /// How many sources were audited (readable or not).
    public var sourceCount: Int
    /// How many findings the baseline accepted.
    public var acceptedCount: Int

    /// Applies a baseline to outcomes.
    public init(outcomes: [AuditOutcome], baseline: AuditBaseline? = nil) {
        var findings: [AuditFinding] = []
        var unreadable: [(path: String, reason: String)] = []
        var accepted = 0
        for outcome in outcomes {
            switch outcome {
            case .audited(_, let found):
                for finding in found {
                    if let baseline, baseline.accepts(finding) {
                        accepted += 1
                    } else {
                        findings.append(finding)
                    }
                }
            case .unreadable(let path, let reason):
                unreadable.append((path, reason))
            }
        }
        self.findings = findings
        self.unreadable = unreadable
        self.sourceCount = outcomes.count
        self.acceptedCount = accepted
    }

    /// 0 clean, 1 findings, 2 when any source was unreadable (a broken file is never clean).
    public var exitCode: Int32 {
        if !unreadable.isEmpty { return 2 }
        return findings.isEmpty ? 0 : 1
    }

    /// One line per finding, then a summary line.
    public var text: String {
        var lines = findings.map { finding in
            "\(finding.file): \(finding.displayLocation): \(finding.ruleID): \(finding.preview)"
        }
        let clean = sourceCount - unreadable.count - Set(findings.map(\.file)).count
        var summary =
            "cassette audit: \(findings.count) finding\(findings.count == 1 ? "" : "s") in \(sourceCount) file\(sourceCount == 1 ? "" : "s") (\(clean) clean"
        if acceptedCount > 0 { summary += ", \(acceptedCount) accepted by the baseline" }
        if !unreadable.isEmpty { summary += ", \(unreadable.count) unreadable" }
        summary += ")"
        if !findings.isEmpty {
            summary += ". Re-record or redact these cassettes; accept reviewed values with `cassette audit --write-baseline FILE`."
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"version":1,"findings":[...],"unreadable":[...],"summary":{...}}`.
    public var json: Data {
        let findingValues = findings.map { finding -> JSONValue in
            var members: [(String, JSONValue)] = [("file", .string(finding.file))]
            members.append(("entry", finding.entry.map { .number(JSONNumber($0)) } ?? .null))
            members.append(("location", .string(SafeDisplay.location(finding.location))))
            members.append(("rule", .string(finding.ruleID)))
            members.append(("preview", .string(finding.preview)))
            members.append(("fingerprint", .string(Self.fingerprint(finding))))
            return .object(JSONObject(members))
        }
        let unreadableValues = unreadable.map { item -> JSONValue in
            ["file": .string(item.path), "reason": .string(SafeDisplay.text(item.reason))]
        }
        let document = JSONValue.object(
            JSONObject([
                ("version", 1),
                ("findings", .array(findingValues)),
                ("unreadable", .array(unreadableValues)),
                (
                    "summary",
                    .object(
                        JSONObject([
                            ("files", .number(JSONNumber(sourceCount))), ("findings", .number(JSONNumber(findings.count))),
                            ("accepted", .number(JSONNumber(acceptedCount))), ("unreadable", .number(JSONNumber(unreadable.count))),
                            ("exitCode", .number(JSONNumber(Int(exitCode)))),
                        ]))
                ),
            ]))
        var data = JSONSerializer.data(document, style: .pretty)
        data.append(0x0a)
        return data
    }

    /// A stable id of a finding's place (rule, file, location), without anything of the value.
    /// Computed from the location as found (baselines stay valid); only its display is masked.
    static func fingerprint(_ finding: AuditFinding) -> String {
        String(SHA256.hex(SHA256.hash(Array("\(finding.ruleID)\u{0}\(finding.file)\u{0}\(finding.qualifiedLocation)".utf8))).prefix(32))
    }
}

extension AuditFinding {
    /// ``qualifiedLocation`` fit for printing: JSON pointers judged token by token, names of
    /// parameters, headers and cookies judged as names (a token used as a name is hidden).
    public var displayLocation: String { SafeDisplay.location(qualifiedLocation) }
}
