import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The hostile inputs (nested JSON in strings, many keys, token runs, gzip bombs, non-finite numbers), generated small in code: each ends with a result or a
/// refusal that names the file and the limit, never a crash. (Timing and memory are measured in
/// a release build by `cassette-bench hostile`, not here.)
@Suite("hostile input ends cleanly")
struct HostileInputTests {
    // MARK: 1. JSON inside JSON strings, layer after layer

    /// `layers` layers of JSON, each `depth` arrays deep around a string holding the next layer
    /// (about 6 KB for 6 layers of 500).
    static func layeredJSON(layers: Int = 6, depth: Int = 500) -> String {
        var inner = #"{"note":"innermost"}"#
        for _ in 0..<layers {
            inner = String(repeating: "[", count: depth) + JSONValue.string(inner).jsonText + String(repeating: "]", count: depth)
        }
        return inner
    }

    @Test("JSON-in-string layers: embedded text gets only the depth left, refusal says so")
    func embeddedDepthIsShared() throws {
        let twenty = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(try JSONParser.parseEmbedded(twenty, at: 0).arrayValue != nil)
        // At depth d the text's root is d + 1 and its innermost array d + 20.
        #expect(try JSONParser.parseEmbedded(twenty, at: JSONParser.maximumDepth - 20).arrayValue != nil)
        let budget = ReadBudget(for: "deep.har")
        do {
            _ = try JSONParser.parseEmbedded(twenty, at: JSONParser.maximumDepth - 19, budget: budget)
            Issue.record("a layer past the depth left was accepted")
        } catch {
            #expect(error.budgetExceeded?.limit == .depth)
            #expect(error.budgetExceeded?.subject == "deep.har")
            #expect(error.description.contains("counting the enclosing JSON layers"))
        }
        #expect(budget.workSpent == twenty.utf8.count, "embedded text is charged to the file's work budget")
    }

    @Test("six layers of 500-deep JSON in strings: sanitize, match and audit end without a crash")
    func layeredJSONEndsCleanly() throws {
        let body = Self.layeredJSON()
        #expect(body.utf8.count < 40_000)
        let request = RedactionFixtures.request("POST", postData: HAR.PostData(mimeType: "application/json", text: body))
        let log = RedactionFixtures.log(request, RedactionFixtures.response(json: body))
        // Import and record: a result or a refusal, both fine; a crash is not.
        _ = try? Redaction.sanitize(log, policy: RedactionPolicy())
        // Match: the incoming request is redacted before matching.
        let player = CassettePlayer(
            log: log,
            options: CassettePlayer.Options(
                context: ReplayContext(
                    cassetteName: "deep.har.gz", cassettePath: "deep.har.gz", mode: "none", provider: nil)))
        _ = player.peek(request)
        // Audit, from the file's bytes.
        _ = try? SecretAuditor().audit(data: CassetteFile.encode(log), path: "deep.har.gz")
    }

    @Test("a secret two JSON-in-string layers down is still redacted")
    func shallowLayersStillRedacted() throws {
        let token = RandomSecret.alphanumeric(40)
        let inner = JSONValue.object(JSONObject([("access_token", .string(token))])).jsonText
        let middle = JSONValue.object(JSONObject([("payload", .string(inner))])).jsonText
        let outer = JSONValue.object(JSONObject([("data", .string(middle))])).jsonText
        let log = RedactionFixtures.log(RedactionFixtures.request(), RedactionFixtures.response(json: outer))
        let sanitized = try Redaction.sanitize(log, policy: RedactionPolicy())
        let written = String(decoding: CassetteFile.encodeJSON(sanitized), as: UTF8.self)
        #expect(!written.contains(token), "the nested token survived")
    }

    // MARK: 2. 50,000 keys

    @Test("an object of 50,000 keys parses in order; a later duplicate replaces the earlier in place")
    func manyKeys() throws {
        var text = "{"
        for index in 0..<50_000 { text += "\"k\(index)\":\(index)," }
        text += "\"k7\":\"again\"}"
        let object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object.count == 50_000)
        #expect(object.keys.first == "k0")
        #expect(object.keys.last == "k49999")
        #expect(object.keys[7] == "k7")
        #expect(object["k7"] == .string("again"))
        #expect(object["k49999"] == .number(JSONNumber(49_999)))
        #expect(object["missing"] == nil)
    }

    @Test("large objects built, edited and compared through the API keep one member per key")
    func largeObjectEditing() {
        var object = JSONObject((0..<100).map { ("k\($0)", JSONValue.number(JSONNumber($0))) })
        object["k50"] = nil
        object["k99"] = "changed"
        object["new"] = true
        #expect(object.count == 100)
        #expect(object["k50"] == nil)
        #expect(object["k51"] == .number(JSONNumber(51)))
        #expect(object["k99"] == "changed")
        #expect(object.keys.last == "new")
        let reversed = JSONObject(object.members.reversed().map { ($0.key, $0.value) })
        #expect(JSONValue.object(reversed).isSemanticallyEqual(to: .object(object)))
        #expect(reversed != object, "member order still counts for plain equality")
    }

    // MARK: 4. One decompression budget per file

    @Test("forty 60 MiB gzip bodies stop at the file's budget, naming the file and the limit")
    func perFileDecompressionBudget() throws {
        let bomb = try GzipBomb.make(mebibytes: 60)
        let budget = ReadBudget(for: "bombs.har")
        var decoded = 0
        var refusal: ReadBudgetExceeded?
        for _ in 0..<40 {
            do {
                decoded += try GzipCodec.decompress(bomb, budget: budget).count
            } catch {
                guard case .budgetExceeded(let exceeded) = error else {
                    Issue.record("expected the budget refusal, got \(error)")
                    return
                }
                refusal = exceeded
                break
            }
        }
        #expect(decoded == 2 * 60 * 1024 * 1024)
        let exceeded = try #require(refusal)
        #expect(exceeded.limit == .decompressedBytes)
        #expect(exceeded.description.hasPrefix("bombs.har: "))
        #expect(exceeded.description.contains("128 MiB"))
        #expect(exceeded.description.contains("Split the capture"))
    }

    @Test("a per-body cap still charges the file: bodies cut at 16 MiB each end at the budget")
    func cappedBodiesChargeTheFile() throws {
        let bomb = try GzipBomb.make(mebibytes: 20)
        let budget = ReadBudget(for: "capped.har")
        var capped = 0
        var refused = false
        for _ in 0..<40 where !refused {
            do {
                _ = try GzipCodec.decompress(bomb, budget: budget, limit: 16 * 1024 * 1024)
            } catch {
                if case .exceedsLimit = error { capped += 1 } else if case .budgetExceeded = error { refused = true }
            }
        }
        #expect(refused)
        #expect(capped == 7, "128 MiB holds seven 16 MiB cuts before the eighth passes it")
    }

    @Test("the audit never passes a file whose gzip bodies pass its budget (unreadable is never clean)")
    func auditRefusesOverBudget() throws {
        // Each body stops at the audit's cap (nothing readable to scan), but is charged: the audit
        // either refuses the file (the file's ReadBudget) or reports every unread body as an
        // `audit-budget-exceeded` finding (its own inflate budget); both exit non-zero.
        let bomb = try GzipBomb.make(mebibytes: 20).base64EncodedString()
        let entries = (0..<12).map { _ in
            HAR.Entry(
                startedDateTime: "2024-01-02T03:04:05.000Z", time: 1, request: RedactionFixtures.request(),
                response: HAR.Response(
                    status: 200, headers: [HAR.NameValue(name: "Content-Encoding", value: "gzip")],
                    content: HAR.Content(size: -1, mimeType: "application/octet-stream", text: bomb, encoding: "base64")))
        }
        let data = CassetteFile.encodeJSON(HAR.Log(entries: entries))
        do {
            let findings = try SecretAuditor().audit(data: data, path: "bombs.har")
            #expect(!findings.isEmpty)
            #expect(findings.allSatisfy { $0.ruleID == "audit-budget-exceeded" })
            #expect(findings.count == entries.count, "every unread body is named")
        } catch {
            guard case .overBudget(let refusal) = error else {
                Issue.record("expected the budget refusal, got \(error)")
                return
            }
            #expect(refusal.subject == "bombs.har")
            #expect(error.description.hasPrefix("bombs.har: "))
        }
    }

    @Test("the cassette's own gunzip draws from the budget it is given")
    func cassetteGunzipCharged() throws {
        let log = RedactionFixtures.log(RedactionFixtures.request(), RedactionFixtures.response(json: #"{"ok":true}"#))
        let bytes = try CassetteFile.encode(log)
        let budget = ReadBudget(for: "x.har.gz")
        _ = try CassetteFile.decode(bytes, path: "x.har.gz", budget: budget)
        #expect(budget.decompressedBytes == CassetteFile.encodeJSON(log).count)
        let tiny = ReadBudget(for: "x.har.gz", limits: ReadBudget.Limits(maximumDepth: 512, maximumDecompressedBytes: 100, maximumWork: 1))
        #expect(throws: CassetteError.overBudget(tiny.exceeded(.decompressedBytes))) {
            try CassetteFile.decode(bytes, path: "x.har.gz", budget: tiny)
        }
    }

    // MARK: 6. Numbers JSON cannot write back

    @Test("`time: 1e400` is refused with its pointer; NaN and Infinity are not JSON")
    func nonFiniteNumbersRefused() throws {
        let document =
            #"{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"startedDateTime":"2024-01-02T03:04:05Z","time":1e400,"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"text/plain"}}}]}}"#
        do {
            _ = try CassetteFile.decode(Data(document.utf8), path: "inf.har")
            Issue.record("1e400 was read")
        } catch {
            guard case .invalidJSON(let path, let detail) = error else {
                Issue.record("expected invalid JSON, got \(error)")
                return
            }
            #expect(path == "inf.har")
            #expect(detail.contains("/log/entries/0/time"))
            #expect(detail.contains("too large for a double"))
        }
        for text in ["[1e400]", "[-1E+999]", "[NaN]", "[Infinity]", "[-Infinity]", "[\(String(repeating: "9", count: 400))]"] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        }
        #expect(try JSONParser.parse("[1e308, 1e-400, 123456789012345678901234567890]").arrayValue?.count == 3)
    }

    @Test("the serializer never writes inf or nan: what it writes reads back")
    func nonFiniteNeverWritten() throws {
        for value in [Double.infinity, -Double.infinity, Double.nan] {
            let literal = JSONNumber(value).literal
            #expect(try JSONParser.parse("[\(literal)]").arrayValue?.count == 1, "\(literal) does not read back")
        }
        var entry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z", time: .infinity, request: RedactionFixtures.request(),
            response: RedactionFixtures.response(json: "{}"))
        entry.timings = HAR.Timings(send: .nan, wait: -.infinity, receive: 1)
        let bytes = try CassetteFile.encode(HAR.Log(entries: [entry]))
        let back = try CassetteFile.decode(bytes, path: "written.har.gz")
        #expect(back.entries[0].time.isFinite)
        #expect(back.entries[0].timings.send == 0)
    }
}
