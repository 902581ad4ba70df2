import CassetteKit
import FlyingFox
import FlyingSocks
import Foundation

/// A minimal loopback HTTP server answering from a ``CassettePlayer`` (FlyingFox, the library
/// `cassette serve` is built on), standing in for `cassette serve` until it exists. The player
/// sees the cassette's own URL: the request's path and query on the first interaction's origin.
final class LoopbackServer: Sendable {
    static let description = "minimal FlyingFox loopback server over CassettePlayer (stand-in for `cassette serve`)"

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    let port: UInt16

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16) {
        self.server = server
        self.task = task
        self.port = port
    }

    /// Starts a server on 127.0.0.1 and an ephemeral port.
    static func start(log: HAR.Log) async throws -> LoopbackServer {
        let player = CassettePlayer(
            log: log, options: CassettePlayer.Options(repeatLast: true, context: ReplayContext(cassetteName: "loopback")))
        let origin = log.entries.first.flatMap { URL(string: $0.request.url) }.map { "\($0.scheme ?? "https")://\($0.host ?? "")" } ?? ""
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled,
            handler: PlayerHandler(player: player, origin: origin))
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw BenchFailure("the loopback server did not report its port")
        }
        return LoopbackServer(server: server, task: task, port: port)
    }

    /// The loopback URL with the same path and query as a cassette URL.
    func localURL(for url: URL) -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(port)
        return components.url ?? url
    }

    func stop() async {
        await server.stop()
        task.cancel()
    }
}

private struct PlayerHandler: HTTPHandler {
    let player: CassettePlayer
    let origin: String

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.query.isEmpty ? "" : "?" + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let incoming = HAR.Request(method: request.method.rawValue, url: origin + request.path + query)
        guard case .answer(let playback) = player.answer(incoming) else {
            return HTTPResponse(statusCode: HTTPStatusCode(404, phrase: "Not Found"))
        }
        let response = playback.entry.response
        var headers = HTTPHeaders()
        headers[HTTPHeader("Content-Type")] = response.content.mimeType
        return HTTPResponse(
            statusCode: HTTPStatusCode(response.status, phrase: response.statusText),
            headers: headers, body: Data((response.content.text ?? "").utf8))
    }
}
