public import CassetteKit

/// Something that went wrong during a replaying session and should fail the test even when the
/// code under test swallowed the error: a request no interaction matched, or a recording that
/// could not be written safely.
public struct ReplayProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem.
    public struct Kind: Sendable, Hashable {
        private let name: String
        /// No recorded interaction matched a request.
        public static let miss = Kind(name: "miss")
        /// A recording was refused (unsafe or unwritable); nothing was written.
        public static let recordingFailed = Kind(name: "recordingFailed")
    }

    /// The kind.
    public var kind: Kind
    /// The full explanation (for a miss, the near-miss report's text).
    public var message: String
    /// The near-miss report, for a miss.
    public var report: NearMissReport?

    /// A miss.
    public static func miss(_ report: NearMissReport) -> ReplayProblem {
        ReplayProblem(kind: .miss, message: report.description, report: report)
    }

    /// A refused recording.
    public static func recordingFailed(_ message: String) -> ReplayProblem {
        ReplayProblem(kind: .recordingFailed, message: SafeDisplay.location(message), report: nil)
    }

    public var description: String { message }
}

/// What a finished replaying session has to say: its problems and the interactions no request
/// used.
public struct ReplaySummary: Sendable, Hashable {
    /// Misses and refused recordings, in the order they happened.
    public var problems: [ReplayProblem]
    /// Recorded interactions never used.
    public var unusedInteractions: [InteractionSummary]
    /// A readable list of the unused interactions, or `nil` when all were used.
    public var unusedReport: String?
    /// The cassette is older than ``ReplayOptions/maxAge``: its age and how to refresh it, as a
    /// warning or a failure as ``ReplayOptions/expiry`` says.
    public var staleCassette: ReplayFinding?

    /// Creates a summary.
    public init(
        problems: [ReplayProblem], unusedInteractions: [InteractionSummary], unusedReport: String?,
        staleCassette: ReplayFinding? = nil
    ) {
        self.problems = problems
        self.unusedInteractions = unusedInteractions
        self.unusedReport = unusedReport
        self.staleCassette = staleCassette
    }
}
