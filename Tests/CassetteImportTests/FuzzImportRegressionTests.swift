import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// What the FuzzImport target (`Fuzz/`) found in the importers, kept as ordinary tests.
@Suite("Fuzz regressions: import")
struct FuzzImportRegressionTests {
    /// FuzzImport timed out (libFuzzer -timeout) on the seed `yaml-billion-laughs`: anchors and
    /// aliases share nodes, and the YAML-to-JSON conversion expanded them into a tree
    /// exponentially larger than the file. Nine levels of nine aliases (about 400 bytes) would be
    /// 387 million values; it is refused at once instead, naming aliases.
    @Test("YAML aliases that expand a small file exponentially are refused quickly")
    func billionLaughs() throws {
        var lines = [#"l0: &l0 ["x","x","x","x","x","x","x","x","x"]"#]
        for level in 1..<9 {
            let previous = "*l\(level - 1)"
            lines.append("l\(level): &l\(level) [" + Array(repeating: previous, count: 9).joined(separator: ",") + "]")
        }
        lines.append("interactions: *l8")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(lines.joined(separator: "\n") + "\n", to: "laughs.yaml")
        let error = #expect(throws: ImportError.self) {
            _ = try CassetteImporter(format: .vcrpy).importCassette(from: [url])
        }
        #expect(error?.problem.contains("aliases") == true)
    }

    @Test("a small alias use within the file's size still imports")
    func modestAlias() throws {
        let token = RandomSecret.alphanumeric(32)
        let yaml = """
            headers: &h
              Content-Type:
              - application/json
            interactions:
            - request:
                body: null
                headers:
                  Authorization:
                  - Bearer \(token)
                method: GET
                uri: https://api.example.com/me
              response:
                body:
                  string: '{"id":1}'
                headers: *h
                status:
                  code: 200
                  message: OK
            version: 1

            """
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(yaml, to: "alias.yaml")
        let log = try CassetteImporter(format: .vcrpy, policy: RedactionPolicy(knownSecrets: [token])).importCassette(from: [url])
        #expect(log.entries.count == 1)
        #expect(log.entries.first?.response.headers.contains { $0.name == "Content-Type" } == true)
    }
}
