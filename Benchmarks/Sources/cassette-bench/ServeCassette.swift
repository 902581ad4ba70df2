import CassetteKit
import CassetteServer
import Foundation

/// The loopback side of row 1 without the root `cassette` binary: the library behind
/// `cassette serve CASSETTE --port 0 --repeat-last` (``CassetteResponder`` on ``LoopbackServer``,
/// one stderr line per request, like the command), in its own process. Prints
/// `serving N interaction(s) on http://127.0.0.1:PORT` on stderr and runs until killed.
struct ServeCassette {
    var cassette: String

    func run() async throws {
        let responder = try CassetteResponder.load([cassette], repeatLast: true)
        let server = try await LoopbackServer.start(port: 0) { request in
            let (response, report) = responder.respond(request)
            let line = report == nil ? "\(request.method) \(request.path) -> \(response.status)\n" : "\(request.method) \(request.path) -> no match\n"
            FileHandle.standardError.write(Data(line.utf8))
            return response
        }
        FileHandle.standardError.write(Data("serving \(responder.player.log.entries.count) interaction(s) on \(server.baseURL.absoluteString)\n".utf8))
        await server.waitUntilStopped()
    }
}
