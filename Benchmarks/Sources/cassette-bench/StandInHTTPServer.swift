import CassetteKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal loopback HTTP/1.1 server (POSIX sockets, one thread per connection, keep-alive,
/// TCP_NODELAY, each response in one `send`) answering from a ``CassettePlayer``: the stand-in
/// for `cassette serve` until it exists. The player sees the cassette's own URL: the request's
/// path and query on the first interaction's origin.
///
/// Not FlyingFox: FlyingFox 0.27.1 does not set TCP_NODELAY and writes head and body apart, so
/// with the client's delayed ACK every request waited about 40 ms here.
final class StandInHTTPServer: Sendable {
    static let description = "minimal POSIX loopback HTTP server over CassettePlayer (stand-in for `cassette serve`)"

    let port: UInt16
    private let listener: Int32

    private init(port: UInt16, listener: Int32) {
        self.port = port
        self.listener = listener
    }

    /// Starts a server on 127.0.0.1 and an ephemeral port.
    static func start(log: HAR.Log) throws -> StandInHTTPServer {
        let player = CassettePlayer(
            log: log, options: CassettePlayer.Options(repeatLast: true, context: ReplayContext(cassetteName: "loopback")))
        let origin = log.entries.first.flatMap { URL(string: $0.request.url) }.map { "\($0.scheme ?? "https")://\($0.host ?? "")" } ?? ""
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw BenchFailure("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchFailure("cannot listen on 127.0.0.1") }
        let port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                var one: Int32 = 1
                setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                Thread.detachNewThread { serve(connection, player: player, origin: origin) }
            }
        }
        return StandInHTTPServer(port: port, listener: listener)
    }

    /// The loopback URL with the same path and query as a cassette URL.
    func localURL(for url: URL) -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(port)
        return components.url ?? url
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Answers requests on one connection until the client closes it (requests have no body:
    /// the benchmark only sends GETs).
    private static func serve(_ connection: Int32, player: CassettePlayer, origin: String) {
        defer { close(connection) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            guard let headEnd = pending.firstRange(of: end) else {
                let count = recv(connection, &buffer, buffer.count, 0)
                if count <= 0 { return }
                pending += buffer[0..<count]
                continue
            }
            let head = String(decoding: pending[..<headEnd.lowerBound], as: UTF8.self)
            pending.removeSubrange(..<headEnd.upperBound)
            let parts = head.prefix { $0 != "\r" }.split(separator: " ")
            guard parts.count >= 2 else { return }
            let incoming = HAR.Request(method: String(parts[0]), url: origin + parts[1])
            var status = 404
            var body = Data()
            var mimeType = "text/plain"
            if case .answer(let playback) = player.answer(incoming) {
                status = playback.entry.response.status
                body = Data((playback.entry.response.content.text ?? "").utf8)
                mimeType = playback.entry.response.content.mimeType
            }
            var response = Data("HTTP/1.1 \(status) X\r\nContent-Type: \(mimeType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            response.append(body)
            let sent = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent != response.count { return }
        }
    }
}
