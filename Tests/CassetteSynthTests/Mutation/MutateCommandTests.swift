import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

/// `cassette synth --strategy mutate --from CASSETTE`, run as a user runs it (the built binary).
@Suite("cassette synth --strategy mutate --from CASSETTE")
struct MutateCommandTests {
    @Test("prints the named mutations of a shipped cassette, the same as the library")
    func printsNamedMutations() throws {
        let cassette = ShippedCassettes.url(.zitadel)
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["synth", "--strategy", "mutate", "--from", cassette.path])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try #require(try JSONParser.parse(result.stdoutData).arrayValue)
        let library = try Variants(mutating: try CassetteFile.read(cassette))
        #expect(printed.compactMap { $0["name"]?.stringValue } == library.names)
        #expect(printed.compactMap { $0["body"] } == library.responses.map(\.body))
    }

    @Test("--as cassette writes replayable cassettes and an index of names; they validate and audit clean")
    func writesCassettes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let output = folder.file("mutations")
        let result = try ProcessRunner.run(
            BuiltProducts.cassette,
            [
                "synth", "wacht", "--strategy", "mutate", "--from", ShippedCassettes.url(.wacht).path, "--count", "5", "--seed", "3",
                "--output", output.path, "--as", "cassette",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let index = try #require(try JSONParser.parse(Data(contentsOf: output.appendingPathComponent("wacht-mutations.json"))).arrayValue)
        #expect(index.count == 5)
        let files = index.compactMap { $0["file"]?.stringValue }.map { output.appendingPathComponent($0).path }
        #expect(files.count == 5 && files.allSatisfy { $0.hasSuffix(".har.gz") })
        let validate = try ProcessRunner.run(BuiltProducts.cassette, ["validate"] + files)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let audit = try ProcessRunner.run(BuiltProducts.cassette, ["audit", output.path])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    }

    @Test(
        "bad usage says what and the next step, exit 2",
        arguments: [
            (["synth", "--strategy", "mutate"], "--from CASSETTE"),
            (["synth", "atoms", "--from", "x.har.gz"], "--from needs --strategy mutate"),
            (["synth", "nope", "--strategy", "mutate", "--from", "x.har.gz"], "built-in provider"),
        ])
    func badUsage(arguments: [String], message: String) throws {
        let result = try ProcessRunner.run(BuiltProducts.cassette, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
