#if AsyncHTTPClient
    public import CassetteAsyncHTTPClient
    public import CassetteKit
    public import CassetteReplay
    public import XCTest

    extension XCTestCase {
        /// A `ReplayingHTTPClient` replaying the named cassette until the test ends; at
        /// tear-down the test fails with the findings, as ``replaySession(cassette:mode:matchers:options:configuration:reporter:file:line:)``
        /// does. Only with the package's `AsyncHTTPClient` trait.
        ///
        /// ```swift
        /// func testResolvesTheCaller() async throws {
        ///     let client = try replayingHTTPClient(cassette: "zitadel/me")
        ///     let profile = try await currentUser(client: client, token: "any")
        ///     XCTAssertEqual(profile.userName, "ada")
        /// }
        /// ```
        public func replayingHTTPClient(
            cassette name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
            options: ReplayOptions = ReplayOptions(), reporter: CassetteFailureReporter = .xcTest,
            file: StaticString = #filePath, line: UInt = #line
        ) throws -> ReplayingHTTPClient {
            let (client, options) = try makeReplayingClient(name, mode: mode, matchers: matchers, options: options, file: file)
            addTeardownBlock {
                reporter.report(ReplayFinding.findings(of: client.finish(), unusedInteractions: options.unusedInteractions), file, line)
            }
            return client
        }

        /// Replays the named cassette through a `ReplayingHTTPClient` for the duration of
        /// `body`, then fails the test with the findings (misses with their near-miss reports,
        /// refused recordings, unused interactions when asked for).
        ///
        /// ```swift
        /// try await withHTTPClientCassette("zitadel/me") { client in
        ///     let profile = try await currentUser(client: client, token: "any")
        ///     XCTAssertEqual(profile.userName, "ada")
        /// }
        /// ```
        public func withHTTPClientCassette<Result>(
            _ name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
            options: ReplayOptions = ReplayOptions(), reporter: CassetteFailureReporter = .xcTest,
            file: StaticString = #filePath, line: UInt = #line,
            _ body: (ReplayingHTTPClient) async throws -> Result
        ) async throws -> Result {
            let (client, options) = try makeReplayingClient(name, mode: mode, matchers: matchers, options: options, file: file)
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body(client))
            } catch {
                outcome = .failure(error)
            }
            reporter.report(ReplayFinding.findings(of: client.finish(), unusedInteractions: options.unusedInteractions), file, line)
            return try outcome.get()
        }

        private func makeReplayingClient(
            _ name: String, mode: RecordMode, matchers: [RequestMatcher]?, options: ReplayOptions, file: StaticString
        ) throws -> (ReplayingHTTPClient, ReplayOptions) {
            var options = options
            options.apply(mode: mode, matchers: matchers)
            if options.testName == nil { options.testName = CassetteFailureReporter.filterName(forTestNamed: self.name) }
            return (try ReplayingHTTPClient(named: name, filePath: "\(file)", options: options), options)
        }
    }
#endif
