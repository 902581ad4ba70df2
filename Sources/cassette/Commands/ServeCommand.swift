import ArgumentParser
import CassetteKit
import CassetteServer
import Foundation

/// `cassette serve CASSETTE_OR_DIR... [--port N] [--host localhost]`: replays cassettes over
/// real HTTP, for curl, other languages' test suites and front-end dev servers.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Replay cassettes over HTTP on loopback (or run the emulator with --emulate).",
        discussion: """
            Requests are matched on method, path and query (order ignored). Identical requests get \
            the recorded answers in recorded order, then the last one again, as HTTP clients expect \
            of a server; --strict answers each recorded interaction once. A request that matches \
            nothing gets status 599 with the near-miss report as a JSON body; the report is logged \
            on stderr too, secret-looking values masked. Binds to loopback (localhost: 127.0.0.1 \
            and ::1); another address needs --allow-non-loopback. Requests are bounded (see the \
            --max-* and --*-timeout options): too long a request line gets 414, too many or too \
            large headers 431, too large a body 413, too slow a request 408, one connection too \
            many 503.
            With --emulate, the arguments name the services to emulate (default: all four), e.g. \
            `cassette serve --emulate wacht`.
            """
    )

    @Argument(help: "Cassette files or folders (every .har.gz, .har and .json below a folder); with --emulate, service names.")
    var cassettes: [String] = []

    @Option(help: "Port to listen on (0: a free port, printed on stderr).")
    var port: UInt16 = 0

    @Option(help: "Address or name to bind (loopback unless --allow-non-loopback); localhost binds 127.0.0.1 and ::1.")
    var host: String = "localhost"

    @Flag(help: "Allow binding to an address other than loopback (exposes the cassettes to the network).")
    var allowNonLoopback = false

    @Flag(help: "Serve the built-in emulator instead of cassettes: the services named as arguments, or all four.")
    var emulate = false

    @Flag(help: "Answer each recorded interaction once: a request whose matches are all used gets 599.")
    var strict = false

    @Flag(help: ArgumentHelp("The default now (kept for old scripts): repeat the last matching answer.", visibility: .hidden))
    var repeatLast = false

    @Option(help: "Comma-separated matchers: method, scheme, host, path, query, url, jsonBody, rawBody, header:NAME.")
    var matchers: String = "method,path,query"

    @OptionGroup var limitOptions: ServerLimitOptions

    func run() async throws {
        let loopback = LoopbackAddresses.isLoopback(host)
        guard loopback || allowNonLoopback else {
            throw CLIFailure.usage(
                "error: refusing to bind \(SafeDisplay.text(host)): it is not a loopback address (or does not resolve), and the cassettes would be reachable from the network. Pass --allow-non-loopback if that is intended."
            )
        }
        if emulate {
            guard loopback else {
                throw CLIFailure.usage("error: --emulate binds to loopback only; drop --host.")
            }
            let unknown = cassettes.filter { !EmulatorServer.providers.contains($0) }
            guard unknown.isEmpty else {
                throw CLIFailure.usage(
                    "error: with --emulate the arguments name services; \(unknown.map(SafeDisplay.text).joined(separator: ", ")) is not one of \(EmulatorServer.providers.joined(separator: ", "))."
                )
            }
            let handle = try await EmulatorServer.start(
                providers: cassettes.isEmpty ? EmulatorServer.providers : cassettes, host: host, port: port,
                seed: EmulatorServer.defaultSeed, limits: limitOptions.limits, log: .standardError)
            // display-safe: provider names from the catalog and numeric addresses the server bound
            Console.error(
                "emulator of \(handle.providers.joined(separator: ", ")) listening on \(ListeningLine.urls(handle.boundAddresses)); its credentials are fresh "
                    + "and not shown (`cassette emulate --print-credentials` runs the emulator and prints them)")
            await handle.waitUntilStopped()
            if !handle.wasStopped {
                ServerLog.flushStandardError()
                throw ListeningLine.stoppedUnexpectedly
            }
            return
        }
        guard !cassettes.isEmpty else {
            throw CLIFailure.usage(
                "error: no cassette given. Pass cassette files or folders, e.g. `cassette serve Cassettes`, or --emulate.")
        }
        let limits = limitOptions.limits
        let responder = try CassetteResponder.load(
            cassettes, matchers: try MatcherList.parse(matchers), repeatLast: !strict, maxReportBytes: limits.maxReportBytes)
        let count = responder.player.log.entries.count
        let server = try await LoopbackServer.start(
            host: host, port: port, limits: limits, log: .standardError, handler: responder.serverHandler(log: .standardError))
        let exposure = loopback ? "" : " (not loopback: reachable from the network)"
        // display-safe: numeric addresses the server bound
        Console.error("serving \(count) interaction(s) on \(ListeningLine.urls(server.boundAddresses))\(exposure)")
        await server.waitUntilStopped()
        if !server.wasStopped {
            ServerLog.flushStandardError()
            throw ListeningLine.stoppedUnexpectedly
        }
    }
}

/// How the servers name where they listen, and the error when they stop by themselves.
enum ListeningLine {
    /// `http://127.0.0.1:8080 and http://[::1]:8080`: every address really bound.
    static func urls(_ boundAddresses: [String]) -> String {
        boundAddresses.map { "http://\($0)" }.joined(separator: " and ")
    }

    static let stoppedUnexpectedly = CLIFailure(
        code: 3, message: "error: the server stopped listening by itself (its listening socket failed); start it again")
}
