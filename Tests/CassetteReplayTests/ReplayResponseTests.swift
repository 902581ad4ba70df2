import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Replay through URLSession returns what was recorded")
struct ReplayResponseTests {
    @Test("status, headers and body bytes, with async/await and with a completion handler", arguments: ["async", "completion"])
    func statusHeadersAndBody(style: String) async throws {
        let binary = Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let log = ReplayFixtures.log([
            ReplayFixtures.entry(
                "GET", "https://api.example.com/v1/me", status: 203, body: #"{"id":"42","name":"Ada"}"#,
                responseHeaders: [
                    HAR.NameValue(name: "X-Request-Id", value: "req-1"),
                    HAR.NameValue(name: "Content-Encoding", value: "gzip"),
                ]),
            ReplayFixtures.entry("GET", "https://api.example.com/avatar.png", status: 200, bodyData: binary, mimeType: "image/png"),
            ReplayFixtures.entry("GET", "https://api.example.com/v1/missing", status: 404, body: #"{"error":"not found"}"#),
        ])
        let replay = ReplaySession(log: log, name: "inline")
        defer { replay.finish() }

        let (body, response) = try await Fetch.by(style, replay.session, ReplayFixtures.request(url: "https://api.example.com/v1/me"))
        #expect(response.statusCode == 203)
        #expect(body == Data(#"{"id":"42","name":"Ada"}"#.utf8))
        #expect(response.value(forHTTPHeaderField: "X-Request-Id") == "req-1")
        #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json")
        // The stored body is decoded: no Content-Encoding, and Content-Length is what is sent.
        #expect(response.value(forHTTPHeaderField: "Content-Encoding") == nil)
        #expect(response.value(forHTTPHeaderField: "Content-Length") == String(body.count))

        let (image, imageResponse) = try await Fetch.by(
            style, replay.session, ReplayFixtures.request(url: "https://api.example.com/avatar.png"))
        #expect(imageResponse.statusCode == 200)
        #expect(image == binary)

        let (_, notFound) = try await Fetch.by(style, replay.session, ReplayFixtures.request(url: "https://api.example.com/v1/missing"))
        #expect(notFound.statusCode == 404, "a recorded error status is replayed as is, not turned into an error")
    }

    @Test("the recorded HTTP version is what the protocol answers with")
    func httpVersion() throws {
        let entry = ReplayFixtures.entry("GET", "https://api.example.com/v1/me", httpVersion: "HTTP/2")
        let player = CassettePlayer(log: ReplayFixtures.log([entry]), options: .init(context: ReplayContext(cassetteName: "v")))
        guard case .answer(let playback) = player.answer(.incoming(method: "GET", url: "https://api.example.com/v1/me")) else {
            Issue.record("no answer")
            return
        }
        #expect(playback.entry.response.httpVersion == "HTTP/2")
        // Foundation's HTTPURLResponse takes the version but offers no accessor for it on any
        // platform; the builder must still hand it over and keep status and body.
        let url = try #require(URL(string: "https://api.example.com/v1/me"))
        let (response, body) = ResponseBuilder.build(playback.entry.response, url: url)
        #expect(response?.statusCode == 200)
        #expect(body == Data("{}".utf8))
    }

    @Test("simulated latency from the recorded timings delays the answer but keeps it")
    func recordedLatency() async throws {
        let log = ReplayFixtures.log([ReplayFixtures.entry("GET", "https://api.example.com/slow", body: "[1]", time: 200)])
        let replay = ReplaySession(log: log, name: "latency", options: ReplayOptions(latency: .recorded, environment: [:]))
        defer { replay.finish() }
        let clock = ContinuousClock()
        let start = clock.now
        let (body, response) = try await Fetch.async(replay.session, ReplayFixtures.request(url: "https://api.example.com/slow"))
        // A lower bound only: a busy machine may answer later, never sooner than recorded.
        #expect(clock.now - start >= .milliseconds(200))
        #expect(response.statusCode == 200)
        #expect(body == Data("[1]".utf8))
        #expect(ReplayLatency.recorded.delay(for: log.entries[0]) == 0.2)
        #expect(ReplayLatency.scaled(0.5).delay(for: log.entries[0]) == 0.1)
    }

    @Test("a request through a finished session fails with the cassette's explanation, not a network error")
    func finishedSession() async throws {
        let replay = ReplaySession(log: ReplayFixtures.log([ReplayFixtures.entry("GET", "https://api.example.com/a")]), name: "done")
        let configuration = replay.makeConfiguration()
        replay.finish()
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        do {
            _ = try await Fetch.async(session, ReplayFixtures.request(url: "https://api.example.com/a"))
            Issue.record("a finished session answered")
        } catch let error as URLError {
            #expect(error.code == .resourceUnavailable)
            #expect(error.localizedDescription.contains("already finished"))
        }
    }
}
