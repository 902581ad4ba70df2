import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Record modes against a real loopback server")
struct RecordModeTests {
    /// A server answering `/a` and `/b` with JSON naming the path and a counter.
    static func server(tag: String = "live") throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            .json(#"{"served":"\#(request.target)","tag":"\#(tag)"}"#, headers: [("X-Served-By", "loopback")])
        }
    }

    static func cassette(in folder: TemporaryDirectory, server: LoopbackHTTPServer, paths: [String], body: String = "recorded") throws
        -> URL
    {
        let file = folder.file("Cassettes/api/me.har.gz")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let entries = paths.map { ReplayFixtures.entry("GET", server.baseURL + $0, body: #"{"served":"\#($0)","tag":"\#(body)"}"#) }
        try CassetteFile.write(ReplayFixtures.log(entries), to: file)
        return file
    }

    @Test("none: a miss fails with the cassette's report and never connects, even to a listening port")
    func noneNeverConnects() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder, server: server, paths: ["/a"])
        let replay = try ReplaySession(cassette: file, name: "api/me", options: ReplayFixtures.options(.none))
        defer { replay.finish() }
        let (hit, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/a"))
        #expect(String(decoding: hit, as: UTF8.self).contains("recorded"))
        do {
            _ = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/b"))
            Issue.record("a request the cassette does not hold was answered in mode none")
        } catch let error as URLError {
            #expect(error.code == .resourceUnavailable)
            #expect(error.nearMissReport != nil)
        }
        #expect(server.connectionCount == 0, "mode none connected to the network")
        #expect(server.requests.isEmpty)
        #expect(replay.problems.map(\.kind) == [.miss])
    }

    @Test("none: a request to a port nothing listens on fails with the cassette's error, not a connection error")
    func noneAgainstClosedPort() async throws {
        let closed = try Self.server()
        let port = closed.port
        closed.stop()
        let replay = ReplaySession(log: ReplayFixtures.log([]), name: "empty")
        defer { replay.finish() }
        do {
            _ = try await Fetch.completion(replay.session, ReplayFixtures.request(url: "http://127.0.0.1:\(port)/me"))
            Issue.record("answered")
        } catch let error as URLError {
            #expect(error.code == .resourceUnavailable)
            #expect(error.code != .cannotConnectToHost)
            #expect(error.nearMissReport?.description.contains("The cassette holds no interactions") == true)
        }
    }

    @Test("none: a missing cassette is a setup error naming the file and how to record it")
    func noneMissingCassette() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/none.har.gz")
        let error = #expect(throws: ReplaySetupError.self) {
            _ = try ReplaySession(cassette: file, name: "api/none", options: ReplayFixtures.options(.none))
        }
        guard case .cassetteMissing(let path, _, let rerecord) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == file.path)
        #expect(rerecord.contains { $0.hasPrefix("CASSETTE_RECORD_MODE=rewrite") })
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test("once: records when the cassette is missing, then replays without the network")
    func once() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/once.har.gz")

        let recording = try ReplaySession(cassette: file, name: "api/once", options: ReplayFixtures.options(.once))
        let (live, response) = try await Fetch.async(recording.session, ReplayFixtures.request(url: server.baseURL + "/a"))
        #expect(String(decoding: live, as: UTF8.self) == #"{"served":"/a","tag":"live"}"#)
        #expect(response.value(forHTTPHeaderField: "X-Served-By") == "loopback")
        recording.finish()
        #expect(server.connectionCount == 1)
        let written = try CassetteFile.read(file)
        #expect(written.entries.count == 1)
        #expect(written.entries.first?.request.url == server.baseURL + "/a")
        #expect(written.cassette?.source == "test")

        let replaying = try ReplaySession(cassette: file, name: "api/once", options: ReplayFixtures.options(.once))
        defer { replaying.finish() }
        let (replayed, _) = try await Fetch.completion(replaying.session, ReplayFixtures.request(url: server.baseURL + "/a"))
        #expect(replayed == live)
        await #expect(throws: URLError.self) {
            _ = try await Fetch.async(replaying.session, ReplayFixtures.request(url: server.baseURL + "/b"))
        }
        #expect(server.connectionCount == 1, "once with an existing cassette behaves like none")
    }

    @Test("newEpisodes: replays what matches, records and appends the rest")
    func newEpisodes() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder, server: server, paths: ["/a"])
        let replay = try ReplaySession(cassette: file, name: "api/me", options: ReplayFixtures.options(.newEpisodes))
        let (a, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/a"))
        let (b, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: server.baseURL + "/b"))
        replay.finish()
        #expect(String(decoding: a, as: UTF8.self) == #"{"served":"/a","tag":"recorded"}"#)
        #expect(String(decoding: b, as: UTF8.self) == #"{"served":"/b","tag":"live"}"#)
        #expect(server.requests.map(\.target) == ["/b"])
        let written = try CassetteFile.read(file)
        #expect(written.entries.map { URL(string: $0.request.url)?.path } == ["/a", "/b"])
    }

    @Test("rewrite: discards the cassette and records every request anew")
    func rewrite() async throws {
        let server = try Self.server(tag: "fresh")
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder, server: server, paths: ["/a", "/b"])
        let replay = try ReplaySession(cassette: file, name: "api/me", options: ReplayFixtures.options(.rewrite))
        let (a, _) = try await Fetch.completion(replay.session, ReplayFixtures.request(url: server.baseURL + "/a"))
        replay.finish()
        #expect(String(decoding: a, as: UTF8.self) == #"{"served":"/a","tag":"fresh"}"#)
        let written = try CassetteFile.read(file)
        #expect(written.entries.count == 1, "the old /a and /b are gone")
        #expect(written.entries.first?.response.content.text == #"{"served":"/a","tag":"fresh"}"#)
    }

    @Test("CI set makes none the default, overrides a mode chosen in code, and CASSETTE_RECORD_MODE opts in")
    func ciForcesNone() throws {
        #expect(try ResolvedRecordMode(requested: .automatic, environment: ["CI": "true"]).mode == .none)
        let overridden = try ResolvedRecordMode(requested: .once, environment: ["CI": "1"])
        #expect(overridden.mode == .none)
        #expect(overridden.description.contains("CI is set"))
        #expect(overridden.description.contains("CASSETTE_RECORD_MODE"))
        #expect(
            try ResolvedRecordMode(requested: .automatic, environment: ["CI": "true", "CASSETTE_RECORD_MODE": "newEpisodes"]).mode
                == .newEpisodes)
        #expect(try ResolvedRecordMode(requested: .automatic, environment: ["CI": "false"]).mode == .once)
        #expect(try ResolvedRecordMode(requested: .automatic, environment: [:]).mode == .once)
        #expect(try ResolvedRecordMode(requested: .none, environment: ["CASSETTE_RECORD_MODE": "rewrite"]).mode == .rewrite)
        #expect(throws: ReplaySetupError.invalidRecordMode("sometimes")) {
            _ = try ResolvedRecordMode(requested: .automatic, environment: ["CASSETTE_RECORD_MODE": "sometimes"])
        }
        for (raw, mode) in [("none", RecordMode.none), ("ONCE", .once), ("new_episodes", .newEpisodes), ("all", .rewrite)] {
            #expect(RecordMode(rawValue: raw) == mode)
        }
        // `.none` is the mode, never an absent optional: it wins over the default outside CI.
        #expect(ReplayOptions(recordMode: .none).recordMode == RecordMode.none)
        #expect(try ResolvedRecordMode(requested: .none, environment: [:]).mode == RecordMode.none)
        #expect(ReplayOptions().recordMode == .automatic)
    }

    @Test("CI set: a session that asks for once does not record a missing cassette")
    func ciDoesNotRecord() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("Cassettes/api/ci.har.gz")
        #expect(throws: ReplaySetupError.self) {
            _ = try ReplaySession(cassette: file, name: "api/ci", options: ReplayFixtures.options(.once, environment: ["CI": "true"]))
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
