import CassetteKit
import CassetteRecording
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cassette record` (``Recorder``) and in-test recording (a ``ReplaySession`` that records) go
/// through one pipeline: these tests record the same loopback service both ways and compare.
@Suite("One recording pipeline: cassette record and in-test recording agree")
struct RecordingPipelineTests {
    static let body = #"{"user":{"id":"1","userName":"ada"}}"#

    /// Records `path` of `server` inside a test (mode `once`, no cassette yet) and returns the
    /// status the test saw.
    static func recordInTest(_ server: LoopbackHTTPServer, path: String, token: String, to file: URL) async throws -> Int {
        let replay = try ReplaySession(cassette: file, name: "test", options: ReplayOptions(recordMode: .once, environment: [:]))
        defer { replay.finish() }
        return try await fetch(replay.session, server.baseURL + path, token: token)
    }

    static func fetch(_ session: URLSession, _ url: String, token: String) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static func plan(_ server: LoopbackHTTPServer, token: String, output: URL) throws -> RecordingPlan {
        let profile = try #require(try ProviderCatalog.builtIn().profile(named: "zitadel"))
        return RecordingPlan(
            profile: profile, baseURL: try #require(URL(string: server.baseURL)), credential: token, credentialSource: "TOKEN",
            output: output)
    }

    @Test("both keep the status text, the headers, the Set-Cookie cookies and the body alike")
    func sameResponse() async throws {
        let server = try LoopbackHTTPServer { _ in .json(Self.body, headers: [("Set-Cookie", "theme=dark; Path=/")]) }
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = RandomSecret.base64url(40)
        _ = try await Recorder().record(try Self.plan(server, token: token, output: folder.file("record.har.gz")))
        let status = try await Self.recordInTest(server, path: "/auth/v1/users/me", token: token, to: folder.file("test.har.gz"))
        #expect(status == 200)

        let fromRecord = try #require(try CassetteFile.read(folder.file("record.har.gz")).entries.first)
        let fromTest = try #require(try CassetteFile.read(folder.file("test.har.gz")).entries.first)
        for response in [fromRecord.response, fromTest.response] {
            #expect(response.status == 200)
            #expect(response.statusText == "OK")
            #expect(response.cookies.map(\.name) == ["theme"])
            #expect(response.content.mimeType == "application/json")
        }
        #expect(fromTest.response.headers.map { $0.name.lowercased() } == fromRecord.response.headers.map { $0.name.lowercased() })
        #expect(fromTest.response.content.text == fromRecord.response.content.text)
        // One timestamp format for both.
        for entry in [fromRecord, fromTest] {
            #expect(entry.startedDateTime.count == "2026-01-01T00:00:00.000Z".count && entry.startedDateTime.hasSuffix("Z"))
        }
        let text =
            try IndependentReader.decompressedText(folder.file("test.har.gz"))
            + IndependentReader.decompressedText(folder.file("record.har.gz"))
        #expect(!SecretTraces.found(token, in: text), "the credential reached the disk")
    }

    @Test(
        "in-test recording never follows a redirect: each request the service answered is one interaction, and replay gives the test what recording gave"
    )
    func redirectHops() async throws {
        let server = try LoopbackHTTPServer { request in
            request.target.hasPrefix("/start")
                ? LoopbackHTTPServer.Response(
                    status: 302, headers: [("Location", "/final"), ("Content-Type", "application/json")], body: Data("{}".utf8))
                : .json(Self.body)
        }
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("redirect.har.gz")
        let token = RandomSecret.base64url(40)
        let recordedStatus = try await Self.recordInTest(server, path: "/start", token: token, to: file)

        let log = try CassetteFile.read(file)
        let first = try #require(log.entries.first)
        #expect(first.request.url.hasSuffix("/start"))
        #expect(first.response.status == 302)
        #expect(first.response.statusText == "Found")
        #expect(first.response.headers.value(named: "Location") == "/final")
        // Whatever the test's client did with the 302, no hop was taken behind its back.
        let served = server.requests
        #expect(log.entries.count == served.count)
        for (entry, request) in zip(log.entries, served) { #expect(entry.request.url.hasSuffix(request.target)) }

        let replay = try ReplaySession(cassette: file, name: "redirect", options: ReplayOptions(recordMode: .none, environment: [:]))
        defer { replay.finish() }
        let replayedStatus = try await Self.fetch(replay.session, server.baseURL + "/start", token: token)
        #expect(replayedStatus == recordedStatus)
        #expect(server.requests.count == served.count, "replay does not connect")
        #expect(replay.finish().problems.isEmpty)
    }

    @Test("cassette record refuses a redirect without following it, and writes nothing")
    func recordRefusesRedirects() async throws {
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPServer.Response(status: 302, headers: [("Location", "/elsewhere")]) }
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("me.har.gz")
        let plan = try Self.plan(server, token: RandomSecret.base64url(40), output: output)
        do throws(RecordFailure) {
            _ = try await Recorder().record(plan)
            Issue.record("a redirect was recorded")
        } catch {
            guard case .httpStatus(let status, _, _) = error else {
                Issue.record("not refused for its status")
                return
            }
            #expect(status == 302)
        }
        #expect(server.requests.count == 1, "the redirect was not followed")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
