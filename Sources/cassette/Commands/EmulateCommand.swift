import ArgumentParser
import CassetteKit
import CassetteServer
import Foundation

/// `cassette emulate`: runs the built-in emulator in the foreground until interrupted.
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Run the built-in emulator of the four services' /me endpoints on 127.0.0.1.",
        discussion: """
            Credentials are fresh and random at every start. Their values are printed only with \
            --print-credentials (as `export VAR=...` lines for a shell); stop with Ctrl-C.
            """
    )

    @Option(help: "Port on 127.0.0.1 (0: a free port).")
    var port: UInt16 = 0

    @Option(help: "Seed of the generated accounts.")
    var seed: UInt64 = EmulatorServer.defaultSeed

    @Option(parsing: .upToNextOption, help: "Providers to emulate (default: all four).")
    var provider: [String] = []

    @Flag(help: "Print `export VAR=<credential>` lines on stdout (the values are secrets of this run).")
    var printCredentials = false

    @Option(help: "Loopback address or name to bind; localhost binds 127.0.0.1 and ::1.")
    var host: String = "localhost"

    @OptionGroup var limitOptions: ServerLimitOptions

    func run() async throws {
        guard LoopbackAddresses.isLoopback(host) else {
            throw CLIFailure.usage("error: the emulator binds to loopback only; \(SafeDisplay.text(host)) is not a loopback address.")
        }
        let handle: EmulatorHandle
        do {
            handle = try await EmulatorServer.start(
                providers: provider.isEmpty ? EmulatorServer.providers : provider, host: host, port: port, seed: seed,
                limits: limitOptions.limits, log: .standardError)
        } catch {
            throw CLIFailure.usage("error: \(error)")
        }
        let catalog = try? ProviderCatalog.builtIn()
        // display-safe: numeric addresses the server bound
        Console.error("emulator listening on \(ListeningLine.urls(handle.boundAddresses)) (loopback only); Ctrl-C stops it")
        for name in handle.providers {
            let variable = catalog?.profile(named: name)?.credentialEnvironmentVariable ?? "\(name.uppercased())_TOKEN"
            let path = catalog?.profile(named: name)?.path ?? ""
            Console.error(
                "  \(name): GET \(handle.baseURL.absoluteString)\(path), credential in $\(variable): cassette record \(name) --base-url \(handle.baseURL.absoluteString)"
            )
        }
        if printCredentials {
            for name in handle.providers {
                let variable = catalog?.profile(named: name)?.credentialEnvironmentVariable ?? "\(name.uppercased())_TOKEN"
                for (index, credential) in handle.credentials(for: name).enumerated() {
                    let line = "export \(variable)='\(credential.value)'"
                    Console.out(index == 0 ? line : "# \(credential.kind): \(line)")
                }
            }
        } else {
            Console.error("credential values are not shown; run with --print-credentials to get `export` lines")
        }
        await handle.waitUntilStopped()
        if !handle.wasStopped {
            ServerLog.flushStandardError()
            throw ListeningLine.stoppedUnexpectedly
        }
    }
}
