import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("cassette serve over real loopback HTTP")
struct ServeCommandTests {
    private let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes")

    @Test("curl gets each recorded response byte for byte")
    func curlGetsRecordedBodies() throws {
        let server = try ServingProcess.start(BuiltProducts.cassette, ["serve", shipped.path, "--repeat-last"])
        defer { server.stop() }
        for provider in ["atoms", "unleash", "wacht", "zitadel"] {
            let log = try CassetteFile.read(shipped.appendingPathComponent("\(provider)/me.har.gz"))
            let entry = try #require(log.entries.first)
            let path = try #require(URLComponents(string: entry.request.url)).percentEncodedPath
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let output = directory.file("body")
            let result = try ProcessRunner.run(
                "curl", ["-sS", "-o", output.path, "-w", "%{http_code}", "-X", entry.request.method, server.baseURL.absoluteString + path])
            #expect(result.status == 0, "curl failed: \(result.stderr)")
            #expect(result.stdout == String(entry.response.status), "\(provider)")
            #expect(try Data(contentsOf: output) == entry.response.content.bodyData, "\(provider) body differs")
        }
    }

    @Test("an unmatched request gets 599 and the near-miss report, also on stderr")
    func unmatchedGetsReport() throws {
        let server = try ServingProcess.start(BuiltProducts.cassette, ["serve", shipped.appendingPathComponent("zitadel/me.har.gz").path])
        defer { server.stop() }
        let result = try ProcessRunner.run("curl", ["-sS", "-w", "\n%{http_code}", server.baseURL.absoluteString + "/auth/v1/users/you"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.last == "599")
        let body = try JSONParser.parse(Data(lines.dropLast().joined(separator: "\n").utf8))
        let report = try #require(body["report"]?.stringValue)
        #expect(report.contains("/auth/v1/users/me"), "the report shows the nearest recorded request")
        #expect(report.contains("path"))
        #expect(server.waitForStderr(containing: "-> 599 (no match)"), "the miss is logged on stderr")
    }

    @Test("50 concurrent clients all get their answers")
    func concurrentClients() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let entries = (0..<50).map { index in
            HAR.Entry(
                startedDateTime: "2024-01-01T00:00:00.000Z",
                request: HAR.Request.incoming(method: "GET", url: "https://api.example.com/users/\(index)"),
                response: HAR.Response(
                    status: 200, statusText: "OK", httpVersion: "HTTP/1.1", cookies: [],
                    headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                    content: HAR.Content(body: Data(#"{"id":\#(index)}"#.utf8), mimeType: "application/json"),
                    redirectURL: "", headersSize: -1, bodySize: -1))
        }
        let cassette = directory.file("many.har.gz")
        try CassetteFile.write(HAR.Log(entries: entries, cassette: CassetteMetadata(source: "test")), to: cassette)
        let server = try ServingProcess.start(BuiltProducts.cassette, ["serve", cassette.path])
        defer { server.stop() }
        let session = URLSession(configuration: .ephemeral)
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in (0..<50).shuffled() {
                group.addTask {
                    let url = server.baseURL.appendingPathComponent("users/\(index)")
                    let (data, _) = try await session.data(from: url)
                    return (index, String(decoding: data, as: UTF8.self))
                }
            }
            var collected: [Int: String] = [:]
            for try await (index, body) in group { collected[index] = body }
            return collected
        }
        #expect(bodies.count == 50)
        for index in 0..<50 { #expect(bodies[index] == #"{"id":\#(index)}"#) }
    }

    @Test("binding beyond loopback is refused without the explicit flag")
    func refusesNonLoopback() throws {
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["serve", shipped.path, "--host", "0.0.0.0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--allow-non-loopback"))
    }

    @Test("a corrupt cassette is refused at start with exit 2")
    func corruptCassette() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let broken = directory.file("broken.har.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x01]).write(to: broken)
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["serve", broken.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(broken.path))
    }
}
