import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

@Suite("x-invariants: relations between values, as data beside the schema")
struct InvariantTests {
    static let schema: JSONValue = try! JSONParser.parse(
        #"""
        {"type": "object",
         "x-invariants": [
           {"kind": "order", "pointers": ["/created", "/updated"]},
           {"kind": "order", "pointers": ["/items/*/from", "/items/*/to"]},
           {"kind": "equal", "pointers": ["/primary/id", "/primaryId"]},
           {"kind": "equal", "pointers": ["/seed", "/url#secret"]},
           {"kind": "member", "pointer": "/preferred", "of": "/names"}
         ]}
        """#)

    @Test("each kind of relation is checked, located by pointers and never by values")
    func violationsAreLocated() throws {
        let checker = try InvariantChecker(schema: Self.schema)
        let secret = RandomSecret.base32(32)
        let other = RandomSecret.base32(32)
        let document = try JSONParser.parse(
            #"""
            {"created": "2024-05-01T10:00:00.5Z", "updated": "2024-05-01T10:00:00Z",
             "items": [{"from": "2024-01-01T00:00:00Z", "to": "2024-02-01T00:00:00+01:00"}, {"from": "2024-03-01T00:00:00Z", "to": "2024-02-01T00:00:00Z"}],
             "primary": {"id": "1"}, "primaryId": "2",
             "seed": "\#(secret)", "url": "otpauth://totp/X:y?secret=\#(other)&digits=6",
             "preferred": "b", "names": ["a"]}
            """#)
        let violations = checker.violations(in: document)
        #expect(
            violations.map(\.declaredAt.description) == [
                "/x-invariants/0", "/x-invariants/1", "/x-invariants/2", "/x-invariants/3", "/x-invariants/4",
            ])
        #expect(violations[1].instanceLocation.description == "/items/1/to")
        let text = violations.map(\.description).joined(separator: "\n")
        #expect(!text.contains(secret) && !text.contains(other), "a violation message quotes a value")
        #expect(text.contains("/url#secret"))
    }

    @Test("a coherent document holds; absent and null values hold vacuously")
    func coherentDocumentHolds() throws {
        let checker = try InvariantChecker(schema: Self.schema)
        let secret = RandomSecret.base32(32)
        let document = try JSONParser.parse(
            #"""
            {"created": "2024-05-01T10:00:00Z", "updated": "2024-05-01T10:00:00.001Z",
             "items": [{"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:30:00+00:30"}, {"from": "2024-03-01T00:00:00Z"}],
             "primary": null, "primaryId": "2", "seed": "\#(secret)", "url": "otpauth://totp/X:y?digits=6&secret=\#(secret)",
             "names": ["a"]}
            """#)
        #expect(checker.violations(in: document).isEmpty)
    }

    @Test("together: an id and the member it names are set together")
    func together() throws {
        let checker = try InvariantChecker(
            schema: try JSONParser.parse(
                #"{"x-invariants": [{"kind": "together", "pointers": ["/primary", "/primaryId"]}]}"#))
        #expect(checker.holds(in: try JSONParser.parse(#"{"primary": null, "primaryId": null}"#)))
        #expect(checker.holds(in: try JSONParser.parse(#"{"primary": {"id": "1"}, "primaryId": "1"}"#)))
        #expect(checker.holds(in: try JSONParser.parse(#"{}"#)))
        let broken = checker.violations(in: try JSONParser.parse(#"{"primary": null, "primaryId": "1"}"#))
        #expect(broken.map(\.description) == ["/primaryId is set while /primary is not; they are set together [invariant /x-invariants/0]"])
        #expect(!checker.holds(in: try JSONParser.parse(#"{"primary": {"id": "1"}}"#)))
    }

    @Test(
        "a bad declaration is an error naming the entry",
        arguments: [
            #"{"x-invariants": {"kind": "order"}}"#,
            #"{"x-invariants": [{"kind": "before", "pointers": ["/a", "/b"]}]}"#,
            #"{"x-invariants": [{"kind": "order", "pointers": ["/a"]}]}"#,
            #"{"x-invariants": [{"kind": "member", "pointer": "/a"}]}"#,
            #"{"x-invariants": [{"kind": "equal", "pointers": ["/a/*/b/*", "/c"]}]}"#,
        ])
    func badDeclarations(text: String) throws {
        #expect(throws: InvariantDeclarationError.self) { try InvariantChecker(schema: try JSONParser.parse(text)) }
        #expect(throws: SynthesisError.self) { try FixtureSynthesizer(schema: try JSONParser.parse(text)) }
    }

    @Test("the synthesizer satisfies a user schema's own invariants")
    func synthesizerSatisfiesUserInvariants() throws {
        let schema = try JSONParser.parse(
            #"""
            {"type": "object", "required": ["opened", "closed", "owner", "owners"],
             "properties": {
               "opened": {"type": "string", "format": "date-time"}, "closed": {"type": "string", "format": "date-time"},
               "owner": {"type": "string", "enum": ["ada", "grace", "alan"]},
               "owners": {"type": "array", "minItems": 1, "items": {"enum": ["ada", "grace", "alan"]}}},
             "x-invariants": [
               {"kind": "order", "pointers": ["/opened", "/closed"]},
               {"kind": "member", "pointer": "/owner", "of": "/owners"}]}
            """#)
        let checker = try InvariantChecker(schema: schema)
        for strategy in SynthesisStrategy.allCases {
            for variant in try FixtureSynthesizer(schema: schema).variants(count: 200, strategy: strategy, seed: 3) {
                #expect(checker.violations(in: variant).isEmpty, "\(strategy): \(checker.violations(in: variant))")
            }
        }
    }

    @Test("cassette validation reports a broken invariant of a successful body")
    func conformanceReportsInvariants() throws {
        let validators = try ProviderValidators(provider: "zitadel")
        var body = try #require(Variants(of: .zitadel, strategy: .maximal, seed: 1, count: 1).responses.first?.body)
        guard case .object(var root) = body, case .object(var user)? = root["user"], case .object(var details)? = user["details"] else {
            Issue.record("unexpected ZITADEL body shape")
            return
        }
        details["changeDate"] = "2001-01-01T00:00:00Z"
        user["details"] = .object(details)
        root["user"] = .object(user)
        body = .object(root)
        #expect(validators.me.isValid(body), "the schema alone accepts it")
        let entry = HAR.Entry(
            startedDateTime: "2025-01-01T00:00:00.000Z",
            request: HAR.Request(method: "GET", url: "https://zitadel.example.com/auth/v1/users/me"),
            response: HAR.Response(
                status: 200, statusText: "OK", headers: [],
                content: HAR.Content(body: JSONSerializer.data(body), mimeType: "application/json")))
        let result = CassetteConformance(provider: validators).check(entry, index: 0)
        guard case .invalid(let errors) = result.outcome else {
            Issue.record("expected an invariant finding, got \(result.outcome)")
            return
        }
        #expect(errors.map(\.instanceLocation.description) == ["/user/details/changeDate"])
        #expect(errors.first?.schemaLocation.description == "/x-invariants/0")
    }
}
