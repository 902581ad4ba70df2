import CassetteKit
import FlyingFox
import FlyingSocks
import Foundation

/// Why a loopback server could not start.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public let port: UInt16
    public let detail: String
    public var description: String {
        port == 0
            ? "could not start a server on 127.0.0.1: \(detail)"
            : "could not listen on 127.0.0.1:\(port): \(detail). Choose another --port, or 0 for a free one."
    }
}

/// A real HTTP server bound to 127.0.0.1 only, routing every request to one handler. The shared
/// plumbing of `cassette serve` and the emulator.
public final class LoopbackServer: Sendable {
    /// `http://<host>:<port>` (`127.0.0.1` unless another host was chosen).
    public let baseURL: URL
    /// The port actually listened on (a free one when 0 was asked).
    public let port: UInt16
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(server: HTTPServer, host: String, port: UInt16, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
        baseURL = URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Starts listening on `host:port` (default `127.0.0.1`; 0: a free port) and returns once
    /// connections are accepted. Callers decide whether a non-loopback `host` is allowed
    /// (`cassette serve` refuses one without `--allow-non-loopback`).
    public static func start(host: String = "127.0.0.1", port: UInt16 = 0, handler: @escaping ServerHandler) async throws(ServerStartError) -> LoopbackServer {
        let address: sockaddr_in
        do {
            address = try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw ServerStartError(port: port, detail: "invalid address")
        }
        let configuration = HTTPServer.Configuration(
            address: address, timeout: 30, pool: NoDelaySocketPool(base: HTTPServer.defaultPool()), logger: .disabled)
        let server = HTTPServer(config: configuration, handler: FlyingFoxAdapter(handler: handler))
        let task = Task<Void, any Error> {
            try await server.run()
        }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            let reason: String
            if case .failure(let failure) = await task.result {
                reason = "\(failure)"
            } else {
                reason = "\(error)"
            }
            throw ServerStartError(port: port, detail: "the server did not start listening (\(reason))")
        }
        guard case .ip4(_, let actual)? = await server.listeningAddress else {
            task.cancel()
            await server.stop()
            throw ServerStartError(port: port, detail: "the port is in use or not available")
        }
        return LoopbackServer(server: server, host: host == "0.0.0.0" ? "127.0.0.1" : host, port: actual, task: task)
    }

    /// Stops listening and closes connections.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }

    /// Runs until the surrounding task is cancelled (for foreground commands).
    public func waitUntilStopped() async {
        _ = await task.result
    }
}

/// Turns FlyingFox requests into ``ServerRequest`` and ``ServerResponse`` back. One catch-all
/// handler: routing happens in the handler, on method and path.
private struct FlyingFoxAdapter: HTTPHandler {
    let handler: ServerHandler

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [HAR.NameValue] = []
        for (name, value) in request.headers {
            headers.append(HAR.NameValue(name: name.rawValue, value: value))
        }
        let body = try await request.bodyData
        let incoming = ServerRequest(
            method: request.method.rawValue, path: request.path,
            query: request.query.map { HAR.NameValue(name: $0.name, value: $0.value) }, headers: headers, body: body)
        let answer = await handler(incoming)
        var outgoing = HTTPHeaders()
        for header in answer.headers {
            outgoing.addValue(header.value, for: HTTPHeader(header.name))
        }
        return HTTPResponse(
            statusCode: HTTPStatusCode(answer.status, phrase: HTTPStatusPhrase.phrase(for: answer.status)), headers: outgoing,
            body: answer.body)
    }
}

/// Reason phrases for the statuses the servers send.
enum HTTPStatusPhrase {
    static func phrase(for status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status \(status)"
        }
    }
}
