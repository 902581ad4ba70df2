public import CassetteKit
public import CassetteReplay
import Foundation
public import Testing

/// A Swift Testing trait that replays a cassette around a test:
///
/// ```swift
/// @Test(.cassette("zitadel/me"))
/// func loadsProfile() async throws {
///     let profile = try await ProfileClient(session: try Cassette.session).me()
///     #expect(profile.userName == "ada")
/// }
/// ```
///
/// Misses, refused recordings and (when asked) unused interactions are recorded as issues of
/// the test, with the near-miss report as their text. Applied to a suite, each test of the
/// suite gets its own session on the cassette.
public struct CassetteTrait: TestTrait, SuiteTrait, TestScoping {
    /// The cassette's name (`zitadel/me`).
    public let name: String
    /// The session's options (mode, matchers, unused-interaction policy).
    public let options: ReplayOptions
    /// The file that applied the trait, whose package holds the `Cassettes/` folder.
    public let filePath: String
    /// Where issues are reported.
    public let sourceLocation: SourceLocation

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // A suite-level trait scopes each test case, not the suite as a whole.
        guard testCase != nil || !test.isSuite else { return try await function() }
        var options = options
        if options.testName == nil { options.testName = Cassette.filterName(test) }
        _ = try await withCassette(name, options: options, filePath: filePath, sourceLocation: sourceLocation) { _ in
            try await function()
        }
    }
}

extension Trait where Self == CassetteTrait {
    /// Replays the named cassette around the test; reach its session with ``Cassette/session``.
    ///
    /// `mode` and `matchers`, when given, replace the ones in `options`; left out, the
    /// options' own are used.
    public static func cassette(
        _ name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
        options: ReplayOptions = ReplayOptions(), filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> CassetteTrait {
        var options = options
        options.apply(mode: mode, matchers: matchers)
        return CassetteTrait(name: name, options: options, filePath: filePath, sourceLocation: sourceLocation)
    }
}
