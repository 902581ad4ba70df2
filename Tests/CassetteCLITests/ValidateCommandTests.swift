import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette validate: JSON documents and cassettes against schemas (the drift check)")
struct ValidateCommandTests {
    static let providers = ["atoms", "unleash", "wacht", "zitadel"]

    static func shipped(_ provider: String) -> URL {
        BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
    }

    @Test("each cassette in Cassettes/ validates against its provider's schema", arguments: providers)
    func shippedCassettesValidate(provider: String) throws {
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["validate", Self.shipped(provider).path, "--schema", provider])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("valid (1 of 1 response bodies checked)"))
        // Without --schema, the provider named in the cassette is used.
        let implicit = try ProcessRunner.run(BuiltProducts.cassette, ["validate", Self.shipped(provider).path])
        #expect(implicit.status == 0, "\(implicit.stdout)\(implicit.stderr)")
    }

    @Test("a drifted cassette is reported field by field, with instance and schema pointers, exit 1")
    func driftIsReportedFieldByField() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var log = try CassetteFile.read(Self.shipped("zitadel"))
        guard let text = log.entries[0].response.content.text, case .object(var body) = try JSONParser.parse(text),
            case .object(var user)? = body["user"]
        else {
            Issue.record("the zitadel cassette has no user object")
            return
        }
        user["state"] = "USER_STATE_UNSPECIFIED"  // an enum value the wire never sends
        user["id"] = .number(JSONNumber(69_629_012))  // a uint64 that became a number
        body["user"] = .object(user)
        log.entries[0].response.content.text = JSONSerializer.string(.object(body))
        let file = folder.file("drifted.har.gz")
        try CassetteFile.write(log, to: file)
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["validate", file.path, "--schema", "zitadel"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.contains {
                $0.contains("/user/state: not one of the allowed values")
                    && $0.contains("[schema /properties/user/$ref/properties/state/enum]")
            })
        #expect(lines.contains { $0.contains("/user/id: expected string, found integer") && $0.contains("/properties/id/$ref/type]") })
        #expect(lines.allSatisfy { $0.contains("#/log/entries/0") })
    }

    @Test("a plain JSON document is checked against a provider schema or a schema file")
    func plainDocuments() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let good = folder.file("good.json")
        try Data(#"{"code": 16, "message": "Errors.Token.Invalid (AUTH-7fs1e)"}"#.utf8).write(to: good)
        let valid = try ProcessRunner.run(BuiltProducts.cassette, ["validate", good.path, "--schema", "zitadel", "--error"])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let asMe = try ProcessRunner.run(BuiltProducts.cassette, ["validate", good.path, "--schema", "zitadel"])
        #expect(asMe.status == 1, "the zitadel /me schema requires user and allows no other member: \(asMe.stdout)")
        let schema = folder.file("schema.json")
        try Data(#"{"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}}"#.utf8).write(
            to: schema)
        let bad = folder.file("bad.json")
        try Data(#"{"id": "not-a-uuid"}"#.utf8).write(to: bad)
        let invalid = try ProcessRunner.run(BuiltProducts.cassette, ["validate", bad.path, good.path, "--schema", schema.path])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("\(bad.path) /id: "))
        #expect(invalid.stdout.contains("[schema /properties/id/format]"))
        #expect(invalid.stdout.contains("\(good.path) (document): missing required property \"id\" [schema /required]"))
    }

    @Test("unreadable input and bad usage exit 2 with a message naming the problem")
    func unreadableExitsTwo() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let missing = try ProcessRunner.run(BuiltProducts.cassette, ["validate", folder.file("nope.json").path, "--schema", "atoms"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json"))
        let broken = folder.file("broken.json")
        try Data("{not json".utf8).write(to: broken)
        let invalidJSON = try ProcessRunner.run(BuiltProducts.cassette, ["validate", broken.path, "--schema", "atoms"])
        #expect(invalidJSON.status == 2)
        let unknown = try ProcessRunner.run(BuiltProducts.cassette, ["validate", Self.shipped("atoms").path, "--schema", "nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("neither a built-in provider"))
        let noSchema = try ProcessRunner.run(BuiltProducts.cassette, ["validate", broken.path])
        #expect(noSchema.status == 2)
    }

    @Test("an error response in a cassette is checked against the provider's error schema")
    func errorResponsesUseTheErrorSchema() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var log = try CassetteFile.read(Self.shipped("atoms"))
        var entry = log.entries[0]
        entry.response.status = 401
        entry.response.content.text = #"{"status": false, "errors": ["Unauthorized: User not found"]}"#
        log.entries.append(entry)
        let file = folder.file("with-error.har.gz")
        try CassetteFile.write(log, to: file)
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["validate", file.path, "--schema", "atoms"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 of 2 response bodies checked"))
        log.entries[1].response.content.text = #"{"status": false, "errors": []}"#
        try CassetteFile.write(log, to: file)
        let broken = try ProcessRunner.run(BuiltProducts.cassette, ["validate", file.path, "--schema", "atoms"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("#/log/entries/1"))
        #expect(broken.stdout.contains("error schema"))
        #expect(broken.stdout.contains("/errors: "))
    }
}
