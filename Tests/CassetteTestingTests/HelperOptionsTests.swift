import CassetteKit
import CassetteReplay
import CassetteTestSupport
import CassetteTesting
import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The two Swift Testing helpers a user reaches a cassette through.
enum SwiftTestingHelper: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case withCassette
    case trait

    var testDescription: String { rawValue == "trait" ? ".cassette trait" : "withCassette" }
}

/// What one run through a helper showed: the status of each request (0 for a failed one), the
/// issues it recorded (as text, judged and never printed), the setup error and how long the
/// requests took.
struct HelperRun: Sendable {
    var statuses: [Int] = []
    var issues: [String] = []
    var setupError: ReplaySetupError?
    var elapsed: Duration = .zero
}

/// What a run collected, shared with the helper's closures.
final class HelperRunBox: Sendable {
    let value = Mutex(HelperRun())
}

/// Every ``ReplayOptions`` option, passed as options (no `mode:`/`matchers:` argument), must
/// reach the session through `withCassette` and through the `.cassette` trait.
@Suite("Swift Testing helpers: every ReplayOptions option reaches the session")
struct HelperOptionsTests {
    @Test(
        "matchers from ReplayOptions are kept: [.method, .path] answers a request to a staging host", arguments: SwiftTestingHelper.allCases
    )
    func matchers(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(matchers: [.method, .path], environment: Self.environment(folder)),
            requests: ["https://staging.example.com/me"])
        #expect(run.statuses == [201])
        #expect(run.issues.isEmpty)
    }

    @Test("a matchers: argument, when given, replaces the options' matchers", arguments: SwiftTestingHelper.allCases)
    func matchersArgumentWins(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, matchers: [.method, .path], options: ReplayOptions(matchers: .default, environment: Self.environment(folder)),
            requests: ["https://staging.example.com/me"])
        #expect(run.statuses == [201])
    }

    @Test(".cassette keeps the options' matchers unless matchers: is given (written as before: matchers: .default)")
    func traitMatchers() {
        let kept = CassetteTrait.cassette("api/me", options: ReplayOptions(matchers: [.method, .path]))
        #expect(kept.options.matchers.map(\.name) == ["method", "path"])
        let given = CassetteTrait.cassette("api/me", matchers: .default, options: ReplayOptions(matchers: [.method, .path]))
        #expect(given.options.matchers.map(\.name) == [RequestMatcher].default.map(\.name))
    }

    @Test("recordMode from ReplayOptions is kept: none refuses a missing cassette", arguments: SwiftTestingHelper.allCases)
    func recordMode(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, name: "api/absent", options: ReplayOptions(recordMode: .none, environment: Self.environment(folder)), requests: [])
        guard case .cassetteMissing(let path, let mode, _) = run.setupError else {
            Issue.record("no cassetteMissing error")
            return
        }
        #expect(path.hasSuffix("api/absent.har.gz"))
        #expect(mode.hasPrefix("none (chosen in code"))
    }

    @Test("repeatLast from ReplayOptions is kept: the last interaction answers again", arguments: SwiftTestingHelper.allCases)
    func repeatLast(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(repeatLast: true, environment: Self.environment(folder)),
            requests: ["https://api.example.com/me", "https://api.example.com/me"])
        #expect(run.statuses == [201, 201])
        #expect(run.issues.isEmpty)
    }

    @Test(
        "latency from ReplayOptions is kept: a fixed latency delays the answer at least that long", arguments: SwiftTestingHelper.allCases)
    func latency(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(latency: .fixed(seconds: 0.25), environment: Self.environment(folder)),
            requests: ["https://api.example.com/me"])
        #expect(run.statuses == [201])
        // A lower bound only: the answer may come later on a busy machine, never sooner.
        #expect(run.elapsed >= .milliseconds(250))
    }

    @Test("redaction from ReplayOptions is kept: its provider names the re-record command", arguments: SwiftTestingHelper.allCases)
    func redaction(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(redaction: RedactionPolicy(provider: "zitadel"), environment: Self.environment(folder)),
            requests: ["https://api.example.com/you"])
        #expect(run.statuses == [0])
        #expect(run.issues.contains { $0.contains("cassette record zitadel --output") })
    }

    @Test("testName from ReplayOptions is kept in the re-record hint", arguments: SwiftTestingHelper.allCases)
    func testName(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(testName: "ProbeSuite/probe", environment: Self.environment(folder)),
            requests: ["https://api.example.com/you"])
        #expect(run.issues.contains { $0.contains("swift test --filter 'ProbeSuite/probe'") })
    }

    @Test("unusedInteractions from ReplayOptions is kept: fail lists what was never used", arguments: SwiftTestingHelper.allCases)
    func unusedInteractions(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let run = await Self.run(
            helper, options: ReplayOptions(unusedInteractions: .fail, environment: Self.environment(folder)), requests: [])
        #expect(run.issues.contains { $0.contains("cassette api/me: 1 recorded interaction was never used:") })
    }

    @Test(
        "environment from ReplayOptions is kept: CASSETTE_DIR finds the cassette, CASSETTE_RECORD_MODE sets the mode",
        arguments: SwiftTestingHelper.allCases)
    func environment(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        let found = await Self.run(
            helper, options: ReplayOptions(environment: Self.environment(folder)), requests: ["https://api.example.com/me"])
        #expect(found.statuses == [201])
        var environment = Self.environment(folder)
        environment["CASSETTE_RECORD_MODE"] = "none"
        let missing = await Self.run(helper, name: "api/absent", options: ReplayOptions(environment: environment), requests: [])
        guard case .cassetteMissing(_, let mode, _) = missing.setupError else {
            Issue.record("no cassetteMissing error")
            return
        }
        #expect(mode.hasPrefix("none (CASSETTE_RECORD_MODE=none"))
    }

    @Test(
        "maxAge and expiry from ReplayOptions are kept: an old cassette fails the test with its age and the refresh commands",
        arguments: SwiftTestingHelper.allCases)
    func maxAge(_ helper: SwiftTestingHelper) async throws {
        let folder = try Self.cassetteFolder()
        defer { folder.remove() }
        var log = try CassetteFile.read(folder.file("api/me.har.gz"))
        log.cassette = CassetteMetadata(
            source: "live", recordedAt: ExchangeTiming.timestamp(Date().addingTimeInterval(-40 * 86_400)))
        try CassetteFile.write(log, to: folder.file("api/me.har.gz"))
        let stale = await Self.run(
            helper, options: ReplayOptions(environment: Self.environment(folder), maxAge: .days(30), expiry: .fail),
            requests: ["https://api.example.com/me"])
        #expect(stale.statuses == [201])
        #expect(
            stale.issues.contains {
                $0.contains("is stale: recorded 40 days ago") && $0.contains("older than the 30 days allowed")
                    && $0.contains("cassette verify")
            })
        let fresh = await Self.run(
            helper, options: ReplayOptions(environment: Self.environment(folder), maxAge: .days(50), expiry: .fail),
            requests: ["https://api.example.com/me"])
        #expect(fresh.issues.isEmpty)
    }

    // MARK: - Running a helper

    /// Runs `requests` through `helper`, collecting what it recorded as issues.
    static func run(
        _ helper: SwiftTestingHelper, name: String = "api/me", matchers: [RequestMatcher]? = nil, options: ReplayOptions,
        requests: [String]
    ) async -> HelperRun {
        let box = HelperRunBox()
        await withKnownIssue(isIntermittent: true) {
            do {
                switch helper {
                case .withCassette:
                    try await withCassette(name, matchers: matchers, options: options) { session in
                        await fetch(requests, session: session, into: box)
                    }
                case .trait:
                    let trait = CassetteTrait.cassette(name, matchers: matchers, options: options)
                    guard let test = Test.current else {
                        Issue.record("no current test")
                        return
                    }
                    try await trait.provideScope(for: test, testCase: Test.Case.current) {
                        await fetch(requests, session: try Cassette.session, into: box)
                    }
                }
            } catch let error as ReplaySetupError {
                box.value.withLock { $0.setupError = error }
            } catch {
                Issue.record(error, "the helper failed")  // not matched below: a real failure
            }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            box.value.withLock { $0.issues.append(text) }
            return issue.error == nil || issue.error is ReplaySetupError
        }
        return box.value.withLock { $0 }
    }

    private static func fetch(_ requests: [String], session: URLSession, into box: HelperRunBox) async {
        let clock = ContinuousClock()
        let start = clock.now
        for url in requests {
            var request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let status = (try? await session.data(for: request)).map { ($0.1 as? HTTPURLResponse)?.statusCode ?? -1 } ?? 0
            box.value.withLock { $0.statuses.append(status) }
        }
        let elapsed = clock.now - start
        box.value.withLock { $0.elapsed = elapsed }
    }

    /// A folder holding `api/me.har.gz`: one `GET https://api.example.com/me` answered 201.
    static func cassetteFolder() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(CassetteTestingTests.log(), to: folder.file("api/me.har.gz"))
        return folder
    }

    static func environment(_ folder: TemporaryDirectory) -> [String: String] {
        ["CASSETTE_DIR": folder.url.path]
    }
}
