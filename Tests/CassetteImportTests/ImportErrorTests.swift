import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("Import refuses bad input with a clear error")
struct ImportErrorTests {
    private func importError(_ text: String, format: ImportFormat, name: String = "input.yaml") throws -> ImportError {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(text, to: name)
        do {
            _ = try CassetteImporter(format: format).importCassette(from: [url])
        } catch let error as ImportError {
            #expect(error.path == url.path)
            return error
        }
        Issue.record("expected an ImportError")
        return ImportError(path: "", problem: "", nextStep: "")
    }

    @Test("malformed YAML names the line")
    func malformedYAML() throws {
        let error = try importError("interactions:\n- request: [unclosed\n", format: .vcrpy)
        #expect(error.problem.contains("not valid YAML"))
        #expect(error.problem.contains("line"))
    }

    @Test("truncated JSON is reported as invalid JSON")
    func truncatedJSON() throws {
        let error = try importError(#"{"interactions": [{"request": {"#, format: .vcrpy, name: "input.json")
        #expect(error.problem.contains("invalid JSON"))
    }

    @Test("the wrong --from says which member is missing")
    func wrongFormat() throws {
        let error = try importError(ImportFixtures.vcrpyYAML(token: "x"), format: .vcr)
        #expect(error.problem.contains("http_interactions"))
    }

    @Test("a missing status code is located by JSON pointer, and no value is echoed")
    func missingMember() throws {
        let secret = RandomSecret.atomsKey()
        let text = """
            interactions:
            - request: {method: GET, uri: 'https://h/me', headers: {Authorization: ['Bearer \(secret)']}}
              response: {status: {message: OK}, body: {string: ''}}
            """
        let error = try importError(text, format: .vcrpy)
        #expect(error.problem.contains("/interactions/0/response/status"))
        #expect(error.problem.contains("code"))
        #expect(!error.description.contains(secret))
    }

    @Test("a corrupt gzip body is an error, not an empty body")
    func corruptGzipBody() throws {
        var text = try ImportFixtures.vcrpyGzipYAML(token: "t", body: Data("{}".utf8))
        text = text.replacingOccurrences(of: "!!binary |", with: "!!binary |\n        AAAAAAAA")
        let error = try importError(text, format: .vcrpy)
        #expect(error.problem.contains("cannot be decoded") || error.problem.contains("base64"))
    }

    @Test("a file with no interactions is refused")
    func empty() throws {
        let error = try importError("interactions: []\nversion: 1\n", format: .vcrpy)
        #expect(error.problem.contains("no interactions"))
    }
}
