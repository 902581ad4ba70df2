import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

@Suite("redaction: fail closed")
struct LeakCheckTests {
    /// Runs `sanitize` and returns the error, or `nil` when it did not throw.
    private func refusal(_ log: HAR.Log, _ policy: RedactionPolicy) -> UnsafeCassetteError? {
        do {
            _ = try Redaction.sanitize(log, policy: policy)
            return nil
        } catch {
            return error
        }
    }

    private func binaryResponse(_ bytes: Data) -> HAR.Response {
        HAR.Response(
            status: 200, statusText: "OK", headers: [HAR.NameValue(name: "Content-Type", value: "application/octet-stream")],
            content: HAR.Content(body: bytes, mimeType: "application/octet-stream"), bodySize: bytes.count)
    }

    @Test("a known secret inside a base64 binary body refuses the write, at any alignment", arguments: [0, 1, 2])
    func secretInBinaryBody(offset: Int) throws {
        let secret = RandomSecret.alphanumeric(32)
        var generator = SystemRandomNumberGenerator()
        let noise = { (count: Int) in Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        let body = noise(64 + offset) + Data(secret.utf8) + noise(64)
        let log = F.log(F.request(headers: [("Authorization", "Bearer \(secret)")]), binaryResponse(body))
        #expect(log.entries[0].response.content.encoding == "base64")
        let error = try #require(refusal(log, RedactionPolicy(knownSecrets: [secret])))
        #expect(error.locations.contains { $0.hasPrefix("entry 0 response body") })
        let leakedInMessage = F.contains(error.description, anyOf: [secret])
        #expect(!leakedInMessage, "the error names locations, never values")
    }

    @Test("a JWT inside a binary body refuses the write even when nobody said it was secret")
    func jwtInBinaryBody() throws {
        let jwt = RandomSecret.jwt()
        let body = Data([0, 1, 2, 0xFF]) + Data(jwt.utf8) + Data([0xFE, 0])
        let error = try #require(refusal(F.log(F.request(), binaryResponse(body)), RedactionPolicy()))
        #expect(error.locations.contains { $0.contains("response body") && $0.contains("value:jwt") })
        let leakedInMessage = F.contains(error.description, anyOf: [jwt])
        #expect(!leakedInMessage)
    }

    @Test("a known secret used as a JSON member name is replaced in the name (member names are rewritten)")
    func secretAsKey() throws {
        let secret = RandomSecret.alphanumeric(24)
        let json = #"{"sessions":{"\#(secret)":{"active":true}}}"#
        let clean = try Redaction.sanitize(F.log(F.request(), F.response(json: json)), policy: RedactionPolicy(knownSecrets: [secret]))
        let survived = F.contains(F.text(clean), anyOf: [secret])
        #expect(!survived)
        #expect(try F.body(clean)["sessions"]?.objectValue?.keys.first?.hasPrefix("REDACTED_") == true)
    }

    @Test("a known secret in base64 inside a request body that is binary refuses the write")
    func base64InBinaryRequest() throws {
        let secret = RandomSecret.base64url(30)
        let inner = Data(("k=" + secret).utf8).base64EncodedString()
        let body = Data([0x00, 0x9F]) + Data(inner.utf8)
        let request = F.request("POST", postData: HAR.PostData(body: body, mimeType: "application/octet-stream"))
        let error = try #require(refusal(F.log(request, F.response(json: "{}")), RedactionPolicy(knownSecrets: [secret])))
        #expect(error.locations.contains { $0.hasPrefix("entry 0 request body") })
    }

    @Test("a clean log passes, and leaks(in:) finds every unredacted place")
    func leaksReport() throws {
        let token = RandomSecret.zitadelOpaqueToken()
        let raw = F.log(F.request(headers: [("Authorization", "Bearer \(token)")]), F.response(json: #"{"echo":"\#(token)"}"#))
        let policy = RedactionPolicy(knownSecrets: [token])
        let leaks = Redaction.leaks(in: raw, policy: policy)
        #expect(leaks.contains { $0.hasPrefix("entry 0 request header Authorization") })
        #expect(leaks.contains { $0.hasPrefix("entry 0 response body /echo") })
        let leakedInReport = F.contains(leaks.joined(separator: "\n"), anyOf: [token])
        #expect(!leakedInReport)
        let clean = try Redaction.sanitize(raw, policy: policy)
        #expect(Redaction.leaks(in: clean, policy: policy).isEmpty)
    }

    @Test("a short known secret is refused only where it is a whole value")
    func shortSecret() throws {
        let short = RandomSecret.alphanumeric(4)
        let log = F.log(F.request(), F.response(json: #"{"note":"\#(short)"}"#))
        #expect(Redaction.leaks(in: log, policy: RedactionPolicy(knownSecrets: [short])).contains { $0.contains("/note") })
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(knownSecrets: [short]))
        #expect(try F.body(clean)["note"] == "REDACTED_1")
    }

    @Test("a known secret base64-encoded at an odd offset in an unknown header refuses the write")
    func base64InUnknownHeader() throws {
        let secret = RandomSecret.alphanumeric(28)
        let trace = Data(("t=" + secret + ";span=7").utf8).base64EncodedString()
        let response = F.response(json: "{}", headers: [("X-Trace-Context", trace)])
        let error = try #require(refusal(F.log(F.request(), response), RedactionPolicy(knownSecrets: [secret])))
        #expect(error.locations.contains { $0.hasPrefix("entry 0 response header X-Trace-Context") && $0.contains("known-secret-base64") })
    }

    @Test("when sanitize refuses, the existing cassette on disk stays byte-identical")
    func existingCassetteUntouched() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("wacht/me.har.gz")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try CassetteFile.write(
            try Redaction.sanitize(F.log(F.request(), F.response(json: #"{"ok":true}"#)), policy: RedactionPolicy()), to: file)
        let before = try Data(contentsOf: file)

        let secret = RandomSecret.jwt()
        let bad = F.log(F.request(), binaryResponse(Data([0xFF, 0x00]) + Data(secret.utf8)))
        #expect(throws: UnsafeCassetteError.self) {
            _ = try CassetteFile.write(try Redaction.sanitize(bad, policy: RedactionPolicy()), to: file)
        }
        #expect(try Data(contentsOf: file) == before)
        let leaked = F.contains(try IndependentReader.decompressedText(file), anyOf: [secret])
        #expect(!leaked)
    }
}
