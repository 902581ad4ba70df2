import ArgumentParser
import CassetteKit
import CassetteServer
import Foundation

/// `cassette serve CASSETTE_OR_DIR... [--port N] [--host 127.0.0.1]`: replays cassettes over
/// real HTTP, for curl, other languages' test suites and front-end dev servers.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Replay cassettes over HTTP on loopback (or run the emulator with --emulate).",
        discussion: """
            Requests are matched on method, path and query (order ignored), and identical requests \
            replay in recorded order, as with the URL protocol. A request that matches nothing gets \
            status 599 with the near-miss report as a JSON body; the report is logged on stderr too. \
            Binds to 127.0.0.1; another address needs --allow-non-loopback.
            With --emulate, the arguments name the services to emulate (default: all four), e.g. \
            `cassette serve --emulate wacht`.
            """
    )

    @Argument(help: "Cassette files or folders (every .har.gz, .har and .json below a folder); with --emulate, service names.")
    var cassettes: [String] = []

    @Option(help: "Port to listen on (0: a free port, printed on stderr).")
    var port: UInt16 = 0

    @Option(help: "Address to bind (loopback unless --allow-non-loopback).")
    var host: String = "127.0.0.1"

    @Flag(help: "Allow binding to an address other than loopback (exposes the cassettes to the network).")
    var allowNonLoopback = false

    @Flag(help: "Serve the built-in emulator instead of cassettes: the services named as arguments, or all four.")
    var emulate = false

    @Flag(help: "Answer with the last matching interaction again once all matching ones are used.")
    var repeatLast = false

    @Option(help: "Comma-separated matchers: method, scheme, host, path, query, url, jsonBody, rawBody, header:NAME.")
    var matchers: String = "method,path,query"

    func run() async throws {
        guard LoopbackAddress.isLoopback(host) || allowNonLoopback else {
            throw CLIFailure.usage("error: refusing to bind \(SafeDisplay.text(host)): it is not a loopback address, and the cassettes would be reachable from the network. Pass --allow-non-loopback if that is intended.")
        }
        if emulate {
            guard LoopbackAddress.isLoopback(host) else {
                throw CLIFailure.usage("error: --emulate binds to 127.0.0.1 only; drop --host.")
            }
            let unknown = cassettes.filter { !EmulatorServer.providers.contains($0) }
            guard unknown.isEmpty else {
                throw CLIFailure.usage(
                    "error: with --emulate the arguments name services; \(unknown.map(SafeDisplay.text).joined(separator: ", ")) is not one of \(EmulatorServer.providers.joined(separator: ", ")).")
            }
            let handle = try await EmulatorServer.start(
                providers: cassettes.isEmpty ? EmulatorServer.providers : cassettes, port: port, seed: EmulatorServer.defaultSeed)
            Console.error(
                "emulator of \(handle.providers.joined(separator: ", ")) listening on \(handle.baseURL.absoluteString); its credentials are fresh "
                    + "and not shown (`cassette emulate --print-credentials` runs the emulator and prints them)")
            await handle.waitUntilStopped()
            return
        }
        guard !cassettes.isEmpty else {
            throw CLIFailure.usage("error: no cassette given. Pass cassette files or folders, e.g. `cassette serve Cassettes`, or --emulate.")
        }
        let responder = try CassetteResponder.load(cassettes, matchers: try MatcherList.parse(matchers), repeatLast: repeatLast)
        let count = responder.player.log.entries.count
        let server = try await LoopbackServer.start(host: host, port: port) { request in
            let (response, report) = responder.respond(request)
            if let report {
                Console.error("\(SafeDisplay.text(request.method)) \(SafeDisplay.url(request.path)) -> \(CassetteResponder.missStatus) (no match)\n\(report.description)")
            } else {
                Console.error("\(SafeDisplay.text(request.method)) \(SafeDisplay.url(request.path)) -> \(response.status)")
            }
            return response
        }
        Console.error("serving \(count) interaction(s) on \(server.baseURL.absoluteString)")
        await server.waitUntilStopped()
    }
}

/// Whether an address is a loopback one.
enum LoopbackAddress {
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
