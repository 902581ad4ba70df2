import FlyingSocks
import Foundation

/// FlyingFox's default socket pool, with Nagle's algorithm turned off on every socket it waits on.
///
/// FlyingFox writes a response's header and body in two writes. With Nagle on, the body waits
/// for the client's delayed ACK of the header: about 40 ms per request on Linux loopback.
/// `TCP_NODELAY` is set on the listening socket before its first accept (accepted sockets
/// inherit it) and again on each connection socket the pool suspends.
struct NoDelaySocketPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Best effort: a socket that refuses the option (not TCP) is served as before.
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: Int32(TCP_NODELAY)))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
