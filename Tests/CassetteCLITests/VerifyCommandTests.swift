import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Synchronization
import Testing

/// `cassette verify` as a user runs it: the built binary against the built-in emulator (in
/// process, or its own with `--emulate`) and a local server, over real loopback HTTP, with the
/// emulator's fresh random credentials in the environment only.
@Suite("cassette verify against the emulator and a local server")
struct VerifyCommandTests {
    static let variables = RecordCommandTests.variables

    /// Records `providers` from `emulator` into `folder/<provider>/me.har.gz` with `cassette record`.
    private func record(_ providers: [String], from emulator: EmulatorHandle, into folder: TemporaryDirectory) async throws {
        for provider in providers {
            let result = try await runCassetteAsync(
                ["record", provider, "--base-url", emulator.baseURL.absoluteString, "--output", folder.file("\(provider)/me.har.gz").path],
                environment: [Self.variables[provider] ?? "": emulator.credential(for: provider)])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    /// The environment holding `emulator`'s credential for each of `providers`.
    private func credentials(_ emulator: EmulatorHandle, _ providers: [String]) -> [String: String?] {
        var environment: [String: String?] = [:]
        for provider in providers { environment[Self.variables[provider] ?? ""] = emulator.credential(for: provider) }
        return environment
    }

    /// Every credential `emulator` accepts, to look for in reports.
    private func secrets(_ emulator: EmulatorHandle) -> [String] {
        EmulatorServer.providers.flatMap { emulator.credentials(for: $0).map(\.value) }
    }

    @Test("the same service answering the same structure: exit 0, one `no drift` line per cassette, no credential printed")
    func noDrift() async throws {
        let emulator = try await EmulatorServer.start(seed: 7)
        // Other values, same structure. (The default seed: some seeds make Unleash's seenAt
        // come before its createdAt, which the schema's order invariant rightly refuses.)
        let other = try await EmulatorServer.start(seed: EmulatorServer.defaultSeed)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await record(EmulatorServer.providers, from: emulator, into: folder)
        let result = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", other.baseURL.absoluteString],
            environment: credentials(other, EmulatorServer.providers))
        await emulator.stop()
        await other.stop()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for provider in EmulatorServer.providers { #expect(result.stdout.contains("\(provider)/me: no drift"), "\(result.stdout)") }
        #expect(result.stdout.contains("verified 4 of 4 cassettes: 0 drifted, 4 without drift"), "\(result.stdout)")
        for secret in secrets(emulator) + secrets(other) {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    @Test("each kind of drift: exit 1, the right pointers and kinds, never a value")
    func eachKindOfDrift() async throws {
        let emulator = try await EmulatorServer.start(providers: ["zitadel"])
        let drift = try EmulatorDrift(
            parsing:
                "remove:/lastLogin,add:/user/human/profile/nickName,retype:/user/details/sequence,enum:/user/state,empty:/user/loginNames,header:X-Drifted"
        )
        let drifted = try await EmulatorServer.start(emulations: [Emulation.zitadel.drifted(drift)])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await record(["zitadel"], from: emulator, into: folder)
        let result = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", drifted.baseURL.absoluteString], environment: credentials(drifted, ["zitadel"]))
        let json = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", drifted.baseURL.absoluteString, "--format", "json"],
            environment: credentials(drifted, ["zitadel"]))
        await emulator.stop()
        await drifted.stop()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("zitadel/me: ") }, "\(result.stdout)")
        for expected in [
            "header X-Drifted added", "/lastLogin removed", "/user/human/profile/nickName added (string)",
            "/user/details/sequence string -> number", "/user/state new enum value", "/user/loginNames became empty",
            "schema: ", "/user/state",
        ] {
            #expect(line.contains(expected), "missing \(expected) in: \(line)")
        }
        #expect(!line.contains("DRIFTED_VALUE") && !line.contains("drifted\""), "no value in the report")
        #expect(json.status == 1)
        let document = try JSONParser.parse(json.stdoutData)
        let cassette = try #require(document["cassettes"]?.arrayValue?.first)
        #expect(cassette["verdict"] == .string("drifted"))
        let kinds = Set((cassette["changes"]?.arrayValue ?? []).compactMap { $0["kind"]?.stringValue })
        #expect(kinds.isSuperset(of: ["removed", "added", "type", "enum", "empty", "header-added", "schema"]), "\(kinds)")
        #expect(document["exitCode"] == .number(JSONNumber(1)))
        for secret in secrets(emulator) + secrets(drifted) {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret) && !json.stdout.contains(secret))
        }
    }

    @Test("redirects are refused: a 302 is reported as a changed status and the credential never reaches the other host")
    func redirectRefused() async throws {
        let credential = RandomSecret.zitadelOpaqueToken()
        let elsewhere = try LoopbackHTTPServer { _ in .json("{}") }
        defer { elsewhere.stop() }
        let redirecting = try LoopbackHTTPServer { _ in
            LoopbackHTTPServer.Response(status: 302, headers: [("Location", elsewhere.baseURL + "/auth/v1/users/me")])
        }
        defer { redirecting.stop() }
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/zitadel").path
        let result = try await runCassetteAsync(
            ["verify", shipped, "--base-url", redirecting.baseURL], environment: ["ZITADEL_TOKEN": credential])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("zitadel/me: status 200 -> 302"), "\(result.stdout)")
        #expect(elsewhere.connectionCount == 0, "the redirect was not followed")
        #expect(
            redirecting.requests.first?.header("Authorization") == "Bearer \(credential)", "the credential from the environment was sent")
        #expect(!result.stdout.contains(credential) && !result.stderr.contains(credential))
    }

    @Test("a status that changed is drift; a refused credential is not verified (exit 2) and names the variable")
    func statusAndRefusedCredential() async throws {
        let emulator = try await EmulatorServer.start(providers: ["atoms"])
        let failing = try await EmulatorServer.start(emulations: [Emulation.atoms.drifted(EmulatorDrift([.status(503)]))])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await record(["atoms"], from: emulator, into: folder)
        let status = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", failing.baseURL.absoluteString], environment: credentials(failing, ["atoms"]))
        #expect(status.status == 1, "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("atoms/me: status 200 -> 503"), "\(status.stdout)")
        let wrong = RandomSecret.atomsKey()
        let refused = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", emulator.baseURL.absoluteString], environment: ["ATOMS_API_KEY": wrong])
        await emulator.stop()
        await failing.stop()
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.contains("not verified") && refused.stdout.contains("ATOMS_API_KEY"), "\(refused.stdout)")
        #expect(!refused.stdout.contains(wrong) && !refused.stderr.contains(wrong))
    }

    @Test("an unreachable service, a missing credential and an emulator cassette without --base-url are exit 2 with the reason")
    func cannotVerify() async throws {
        let emulator = try await EmulatorServer.start(providers: ["zitadel"])
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await record(["zitadel"], from: emulator, into: folder)
        await emulator.stop()
        let port = try SilentServer.unusedPort()
        let unreachable = try await runCassetteAsync(
            ["verify", folder.url.path, "--base-url", "http://127.0.0.1:\(port)"],
            environment: ["ZITADEL_TOKEN": RandomSecret.zitadelOpaqueToken()])
        #expect(unreachable.status == 2, "\(unreachable.stdout)\(unreachable.stderr)")
        #expect(unreachable.stdout.contains("could not reach http://127.0.0.1:\(port)"), "\(unreachable.stdout)")
        let missing = try await runCassetteAsync(["verify", folder.url.path, "--base-url", "http://127.0.0.1:\(port)"])
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("ZITADEL_TOKEN"), "\(missing.stdout)")
        let shipped = try await runCassetteAsync(
            ["verify", BuiltProducts.packageRoot().appendingPathComponent("Cassettes/unleash").path],
            environment: ["UNLEASH_API_TOKEN": RandomSecret.unleashPAT()])
        #expect(shipped.status == 2)
        #expect(shipped.stdout.contains("--base-url") && shipped.stdout.contains("--emulate"), "\(shipped.stdout)")
        let usage = try await runCassetteAsync(["verify", folder.url.path, "--format", "yaml"])
        #expect(usage.status == 2)
        let nothing = try await runCassetteAsync(["verify", folder.file("none").path])
        #expect(nothing.status == 2)
    }

    @Test("--emulate verifies the shipped cassettes without credentials; --emulator-drift shows drift")
    func emulate() async throws {
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes").path
        let clean = try await runCassetteAsync(["verify", shipped, "--emulate"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("zitadel/me: no drift"), "\(clean.stdout)")
        let drifted = try await runCassetteAsync(["verify", shipped, "--emulate", "--emulator-drift", "remove:/lastLogin"])
        #expect(drifted.status == 1, "\(drifted.stdout)\(drifted.stderr)")
        #expect(drifted.stdout.contains("zitadel/me: /lastLogin removed"), "\(drifted.stdout)")
        #expect(drifted.stdout.contains("atoms/me: no drift"), "a pointer another provider lacks leaves it alone: \(drifted.stdout)")
    }

    @Test("--max-age names the cassettes recorded longer ago (exit 1); a bad duration is bad usage")
    func maxAge() async throws {
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/zitadel").path
        let old = try await runCassetteAsync(["verify", shipped, "--emulate", "--max-age", "90d"])
        #expect(old.status == 1, "\(old.stdout)\(old.stderr)")
        #expect(old.stdout.contains("zitadel/me: no drift; recorded "), "\(old.stdout)")
        #expect(old.stdout.contains("(2025-01-01), older than the 90 days allowed"), "\(old.stdout)")
        let young = try await runCassetteAsync(["verify", shipped, "--emulate", "--max-age", "36500d"])
        #expect(young.status == 0, "\(young.stdout)\(young.stderr)")
        let bad = try await runCassetteAsync(["verify", shipped, "--emulate", "--max-age", "soon"])
        #expect(bad.status == 2)
    }

    @Test("--update re-records only what drifted; a cassette without drift stays byte-identical; after it, no drift")
    func update() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes")
        for provider in ["atoms", "zitadel"] {
            try FileManager.default.createDirectory(at: folder.file(provider), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent("\(provider)/me.har.gz"), to: folder.file("\(provider)/me.har.gz"))
        }
        let atoms = try Data(contentsOf: folder.file("atoms/me.har.gz"))
        let zitadel = try Data(contentsOf: folder.file("zitadel/me.har.gz"))
        let drift = ["--emulate", "--emulator-drift", "add:/user/human/profile/nickName"]
        let updated = try await runCassetteAsync(["verify", folder.url.path, "--update"] + drift)
        #expect(updated.status == 1, "drift is still reported: \(updated.stdout)\(updated.stderr)")
        #expect(updated.stdout.contains("re-recorded"), "\(updated.stdout)")
        #expect(try Data(contentsOf: folder.file("atoms/me.har.gz")) == atoms, "no drift: not rewritten")
        #expect(try Data(contentsOf: folder.file("zitadel/me.har.gz")) != zitadel)
        let body = try #require(try CassetteFile.read(folder.file("zitadel/me.har.gz")).entries.first?.response.content.text)
        #expect(body.contains("nickName"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("zitadel").path) == ["me.har.gz"], "no temporary file left")
        let again = try await runCassetteAsync(["verify", folder.url.path] + drift)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    }

    @Test("--update never replaces a cassette with an outage's answer: a changed status is reported, the file untouched")
    func updateRefusesOtherStatus() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/atoms/me.har.gz")
        try FileManager.default.createDirectory(at: folder.file("atoms"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: shipped, to: folder.file("atoms/me.har.gz"))
        let before = try Data(contentsOf: folder.file("atoms/me.har.gz"))
        let result = try await runCassetteAsync(["verify", folder.url.path, "--update", "--emulate", "--emulator-drift", "status:503"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("atoms/me: status 200 -> 503") && result.stdout.contains("not re-recorded"), "\(result.stdout)")
        #expect(try Data(contentsOf: folder.file("atoms/me.har.gz")) == before)
    }

    @Test("a cassette with no provider is skipped; when nothing can be verified the exit code is 2")
    func nothingToVerify() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var log = SampleLogs.mixed()
        log.cassette?.provider = nil  // as an in-test recording of the app's own requests
        try FileManager.default.createDirectory(at: folder.file("tests"), withIntermediateDirectories: true)
        try CassetteFile.write(log, to: folder.file("tests/in-test.har.gz"))
        let result = try await runCassetteAsync(["verify", folder.url.path, "--emulate"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("tests/in-test: skipped: no provider"), "\(result.stdout)")
    }

    @Test("a local server echoing the credential into a new member: the report names the place, never the value")
    func localServerEchoesCredential() async throws {
        let credential = RandomSecret.base64url(48)
        let echo = EchoSwitch()
        let server = try LoopbackHTTPServer { request in
            let body =
                echo.on.withLock { $0 }
                ? "{\"id\":\"42\",\"plan\":\"PLAN_FREE\",\"debug\":\"\(request.header("X-Api-Key") ?? "")\"}"
                : "{\"id\":\"42\",\"plan\":\"PLAN_FREE\"}"
            return .json(body)
        }
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let profile = folder.file("local.profile.json")
        try Data(
            """
            {"name": "local", "request": {"method": "GET", "path": "/v1/me"},
             "credential": {"type": "header", "header": "X-Api-Key", "env": "LOCAL_KEY"}, "baseURL": null,
             "response": {"contentType": "application/json"}}
            """.utf8
        ).write(to: profile)
        let output = folder.file("cassettes/local/me.har.gz")
        let recorded = try await runCassetteAsync(
            ["record", "local", "--profile", profile.path, "--base-url", server.baseURL, "--output", output.path],
            environment: ["LOCAL_KEY": credential])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        echo.on.withLock { $0 = true }
        let result = try await runCassetteAsync(
            ["verify", folder.file("cassettes").path, "--profile", profile.path, "--base-url", server.baseURL],
            environment: ["LOCAL_KEY": credential])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("local/me: /debug added (string)"), "\(result.stdout)")
        #expect(!result.stdout.contains(credential) && !result.stderr.contains(credential))
    }
}

/// Whether the local server echoes the credential (switched on after recording).
private final class EchoSwitch: Sendable {
    let on = Mutex(false)
}
