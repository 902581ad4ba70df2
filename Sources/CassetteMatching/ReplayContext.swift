import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// Where a replay happens, for reports: which cassette, in which mode, for which test, and how
/// to record it again.
public struct ReplayContext: Sendable, Hashable {
    /// The cassette's name (`zitadel/me`) or file name.
    public var cassetteName: String
    /// The cassette file, when it has one.
    public var cassettePath: String?
    /// The record mode and why it is in force (`none (CI is set)`).
    public var mode: String
    /// The test's name as `swift test --filter` takes it (`ZitadelTests/testMe`), when known.
    public var testName: String?
    /// The provider profile the cassette was recorded with (`zitadel`), when known.
    public var provider: String?
    /// How the user allows repeating the last matching interaction where this replay runs
    /// (`ReplayOptions(repeatLast: true)` in tests; `cassette serve` without `--strict`).
    public var repeatLastHint = "ReplayOptions(repeatLast: true)"

    /// Creates a context.
    public init(
        cassetteName: String, cassettePath: String? = nil, mode: String = "none", testName: String? = nil,
        provider: String? = nil
    ) {
        self.cassetteName = cassetteName
        self.cassettePath = cassettePath
        self.mode = mode
        self.testName = testName
        self.provider = provider
    }

    /// The exact ways to record the cassette again, best first.
    public var rerecordCommands: [String] {
        var commands: [String] = []
        let filter = testName.map { "swift test --filter '\($0)'" } ?? "swift test --filter <the test's name>"
        commands.append("CASSETTE_RECORD_MODE=rewrite \(filter)    # record the whole cassette again")
        commands.append("CASSETTE_RECORD_MODE=newEpisodes \(filter)    # keep it, append what is missing")
        if let provider {
            commands.append("cassette record \(provider) --output \(cassettePath ?? "Cassettes/\(cassetteName).har.gz")")
        }
        return commands
    }
}
