import Foundation

/// The record mode in force and why, after the environment had its say.
///
/// Order: `CASSETTE_RECORD_MODE` wins (it is how a developer re-records, and the explicit
/// opt-in on CI); otherwise, when `CI` is set, the mode is ``RecordMode/none`` whatever the
/// code asked for, so CI never calls real services by accident; otherwise the mode chosen in
/// code; otherwise ``RecordMode/once``.
public struct ResolvedRecordMode: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable that chooses the mode.
    public static let environmentVariable = "CASSETTE_RECORD_MODE"

    /// The mode in force.
    public let mode: RecordMode
    /// Why (`"CI is set; opt in to recording with CASSETTE_RECORD_MODE"`).
    public let reason: String

    /// Resolves the mode from what the code asked for and the environment.
    public init(requested: RecordMode, environment: [String: String]) throws(ReplaySetupError) {
        let requested: RecordMode? = requested == .automatic ? nil : requested
        if let raw = environment[Self.environmentVariable], !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let mode = RecordMode(rawValue: raw) else { throw .invalidRecordMode(raw) }
            self.mode = mode
            reason = "\(Self.environmentVariable)=\(raw)"
        } else if Self.isCI(environment) {
            mode = .none
            if let requested, requested.mayRecord {
                reason = "CI is set, so \(requested) chosen in code is not used"
            } else {
                reason = "CI is set"
            }
        } else if let requested {
            mode = requested
            reason = "chosen in code"
        } else {
            mode = .once
            reason = "default outside CI"
        }
    }

    /// A fixed mode with a reason (shipped cassettes are always `none`).
    public init(mode: RecordMode, reason: String) {
        self.mode = mode
        self.reason = reason
    }

    /// Whether the environment says this is a CI run (`CI` set to anything but empty,
    /// `0` or `false`).
    public static func isCI(_ environment: [String: String]) -> Bool {
        guard let value = environment["CI"]?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return !value.isEmpty && value != "0" && value != "false"
    }

    /// `none (CI is set; opt in to recording with CASSETTE_RECORD_MODE)`
    public var description: String {
        let hint =
            mode.mayRecord || reason.hasPrefix(Self.environmentVariable)
            ? "" : "; record with \(Self.environmentVariable)=once, newEpisodes or rewrite"
        return "\(mode) (\(reason)\(hint))"
    }
}
