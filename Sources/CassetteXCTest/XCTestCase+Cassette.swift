public import CassetteKit
public import CassetteReplay
import Foundation
public import XCTest

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

extension XCTestCase {
    /// A `URLSession` replaying the named cassette until the test ends. At tear-down the test
    /// fails (it does not crash) with the near-miss report of each request no interaction
    /// matched, each refused recording, and the unused interactions when
    /// `options.unusedInteractions` asks for it.
    ///
    /// ```swift
    /// func testLoadsProfile() async throws {
    ///     let session = try replaySession(cassette: "zitadel/me")
    ///     let profile = try await ProfileClient(session: session).me()
    ///     XCTAssertEqual(profile.userName, "ada")
    /// }
    /// ```
    ///
    /// The cassette is found in the `Cassettes/` folder of the package holding the calling file
    /// (or under `CASSETTE_DIR`). A setup problem (missing cassette in mode `none`, unreadable
    /// file, bad `CASSETTE_RECORD_MODE`) is thrown with its explanation. `mode` and
    /// `matchers`, when given, replace the ones in `options`; left out, the options' own are used.
    public func replaySession(
        cassette name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
        options: ReplayOptions = ReplayOptions(), configuration: URLSessionConfiguration = .ephemeral,
        reporter: CassetteFailureReporter = .xcTest, file: StaticString = #filePath, line: UInt = #line
    ) throws -> URLSession {
        let (replay, options) = try makeReplay(
            name, mode: mode, matchers: matchers, options: options, configuration: configuration, file: file)
        addTeardownBlock {
            reporter.report(ReplayFinding.findings(of: replay.finish(), unusedInteractions: options.unusedInteractions), file, line)
        }
        return replay.session
    }

    /// Replays the named cassette for the duration of `body`, then fails the test with the
    /// findings (misses with their near-miss reports, refused recordings, unused interactions
    /// when asked for). `mode` and `matchers`, when given, replace the ones in `options`.
    ///
    /// ```swift
    /// try await withCassette("zitadel/me") { session in
    ///     let profile = try await ProfileClient(session: session).me()
    ///     XCTAssertEqual(profile.userName, "ada")
    /// }
    /// ```
    public func withCassette<Result>(
        _ name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
        options: ReplayOptions = ReplayOptions(), configuration: URLSessionConfiguration = .ephemeral,
        reporter: CassetteFailureReporter = .xcTest, file: StaticString = #filePath, line: UInt = #line,
        _ body: (URLSession) async throws -> Result
    ) async throws -> Result {
        let (replay, options) = try makeReplay(
            name, mode: mode, matchers: matchers, options: options, configuration: configuration, file: file)
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(replay.session))
        } catch {
            outcome = .failure(error)
        }
        reporter.report(ReplayFinding.findings(of: replay.finish(), unusedInteractions: options.unusedInteractions), file, line)
        return try outcome.get()
    }

    private func makeReplay(
        _ name: String, mode: RecordMode, matchers: [RequestMatcher]?, options: ReplayOptions,
        configuration: URLSessionConfiguration, file: StaticString
    ) throws -> (ReplaySession, ReplayOptions) {
        var options = options
        options.apply(mode: mode, matchers: matchers)
        if options.testName == nil { options.testName = CassetteFailureReporter.filterName(forTestNamed: self.name) }
        let replay = try ReplaySession(named: name, filePath: "\(file)", options: options, configuration: configuration)
        return (replay, options)
    }
}
