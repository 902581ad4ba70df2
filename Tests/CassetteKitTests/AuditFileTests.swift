import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The audit of whole files: decoding, unreadable input, members the HAR model drops, baselines.
@Suite("audit: files, unreadable input and baselines")
struct AuditFileTests {
    @Test("gzip, plain HAR and non-HAR JSON files are audited")
    func fileKinds() throws {
        let token = "ghp_" + RandomSecret.alphanumeric(36)
        let log = AuditPlanting.log(key: "note", value: token, at: .jsonBody)
        let auditor = SecretAuditor()
        #expect(try auditor.audit(data: CassetteFile.encode(log), path: "a.har.gz").map(\.ruleID) == ["github-token"])
        #expect(try auditor.audit(data: CassetteFile.encodeJSON(log), path: "a.har").map(\.ruleID) == ["github-token"])
        let plain = Data(#"{"config":{"deploy":{"api_key":"\#(RandomSecret.alphanumeric(32))"}}}"#.utf8)
        let findings = try auditor.audit(data: plain, path: "settings.json")
        #expect(findings.map(\.location) == ["document /config/deploy/api_key"])
        #expect(findings.first?.entry == nil)
    }

    @Test("members the HAR model does not keep are audited by JSON pointer")
    func residue() throws {
        let jwt = RandomSecret.jwt()
        var document = AuditPlanting.clean(body: "{}").jsonDocument
        guard case .object(var root) = document, case .object(var log)? = root["log"], case .array(var entries)? = log["entries"],
            case .object(var entry) = entries[0]
        else {
            Issue.record("unexpected document shape")
            return
        }
        entry["_debug"] = ["upstream": .string("Bearer \(jwt)")]
        entry["cache"] = ["beforeRequest": ["comment": .string(RandomSecret.jwt(algorithm: "HS256"))]]
        entries[0] = .object(entry)
        log["entries"] = .array(entries)
        log["pages"] = .array([["title": .string("https://example.com/?session_token=\(RandomSecret.alphanumeric(24))")]])
        root["log"] = .object(log)
        document = .object(root)
        let findings = try SecretAuditor().audit(data: JSONSerializer.data(document), path: "x.har")
        #expect(
            findings.map(\.location) == [
                "document /log/entries/0/cache/beforeRequest/comment", "document /log/entries/0/_debug/upstream",
                "document /log/pages/0/title query session_token",
            ])
        #expect(findings.map(\.entry) == [0, 0, nil])
    }

    @Test(
        "corrupt, truncated, bomb and non-HAR inputs are unreadable, never clean",
        arguments: ["truncated", "corrupt", "bomb", "json", "nothar", "empty"])
    func unreadable(kind: String) throws {
        let good = try CassetteFile.encode(AuditPlanting.clean(body: "{}"))
        let data: Data
        switch kind {
        case "truncated": data = good.prefix(good.count - 12)
        case "corrupt": data = good.prefix(12) + Data(repeating: 0x41, count: 200)
        case "bomb": data = try GzipBomb.make(mebibytes: 128)
        case "json": data = try GzipCodec.gzip(Data("{not json".utf8))
        case "nothar": data = try GzipCodec.gzip(Data(#"{"log":{"entries":3}}"#.utf8))
        default: data = Data()
        }
        let outcomes = SecretAuditor().audit([.bytes(data, displayPath: "Cassettes/\(kind).har.gz")], limit: 16 * 1024 * 1024)
        guard case .unreadable(let path, let reason) = outcomes.first else {
            Issue.record("\(kind) was reported as \(String(describing: outcomes.first))")
            return
        }
        #expect(path == "Cassettes/\(kind).har.gz")
        #expect(reason.contains(path))
        #expect(AuditReport(outcomes: outcomes).exitCode == 2)
    }

    @Test("parallel audit keeps the sources' order")
    func parallelOrder() throws {
        let sources = try (0..<40).map { index -> AuditSource in
            let log =
                index % 3 == 0
                ? AuditPlanting.log(key: "access_token", value: RandomSecret.base64url(40), at: .jsonBody)
                : AuditPlanting.clean(body: #"{"id":"\#(index)"}"#)
            return .bytes(try CassetteFile.encode(log), displayPath: "c\(index).har.gz")
        }
        let outcomes = SecretAuditor().audit(sources)
        #expect(outcomes.map(\.path) == sources.map(\.displayPath))
        let leaky = outcomes.compactMap { outcome -> String? in
            if case .audited(let path, let findings) = outcome, !findings.isEmpty { return path }
            return nil
        }
        #expect(leaky == stride(from: 0, to: 40, by: 3).map { "c\($0).har.gz" })
    }

    @Test("a baseline accepts exactly the reviewed finding, by salted hash, and holds no secret")
    func baseline() throws {
        let accepted = RandomSecret.base64url(40)
        let other = RandomSecret.base64url(40)
        let first = SecretAuditor().audit(AuditPlanting.log(key: "access_token", value: accepted, at: .jsonBody), file: "a.har.gz")
        let baseline = AuditBaseline().accepting(first)
        let text = String(decoding: baseline.jsonData, as: UTF8.self)
        #expect(!text.contains(accepted))
        #expect(!text.contains(String(accepted.prefix(12))))
        let reread = try AuditBaseline(data: baseline.jsonData, path: "baseline.json")
        #expect(reread == baseline)
        #expect(first.allSatisfy(reread.accepts))
        let changed = SecretAuditor().audit(AuditPlanting.log(key: "access_token", value: other, at: .jsonBody), file: "a.har.gz")
        #expect(!changed.contains(where: reread.accepts), "a new value at the same place is reported again")
        let elsewhere = SecretAuditor().audit(AuditPlanting.log(key: "access_token", value: accepted, at: .jsonBody), file: "b.har.gz")
        #expect(!elsewhere.contains(where: reread.accepts), "the same value in another file is reported")
        #expect(AuditBaseline().accepting(first).entries.first?.hash != baseline.entries.first?.hash, "salts differ per baseline")
    }
}
