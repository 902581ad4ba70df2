import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// No false alarms on look-alikes, hostile input answered within budget, and the audit
/// independent of the redactor.
@Suite("audit: look-alikes, hostile input and independence")
struct AuditIssueBoundsTests {
    static let cleanBodies: [(String, String, String)] = [
        (
            "ZITADEL token type and flags",
            #"{"accessTokenType":"ACCESS_TOKEN_TYPE_BEARER","machine":{"hasSecret":true},"hasSecret":"false"}"#, "application/json"
        ),
        ("UUIDs", #"{"id":"3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b","userId":"9b2d4c1e-0f3a-4b5c-8d7e-6f5a4b3c2d1e"}"#, "application/json"),
        ("placeholders in text", "user=ada\npassword=REDACTED_1\napi_key: REDACTED_2\n", "text/plain"),
        ("placeholders in XML", "<r><SessionToken>REDACTED_3</SessionToken><sessionId>REDACTED_4</sessionId></r>", "text/xml"),
        ("placeholder in a token wrapper", #"{"token":{"value":"REDACTED_5"},"recovery":{"codes":["REDACTED_6"]}}"#, "application/json"),
        (
            "JavaScript in a page",
            #"<script>const s = { password: e.target.value, token: null }; fetch("/api", {headers: {Authorization: "Bearer " + token}})</script>"#,
            "text/html"
        ),
        (
            "a plain HTML page",
            #"<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hello</title></head><body><a href="https://example.com/docs?page=2">Docs</a></body></html>"#,
            "text/html"
        ),
        ("NDJSON without secrets", "{\"id\":1,\"state\":\"ok\"}\n{\"id\":2,\"state\":\"ok\"}\n", "application/x-ndjson"),
        ("OAuth code words", #"{"code":"invalid_grant","error_code":"PASSWORD_TOO_SHORT","state":"active"}"#, "application/json"),
    ]

    @Test("look-alikes raise nothing", arguments: cleanBodies.map(\.0))
    func clean(label: String) throws {
        let (_, text, mimeType) = try #require(Self.cleanBodies.first { $0.0 == label })
        let findings = try SecretAuditor().audit(data: IssueHAR.responseBody(text, mimeType: mimeType), path: "clean.har")
        #expect(findings.isEmpty, "\(label): \(findings.map { "\($0.ruleID) \($0.location)" })")
    }

    @Test("a Link header with a placeholder access_token and an already-decoded gzip body are clean")
    func linkHeaderAndDecodedBody() throws {
        let data = IssueHAR.file(
            IssueHAR.log { entry in
                entry.response.headers.append(
                    HAR.NameValue(name: "Link", value: #"<https://api.example.com/items?page=2&access_token=REDACTED_1>; rel="next""#))
                entry.response.headers.append(HAR.NameValue(name: "Content-Encoding", value: "gzip"))
                entry.response.content = HAR.Content(size: 11, mimeType: "application/json", text: #"{"ok":true}"#)
            })
        let findings = try SecretAuditor().audit(data: data, path: "clean.har")
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) \($0.location)" })")
    }

    @Test("the shipped cassettes stay clean", arguments: ["atoms", "unleash", "wacht", "zitadel"])
    func shipped(provider: String) throws {
        let file = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
        let findings = try SecretAuditor().audit(data: Data(contentsOf: file), path: file.path)
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) \($0.location)" })")
    }

    @Test("compressed bodies past the per-file budget are one budget finding, quickly")
    func inflateBudget() throws {
        let zeros = try GzipCodec.gzip(Data(count: 16 * 1024 * 1024))
        var log = IssueHAR.log { _ in }
        let entry = log.entries[0]
        log.entries = (0..<4).map { _ in
            var copy = entry
            copy.response.content = HAR.Content(
                size: zeros.count, mimeType: "application/json", text: zeros.base64EncodedString(), encoding: "base64")
            copy.response.headers.append(HAR.NameValue(name: "Content-Encoding", value: "gzip"))
            return copy
        }
        // Time and memory: `cassette-bench hostile` (gzip-bodies-16MiB, release, 2 s and 200 MB).
        let findings = try SecretAuditor().audit(data: IssueHAR.file(log), path: "bomb.har")
        #expect(findings.map(\.ruleID).allSatisfy { $0 == "audit-budget-exceeded" })
        #expect(findings.count >= 1)
    }

    @Test("repeated eyJ, colon and markup runs and long runs before an Unleash shape are audited to an end with a few findings")
    func linearText() throws {
        // Time: `cassette-bench hostile` (eyJ-repeated, unleash-run, colon-runs, markup-runs).
        let jay = String(repeating: "eyJ", count: 20_000)
        let run = String(repeating: "a", count: 60_000) + ":development." + RandomSecret.hex(56)
        let colons = String(repeating: "a:", count: 30_000)
        for text in [jay, run, colons, String(repeating: "<a ", count: 20_000), String(repeating: "x=", count: 30_000)] {
            let findings = try SecretAuditor().audit(data: IssueHAR.responseBody(text, mimeType: "text/plain"), path: "long.har")
            #expect(findings.count <= 16, "repetitive text gives a few findings, not one per repetition")
        }
    }

    @Test("JSON nested in strings past the depth budget ends cleanly: found, a finding, or unreadable, never a crash or a pass")
    func deepNesting() throws {
        let secret = RandomSecret.base64url(40)
        var text = #"{"refresh_token":"\#(secret)"}"#
        for _ in 0..<6 {
            text = "[" + String(repeating: "[", count: 120) + IssueHAR.quoted(text) + String(repeating: "]", count: 120) + "]"
        }
        do {
            let findings = try SecretAuditor().audit(data: IssueHAR.responseBody(text), path: "deep.har")
            #expect(!findings.isEmpty, "a document too deep to read must not pass")
            #expect(!findings.contains { $0.preview.contains(secret) || $0.location.contains(secret) })
        } catch {
            #expect(AuditReport(outcomes: [.unreadable(path: "deep.har", reason: error.description)]).exitCode == 2)
        }
    }

    /// Type names declared in the redactor's sources.
    static func redactionTypeNames(root: URL) throws -> Set<String> {
        var names: Set<String> = []
        for folder in ["Sources/CassetteRedaction"] {
            let url = root.appendingPathComponent(folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                names.formUnion(SourceIdentifiers.declaredTypes(in: text))
            }
        }
        return names
    }

    @Test("the audit's sources use no redactor symbol but Placeholder")
    func independence() throws {
        let root = BuiltProducts.packageRoot()
        let redaction = try Self.redactionTypeNames(root: root)
        #expect(redaction.count > 5, "the redactor's sources were not found")
        var used: [String] = []
        for folder in ["Sources/CassetteAudit"] {
            let url = root.appendingPathComponent(folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for file in files where file.hasSuffix(".swift") {
                let identifiers = SourceIdentifiers.all(in: try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8))
                used += identifiers.intersection(redaction).subtracting(["Placeholder"]).map { "\(file): \($0)" }
            }
        }
        #expect(used.isEmpty, "\(used.sorted())")
    }
}

/// Identifiers in Swift source, by bytes (comments and string literals are not removed: a
/// redactor type named in a comment counts too, which errs on the strict side).
enum SourceIdentifiers {
    static func all(in text: String) -> Set<String> {
        var result: Set<String> = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 {
                current.append(byte)
            } else if !current.isEmpty {
                result.insert(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { result.insert(String(decoding: current, as: UTF8.self)) }
        return result
    }

    /// Top-level type names (lines that start at column 0 with `enum`, `struct`, `class`,
    /// `protocol`, `actor` or `typealias`, after access modifiers); nested helper types are
    /// private to their parent and cannot be used from outside by their bare name.
    static func declaredTypes(in text: String) -> Set<String> {
        var result: Set<String> = []
        for line in text.split(separator: "\n") where line.first.map({ $0.isLetter }) == true {
            let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            for (index, word) in words.enumerated() where ["enum", "struct", "class", "protocol", "actor", "typealias"].contains(word) {
                if index + 1 < words.count, let first = words[index + 1].first, first.isUppercase {
                    result.insert(String(words[index + 1]))
                }
                break
            }
        }
        return result
    }
}
