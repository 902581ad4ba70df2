import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette synth: schema-valid variants from the command line")
struct SynthCommandTests {
    @Test("prints a JSON array of valid variants, the same bytes for the same seed", arguments: ["atoms", "unleash", "wacht", "zitadel"])
    func printsDeterministicValidJSON(provider: String) throws {
        let first = try ProcessRunner.run(
            BuiltProducts.cassette, ["synth", provider, "--count", "5", "--seed", "12", "--strategy", "random"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try ProcessRunner.run(
            BuiltProducts.cassette, ["synth", provider, "--count", "5", "--seed", "12", "--strategy", "random"])
        #expect(first.stdoutData == again.stdoutData)
        let other = try ProcessRunner.run(
            BuiltProducts.cassette, ["synth", provider, "--count", "5", "--seed", "13", "--strategy", "random"])
        #expect(first.stdoutData != other.stdoutData)
        guard case .array(let bodies) = try JSONParser.parse(first.stdoutData) else {
            Issue.record("not a JSON array")
            return
        }
        #expect(bodies.count == 5)
        let validator = try JSONSchemaValidator(schema: ProviderSchemas.me(for: provider))
        for body in bodies { #expect(validator.validate(body).isEmpty) }
    }

    @Test("--output --as cassette writes one synth cassette per variant, and cassette validate accepts them")
    func writesCassettes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ProcessRunner.run(
            BuiltProducts.cassette,
            ["synth", "wacht", "--error", "--count", "4", "--seed", "3", "--output", folder.url.path, "--as", "cassette"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(files == ["wacht-error-1.har.gz", "wacht-error-2.har.gz", "wacht-error-3.har.gz", "wacht-error-4.har.gz"])
        var statuses: Set<Int> = []
        for file in files {
            let log = try CassetteFile.read(folder.file(file))
            #expect(log.cassette?.source == "synth")
            #expect(log.cassette?.provider == "wacht")
            #expect(log.entries.count == 1)
            statuses.insert(log.entries[0].response.status)
        }
        #expect(statuses.count > 1, "error variants cycle through statuses: \(statuses)")
        let validated = try ProcessRunner.run(BuiltProducts.cassette, ["validate"] + files.map { folder.file($0).path })
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    @Test("--strategy edge writes every edge case as a JSON file, from a schema file too")
    func edgeFromSchemaFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let schema = folder.file("thing.schema.json")
        try Data(
            #"{"type":"object","required":["kind"],"properties":{"kind":{"enum":["a","b","c"]},"note":{"type":["string","null"]}}}"#.utf8
        )
        .write(to: schema)
        let out = folder.file("out")
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["synth", schema.path, "--strategy", "edge", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("thing-") && $0.hasSuffix(".json") }
        var kinds: Set<String> = []
        var sawNull = false
        var sawAbsent = false
        for file in files {
            let value = try JSONParser.parse(try Data(contentsOf: out.appendingPathComponent(file)))
            if let kind = value["kind"]?.stringValue { kinds.insert(kind) }
            if value["note"] == .null { sawNull = true }
            if value["note"] == nil { sawAbsent = true }
        }
        #expect(kinds == ["a", "b", "c"])
        #expect(sawNull && sawAbsent)
    }

    @Test("bad usage and unsatisfiable schemas exit 2 with a reason")
    func badUsage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let strategy = try ProcessRunner.run(BuiltProducts.cassette, ["synth", "atoms", "--strategy", "wild"])
        #expect(strategy.status == 2)
        #expect(strategy.stderr.contains("--strategy wild"))
        let schema = folder.file("bad.json")
        try Data(#"{"type":"object","required":["a"],"properties":{"a":{"type":"string","minLength":5,"maxLength":2}}}"#.utf8).write(
            to: schema)
        let unsatisfiable = try ProcessRunner.run(BuiltProducts.cassette, ["synth", schema.path])
        #expect(unsatisfiable.status == 2)
        #expect(unsatisfiable.stderr.contains("/a"))
        #expect(unsatisfiable.stderr.contains("minLength (5) is above maxLength (2)"))
    }
}
