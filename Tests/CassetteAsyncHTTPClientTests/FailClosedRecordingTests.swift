#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteServer
    import CassetteTestSupport
    import Foundation
    import Testing

    @Suite("CassetteAsyncHTTPClient: in-test recording fails closed")
    struct FailClosedRecordingTests {
        @Test("when sanitizing refuses, nothing is written and the request fails saying where, not what")
        func refusalWritesNothing() async throws {
            let emulator = try await EmulatorServer.start(providers: ["zitadel"])
            let token = try #require(emulator.credential(for: "zitadel"))
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = folder.file("zitadel/me.har.gz")
            var options = ReplayOptions(recordMode: .once, environment: [:])
            options.recordingSanitizer = LiveRecorder.Sanitizer { _, _ throws(UnsafeCassetteError) in
                throw UnsafeCassetteError(locations: ["entry 0 response body /user/id (rule test)"])
            }
            let client = try ReplayingHTTPClient(cassette: file, name: "zitadel/me", options: options)
            do {
                _ = try await IdentityService(client: client, baseURL: emulator.baseURL.absoluteString).caller(token: token)
                Issue.record("the test got a response although the cassette could not be written safely")
            } catch let error as URLError {
                #expect(error.localizedDescription.contains("nothing was written"))
                #expect(error.localizedDescription.contains("/user/id"))
                #expect(!error.localizedDescription.contains(token))
            }
            let summary = client.finish()
            await emulator.stop()
            #expect(summary.problems.count == 1)
            #expect(!FileManager.default.fileExists(atPath: file.path), "a refused recording reached the disk")
        }
    }
#endif
