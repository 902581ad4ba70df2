import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// What the libFuzzer targets in `Fuzz/` found, kept as ordinary tests: each committed seed of
/// the reader targets is answered (a value or an error), and each failure the fuzzers reported
/// is replayed here with a fresh random secret. A failure still open on this branch is wrapped in
/// `withKnownIssue` naming its owner: once fixed, that wrapper fails ("known issue was not
/// recorded") and must be removed, which turns the test into the plain regression test.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// The committed seeds of one fuzz target (`Fuzz/Corpus/<target>/`).
    static func seeds(_ target: String) throws -> [(name: String, data: Data)] {
        let folder = BuiltProducts.packageRoot().appendingPathComponent("Fuzz/Corpus/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    @Test("every JSON reader seed parses or is refused, and what parses is written back the same")
    func jsonSeeds() throws {
        let seeds = try Self.seeds("FuzzJSON")
        #expect(seeds.count > 10)
        for seed in seeds {
            guard let value = try? JSONParser.parse(seed.data) else { continue }
            #expect(try JSONParser.parse(JSONSerializer.data(value)) == value, "round trip of seed \(seed.name)")
        }
    }

    @Test("every cassette reader seed (gzip, bombs, truncation, odd HAR) decodes or is refused")
    func cassetteSeeds() throws {
        let seeds = try Self.seeds("FuzzCassette")
        #expect(seeds.count > 10)
        var refused = 0
        for seed in seeds {
            do {
                _ = try CassetteFile.decode(seed.data, path: "fuzz.har", limit: 4 << 20)
            } catch {
                refused += 1
            }
        }
        // The truncated, corrupt, bomb and deep seeds at least.
        #expect(refused >= 5)
    }

    /// FuzzCassette, invariant "a decoded cassette written as JSON reads back the same"
    /// (seed `time-1e400.har`): the reader refuses non-finite numbers.
    @Test("a cassette with \"time\": 1e400 is refused naming the file; a finite one round-trips")
    func nonFiniteTime() throws {
        let text =
            #"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"startedDateTime":"2025-01-01T00:00:00.000Z","time":1e400,"request":{"method":"GET","url":"https://a.example/me","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":"text/plain","text":""},"redirectURL":"","headersSize":-1,"bodySize":-1},"timings":{"send":0,"wait":0,"receive":0}}]}}"#
        // Non-finite numbers are refused by the reader (nothing could read `inf` back).
        let error = #expect(throws: CassetteError.self) { _ = try CassetteFile.decode(Data(text.utf8), path: "fuzz.har") }
        #expect(error.map { String(describing: $0).contains("fuzz.har") } == true, "the refusal names the file")
        // A finite time still round-trips.
        let finite = text.replacingOccurrences(of: "1e400", with: "1e300")
        let log = try CassetteFile.decode(Data(finite.utf8), path: "fuzz.har")
        #expect(try CassetteFile.decode(CassetteFile.encodeJSON(log), path: "fuzz.har") == log)
    }

    /// FuzzRedaction, invariant "sanitize returned a log that still holds the known secret"
    /// (seed `gzip-gzip-body`: a base64 body gzip'd twice under `Content-Encoding: gzip, gzip`;
    /// the content-encoding class).
    @Test("a known secret inside a body gzip'd twice is redacted or the write refused")
    func gzipChainBody() throws {
        let secret = RandomSecret.alphanumeric(32)
        let inner = try GzipCodec.gzip(GzipCodec.gzip(Data(#"{"password":"\#(secret)"}"#.utf8)))
        let log = HAR.Log(entries: [
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z",
                request: HAR.Request(method: "GET", url: "https://api.example.com/me"),
                response: HAR.Response(
                    status: 200, headers: [HAR.NameValue(name: "Content-Encoding", value: "gzip, gzip")],
                    content: HAR.Content(size: 40, mimeType: "application/json", text: inner.base64EncodedString(), encoding: "base64")))
        ])
        guard let clean = try? Redaction.sanitize(log, policy: RedactionPolicy(knownSecrets: [secret])) else { return }
        #expect(!Self.bodyLayers(of: clean.entries[0].response.content).contains { Self.contains($0, secret) })
    }

    /// FuzzRedaction seed `deep-json-in-string` and FuzzAudit/FuzzImport alike: four JSON layers
    /// inside JSON strings, 400 arrays deep each, overflow the stack (AddressSanitizer:
    /// stack-overflow in `JSONReader.parseArray`, reached from the redactor's walk into each
    /// string layer): a depth budget across layers. Disabled
    /// because a stack overflow ends the whole test process; enable with the fix.
    @Test("a secret inside a header name made of escaped JSON never shows in the audit's printed location")
    func secretInsideAHeaderName() {
        // FuzzAudit found it: the location named the header, and the location masks could not see
        // a secret between backslash-escaped quotes.
        let secret = RandomSecret.alphanumeric(32)
        let name = #"{"data": "{\"note\":\"client_secret \#(secret)\"}"}"#
        let log = HAR.Log(entries: [
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z",
                request: HAR.Request(
                    method: "GET", url: "https://api.example.com/me", headers: [HAR.NameValue(name: name, value: "client_secret=" + secret)]
                ),
                response: HAR.Response(status: 200, content: HAR.Content(size: 2, mimeType: "application/json", text: "{}")))
        ])
        let findings = SecretAuditor().audit(log, file: "fuzz.har")
        #expect(!findings.isEmpty, "the secret in the header value is a finding")
        #expect(!findings.contains { $0.displayLocation.contains(secret) || $0.preview.contains(secret) })
    }

    @Test("JSON inside JSON strings, deep in every layer, is answered without a crash")
    func jsonInsideJSONStrings() throws {
        let secret = RandomSecret.alphanumeric(32)
        var text = "\"\(secret)\""
        for _ in 0..<4 {
            text = JSONSerializer.string(.string(String(repeating: "[", count: 400) + text + String(repeating: "]", count: 400)))
        }
        let log = HAR.Log(entries: [
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z",
                request: HAR.Request(method: "GET", url: "https://api.example.com/me"),
                response: HAR.Response(status: 200, content: HAR.Content(size: 0, mimeType: "application/json", text: "{\"a\":\(text)}")))
        ])
        let policy = RedactionPolicy(knownSecrets: [secret])
        if let clean = try? Redaction.sanitize(log, policy: policy) {
            #expect(!Self.contains(Data(clean.entries[0].response.content.text?.utf8 ?? "".utf8), secret))
        }
        _ = SecretAuditor().audit(log, file: "fuzz.har")
    }

    /// A body's text, its base64 decoding and up to three gzip layers below it.
    static func bodyLayers(of content: HAR.Content) -> [Data] {
        let text = content.text ?? ""
        var layer = Data(text.utf8)
        if content.encoding == "base64", let decoded = Data(base64Encoded: text) { layer = decoded }
        var layers = [Data(text.utf8), layer]
        for _ in 0..<3 {
            guard GzipCodec.isGzip(layer), let inflated = try? GzipCodec.decompress(layer, limit: 1 << 20) else { break }
            layer = inflated
            layers.append(layer)
        }
        return layers
    }

    /// Byte-wise search (no grapheme rules), so a form cannot hide behind a combining mark.
    static func contains(_ haystack: Data, _ needle: String) -> Bool {
        let bytes = Array(haystack)
        let target = Array(needle.utf8)
        guard !target.isEmpty, bytes.count >= target.count else { return false }
        return (0...(bytes.count - target.count)).contains { bytes[$0..<($0 + target.count)].elementsEqual(target) }
    }
}
