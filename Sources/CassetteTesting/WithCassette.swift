public import CassetteKit
public import CassetteReplay
import Foundation
public import Testing

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// Replays a cassette for the duration of `body`, then records an `Issue` for each request no
/// interaction matched (with its near-miss report), each recording that was refused, and the
/// interactions never used when `options.unusedInteractions` asks for it.
///
/// ```swift
/// @Test func loadsProfile() async throws {
///     try await withCassette("zitadel/me") { session in
///         let profile = try await ProfileClient(session: session).me()
///         #expect(profile.userName == "ada")
///     }
/// }
/// ```
///
/// The cassette is found in the `Cassettes/` folder of the package holding the calling file
/// (or under `CASSETTE_DIR`). The session is also reachable as ``Cassette/session`` inside
/// `body`, for code that cannot take it as a parameter. `mode` and `matchers`, when given,
/// replace the ones in `options`; left out, the options' own are used.
public func withCassette<Result>(
    _ name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
    options: ReplayOptions = ReplayOptions(), configuration: URLSessionConfiguration = .ephemeral,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (URLSession) async throws -> Result
) async throws -> Result {
    var options = options
    options.apply(mode: mode, matchers: matchers)
    if options.testName == nil { options.testName = Cassette.filterName(Test.current) }
    let replay: ReplaySession
    do {
        replay = try ReplaySession(named: name, filePath: filePath, options: options, configuration: configuration)
    } catch {
        Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
        throw error
    }
    let outcome: Swift.Result<Result, any Error>
    do {
        outcome = .success(try await Cassette.$current.withValue(replay) { try await body(replay.session) })
    } catch {
        outcome = .failure(error)
    }
    let summary = replay.finish()
    Cassette.record(ReplayFinding.findings(of: summary, unusedInteractions: options.unusedInteractions), at: sourceLocation)
    return try outcome.get()
}

/// The cassette in scope (set by ``withCassette(_:mode:matchers:options:configuration:filePath:sourceLocation:_:)``
/// and by the ``CassetteTrait``).
public enum Cassette {
    /// The replaying session in scope, if any.
    @TaskLocal public static var current: ReplaySession?

    /// The `URLSession` of the cassette in scope; throws when no cassette is in scope.
    public static var session: URLSession {
        get throws(CassetteScopeError) {
            guard let current else { throw CassetteScopeError() }
            return current.session
        }
    }

    /// Records findings as Swift Testing issues (failures as errors, the rest as warnings).
    static func record(_ findings: [ReplayFinding], at sourceLocation: SourceLocation) {
        for finding in findings {
            Issue.record(
                Comment(rawValue: finding.message), severity: finding.severity == .failure ? .error : .warning,
                sourceLocation: sourceLocation)
        }
    }

    /// A name `swift test --filter` finds the test by.
    static func filterName(_ test: Test?) -> String? {
        guard let test else { return nil }
        let name = test.name.hasSuffix("()") ? String(test.name.dropLast(2)) : test.name
        return name.split(separator: "(").first.map(String.init) ?? name
    }
}

/// `Cassette.session` was read outside a cassette's scope.
public struct CassetteScopeError: Error, Sendable, CustomStringConvertible {
    public var description: String {
        "no cassette is in scope: read Cassette.session inside withCassette(\"name\") { } or a test with the .cassette(\"name\") trait."
    }
}
