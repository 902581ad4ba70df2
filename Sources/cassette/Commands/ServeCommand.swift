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
            """
    )

    @Argument(help: "Cassette files or folders (every .har.gz, .har and .json below a folder).")
    var cassettes: [String] = []

    @Option(help: "Port to listen on (0: a free port, printed on stderr).")
    var port: UInt16 = 0

    @Option(help: "Address to bind (loopback unless --allow-non-loopback).")
    var host: String = "127.0.0.1"

    @Flag(help: "Allow binding to an address other than loopback (exposes the cassettes to the network).")
    var allowNonLoopback = false

    @Flag(help: "Serve the built-in emulator of the four services instead of cassettes.")
    var emulate = false

    @Flag(help: "Answer with the last matching interaction again once all matching ones are used.")
    var repeatLast = false

    @Option(help: "Comma-separated matchers: method, scheme, host, path, query, url, json-body, raw-body, header:NAME.")
    var match: String = "method,path,query"

    func run() async throws {
        guard LoopbackAddress.isLoopback(host) || allowNonLoopback else {
            throw CLIFailure.usage("error: refusing to bind \(host): it is not a loopback address, and the cassettes would be reachable from the network. Pass --allow-non-loopback if that is intended.")
        }
        if emulate {
            guard cassettes.isEmpty else { throw CLIFailure.usage("error: --emulate serves the emulator; drop the cassette arguments.") }
            guard LoopbackAddress.isLoopback(host) else {
                throw CLIFailure.usage("error: --emulate binds to 127.0.0.1 only; drop --host.")
            }
            let handle = try await EmulatorServer.start(providers: EmulatorServer.providers, port: port, seed: EmulatorServer.defaultSeed)
            Console.error("emulator listening on \(handle.baseURL.absoluteString); credentials: `cassette emulate --print-credentials`")
            await handle.waitUntilStopped()
            return
        }
        guard !cassettes.isEmpty else {
            throw CLIFailure.usage("error: no cassette given. Pass cassette files or folders, e.g. `cassette serve Cassettes`, or --emulate.")
        }
        let matchers = try MatcherList.parse(match)
        let responder = try CassetteResponder.load(cassettes, matchers: matchers, repeatLast: repeatLast)
        let count = responder.player.log.entries.count
        let server = try await LoopbackServer.start(host: host, port: port) { request in
            let (response, report) = responder.respond(request)
            if let report {
                Console.error("\(request.method) \(request.path) -> \(CassetteResponder.missStatus) (no match)\n\(report.description)")
            } else {
                Console.error("\(request.method) \(request.path) -> \(response.status)")
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

/// Parses `--match` lists.
enum MatcherList {
    static func parse(_ text: String) throws(CLIFailure) -> [RequestMatcher] {
        var matchers: [RequestMatcher] = []
        for raw in text.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces)
            switch name.lowercased() {
            case "method": matchers.append(.method)
            case "scheme": matchers.append(.scheme)
            case "host": matchers.append(.host)
            case "path": matchers.append(.path)
            case "query": matchers.append(.query)
            case "url": matchers.append(.url)
            case "json-body": matchers.append(.jsonBody)
            case "raw-body": matchers.append(.rawBody)
            default:
                if name.lowercased().hasPrefix("header:") {
                    matchers.append(.headers([String(name.dropFirst("header:".count))]))
                } else {
                    throw CLIFailure.usage("error: unknown matcher \"\(name)\" in --match. Known: method, scheme, host, path, query, url, json-body, raw-body, header:NAME.")
                }
            }
        }
        guard !matchers.isEmpty else { throw CLIFailure.usage("error: --match is empty.") }
        return matchers
    }
}
