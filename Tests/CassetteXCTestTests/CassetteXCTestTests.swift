import CassetteKit
import CassetteReplay
import CassetteTestSupport
import CassetteXCTest
import Foundation
import Synchronization
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Collects what the helpers would have failed the test with.
final class CollectedFailures: Sendable {
    private let messages = Mutex<[(isFailure: Bool, message: String)]>([])

    var reporter: CassetteFailureReporter {
        CassetteFailureReporter { [self] isFailure, message, _, _ in messages.withLock { $0.append((isFailure, message)) } }
    }

    var failures: [String] { messages.withLock { $0.filter(\.isFailure).map(\.message) } }
    var warnings: [String] { messages.withLock { $0.filter { !$0.isFailure }.map(\.message) } }
}

final class CassetteXCTestTests: XCTestCase {
    private var folder: TemporaryDirectory?
    private let teardownFailures = CollectedFailures()
    private var expectTeardownReport = false

    override func setUpWithError() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(
            HAR.Log(entries: [
                HAR.Entry(
                    startedDateTime: "2026-01-01T00:00:00.000Z", request: .incoming(method: "GET", url: "https://api.example.com/me"),
                    response: HAR.Response(status: 200, content: HAR.Content(body: Data(#"{"id":"1"}"#.utf8), mimeType: "application/json"))
                ),
                HAR.Entry(
                    startedDateTime: "2026-01-01T00:00:01.000Z", request: .incoming(method: "GET", url: "https://api.example.com/other"),
                    response: HAR.Response(status: 200, content: HAR.Content(body: Data("{}".utf8), mimeType: "application/json"))),
            ]),
            to: folder.file("api/me.har.gz"))
        self.folder = folder
    }

    override func tearDown() {
        // Teardown blocks (where replaySession reports) have run by now.
        if expectTeardownReport {
            let failures = teardownFailures.failures
            XCTAssertEqual(failures.count, 1)
            XCTAssertTrue(failures.first?.contains("no recorded interaction matches GET https://api.example.com/missing") == true)
            XCTAssertTrue(failures.first?.contains("CASSETTE_RECORD_MODE=rewrite swift test --filter") == true)
            XCTAssertEqual(teardownFailures.warnings.count, 1, "the unused interaction is a warning")
        }
        folder?.remove()
    }

    private var options: ReplayOptions {
        ReplayOptions(environment: ["CASSETTE_DIR": folder?.url.path ?? "/nonexistent"])
    }

    func testReplaySessionAnswersFromTheCassette() async throws {
        let collected = CollectedFailures()
        let session = try replaySession(cassette: "api/me", mode: RecordMode.none, options: options, reporter: collected.reporter)
        let (data, response) = try await session.data(from: XCTUnwrap(URL(string: "https://api.example.com/me")))
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(data, Data(#"{"id":"1"}"#.utf8))
        XCTAssertTrue(collected.failures.isEmpty)
    }

    func testReplaySessionReportsMissesAtTeardown() async throws {
        expectTeardownReport = true
        var options = options
        options.unusedInteractions = .warn
        let session = try replaySession(cassette: "api/me", mode: RecordMode.none, options: options, reporter: teardownFailures.reporter)
        // The code under test swallows the error: the test must fail anyway, at tear-down.
        _ = try? await session.data(from: XCTUnwrap(URL(string: "https://api.example.com/missing")))
        _ = try await session.data(from: XCTUnwrap(URL(string: "https://api.example.com/me")))
        XCTAssertTrue(teardownFailures.failures.isEmpty, "reported at tear-down, not before")
    }

    func testWithCassetteFailsWithTheNearMissReport() async throws {
        let collected = CollectedFailures()
        var options = options
        options.unusedInteractions = .fail
        let status = try await withCassette("api/me", mode: RecordMode.none, options: options, reporter: collected.reporter) { session in
            let url = try XCTUnwrap(URL(string: "https://api.example.com/me?page=2"))
            do {
                _ = try await session.data(from: url)
                return 0
            } catch let error as URLError {
                XCTAssertNotNil(error.nearMissReport)
                return error.code.rawValue
            }
        }
        XCTAssertEqual(status, URLError.Code.resourceUnavailable.rawValue)
        XCTAssertEqual(collected.failures.count, 2, "the miss and the unused interactions")
        let report = collected.failures.first ?? ""
        XCTAssertTrue(report.contains("[FAIL] url: query differs in page"), report)
        XCTAssertTrue(report.contains("query + request:  page=2"), report)
        XCTAssertTrue(report.contains("swift test --filter 'CassetteXCTestTests/testWithCassetteFailsWithTheNearMissReport'"), report)
        XCTAssertTrue(collected.failures.last?.contains("2 recorded interactions were never used") == true)
    }

    func testMissingCassetteThrowsASetupError() {
        XCTAssertThrowsError(try replaySession(cassette: "api/absent", mode: RecordMode.none, options: options)) { error in
            guard case .cassetteMissing(let path, _, _) = error as? ReplaySetupError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(path.hasSuffix("api/absent.har.gz"))
        }
    }

    func testFailureTextHidesSecretsInTheRequest() async throws {
        let collected = CollectedFailures()
        let pathSecret = RandomSecret.alphanumeric(40)
        let querySecret = RandomSecret.base64url(43)
        try await withCassette("api/me", mode: RecordMode.none, options: options, reporter: collected.reporter) { session in
            let url = try XCTUnwrap(URL(string: "https://api.example.com/me/\(pathSecret)?state=\(querySecret)"))
            _ = try? await session.data(from: url)
        }
        let text = collected.failures.joined(separator: "\n") + collected.warnings.joined(separator: "\n")
        XCTAssertFalse(SecretTraces.found(pathSecret, in: text), "the path secret reached the failure text")
        XCTAssertFalse(SecretTraces.found(querySecret, in: text), "the query secret reached the failure text")
        XCTAssertTrue(text.contains("GET https://api.example.com/me/<hidden:token>?state=<hidden:token>"))
    }

    func testFilterNames() {
        XCTAssertEqual(CassetteFailureReporter.filterName(forTestNamed: "-[ProfileTests testMe]"), "ProfileTests/testMe")
        XCTAssertEqual(CassetteFailureReporter.filterName(forTestNamed: "ProfileTests.testMe"), "ProfileTests/testMe")
    }
}
