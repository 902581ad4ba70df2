import ArgumentParser
import CassetteKit
import CassetteReplay
import CassetteServer
import CassetteSynth
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cassette demo`: the main job with no credentials and no network. Starts the emulator on a
/// random loopback port, records the four services through the same `Recorder` as
/// `cassette record`, then audits the cassettes, validates their bodies against the providers'
/// schemas and replays one through `URLSession`, as a test would.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record the four services from the built-in emulator, show what was redacted, audit and validate.",
        discussion: """
            Writes <output-dir>/<provider>/me.har.gz with _cassette.source "emulator". The accounts \
            come from a fixed seed and the timestamps are fixed, so running it again leaves the \
            files byte-identical. Exit codes: 0 all recorded and clean, 1 a recording, audit or \
            validation failed, 2 bad usage.
            """
    )

    @Option(help: "Folder to write the cassettes into.")
    var outputDir: String = "Cassettes"

    @Option(help: "Seed of the emulated accounts.")
    var seed: UInt64 = EmulatorServer.defaultSeed

    func run() async throws {
        let catalog: ProviderCatalog
        do throws(ProviderProfileError) {
            catalog = try ProviderCatalog.builtIn()
        } catch {
            throw CLIFailure.usage("error: \(error.description)")
        }
        let handle: EmulatorHandle
        do {
            handle = try await EmulatorServer.start(seed: seed)
        } catch {
            throw CLIFailure.finding("error: the emulator did not start: \(error)")
        }
        Console.error("emulator on \(handle.baseURL.absoluteString) with throw-away credentials (never shown)")
        var lines: [String] = []
        var failures = 0
        for name in EmulatorServer.providers {
            guard let profile = catalog.profile(named: name), let credential = handle.credential(for: name) else { continue }
            let output = URL(fileURLWithPath: outputDir).appendingPathComponent(name).appendingPathComponent(
                "me.\(CassetteFile.fileExtension)")
            let plan = RecordingPlan(
                profile: profile, baseURL: handle.baseURL, credential: credential,
                credentialSource: "the emulator's throw-away \(profile.credentialEnvironmentVariable)", output: output,
                timeout: 30, source: "emulator", fixedTimestamp: EmulatorServer.recordedAt,
                recordedBaseURL: EmulatorServer.publicBaseURL(for: name))
            RecordingConsole.calling(plan)
            do throws(RecordFailure) {
                let outcome = try await Recorder().record(plan)
                RecordingConsole.outcome(outcome)
                let checks = Self.check(output, provider: name)
                if !checks.clean { failures += 1 }
                let state: String
                switch outcome.change {
                case .created: state = "written"
                case .unchanged: state = "unchanged"
                case .replaced: state = "replaced"
                }
                lines.append(
                    "\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(output.path)  HTTP \(outcome.status)  \(state)  \(outcome.redaction.items.count) redacted  \(checks.summary)"
                )
            } catch {
                failures += 1
                Console.error(error.description)
                lines.append("\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) FAILED: \(error.description)")
            }
        }
        await handle.stop()
        for line in lines { Console.out(line) }
        if failures == 0 {
            let replayed = await Self.replay(
                URL(fileURLWithPath: outputDir).appendingPathComponent("zitadel/me.\(CassetteFile.fileExtension)"))
            Console.out(replayed.line)
            if !replayed.ok { failures += 1 }
        }
        if failures > 0 {
            throw CLIFailure.finding(
                "error: \(failures) of \(EmulatorServer.providers.count) demo recordings failed or did not pass the audit/validation above."
            )
        }
    }

    /// Replays a cassette through a real `URLSession` with the replay protocol (no network, no
    /// emulator: it is stopped by now), as a test would, with a throw-away credential.
    private static func replay(_ file: URL) async -> (ok: Bool, line: String) {
        do {
            let log = try CassetteFile.read(file)
            guard let entry = log.entries.first, let url = URL(string: entry.request.url) else {
                return (false, "replay: \(file.path) holds no interaction")
            }
            let replay = try ReplaySession(cassette: file, options: ReplayOptions(recordMode: RecordMode.none))
            defer { _ = replay.finish() }
            var request = URLRequest(url: url)
            request.setValue("Bearer replay-only-\(UUID().uuidString)", forHTTPHeaderField: "Authorization")
            let (data, response) = try await replay.session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let same = data == entry.response.content.bodyData
            return (
                status == entry.response.status && same,
                "replayed \(file.path) through URLSession: GET \(url.absoluteString) → HTTP \(status), \(data.count) bytes\(same ? ", the recorded body" : ", NOT the recorded body")"
            )
        } catch {
            return (false, "replay of \(file.path) failed: \(error)")
        }
    }

    /// Reads the written cassette back, audits it and validates its body against the schema.
    private static func check(_ file: URL, provider: String) -> (clean: Bool, summary: String) {
        let log: HAR.Log
        do throws(CassetteError) {
            log = try CassetteFile.read(file)
        } catch {
            Console.error("  cannot read back \(file.path): \(error.description)")
            return (false, "unreadable")
        }
        var clean = true
        let findings = SecretAuditor().audit(log, file: file.path)
        for finding in findings {
            Console.error("  audit: \(SafeDisplay.location(finding.location)) (\(finding.ruleID))")
        }
        if !findings.isEmpty { clean = false }
        var validation = "no schema"
        if let text = log.entries.first?.response.content.text, let body = try? JSONParser.parse(text),
            let schema = try? ProviderSchemas.me(for: provider), let validator = try? JSONSchemaValidator(schema: schema)
        {
            let errors = validator.validate(body)
            for error in errors.prefix(5) { Console.error("  schema: \(error.description)") }
            validation = errors.isEmpty ? "schema valid" : "\(errors.count) schema errors"
            if !errors.isEmpty { clean = false }
        }
        return (clean, "\(findings.isEmpty ? "audit clean" : "\(findings.count) audit findings"), \(validation)")
    }
}
