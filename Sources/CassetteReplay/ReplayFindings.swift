import CassetteKit

/// What a test helper reports when a replaying session ends: each miss (with its near-miss
/// report) and each refused recording as a failure, then the interactions the test never
/// used, as a warning or a failure as the ``UnusedInteractionPolicy`` says, then a cassette
/// older than ``ReplayOptions/maxAge``, as ``ReplayOptions/expiry`` says.
///
/// The XCTest and Swift Testing helpers both turn these into their own failures, so the text a
/// developer reads is the same whichever framework runs the test.
public struct ReplayFinding: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: Sendable, Hashable {
        /// Fails the test.
        case failure
        /// Reported without failing the test.
        case warning
    }

    /// How serious it is.
    public var severity: Severity
    /// The whole message: a near-miss report, a recording refusal, or the unused list.
    public var message: String

    public var description: String { message }

    /// The findings of a finished session.
    public static func findings(of summary: ReplaySummary, unusedInteractions policy: UnusedInteractionPolicy) -> [ReplayFinding] {
        var findings = summary.problems.map { ReplayFinding(severity: .failure, message: $0.message) }
        if policy.reports, let unused = summary.unusedReport {
            findings.append(ReplayFinding(severity: policy.fails ? .failure : .warning, message: unused))
        }
        if let stale = summary.staleCassette { findings.append(stale) }
        return findings
    }
}
