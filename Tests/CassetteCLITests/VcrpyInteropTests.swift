import CassetteKit
import CassetteReplay
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// vcrpy, installed from PyPI, records a real call to the emulator with a live credential; the
/// cassette is imported, redacted, and replayed through the URL protocol.
@Suite("vcrpy interop: a cassette recorded for real by vcrpy")
struct VcrpyInteropTests {
    @Test("imported, redacted (the credential absent), and replayed with the same body")
    func vcrpyRecordingImportsAndReplays() async throws {
        let python = try PythonTools.environment(packages: ["vcrpy==7.0.0", "requests==2.32.3"])
        let emulator = try await EmulatorServer.start(providers: ["zitadel"], port: 0, seed: 7)
        defer { Task { await emulator.stop() } }
        let credential = try #require(emulator.credential(for: "zitadel"))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let cassetteYAML = directory.file("zitadel.yaml")
        let bodyFile = directory.file("body.json")
        let url = emulator.baseURL.absoluteString + "/auth/v1/users/me"
        let script = """
            import os, sys, requests, vcr
            with vcr.use_cassette(sys.argv[1], record_mode="all"):
                response = requests.get(sys.argv[2], headers={"Authorization": "Bearer " + os.environ["ZITADEL_TOKEN"]})
            response.raise_for_status()
            open(sys.argv[3], "wb").write(response.content)
            """
        let environment = ProcessRunner.environment(["ZITADEL_TOKEN": credential])
        // The recording runs in a child process while this task keeps the emulator serving.
        let recorded = try await Task.detached {
            try ProcessRunner.run(python, ["-c", script, cassetteYAML.path, url, bodyFile.path], environment: environment)
        }.value
        #expect(recorded.status == 0, "vcrpy failed: \(recorded.stderr.replacingOccurrences(of: credential, with: "<credential>"))")
        let rawYAML = try String(contentsOf: cassetteYAML, encoding: .utf8)
        #expect(rawYAML.contains(credential), "vcrpy should have stored the live credential (the point of the test)")

        let output = directory.file("imported.har.gz")
        let imported = try ProcessRunner.run(
            BuiltProducts.cassette,
            [
                "import", cassetteYAML.path, "--from", "vcrpy", "--output", output.path, "--provider", "zitadel", "--secret-env",
                "ZITADEL_TOKEN",
            ],
            environment: environment)
        #expect(imported.status == 0, "import failed: \(imported.stderr)")
        #expect(!imported.stderr.contains(credential))
        let compressed = try Data(contentsOf: output)
        let text = try IndependentReader.decompressedText(output)
        #expect(!text.contains(credential), "the credential survived the import")
        #expect(compressed.range(of: Data(credential.utf8)) == nil)

        let replay = try ReplaySession(cassette: output, name: "vcrpy import", options: ReplayOptions(recordMode: RecordMode.none))
        var request = URLRequest(url: try #require(URL(string: url)))
        request.setValue("Bearer \(RandomSecret.zitadelOpaqueToken())", forHTTPHeaderField: "Authorization")
        let (data, response) = try await replay.session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(data == (try Data(contentsOf: bodyFile)), "replayed body differs from what vcrpy's client received")
    }
}
