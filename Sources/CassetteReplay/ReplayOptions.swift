public import CassetteKit
public import Foundation

/// How a replaying session behaves: record mode, matchers, repeats, latency, redaction and
/// what to do about interactions a test never used.
public struct ReplayOptions: Sendable {
    /// The record mode chosen in code; ``RecordMode/automatic`` leaves it to the environment
    /// (see ``ResolvedRecordMode``).
    public var recordMode: RecordMode
    /// The matchers a recorded interaction must pass to answer a request.
    public var matchers: [RequestMatcher]
    /// Answer with the last matching interaction again once every matching one is used.
    public var repeatLast: Bool
    /// Simulated latency before each replayed answer.
    public var latency: ReplayLatency
    /// How requests are redacted before matching and recordings before writing. When its
    /// `provider` is `nil`, the cassette's own provider is used.
    public var redaction: RedactionPolicy
    /// The test's name as `swift test --filter` takes it, for re-record hints. The test
    /// helpers fill it in.
    public var testName: String?
    /// What to do at the end of a test about interactions that were never used.
    public var unusedInteractions: UnusedInteractionPolicy
    /// The environment consulted for `CASSETTE_RECORD_MODE`, `CI` and `CASSETTE_DIR`.
    public var environment: [String: String]
    /// How old a replayed cassette may be (from its `_cassette.recordedAt`); `nil` never asks.
    /// An older cassette (or one without `recordedAt`) is reported at the end of the test, with
    /// its age and the commands to check and refresh it, as ``expiry`` says.
    public var maxAge: CassetteMaxAge?
    /// Whether a cassette older than ``maxAge`` is a warning or fails the test.
    public var expiry: CassetteExpiry
    /// Replaces `Redaction/sanitize(_:policy:)` before recordings are written. Package access:
    /// only this package's tests use it, to prove that a refusal writes nothing.
    package var recordingSanitizer: LiveRecorder.Sanitizer?

    /// Creates options; every argument has a default.
    public init(
        recordMode: RecordMode = .automatic, matchers: [RequestMatcher] = .default, repeatLast: Bool = false,
        latency: ReplayLatency = .none, redaction: RedactionPolicy = RedactionPolicy(), testName: String? = nil,
        unusedInteractions: UnusedInteractionPolicy = .ignore,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        maxAge: CassetteMaxAge? = nil, expiry: CassetteExpiry = .warn
    ) {
        self.recordMode = recordMode
        self.matchers = matchers
        self.repeatLast = repeatLast
        self.latency = latency
        self.redaction = redaction
        self.testName = testName
        self.unusedInteractions = unusedInteractions
        self.environment = environment
        self.maxAge = maxAge
        self.expiry = expiry
    }
}

/// What the test helpers do about a cassette older than ``ReplayOptions/maxAge``.
public struct CassetteExpiry: Sendable, Hashable {
    private enum Storage: Hashable { case warn, fail }
    private let storage: Storage

    /// Report it without failing (a warning in Swift Testing; printed under XCTest).
    public static let warn = CassetteExpiry(storage: .warn)
    /// Fail the test.
    public static let fail = CassetteExpiry(storage: .fail)

    /// Whether a stale cassette fails the test.
    public var fails: Bool { storage == .fail }
}

/// Simulated latency for replayed answers.
public struct ReplayLatency: Sendable, Hashable {
    private enum Storage: Hashable {
        case none
        case recorded(scale: Double)
        case fixed(seconds: Double)
    }

    private let storage: Storage

    /// Answer at once.
    public static let none = ReplayLatency(storage: .none)
    /// Wait as long as the recorded interaction took (its `time`).
    public static let recorded = ReplayLatency(storage: .recorded(scale: 1))
    /// Wait the recorded time multiplied by `factor` (`0.1` for a tenth).
    public static func scaled(_ factor: Double) -> ReplayLatency { ReplayLatency(storage: .recorded(scale: max(0, factor))) }
    /// Wait a fixed time.
    public static func fixed(seconds: Double) -> ReplayLatency { ReplayLatency(storage: .fixed(seconds: max(0, seconds))) }

    /// The delay in seconds before answering with `entry`.
    public func delay(for entry: HAR.Entry) -> Double {
        switch storage {
        case .none: return 0
        case .recorded(let scale):
            let milliseconds =
                entry.time > 0 ? entry.time : max(0, entry.timings.send) + max(0, entry.timings.wait) + max(0, entry.timings.receive)
            return milliseconds / 1000 * scale
        case .fixed(let seconds): return seconds
        }
    }
}

/// What the test helpers do at the end of a test about recorded interactions it never used.
public struct UnusedInteractionPolicy: Sendable, Hashable {
    private enum Storage: Hashable { case ignore, warn, fail }
    private let storage: Storage

    /// Say nothing.
    public static let ignore = UnusedInteractionPolicy(storage: .ignore)
    /// Report them without failing (a warning in Swift Testing; printed under XCTest).
    public static let warn = UnusedInteractionPolicy(storage: .warn)
    /// Fail the test, listing them.
    public static let fail = UnusedInteractionPolicy(storage: .fail)

    /// Whether unused interactions are reported at all.
    public var reports: Bool { storage != .ignore }
    /// Whether unused interactions fail the test.
    public var fails: Bool { storage == .fail }
}

extension ReplayOptions {
    /// Applies the `mode:` and `matchers:` arguments of the test helpers: each replaces the
    /// option only when it was given (`mode` other than ``RecordMode/automatic``, `matchers`
    /// not `nil`), so options passed as ``ReplayOptions`` are kept otherwise.
    package mutating func apply(mode: RecordMode, matchers: [RequestMatcher]?) {
        if mode != .automatic { recordMode = mode }
        if let matchers { self.matchers = matchers }
    }
}
