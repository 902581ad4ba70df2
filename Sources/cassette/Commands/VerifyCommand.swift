import ArgumentParser
import CassetteKit
import CassetteServer
import CassetteSynth
import CassetteVerify
import Foundation

/// `cassette verify [CASSETTE_OR_DIR...]`: calls each cassette's endpoint live through the
/// recording pipeline and reports, by place and kind, where the answer drifted from the
/// cassette; `--update` re-records what drifted.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check cassettes against the live service and report drift (places and kinds, never values).",
        discussion: """
            For each cassette with a known provider (_cassette.provider), calls the same endpoint \
            as `cassette record` (credential from the environment only, redirects refused), \
            redacts the answer the same way and compares it with the cassette: status, header \
            names, the JSON body's structure (members added or removed, a kind of value changed, \
            a new enum value, an array that became empty or non-empty), and the live body \
            against the provider's schema. The base URL is the cassette's _cassette.baseURL \
            unless that is the emulator's or an example address (then pass --base-url, or \
            --emulate). With no argument, verifies Cassettes/.
            With --max-age, cassettes recorded longer ago are named too.
            Exit codes: 0 nothing drifted, 1 something drifted (or is older than --max-age), 2 bad usage, a missing or \
            refused credential, an unreachable service, or nothing to verify.
            """
    )

    @Argument(help: "Cassettes (.har.gz, .har) or folders holding them (default: Cassettes).")
    var paths: [String] = []

    @Option(help: "Base URL of the service, instead of the cassette's _cassette.baseURL.")
    var baseURL: String?

    @Option(help: "Environment variable holding the credential (default: the provider's, e.g. ZITADEL_TOKEN).")
    var credentialEnv: String?

    @Option(help: "A provider profile in JSON or YAML, for cassettes of an endpoint not built in.")
    var profile: String?

    @Option(help: "Seconds to wait for each answer.")
    var timeout: Double = 30

    @Option(help: "Report format: text or json.")
    var format: String = "text"

    @Option(
        help:
            "Also report cassettes recorded longer ago than this (90d, 12w, 36h), from _cassette.recordedAt; they count as findings (exit 1)."
    )
    var maxAge: String?

    @Flag(
        help: "Re-record the cassettes that drifted, atomically, through the recorder (unchanged content leaves the file byte-identical).")
    var update = false

    @Flag(help: "Verify against the built-in emulator (no credentials, no network).")
    var emulate = false

    @Option(
        help:
            "With --emulate: the emulator answers with this drift, e.g. remove:/lastLogin,retype:/user/details/sequence (see `EmulatorDrift`)."
    )
    var emulatorDrift: String?

    func run() async throws {
        guard ["text", "json"].contains(format) else {
            throw CLIFailure.usage("error: --format takes text or json, not \"\(SafeDisplay.text(format))\".")
        }
        guard timeout > 0, timeout.isFinite else { throw CLIFailure.usage("error: --timeout must be a positive number of seconds.") }
        guard emulatorDrift == nil || emulate else { throw CLIFailure.usage("error: --emulator-drift needs --emulate.") }
        guard !(emulate && baseURL != nil) else { throw CLIFailure.usage("error: --emulate and --base-url cannot be used together.") }
        let base = try baseURL.map(Self.parseBaseURL)
        let age = try maxAge.map { text throws(CLIFailure) -> CassetteMaxAge in
            guard let parsed = CassetteMaxAge(parsing: text) else {
                throw CLIFailure.usage("error: --max-age takes a duration such as 90d, 12w or 36h, not \"\(SafeDisplay.text(text))\".")
            }
            return parsed
        }
        let cassettes = try CassetteDiscovery.find(paths.isEmpty ? ["Cassettes"] : paths)
        guard !cassettes.isEmpty else {
            throw CLIFailure.usage(
                "error: no cassette (.har.gz, .har) found in \(paths.isEmpty ? "Cassettes" : paths.map(SafeDisplay.text).joined(separator: ", "))."
            )
        }
        var verifier = try makeVerifier(baseURL: base)
        verifier.options.maxAge = age
        var emulator: EmulatorHandle?
        if emulate {
            let drift = try emulatorDrift.map { text throws(CLIFailure) -> EmulatorDrift in
                do throws(EmulatorError) { return try EmulatorDrift(parsing: text) } catch {
                    throw CLIFailure.usage("error: --emulator-drift: \(error.description)")
                }
            }
            let handle: EmulatorHandle
            do {
                let emulations = Emulation.builtIn.map { emulation in drift.map(emulation.drifted) ?? emulation }
                handle = try await EmulatorServer.start(emulations: emulations)
            } catch {
                throw CLIFailure.usage("error: the emulator did not start: \(error)")
            }
            emulator = handle
            var credentials: [String: String] = [:]
            for name in handle.providers { credentials[name] = handle.credential(for: name) }
            verifier.options.standIn = StandInService(
                baseURL: handle.baseURL, credentials: credentials, source: "emulator", fixedTimestamp: EmulatorServer.recordedAt)
            Console.error(
                "verifying against the built-in emulator on \(handle.baseURL.absoluteString) (throw-away credentials, never shown)")
        }
        var results: [VerificationResult] = []
        for cassette in cassettes {
            let result = await verifier.verify(cassette.url, name: cassette.name)
            if format == "text" { Console.out(result.line) }
            results.append(result)
        }
        await emulator?.stop()
        let report = VerifyReport(results: results)
        if format == "json" {
            Console.outData(JSONSerializer.data(report.json, style: .pretty))
            Console.out("")
        } else {
            Console.out(report.summary)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private static func parseBaseURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIFailure.usage("error: --base-url must be an http(s) URL such as https://example.com.")
        }
        return url
    }

    private func makeVerifier(baseURL: URL?) throws -> CassetteVerifier {
        var verifier: CassetteVerifier
        do {
            verifier = try CassetteVerifier.builtIn(
                options: VerifyOptions(
                    baseURL: baseURL, credentialVariable: credentialEnv, environment: ProcessInfo.processInfo.environment,
                    timeout: timeout, update: update))
        } catch {
            throw CLIFailure.usage("error: the built-in providers could not be loaded: \(error)")
        }
        if let profile {
            let loaded = try ProfileFileLoader.load(profile)
            verifier.catalog = verifier.catalog.adding(loaded)
            if let schema = loaded.schema {
                let folder = URL(fileURLWithPath: profile).deletingLastPathComponent()
                let success = try SchemaFile.load(folder.appendingPathComponent(schema).path)
                let failure = try loaded.errorSchema.map { path throws(CLIFailure) in
                    try SchemaFile.load(folder.appendingPathComponent(path).path)
                }
                verifier.schemas[loaded.name] = CassetteConformance(success: success, failure: failure)
            }
        }
        return verifier
    }
}

/// The cassettes named on the command line: files as given, folders searched (sorted) for
/// `.har.gz` and `.har` files. Each is named for reports by its path below the folder given (at
/// least its folder and file name), without the extension: `zitadel/me`.
enum CassetteDiscovery {
    struct Found {
        let url: URL
        let name: String
    }

    static func find(_ paths: [String]) throws -> [Found] {
        var found: [Found] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CLIFailure.usage("error: \(SafeDisplay.text(path)): no such file or folder.")
            }
            let url = URL(fileURLWithPath: path)
            if !isFolder.boolValue {
                found.append(Found(url: url, name: stem(url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent)))
                continue
            }
            let root = url.standardizedFileURL.path
            var files: [URL] = []
            if let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) {
                for case let file as URL in walker where isCassette(file.lastPathComponent) { files.append(file) }
            }
            for file in files.sorted(by: { $0.path < $1.path }) {
                let full = file.standardizedFileURL.path
                var relative = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : file.lastPathComponent
                if !relative.contains("/") { relative = url.standardizedFileURL.lastPathComponent + "/" + relative }
                found.append(Found(url: file, name: stem(relative)))
            }
        }
        return found
    }

    static func isCassette(_ name: String) -> Bool { name.hasSuffix(".har.gz") || name.hasSuffix(".har") }

    static func stem(_ name: String) -> String {
        for suffix in [".har.gz", ".har"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }
}
