import CassetteKit
import Foundation

/// Progress and outcome of a recording on stderr: what was called, status, size, what was
/// redacted where, and what happened to the file. Never a credential value.
enum RecordingConsole {
    static func calling(_ plan: RecordingPlan) {
        Console.error(
            "recording \(plan.profile.name): \(plan.profile.method) \(SafeDisplay.url(plan.displayRequestURL)) with \(plan.profile.credential) from \(plan.credentialSource)"
        )
    }

    static func outcome(_ outcome: RecordingOutcome) {
        Console.error("  HTTP \(outcome.status), \(outcome.bodySize) bytes")
        Console.error("  \(SafeDisplay.location(outcome.redactionSummary))")
        switch outcome.change {
        case .created:
            Console.error("  wrote \(outcome.output)")
        case .unchanged:
            Console.error("  unchanged: \(outcome.output) already holds this content (timestamps aside); left byte-identical")
        case .replaced(let summary):
            Console.error("  replaced \(outcome.output); changed: \(summary.joined(separator: ", "))")
        }
    }
}
