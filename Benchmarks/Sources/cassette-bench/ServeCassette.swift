import CassetteKit
import CassetteServer
import Foundation

/// The loopback side of the serve rows without the root `cassette` binary: exactly what
/// `cassette serve CASSETTE --host 127.0.0.1 --port 0` runs (``CassetteResponder`` and its
/// `serverHandler`, logging one stderr line per request, on ``LoopbackServer`` with the default
/// limits), in its own process. Prints `serving N interaction(s) on http://127.0.0.1:PORT` on
/// stderr and runs until killed.
struct ServeCassette {
    var cassette: String

    func run() async throws {
        let log = ServerLog.standardError
        let responder = try CassetteResponder.load([cassette])
        let server = try await LoopbackServer.start(host: "127.0.0.1", port: 0, log: log, handler: responder.serverHandler(log: log))
        log(
            "serving \(responder.player.log.entries.count) interaction(s) on http://\(server.boundAddresses.joined(separator: " and http://"))"
        )
        await server.waitUntilStopped()
    }
}
