public import CassetteKit
public import CassetteSynth
public import Foundation

/// `cassette verify`: calls, for a cassette with a known provider, the same endpoint as
/// `cassette record` through the same recording pipeline (credential from the environment only,
/// redirects refused, the answer sanitized exactly as a recording would be), and compares the
/// sanitized answer with the cassette: status, header names, the JSON body's structure, and the
/// live body against the provider's schema. With ``VerifyOptions/update``, a drifted cassette is
/// re-recorded atomically through the recorder's write stage.
///
/// Nothing but sanitized answers is compared or kept, and the report names places and kinds of
/// change, never values.
public struct CassetteVerifier: Sendable {
    /// The providers, built in and from `--profile`.
    public var catalog: ProviderCatalog
    /// The schema checker of a provider's bodies, when it has schemas.
    public var schemas: [String: CassetteConformance]
    /// How to reach the services.
    public var options: VerifyOptions

    /// Creates a verifier.
    public init(catalog: ProviderCatalog, schemas: [String: CassetteConformance], options: VerifyOptions) {
        self.catalog = catalog
        self.schemas = schemas
        self.options = options
    }

    /// A verifier over the built-in providers and their shipped schemas.
    public static func builtIn(options: VerifyOptions) throws -> CassetteVerifier {
        let catalog = try ProviderCatalog.builtIn()
        var schemas: [String: CassetteConformance] = [:]
        for provider in ProviderSchemas.builtInProviders {
            schemas[provider] = try CassetteConformance(provider: ProviderValidators(provider: provider))
        }
        return CassetteVerifier(catalog: catalog, schemas: schemas, options: options)
    }

    /// Verifies the cassette at `file`, named `name` in the report; with
    /// ``VerifyOptions/maxAge``, also says whether it is older than that.
    public func verify(_ file: URL, name: String) async -> VerificationResult {
        var result = await verifyLive(file, name: name)
        if let maxAge = options.maxAge, let log = try? CassetteFile.read(file) {
            result.staleness = CassetteStaleness.check(log, maxAge: maxAge)
        }
        return result
    }

    private func verifyLive(_ file: URL, name: String) async -> VerificationResult {
        func result(_ verdict: VerificationResult.Verdict, provider: String? = nil) -> VerificationResult {
            VerificationResult(name: name, path: file.path, provider: provider, verdict: verdict)
        }
        let log: HAR.Log
        do throws(CassetteError) {
            log = try CassetteFile.read(file)
        } catch {
            return result(.notVerified("the cassette cannot be read: \(error.description)"))
        }
        guard let providerName = log.cassette?.provider else {
            return result(.skipped("no provider in _cassette.provider (an in-test or imported cassette); nothing to call"))
        }
        guard let profile = catalog.profile(named: providerName) else {
            return result(
                .skipped("provider \"\(providerName)\" is not known; pass its profile with --profile FILE"), provider: providerName)
        }
        guard let recorded = VerifyTarget.entry(in: log, profile: profile) else {
            return result(
                .skipped("no interaction with \(profile.method) \(profile.path), the endpoint `cassette record \(profile.name)` calls"),
                provider: providerName)
        }
        let plan: RecordingPlan
        switch makePlan(log: log, profile: profile, file: file) {
        case .success(let made): plan = made
        case .failure(let reason): return result(.notVerified(reason.message), provider: providerName)
        }
        let captured: CapturedCassette
        do throws(RecordFailure) {
            captured = try await Recorder().capture(plan)
        } catch {
            return result(.notVerified(Self.reason(for: error)), provider: providerName)
        }
        guard let live = captured.entry else {
            return result(.notVerified("the recording pipeline returned no interaction"), provider: providerName)
        }
        if [401, 403].contains(live.response.status), !(400..<500).contains(recorded.response.status) {
            return result(
                .notVerified(
                    "the credential in \(plan.credentialSource) was refused (HTTP \(live.response.status)); export a valid one. Nothing was compared."
                ),
                provider: providerName)
        }
        let drifts = AnswerComparison.drifts(recorded: recorded, live: live, schema: schemas[providerName])
        var verdict = VerificationResult(
            name: name, path: file.path, provider: providerName, verdict: drifts.isEmpty ? .noDrift : .drifted(drifts))
        if options.update, !drifts.isEmpty {
            verdict.update = update(file, log: log, recorded: recorded, captured: captured, plan: plan)
        }
        return verdict
    }

    /// Re-records a drifted cassette through the recorder's write stage, when the live status is
    /// the recorded one (a cassette of a success is never replaced by an outage's error page).
    private func update(_ file: URL, log: HAR.Log, recorded: HAR.Entry, captured: CapturedCassette, plan: RecordingPlan)
        -> VerificationResult.Update
    {
        guard captured.status == recorded.response.status else {
            return .refused(
                "the service answered HTTP \(captured.status), the cassette holds HTTP \(recorded.response.status); re-record by hand with `cassette record \(plan.profile.name) --accept-status \(captured.status) --output \(file.path)` if that is intended"
            )
        }
        guard log.entries.count == 1 else {
            return .refused("the cassette holds \(log.entries.count) interactions; re-record it with the test that made it")
        }
        do throws(RecordFailure) {
            let outcome = try Recorder().store(captured, plan: plan)
            return outcome.change == .unchanged ? .unchanged : .rewritten
        } catch {
            return .refused(error.description)
        }
    }

    struct PlanFailure: Error {
        let message: String
    }

    /// The recording plan for a cassette: the stand-in, `--base-url` or the cassette's own base
    /// URL; the credential from the environment (or the stand-in); every status accepted (the
    /// comparison judges it); the cassette's stored base URL, source and pseudonymization kept.
    func makePlan(log: HAR.Log, profile: ProviderProfile, file: URL) -> Result<RecordingPlan, PlanFailure> {
        let base: URL
        let credential: String
        let credentialSource: String
        if let standIn = options.standIn {
            guard let value = standIn.credentials[profile.name] else {
                return .failure(PlanFailure(message: "the stand-in service does not serve \(profile.name)"))
            }
            base = standIn.baseURL
            credential = value
            credentialSource = standIn.credentialSource
        } else {
            guard
                let chosen = options.baseURL ?? VerifyTarget.recordedBaseURL(of: log, profile: profile)
                    ?? profile.defaultBaseURL.flatMap(URL.init(string:))
            else {
                return .failure(
                    PlanFailure(
                        message:
                            "the cassette was recorded from \(log.cassette?.source == "emulator" ? "the emulator" : "an example address"), and \(profile.name) has no public base URL; pass --base-url https://your-\(profile.name)-host, or --emulate"
                    ))
            }
            let variable = options.credentialVariable ?? profile.credentialEnvironmentVariable
            guard let value = options.environment[variable], !value.isEmpty else {
                return .failure(
                    PlanFailure(
                        message:
                            "the environment variable \(variable) is not set or is empty; \(profile.name) needs its credential there. Run `export \(variable)=...` (read only from the environment), or name another variable with --credential-env"
                    ))
            }
            base = chosen
            credential = value
            credentialSource = "$\(variable)"
        }
        var plan = RecordingPlan(
            profile: profile, baseURL: base, credential: credential, credentialSource: credentialSource, output: file,
            acceptedStatuses: Set(100..<600), timeout: options.timeout, source: options.standIn?.source ?? "live",
            fixedTimestamp: options.standIn?.fixedTimestamp,
            pseudonymize: !(log.cassette?.redaction.pseudonymized.isEmpty ?? true),
            recordedBaseURL: VerifyTarget.storedBaseURL(of: log))
        plan.allowOpaqueBodies = false
        return .success(plan)
    }

    /// Why a call could not be compared, in the words of `cassette record`.
    static func reason(for failure: RecordFailure) -> String {
        var text = failure.description
        if text.hasPrefix("error: ") { text.removeFirst("error: ".count) }
        return text.replacingOccurrences(of: " Nothing was written.", with: "")
            .replacingOccurrences(of: "Nothing was written; any existing cassette is untouched. ", with: "")
    }
}
