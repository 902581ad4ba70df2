import ArgumentParser
import CassetteKit
import Foundation

/// `cassette record <provider>`: calls the provider's `/me` endpoint once with a credential from
/// the environment and writes a redacted cassette, or writes nothing and says why.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a provider's /me response into a redacted cassette.",
        discussion: """
            The credential is read only from the environment (ATOMS_API_KEY, UNLEASH_API_TOKEN, \
            WACHT_SESSION, ZITADEL_TOKEN, or --credential-env). Nothing is written on a non-2xx \
            answer (unless --accept-status), a network error, a timeout, or when redaction cannot \
            prove the result clean; an existing cassette is then left untouched.
            Exit codes: 0 recorded (or unchanged), 1 the recording failed, 2 bad usage.
            """
    )

    @Argument(help: ArgumentHelp("Provider: \(ProviderSchemas.builtInProviders.joined(separator: ", ")), or the name in --profile."))
    var provider: String

    @Option(help: "Base URL of the service (required when the provider has no public one).")
    var baseURL: String?

    @Option(help: "Environment variable holding the credential (default: the provider's).")
    var credentialEnv: String?

    @Option(help: "Cassette to write (default Cassettes/<provider>/me.har.gz).")
    var output: String?

    @Option(help: "Non-2xx statuses to record anyway, comma-separated (e.g. 401,400).")
    var acceptStatus: String?

    @Option(help: "A provider profile in JSON or YAML, for an endpoint not built in.")
    var profile: String?

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 30

    @Flag(help: "Replace personal data (emails, names, phones, avatars) with consistent fake values.")
    var pseudonymize = false

    @Flag(
        help:
            "Keep a body no redaction reader understands (an image, application/octet-stream, an unknown Content-Encoding) after the value rules and the leak check, instead of refusing to write."
    )
    var allowOpaqueBody = false

    func run() async throws {
        let plan = try makePlan(environment: ProcessInfo.processInfo.environment)
        RecordingConsole.calling(plan)
        do throws(RecordFailure) {
            let outcome = try await Recorder().record(plan)
            RecordingConsole.outcome(outcome)
        } catch {
            throw CLIFailure(code: Self.exitCode(for: error), message: SafeDisplay.location(error.description))
        }
    }

    static func exitCode(for failure: RecordFailure) -> Int32 {
        switch failure {
        case .missingCredential, .invalidBaseURL: return 2
        default: return 1
        }
    }

    private func makePlan(environment: [String: String]) throws -> RecordingPlan {
        var catalog: ProviderCatalog
        do throws(ProviderProfileError) {
            catalog = try ProviderCatalog.builtIn()
        } catch {
            throw CLIFailure.usage("error: \(error.description)")
        }
        if let profile { catalog = catalog.adding(try ProfileFileLoader.load(profile)) }
        guard let chosen = catalog.profile(named: provider) else {
            throw CLIFailure.usage(
                "error: unknown provider \"\(SafeDisplay.text(provider))\"; known: \(catalog.names.joined(separator: ", ")). For another endpoint, describe it in a file and pass --profile FILE."
            )
        }
        guard timeout > 0, timeout.isFinite else {
            throw CLIFailure.usage("error: --timeout must be a positive number of seconds.")
        }
        guard let base = baseURL ?? chosen.defaultBaseURL else {
            throw CLIFailure.usage("error: \(chosen.name) has no public base URL; pass --base-url https://your-\(chosen.name)-host.")
        }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIFailure.usage("error: --base-url must be an http(s) URL such as https://example.com.")
        }
        let variable = credentialEnv ?? chosen.credentialEnvironmentVariable
        guard let credential = environment[variable], !credential.isEmpty else {
            throw CLIFailure.usage(RecordFailure.missingCredential(variable: variable, provider: chosen.name).description)
        }
        var accepted: Set<Int> = []
        for part in (acceptStatus ?? "").split(separator: ",") {
            guard let code = Int(part.trimmingCharacters(in: .whitespaces)), (100...599).contains(code) else {
                throw CLIFailure.usage("error: --accept-status takes HTTP status codes separated by commas, e.g. 401,400.")
            }
            accepted.insert(code)
        }
        let outputPath = output ?? "Cassettes/\(chosen.name)/me.\(CassetteFile.fileExtension)"
        var plan = RecordingPlan(
            profile: chosen, baseURL: url, credential: credential, credentialSource: "$\(variable)",
            output: URL(fileURLWithPath: outputPath), acceptedStatuses: accepted, timeout: timeout, source: "live",
            pseudonymize: pseudonymize)
        plan.allowOpaqueBodies = allowOpaqueBody
        return plan
    }
}
