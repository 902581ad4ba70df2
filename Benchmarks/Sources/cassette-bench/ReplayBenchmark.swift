import CassetteKit
import CassetteReplay
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Row 1: time per request through `URLSession`, sequential requests in a seeded random order
/// over the cassette's interactions (repeats answered with `repeatLast`), for three answerers:
/// our replay URL protocol, a constant URL protocol (the floor) and a loopback HTTP server.
struct ReplayBenchmark {
    var cassette: URL
    var row: String
    var requests: Int
    var runs: Int
    var seed: UInt64
    /// Measure our URL protocol only (for profiling with callgrind).
    var oursOnly = false
    /// A running `cassette serve` on this cassette (`http://127.0.0.1:PORT`); when `nil`, the
    /// in-process stand-in answers the loopback side.
    var server: URL? = nil
    /// What runs at ``server``, for the table's note.
    var serverLabel = "cassette serve"

    func run() async throws {
        let log = try CassetteFile.read(cassette)
        guard let first = log.entries.first else { throw BenchFailure("\(cassette.path) has no interactions") }
        let urls = requestOrder(log)
        ConstantURLProtocol.body.data = Data((first.response.content.text ?? "").utf8)

        var ours: [Double] = []
        var floor: [Double] = []
        var loopback: [Double] = []
        let standIn = server == nil ? try StandInHTTPServer.start(log: log) : nil
        defer { standIn?.stop() }
        let local = urls.map { url in standIn?.localURL(for: url) ?? Self.url(url, on: server) }
        for _ in 0..<runs {
            let replay = ReplaySession(log: log, name: row, options: ReplayOptions(repeatLast: true, environment: [:]))
            ours.append(try await perRequest(replay.session, urls: urls))
            replay.finish()
            if oursOnly { continue }

            let configuration = URLSessionConfiguration.ephemeral
            configuration.protocolClasses = [ConstantURLProtocol.self]
            let stub = URLSession(configuration: configuration)
            floor.append(try await perRequest(stub, urls: urls))
            stub.invalidateAndCancel()

            let client = URLSession(configuration: .ephemeral)
            loopback.append(try await perRequest(client, urls: local))
            client.invalidateAndCancel()
        }
        let note = "\(log.entries.count) interactions, \(requests) sequential requests per run"
        Measurement(row: row, side: "ours", unit: "us/request", better: "lower", runs: ours, note: note).emit()
        if oursOnly { return }
        Measurement(row: row, side: "constant-urlprotocol", unit: "us/request", better: "lower", runs: floor).emit()
        Measurement(
            row: row, side: "loopback-http", unit: "us/request", better: "lower", runs: loopback,
            note: server == nil ? StandInHTTPServer.description : "\(serverLabel) (release, its own process)"
        ).emit()
    }

    /// A cassette URL's path and query on a server's origin (also used by the AsyncHTTPClient rows).
    static func url(_ url: URL, on server: URL?) -> URL {
        guard let server, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.scheme = server.scheme
        components.host = server.host
        components.port = server.port
        return components.url ?? url
    }

    /// Request URLs: a seeded shuffle of every interaction's URL, cycled to `requests`.
    private func requestOrder(_ log: HAR.Log) -> [URL] {
        Self.requestOrder(log, count: requests, seed: seed).compactMap(URL.init(string:))
    }

    /// The recorded URLs in a seeded random order, cycled to `count` (shared with `match`).
    static func requestOrder(_ log: HAR.Log, count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let all = log.entries.map(\.request.url)
        guard !all.isEmpty else { return [] }
        var order: [String] = []
        while order.count < count { order += all.shuffled(using: &generator) }
        return Array(order.prefix(count))
    }

    /// Microseconds per request, after a short warm-up; every answer must be a 200 with a body.
    private func perRequest(_ session: URLSession, urls: [URL]) async throws -> Double {
        for url in urls.prefix(20) { try await fetch(session, url) }
        let seconds = try await Stopwatch.seconds {
            for url in urls { try await fetch(session, url) }
        }
        return seconds / Double(urls.count) * 1e6
    }

    private func fetch(_ session: URLSession, _ url: URL) async throws {
        let (data, response) = try await session.data(for: URLRequest(url: url))
        guard (response as? HTTPURLResponse)?.statusCode == 200, !data.isEmpty else {
            throw BenchFailure("\(url.absoluteString): expected a 200 answer with a body")
        }
    }
}

/// A small seeded generator (SplitMix64), so every side sees the same request order.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
