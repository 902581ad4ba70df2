import CassetteKit
import Foundation

#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteReplay
    import NIOCore

    /// Row `ahc-replay-N`: time per request through AsyncHTTPClient's async API, sequential
    /// requests in the seeded order of the `replay` rows, for two answerers: our replaying client
    /// (`ReplayingHTTPClient`, the same engine as the URL protocol) and a real `HTTPClient`
    /// against a loopback server over the same cassette (`cassette serve` when given, else the
    /// in-process stand-in), the alternative a server-side user has without an injectable client.
    struct AsyncHTTPClientReplayBenchmark {
        static let available = true

        var cassette: URL
        var row: String
        var requests: Int
        var runs: Int
        var seed: UInt64
        var server: URL?
        var serverLabel: String

        func run() async throws {
            let log = try CassetteFile.read(cassette)
            let urls = ReplayBenchmark.requestOrder(log, count: requests, seed: seed)
            let standIn = server == nil ? try StandInHTTPServer.start(log: log) : nil
            defer { standIn?.stop() }
            let local = urls.compactMap(URL.init(string:)).map { url in
                (standIn?.localURL(for: url) ?? ReplayBenchmark.url(url, on: server)).absoluteString
            }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            var ours: [Double] = []
            var loopback: [Double] = []
            do {
                for _ in 0..<runs {
                    let replaying = ReplayingHTTPClient(
                        log: log, name: row, options: ReplayOptions(repeatLast: true, environment: [:]))
                    ours.append(try await perRequest(replaying, urls: urls))
                    replaying.finish()
                    loopback.append(try await perRequest(client, urls: local))
                }
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            let note = "\(log.entries.count) interactions, \(requests) sequential requests per run, body collected"
            Measurement(row: row, side: "ours", unit: "us/request", better: "lower", runs: ours, note: note).emit()
            Measurement(
                row: row, side: "HTTPClient+loopback", unit: "us/request", better: "lower", runs: loopback,
                note: server == nil ? StandInHTTPServer.description : "real HTTPClient against \(serverLabel) (release, its own process)"
            ).emit()
        }

        /// Microseconds per request after a short warm-up; every answer must be a 200 with a body.
        private func perRequest(_ client: some HTTPClientProtocol, urls: [String]) async throws -> Double {
            for url in urls.prefix(20) { try await fetch(client, url) }
            let seconds = try await Stopwatch.seconds {
                for url in urls { try await fetch(client, url) }
            }
            return seconds / Double(urls.count) * 1e6
        }

        private func fetch(_ client: some HTTPClientProtocol, _ url: String) async throws {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 64 << 20)
            guard response.status == .ok, body.readableBytes > 0 else {
                throw BenchFailure("\(url): expected a 200 answer with a body")
            }
        }
    }
#else
    /// Built without the `AsyncHTTPClient` trait: the row is not measured.
    struct AsyncHTTPClientReplayBenchmark {
        static let available = false

        var cassette: URL
        var row: String
        var requests: Int
        var runs: Int
        var seed: UInt64
        var server: URL?
        var serverLabel: String

        func run() async throws {
            throw BenchFailure(
                "cassette-bench was built without the AsyncHTTPClient trait (swift build -c release --traits AsyncHTTPClient)")
        }
    }
#endif
