import CassetteKit
public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Why a loopback server could not start.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public let port: UInt16
    public let detail: String
    /// The host asked for (display-safe).
    public var host: String = "127.0.0.1"
    public var description: String {
        port == 0
            ? "could not start a server on \(host): \(detail)"
            : "could not listen on \(LoopbackAddresses.hostPort(host, port: Int(port))): \(detail). Choose another --port, or 0 for a free one."
    }
}

/// A real HTTP/1.1 server (SwiftNIO) on the addresses a host stands for, routing every request
/// to one handler: the shared plumbing of `cassette serve` and the emulator.
///
/// It runs on SwiftNIO's own event-loop threads (one per core), never on Swift's cooperative
/// pool, so tests that block that pool do not starve it. Each request is answered on its
/// connection's event loop, bounded by ``ServerLimits``: oversized request lines (414), headers
/// (431) and bodies (413, read as a stream and never buffered past the limit), slow requests
/// (408), idle connections (closed) and connections past the limit (503). A failed accept (out of
/// file descriptors) is logged and retried; the server keeps serving.
public final class LoopbackServer: Sendable {
    /// `http://<address>:<port>` of the first address bound (`127.0.0.1` for `0.0.0.0`).
    public let baseURL: URL
    /// The port actually listened on (a free one when 0 was asked).
    public let port: UInt16
    /// Every `address:port` listened on (`127.0.0.1:8080`, `[::1]:8080`).
    public let boundAddresses: [String]
    private let channels: [any Channel]
    private let stopping = Atomic<Bool>(false)

    private init(channels: [any Channel], addresses: [String], port: UInt16) {
        self.channels = channels
        self.port = port
        boundAddresses = addresses.map { LoopbackAddresses.hostPort($0, port: Int(port)) }
        let first = addresses.first ?? "127.0.0.1"
        let reachable = first == "0.0.0.0" ? "127.0.0.1" : first == "::" ? "::1" : first
        baseURL = URL(string: "http://\(LoopbackAddresses.hostPort(reachable, port: Int(port)))") ?? URL(fileURLWithPath: "/")
    }

    /// Starts listening on every address `host` stands for (``LoopbackAddresses/resolve(_:)``;
    /// default `127.0.0.1`) on `port` (0: a free one, the same for every address) and returns
    /// once connections are accepted. Callers decide whether a non-loopback `host` is allowed
    /// (`cassette serve` refuses one without `--allow-non-loopback`). With `localhost`, `::1` is
    /// bound when the machine has IPv6 and skipped (logged) otherwise.
    public static func start(
        host: String = "127.0.0.1", port: UInt16 = 0, limits: ServerLimits = ServerLimits(), log: ServerLog = .silent,
        handler: @escaping ServerHandler
    ) async throws(ServerStartError) -> LoopbackServer {
        let shownHost = SafeDisplay.text(host)
        let addresses = LoopbackAddresses.resolve(host)
        guard !addresses.isEmpty else {
            throw ServerStartError(port: port, detail: "\(shownHost) does not resolve to an address", host: shownHost)
        }
        let connections = ConnectionCount(limit: limits.maxConnections)
        var channels: [any Channel] = []
        var bound: [String] = []
        var chosenPort = Int(port)
        var failures: [String] = []
        for address in addresses {
            do {
                let channel = try await bootstrap(limits: limits, connections: connections, log: log, handler: handler)
                    .bind(host: address, port: chosenPort).get()
                if chosenPort == 0, let actual = channel.localAddress?.port { chosenPort = actual }
                channels.append(channel)
                bound.append(address)
            } catch {
                failures.append("\(LoopbackAddresses.hostPort(address, port: chosenPort)): \(Self.reason(error))")
            }
        }
        guard !channels.isEmpty else {
            throw ServerStartError(port: port, detail: failures.joined(separator: "; "), host: shownHost)
        }
        for failure in failures { log("not listening on \(failure)") }
        return LoopbackServer(channels: channels, addresses: bound, port: UInt16(chosenPort))
    }

    private static func bootstrap(
        limits: ServerLimits, connections: ConnectionCount, log: ServerLog, handler: @escaping ServerHandler
    ) -> ServerBootstrap {
        let decoderLimits = {
            var configuration = NIOHTTPDecoderLimitConfiguration()
            configuration.maxHeaderFieldSize = max(limits.maxHeaderBytes, limits.maxRequestLineBytes)
            configuration.maxHeaderListSize = limits.maxHeaderBytes + limits.maxRequestLineBytes
            configuration.maxHeaderFieldCount = limits.maxHeaderCount
            return configuration
        }()
        return ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler(shouldForwardIOErrorCaught: true))
                    try channel.pipeline.syncOperations.addHandler(AcceptFailureLog(log: log))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let admitted = connections.admit()
                if admitted {
                    channel.closeFuture.whenComplete { _ in connections.release() }
                }
                return channel.eventLoop.makeCompletedFuture {
                    let progress = RequestProgress()
                    let operations = channel.pipeline.syncOperations
                    let connection = HTTPConnectionHandler(handler: handler, limits: limits, progress: progress, refuse: !admitted)
                    let timeout = admitted ? limits.requestTimeout : min(limits.requestTimeout, 1)
                    try operations.addHandler(IdleStateHandler(readTimeout: .nanoseconds(Int64(limits.idleTimeout * 1e9))))
                    try operations.addHandler(
                        RequestWatcher(
                            progress: progress, timeout: .nanoseconds(Int64(timeout * 1e9)),
                            answer: .requestTimeout(limits.requestTimeout)))
                    try operations.addHandler(HTTPResponseEncoder())
                    try operations.addHandler(
                        ByteToMessageHandler(
                            HTTPRequestDecoder(
                                leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop, limitConfiguration: decoderLimits))
                    )
                    try operations.addHandler(connection)
                }
            }
    }

    private static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return SafeDisplay.text("\(error)")
    }

    /// Stops listening; connections already open are closed by their timeouts or their clients.
    public func stop() async {
        stopping.store(true, ordering: .relaxed)
        for channel in channels { try? await channel.close() }
    }

    /// Whether ``stop()`` was asked for (otherwise a return from ``waitUntilStopped()`` means
    /// the listening socket failed).
    public var wasStopped: Bool { stopping.load(ordering: .relaxed) }

    /// Runs until every listening socket is closed (by ``stop()``, or because it failed).
    public func waitUntilStopped() async {
        for channel in channels { try? await channel.closeFuture.get() }
    }
}
