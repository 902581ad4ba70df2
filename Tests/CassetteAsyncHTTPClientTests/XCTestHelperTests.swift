#if AsyncHTTPClient
    import NIOCore
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteReplay
    import CassetteTestSupport
    import CassetteXCTest
    import Synchronization
    import XCTest

    /// Messages a reporter received, from any thread.
    final class FindingBox: Sendable {
        private let messages = Mutex<[String]>([])
        func append(_ message: String) { messages.withLock { $0.append(message) } }
        var all: [String] { messages.withLock { $0 } }
    }

    final class XCTestHelperTests: XCTestCase {
        func testReplayingHTTPClientAnswersAndReportsMissesAtTeardown() async throws {
            let cassettes = try CassetteFolder()
            defer { cassettes.folder.remove() }
            let findings = FindingBox()
            let reporter = CassetteFailureReporter { _, message, _, _ in findings.append(message) }
            let caller = try await withHTTPClientCassette("zitadel/me", options: cassettes.options, reporter: reporter) { client in
                let caller = try await IdentityService(client: client, baseURL: "https://acme.zitadel.cloud")
                    .caller(token: RandomSecret.base64url(86))
                _ = try? await client.execute(HTTPClientRequest(url: "https://acme.zitadel.cloud/elsewhere"), timeout: .seconds(5))
                return caller
            }
            XCTAssertEqual(caller.userName, "frances")
            XCTAssertEqual(findings.all.count, 1, "the miss is reported")
            XCTAssertTrue(findings.all.first?.contains("/elsewhere") == true)
        }
    }
#endif
