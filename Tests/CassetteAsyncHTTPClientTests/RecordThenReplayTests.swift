#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteServer
    import CassetteTestSupport
    import Foundation
    import Testing

    @Suite("CassetteAsyncHTTPClient: record through a real HTTPClient, then replay offline")
    struct RecordThenReplayTests {
        @Test("mode once records the emulator's answer redacted; with CI set it replays offline, the credential nowhere in the file")
        func recordOnceThenReplayInCI() async throws {
            let emulator = try await EmulatorServer.start(providers: ["zitadel"])
            let token = try #require(emulator.credential(for: "zitadel"))
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = folder.file("Cassettes/zitadel/me.har.gz")
            let base = emulator.baseURL.absoluteString

            let recording = try ReplayingHTTPClient(
                cassette: file, name: "zitadel/me",
                options: ReplayOptions(recordMode: .once, redaction: RedactionPolicy(provider: "zitadel"), environment: [:]))
            #expect(recording.recordMode.mode == .once)
            let live = try await IdentityService(client: recording, baseURL: base).caller(token: token)
            let recorded = recording.finish()
            await emulator.stop()
            #expect(recorded.problems.isEmpty)
            #expect(live.status == 200)

            let text = try IndependentReader.decompressedText(file)
            #expect(!SecretTraces.found(token, in: text), "the credential reached the cassette")
            #expect(text.contains(live.userName))

            // Offline now (the emulator is stopped); CI forces mode none whatever is asked.
            let replaying = try ReplayingHTTPClient(
                cassette: file, name: "zitadel/me", options: ReplayOptions(recordMode: .once, environment: ["CI": "true"]))
            #expect(replaying.recordMode.mode == .none)
            let replayed = try await IdentityService(client: replaying, baseURL: base).caller(token: RandomSecret.base64url(86))
            #expect(replayed.userName == live.userName)
            #expect(replayed.id == live.id)
            #expect(replayed.contentType == live.contentType)
            let summary = replaying.finish()
            #expect(summary.problems.isEmpty)
            #expect(summary.unusedInteractions.isEmpty)
        }

        @Test("with CI set and no cassette, setting up fails saying how to record it")
        func missingCassetteInCI() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            #expect(throws: ReplaySetupError.self) {
                _ = try ReplayingHTTPClient(
                    cassette: folder.file("zitadel/me.har.gz"), name: "zitadel/me",
                    options: ReplayOptions(recordMode: .once, environment: ["CI": "1"]))
            }
        }

        @Test("a refused answer is recorded too, and replayed as it came (status and body)")
        func recordsRefusals() async throws {
            let emulator = try await EmulatorServer.start(providers: ["zitadel"])
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = folder.file("zitadel/denied.har.gz")
            let base = emulator.baseURL.absoluteString
            let recording = try ReplayingHTTPClient(
                cassette: file, name: "zitadel/denied", options: ReplayOptions(recordMode: .once, environment: [:]))
            await #expect(throws: IdentityService<ReplayingHTTPClient>.Refused.self) {
                _ = try await IdentityService(client: recording, baseURL: base).caller(token: RandomSecret.base64url(86))
            }
            recording.finish()
            await emulator.stop()
            let replaying = try ReplayingHTTPClient(
                cassette: file, name: "zitadel/denied", options: ReplayOptions(environment: ["CI": "true"]))
            defer { replaying.finish() }
            do {
                _ = try await IdentityService(client: replaying, baseURL: base).caller(token: RandomSecret.base64url(86))
                Issue.record("the replayed 401 was taken for a success")
            } catch let refused as IdentityService<ReplayingHTTPClient>.Refused {
                #expect(refused.status == 401)
            }
        }
    }
#endif
