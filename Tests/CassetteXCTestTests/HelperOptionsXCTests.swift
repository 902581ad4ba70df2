import CassetteKit
import CassetteReplay
import CassetteTestSupport
import CassetteXCTest
import Foundation
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Every ``ReplayOptions`` option, passed as options (no `mode:`/`matchers:` argument), must
/// reach the session through `replaySession(cassette:)` and through `withCassette`.
final class HelperOptionsXCTests: XCTestCase {
    /// The two XCTest helpers a user reaches a cassette through.
    enum Helper: CaseIterable { case replaySession, withCassette }

    /// What one run through a helper showed.
    struct Run {
        var statuses: [Int] = []
        var failures: [String] = []
        var warnings: [String] = []
        var setupError: ReplaySetupError?
        var elapsed: Duration = .zero
    }

    private var folder: TemporaryDirectory?
    /// Checks of `replaySession` runs, whose findings are reported at tear-down.
    private var teardownChecks: [() -> Void] = []

    override func setUpWithError() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(
            HAR.Log(entries: [
                HAR.Entry(
                    startedDateTime: "2026-01-01T00:00:00.000Z", request: .incoming(method: "GET", url: "https://api.example.com/me"),
                    response: HAR.Response(status: 201, content: HAR.Content(body: Data("{}".utf8), mimeType: "application/json")))
            ]),
            to: folder.file("api/me.har.gz"))
        self.folder = folder
    }

    override func tearDown() {
        // Teardown blocks (where replaySession reports) have run by now.
        for check in teardownChecks { check() }
        folder?.remove()
    }

    private var environment: [String: String] { ["CASSETTE_DIR": folder?.url.path ?? "/nonexistent"] }

    func testMatchersFromOptionsAreKept() async throws {
        for helper in Helper.allCases {
            try await run(
                helper, options: ReplayOptions(matchers: [.method, .path], environment: environment),
                requests: ["https://staging.example.com/me"]
            ) { run in
                XCTAssertEqual(run.statuses, [201], "\(helper)")
                XCTAssertEqual(run.failures.count, 0, "\(helper)")
            }
        }
    }

    func testMatchersArgumentWinsWhenGiven() async throws {
        for helper in Helper.allCases {
            try await run(
                helper, matchers: [.method, .path], options: ReplayOptions(matchers: .default, environment: environment),
                requests: ["https://staging.example.com/me"]
            ) { run in XCTAssertEqual(run.statuses, [201], "\(helper)") }
        }
    }

    func testRecordModeFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            try await run(helper, name: "api/absent", options: ReplayOptions(recordMode: .none, environment: environment), requests: []) {
                run in
                guard case .cassetteMissing(_, let mode, _) = run.setupError else { return XCTFail("\(helper): no cassetteMissing error") }
                XCTAssertTrue(mode.hasPrefix("none (chosen in code"), "\(helper)")
            }
        }
    }

    func testRepeatLastFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            try await run(
                helper, options: ReplayOptions(repeatLast: true, environment: environment),
                requests: ["https://api.example.com/me", "https://api.example.com/me"]
            ) { run in
                XCTAssertEqual(run.statuses, [201, 201], "\(helper)")
                XCTAssertEqual(run.failures.count, 0, "\(helper)")
            }
        }
    }

    func testLatencyFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            try await run(
                helper, options: ReplayOptions(latency: .fixed(seconds: 0.25), environment: environment),
                requests: ["https://api.example.com/me"]
            ) { run in
                XCTAssertEqual(run.statuses, [201], "\(helper)")
                // A lower bound only: the answer may come later on a busy machine, never sooner.
                XCTAssertGreaterThanOrEqual(run.elapsed, .milliseconds(250), "\(helper)")
            }
        }
    }

    func testRedactionFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            let options = ReplayOptions(redaction: RedactionPolicy(provider: "zitadel"), environment: environment)
            try await run(helper, options: options, requests: ["https://api.example.com/you"]) { run in
                XCTAssertTrue(run.failures.contains { $0.contains("cassette record zitadel --output") }, "\(helper)")
            }
        }
    }

    func testTestNameFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            let options = ReplayOptions(testName: "ProbeSuite/probe", environment: environment)
            try await run(helper, options: options, requests: ["https://api.example.com/you"]) { run in
                XCTAssertTrue(run.failures.contains { $0.contains("swift test --filter 'ProbeSuite/probe'") }, "\(helper)")
            }
        }
    }

    func testUnusedInteractionsFromOptionsIsKept() async throws {
        for helper in Helper.allCases {
            try await run(helper, options: ReplayOptions(unusedInteractions: .fail, environment: environment), requests: []) { run in
                XCTAssertTrue(run.failures.contains { $0.contains("1 recorded interaction was never used") }, "\(helper)")
            }
        }
    }

    func testEnvironmentFromOptionsIsKept() async throws {
        var environment = environment
        environment["CASSETTE_RECORD_MODE"] = "none"
        for helper in Helper.allCases {
            try await run(helper, options: ReplayOptions(environment: environment), requests: ["https://api.example.com/me"]) { run in
                XCTAssertEqual(run.statuses, [201], "\(helper): CASSETTE_DIR finds the cassette")
            }
            try await run(helper, name: "api/absent", options: ReplayOptions(environment: environment), requests: []) { run in
                guard case .cassetteMissing(_, let mode, _) = run.setupError else { return XCTFail("\(helper): no cassetteMissing error") }
                XCTAssertTrue(mode.hasPrefix("none (CASSETTE_RECORD_MODE=none"), "\(helper)")
            }
        }
    }

    func testMaxAgeAndExpiryFromOptionsAreKept() async throws {
        let file = try XCTUnwrap(folder).file("api/me.har.gz")
        var log = try CassetteFile.read(file)
        log.cassette = CassetteMetadata(source: "live", recordedAt: ExchangeTiming.timestamp(Date().addingTimeInterval(-40 * 86_400)))
        try CassetteFile.write(log, to: file)
        for helper in Helper.allCases {
            try await run(
                helper, options: ReplayOptions(environment: environment, maxAge: .days(30)), requests: ["https://api.example.com/me"]
            ) { run in
                XCTAssertEqual(run.statuses, [201], "\(helper)")
                XCTAssertEqual(run.failures.count, 0, "\(helper): .warn is the default")
                XCTAssertTrue(
                    run.warnings.contains {
                        $0.contains("is stale: recorded 40 days ago") && $0.contains("older than the 30 days allowed")
                    }, "\(helper)")
            }
            try await run(
                helper, options: ReplayOptions(environment: environment, maxAge: .days(30), expiry: .fail),
                requests: ["https://api.example.com/me"]
            ) { run in
                XCTAssertTrue(run.failures.contains { $0.contains("is stale") && $0.contains("cassette verify") }, "\(helper)")
            }
            try await run(
                helper, options: ReplayOptions(environment: environment, maxAge: .days(50), expiry: .fail),
                requests: ["https://api.example.com/me"]
            ) { run in
                XCTAssertEqual(run.failures.count + run.warnings.count, 0, "\(helper): young enough")
            }
        }
    }

    // MARK: - Running a helper

    /// Runs `requests` through `helper` and hands `check` what it showed: at once for
    /// `withCassette`, at tear-down (when it reports) for `replaySession`.
    private func run(
        _ helper: Helper, name: String = "api/me", matchers: [RequestMatcher]? = nil, options: ReplayOptions,
        requests: [String], check: @escaping (Run) -> Void
    ) async throws {
        let collected = CollectedFailures()
        var run = Run()
        do {
            switch helper {
            case .replaySession:
                let session = try replaySession(cassette: name, matchers: matchers, options: options, reporter: collected.reporter)
                (run.statuses, run.elapsed) = await Self.fetch(requests, session: session)
                let fetched = run
                teardownChecks.append {
                    var final = fetched
                    (final.failures, final.warnings) = (collected.failures, collected.warnings)
                    check(final)
                }
                return
            case .withCassette:
                try await withCassette(name, matchers: matchers, options: options, reporter: collected.reporter) { session in
                    (run.statuses, run.elapsed) = await Self.fetch(requests, session: session)
                }
            }
        } catch let error as ReplaySetupError {
            run.setupError = error
        }
        (run.failures, run.warnings) = (collected.failures, collected.warnings)
        check(run)
    }

    private static func fetch(_ requests: [String], session: URLSession) async -> ([Int], Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        var statuses: [Int] = []
        for url in requests {
            let request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
            statuses.append((try? await session.data(for: request)).map { ($0.1 as? HTTPURLResponse)?.statusCode ?? -1 } ?? 0)
        }
        return (statuses, clock.now - start)
    }
}
