import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Recording inside a test: the test gets the real response, the disk the sanitized one")
struct InTestRecordingTests {
    static func secretServer(_ secret: String) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { _ in .json(#"{"name":"Ada","access_token":"\#(secret)"}"#) }
    }

    @Test("the test receives the real body; the file holds what Redaction.sanitize made of it")
    func writesTheSanitizedCassette() async throws {
        let secret = RandomSecret.base64url(48)
        let token = RandomSecret.base64url(40)
        let server = try Self.secretServer(secret)
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/me.har.gz")
        var options = ReplayFixtures.options(.once)
        options.redaction = RedactionPolicy(knownSecrets: [token])
        let replay = try ReplaySession(cassette: file, name: "api/me", options: options)
        let (body, _) = try await Fetch.async(
            replay.session, ReplayFixtures.request(url: server.baseURL + "/me", headers: ["Authorization": "Bearer \(token)"]))
        replay.finish()
        #expect(String(decoding: body, as: UTF8.self).contains(secret), "the test sees the real response")
        #expect(server.requests.first?.header("Authorization") == "Bearer \(token)", "the real request went out unchanged")

        let written = try CassetteFile.read(file)
        // What is on disk is a fixed point of sanitizing: it went through Redaction.sanitize.
        #expect(try Redaction.sanitize(written, policy: options.redaction) == written)
        let text = try IndependentReader.decompressedText(file)
        // A regression in redaction fails here: no known-issue guard.
        #expect(!SecretTraces.found(secret, in: text), "a response secret reached the disk")
        #expect(!SecretTraces.found(token, in: text), "the request token reached the disk")
    }

    @Test("the sanitizer's output is what is written, and the player answers from it")
    func sanitizedOutputIsWritten() async throws {
        let secret = RandomSecret.base64url(48)
        let server = try Self.secretServer(secret)
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/me.har.gz")
        var options = ReplayFixtures.options(.once)
        options.recordingSanitizer = LiveRecorder.Sanitizer { log, _ in
            var log = log
            for index in log.entries.indices {
                log.entries[index].response.content = HAR.Content(
                    body: Data(#"{"name":"Ada","access_token":"REDACTED_1"}"#.utf8), mimeType: "application/json")
            }
            return log
        }
        let replay = try ReplaySession(cassette: file, name: "api/me", options: options)
        let (body, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/me"))
        replay.finish()
        #expect(String(decoding: body, as: UTF8.self).contains(secret))
        let text = try IndependentReader.decompressedText(file)
        #expect(!text.contains(secret))
        #expect(text.contains("REDACTED_1"))
    }

    @Test("when sanitizing refuses, nothing is written and the request fails saying where, not what")
    func failClosed() async throws {
        let secret = RandomSecret.base64url(48)
        let server = try Self.secretServer(secret)
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/me.har.gz")
        var options = ReplayFixtures.options(.once)
        options.recordingSanitizer = LiveRecorder.Sanitizer { _, _ throws(UnsafeCassetteError) in
            throw UnsafeCassetteError(locations: ["entry 0 response body /access_token (rule key:access_token)"])
        }
        let replay = try ReplaySession(cassette: file, name: "api/me", options: options)
        defer { replay.finish() }
        do {
            _ = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/me"))
            Issue.record("the test got a response although the cassette could not be written safely")
        } catch let error as URLError {
            #expect(error.code == .resourceUnavailable)
            #expect(error.localizedDescription.contains("nothing was written"))
            #expect(error.localizedDescription.contains("/access_token"))
            #expect(!error.localizedDescription.contains(secret))
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)) ?? []
        #expect(leftovers.isEmpty, "no temporary file left")
        #expect(replay.problems.map(\.kind) == [.recordingFailed])
    }
}
