import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cassette emulate` and `cassette serve --emulate` as a user runs them: a child process on a
/// free loopback port, asked over real HTTP with curl.
@Suite("cassette emulate and serve --emulate")
struct EmulateCommandTests {
    /// `code body` of a GET (curl), with optional extra header.
    private func get(_ url: String, header: String? = nil) throws -> (status: String, body: String) {
        var arguments = ["-sS", "-w", "\n%{http_code}"]
        if let header { arguments += ["-H", header] }
        let result = try ProcessRunner.run("curl", arguments + [url])
        #expect(result.status == 0, "curl failed: \(result.stderr)")
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = String(lines.popLast() ?? "")
        return (status, lines.joined(separator: "\n"))
    }

    @Test("--print-credentials prints export lines; the credential opens /me, a wrong one gets 401, stderr never shows it")
    func printedCredentialsWork() throws {
        let server = try ServingProcess.start(BuiltProducts.cassette, ["emulate", "--provider", "zitadel", "--print-credentials"])
        defer { server.stop() }
        #expect(server.waitForStdout(containing: "'\n"), "the export line is printed whole")
        let line = server.stdout.split(separator: "\n").first { $0.hasPrefix("export ") }
        let export = try #require(line, "no export line on stdout")
        let quoted = export.split(separator: "'", omittingEmptySubsequences: false)
        #expect(export.hasPrefix("export ZITADEL"))
        let credential = try #require(quoted.count == 3 ? String(quoted[1]) : nil)
        #expect(credential.count >= 16)

        let url = server.baseURL.absoluteString + "/auth/v1/users/me"
        let accepted = try get(url, header: "Authorization: Bearer \(credential)")
        #expect(accepted.status == "200")
        let body = try JSONParser.parse(Data(accepted.body.utf8))
        #expect(body["user"] != nil, "a ZITADEL /me body")
        let refused = try get(url, header: "Authorization: Bearer \(RandomSecret.hex(24))")
        #expect(refused.status == "401")
        #expect(!server.stderr.contains(credential), "the credential is printed on stdout only")
    }

    @Test("without --print-credentials nothing is printed on stdout")
    func credentialsHiddenByDefault() throws {
        let server = try ServingProcess.start(BuiltProducts.cassette, ["emulate", "--provider", "wacht"])
        defer { server.stop() }
        // The hint is the last thing the command prints at start: by then stdout would have the
        // export lines if there were any.
        #expect(server.waitForStderr(containing: "run with --print-credentials"))
        #expect(server.stdout.isEmpty)
    }

    @Test("serve --emulate wacht emulates Wacht only")
    func serveEmulatesNamedService() throws {
        let server = try ServingProcess.start(BuiltProducts.cassette, ["serve", "--emulate", "wacht"])
        defer { server.stop() }
        #expect(try get(server.baseURL.absoluteString + "/me").status == "401", "Wacht without a session cookie")
        #expect(try get(server.baseURL.absoluteString + "/auth/v1/users/me").status == "404", "ZITADEL is not emulated")
        #expect(server.stderr.contains("emulator of wacht"))
    }

    @Test("serve --emulate with an unknown service names the ones it knows")
    func serveEmulateUnknownService() throws {
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["serve", "--emulate", "okta"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("okta"))
        #expect(result.stderr.contains("atoms, unleash, wacht, zitadel"))
    }
}
