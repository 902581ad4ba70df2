import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

/// Runs the built `cassette` with a credential in the environment (never in the arguments).
func runCassette(_ arguments: [String], environment changes: [String: String?] = [:], in folder: URL? = nil) throws -> ProcessResult {
    var all: [String: String?] = [
        "ATOMS_API_KEY": nil, "UNLEASH_API_TOKEN": nil, "WACHT_SESSION": nil, "ZITADEL_TOKEN": nil,
    ]
    for (key, value) in changes { all[key] = value }
    return try ProcessRunner.run(BuiltProducts.cassette, arguments, environment: ProcessRunner.environment(all), currentDirectory: folder)
}

/// ``runCassette(_:environment:in:)`` on a dispatch thread, so that waiting for the child never
/// blocks the cooperative threads an in-process server (the emulator) needs to answer it.
func runCassetteAsync(_ arguments: [String], environment changes: [String: String?] = [:], in folder: URL? = nil) async throws
    -> ProcessResult
{
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runCassette(arguments, environment: changes, in: folder) })
        }
    }
}

@Suite("cassette record against the emulator over real loopback HTTP")
struct RecordCommandTests {
    static let variables = ["atoms": "ATOMS_API_KEY", "unleash": "UNLEASH_API_TOKEN", "wacht": "WACHT_SESSION", "zitadel": "ZITADEL_TOKEN"]

    @Test(
        "records each provider with a fresh random credential; the credential is in neither the file nor its decompressed text",
        arguments: EmulatorServer.providers)
    func recordsEachProvider(provider: String) async throws {
        let emulator = try await EmulatorServer.start(providers: [provider])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let credential = try #require(emulator.credential(for: provider))
        let variable = try #require(Self.variables[provider])
        let output = folder.file("\(provider)/me.har.gz")
        let result = try await runCassetteAsync(
            ["record", provider, "--base-url", emulator.baseURL.absoluteString, "--output", output.path],
            environment: [variable: credential])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("HTTP 200"))
        #expect(result.stderr.contains("wrote \(output.path)"))
        #expect(!result.stderr.contains(credential) && !result.stdout.contains(credential))
        let bytes = try Data(contentsOf: output)
        #expect(bytes.range(of: Data(credential.utf8)) == nil)
        let text = try IndependentReader.decompressedText(output)
        #expect(!text.contains(credential), "credential must not survive in the cassette")
        #expect(IndependentReader.harProblems(try IndependentReader.document(output)) == [])
        let log = try CassetteFile.read(output)
        #expect(log.cassette?.provider == provider)
        #expect(log.cassette?.source == "live")
        #expect(log.entries.first?.response.status == 200)
        #expect(log.entries.first?.request.url.hasSuffix(try #require(try ProviderCatalog.builtIn().profile(named: provider)).path) == true)
    }

    @Test("an Unleash admin API token echoed back in user.secret is redacted there too; the token name is kept")
    func unleashEchoedToken() async throws {
        let emulator = try await EmulatorServer.start(providers: ["unleash"])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let admin = try #require(emulator.credentials(for: "unleash").last?.value)
        let output = folder.file("unleash/admin.har.gz")
        let result = try await runCassetteAsync(
            ["record", "unleash", "--base-url", emulator.baseURL.absoluteString, "--output", output.path],
            environment: ["UNLEASH_API_TOKEN": admin])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("/user/secret"), "the summary names where: \(result.stderr)")
        let text = try IndependentReader.decompressedText(output)
        #expect(!text.contains(admin))
        #expect(!text.contains(String(admin.dropFirst(4))), "not even the hex part")
        let body = try #require(try CassetteFile.read(output).entries.first?.response.content.text)
        #expect(body.contains("\"username\":\"ci-admin-token\""))
    }

    @Test("a wrong credential is an error: exit 1, nothing written, an existing cassette untouched")
    func wrongCredential() async throws {
        let emulator = try await EmulatorServer.start(providers: ["atoms"])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("atoms/me.har.gz")
        let fresh = try await runCassetteAsync(
            ["record", "atoms", "--base-url", emulator.baseURL.absoluteString, "--output", output.path],
            environment: ["ATOMS_API_KEY": RandomSecret.atomsKey()])
        #expect(fresh.status == 1)
        #expect(fresh.stderr.contains("HTTP 401"))
        #expect(fresh.stderr.contains("ATOMS_API_KEY"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(!FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path))

        try CassetteFile.write(SampleLogs.mixed(), to: output)
        let before = try Data(contentsOf: output)
        let wrong = RandomSecret.atomsKey()
        let again = try await runCassetteAsync(
            ["record", "atoms", "--base-url", emulator.baseURL.absoluteString, "--output", output.path],
            environment: ["ATOMS_API_KEY": wrong])
        await emulator.stop()
        #expect(again.status == 1)
        #expect(!again.stderr.contains(wrong))
        #expect(try Data(contentsOf: output) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["me.har.gz"],
            "no temporary file left")
    }

    @Test("a missing or empty credential variable is named; nothing written")
    func missingCredential() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("zitadel/me.har.gz")
        let missing = try await runCassetteAsync(["record", "zitadel", "--base-url", "http://127.0.0.1:9", "--output", output.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("ZITADEL_TOKEN"))
        let empty = try await runCassetteAsync(
            ["record", "zitadel", "--base-url", "http://127.0.0.1:9", "--output", output.path, "--credential-env", "MY_ZITADEL"],
            environment: ["MY_ZITADEL": ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("MY_ZITADEL"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let noBase = try await runCassetteAsync(
            ["record", "unleash", "--output", output.path], environment: ["UNLEASH_API_TOKEN": RandomSecret.unleashPAT()])
        #expect(noBase.status == 2)
        #expect(noBase.stderr.contains("--base-url"))
    }

    @Test("an accepted error status records the error body on purpose")
    func acceptedErrorStatus() async throws {
        let emulator = try await EmulatorServer.start(providers: ["wacht"])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("wacht/no-signin.har.gz")
        let wrong = RandomSecret.jwt()
        let result = try await runCassetteAsync(
            ["record", "wacht", "--base-url", emulator.baseURL.absoluteString, "--output", output.path, "--accept-status", "400,401"],
            environment: ["WACHT_SESSION": wrong])
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let log = try CassetteFile.read(output)
        #expect(log.entries.first?.response.status == 400)
        #expect(log.entries.first?.response.content.text?.contains("No active sign-in found") == true)
        #expect(!(try IndependentReader.decompressedText(output)).contains(wrong))
    }

    @Test("a server that never answers times out after --timeout; nothing written")
    func timeout() async throws {
        let silent = try SilentServer()
        defer { silent.close() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("atoms/me.har.gz")
        let result = try await runCassetteAsync(
            ["record", "atoms", "--base-url", silent.baseURL, "--output", output.path, "--timeout", "1"],
            environment: ["ATOMS_API_KEY": RandomSecret.atomsKey()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("did not answer within 1 s"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("connection refused is a clear error; an existing cassette stays untouched")
    func connectionRefused() async throws {
        let port = try SilentServer.unusedPort()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("atoms/me.har.gz")
        try CassetteFile.write(SampleLogs.mixed(), to: output)
        let before = try Data(contentsOf: output)
        let result = try await runCassetteAsync(
            ["record", "atoms", "--base-url", "http://127.0.0.1:\(port)", "--output", output.path],
            environment: ["ATOMS_API_KEY": RandomSecret.atomsKey()])
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not reach http://127.0.0.1:\(port)/atoms/v1/user"), "\(result.stderr)")
        #expect(try Data(contentsOf: output) == before)
    }

    @Test("re-recording unchanged content leaves the file byte-identical; changed content is replaced with a summary of places")
    func reRecording() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("zitadel/me.har.gz")
        let emulator = try await EmulatorServer.start(providers: ["zitadel"], seed: 11)
        let other = try await EmulatorServer.start(providers: ["zitadel"], seed: 12)
        func record(_ server: EmulatorHandle) async throws -> ProcessResult {
            try await runCassetteAsync(
                ["record", "zitadel", "--base-url", server.baseURL.absoluteString, "--output", output.path],
                environment: ["ZITADEL_TOKEN": server.credential(for: "zitadel")])
        }
        let first = try await record(emulator)
        #expect(first.status == 0, "\(first.stderr)")
        let original = try Data(contentsOf: output)
        let same = try await record(emulator)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stderr.contains("unchanged"), "\(same.stderr)")
        #expect(try Data(contentsOf: output) == original, "timestamps and durations aside, nothing changed: same bytes")

        let changed = try await record(other)
        await emulator.stop()
        await other.stop()
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("replaced \(output.path)"), "\(changed.stderr)")
        #expect(changed.stderr.contains("response body /user/id changed"), "\(changed.stderr)")
        #expect(try Data(contentsOf: output) != original)
        #expect(!changed.stderr.contains(try #require(other.credential(for: "zitadel"))))
    }
}
