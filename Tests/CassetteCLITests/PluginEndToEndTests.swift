import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// `swift package cassette <subcommand>` in a throw-away package that depends on this one by
/// path, as a user's app package would: the plugin builds the real `cassette` there and runs it
/// in that package's root. Minutes of build on the first run, so it runs with `CASSETTE_E2E=1`
/// (a step of `.ci/run`); the package is kept in `.build/e2e/plugin-consumer`, so later runs
/// reuse its build.
@Suite("the command plugin in a package that depends on this one", .serialized)
struct PluginEndToEndTests {
    /// The permissions the plugin declares, granted up front (no terminal to ask in).
    static let grants = ["--allow-writing-to-package-directory", "--allow-network-connections", "all"]

    /// A package depending on this one by path, with one library target and no cassettes.
    static func makeConsumer() throws -> URL {
        let folder = try EndToEndGate.workFolder("plugin-consumer")
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("Cassettes"))
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("Fixtures"))
        let sources = folder.appendingPathComponent("Sources/MyApp")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        let manifest = """
            // swift-tools-version: 6.1
            import PackageDescription

            let package = Package(
                name: "MyApp",
                platforms: [.macOS(.v15)],
                dependencies: [.package(path: "\(BuiltProducts.packageRoot().path)")],
                targets: [.target(name: "MyApp")]
            )

            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        try Data("public let appName = \"MyApp\"\n".utf8).write(to: sources.appendingPathComponent("MyApp.swift"))
        return folder
    }

    /// `swift package <grants> cassette <arguments>` in `consumer`.
    static func plugin(_ arguments: [String], in consumer: URL, environment: [String: String]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(
            "swift", ["package"] + grants + ["cassette"] + arguments,
            environment: environment ?? ProcessInfo.processInfo.environment, currentDirectory: consumer)
    }

    @Test(
        "record from the built-in emulator, audit (0 clean, 1 leaky), synth into the package, all through swift package cassette",
        .enabled("set CASSETTE_E2E=1 to run (builds the cassette tool in a new package, minutes)") { EndToEndGate.slowTestsEnabled },
        .timeLimit(.minutes(30)))
    func pluginRunsTheRealTool() throws {
        let consumer = try Self.makeConsumer()

        // record: the emulator of this package's build on a free loopback port, its credential
        // passed through the environment, the cassette written into the consumer's Cassettes/.
        let emulator = try ServingProcess.start(BuiltProducts.cassette, ["emulate", "--provider", "zitadel", "--print-credentials"])
        defer { emulator.stop() }
        let credential = try #require(try Self.exportedCredential(emulator))
        var environment = ProcessInfo.processInfo.environment
        environment["ZITADEL_TOKEN"] = credential
        let recorded = try Self.plugin(
            ["record", "zitadel", "--base-url", emulator.baseURL.absoluteString], in: consumer, environment: environment)
        try #require(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")
        #expect(!(recorded.stdout + recorded.stderr).contains(credential))
        let cassette = consumer.appendingPathComponent("Cassettes/zitadel/me.har.gz")
        #expect(FileManager.default.fileExists(atPath: cassette.path), "record wrote Cassettes/zitadel/me.har.gz in the consumer")
        let log = try CassetteFile.read(cassette)
        #expect(log.cassette?.provider == "zitadel")
        #expect(log.entries.first?.response.status == 200)

        // audit: the default folder is the consumer's Cassettes/.
        let clean = try Self.plugin(["audit"], in: consumer)
        #expect(clean.status == 0, "a freshly recorded cassette audits clean: \(clean.stdout)\(clean.stderr)")

        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/zitadel/leaky.har.gz", in: consumer, token: token)
        let leaky = try Self.plugin(["audit"], in: consumer)
        #expect(leaky.status == 1, "\(leaky.stdout)\(leaky.stderr)")
        #expect((leaky.stdout + leaky.stderr).contains("token-key"), "\(leaky.stdout)\(leaky.stderr)")
        #expect(!(leaky.stdout + leaky.stderr).contains(token))
        try FileManager.default.removeItem(at: consumer.appendingPathComponent("Cassettes/zitadel/leaky.har.gz"))

        // synth: replayable cassettes written into the consumer, then validated through the plugin.
        let synthesized = try Self.plugin(
            ["synth", "zitadel", "--count", "3", "--seed", "7", "--output", "Fixtures/zitadel", "--as", "cassette"], in: consumer)
        #expect(synthesized.status == 0, "\(synthesized.stdout)\(synthesized.stderr)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: consumer.appendingPathComponent("Fixtures/zitadel").path)) ?? []
        let cassettes = written.filter { $0.hasSuffix(".har.gz") }.sorted().map { "Fixtures/zitadel/\($0)" }
        #expect(cassettes.count == 3, "\(written)")
        let validated = try Self.plugin(["validate"] + cassettes, in: consumer)
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    /// The credential from the emulator's `export ZITADEL_TOKEN='...'` line.
    static func exportedCredential(_ emulator: ServingProcess) throws -> String? {
        for _ in 0..<100 {
            if let line = emulator.stdout.split(separator: "\n").first(where: { $0.hasPrefix("export ") }) {
                let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
                return quoted.count == 3 ? String(quoted[1]) : nil
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }
}
