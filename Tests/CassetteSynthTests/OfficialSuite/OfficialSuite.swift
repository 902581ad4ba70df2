import CassetteKit
import Foundation

/// The JSON Schema Test Suite (json-schema-org/JSON-Schema-Test-Suite), draft 2020-12 part.
///
/// A copy is vendored in `Tests/CassetteSynthTests/__Fixtures__/json-schema-test-suite` (tests of
/// draft 2020-12 and `remotes`, with the suite's LICENSE and the commit it came from in SOURCE),
/// so a clean clone runs it; a `shared/json-schema-test-suite` folder above the package is used
/// when the vendored copy is absent.
struct OfficialSuite {
    /// The suite's folder (holding `tests/` and `remotes/`).
    let root: URL

    /// One `{description, schema, tests}` group of a test file.
    struct Group {
        let description: String
        let schema: JSONValue
        let tests: [Case]
    }

    /// One `{description, data, valid}` test.
    struct Case {
        let description: String
        let data: JSONValue
        let valid: Bool
    }

    /// Why the suite could not be used, naming every place that was searched.
    struct Missing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the JSON Schema Test Suite was not found; looked for a folder holding tests/draft2020-12 at: "
                + searched.joined(separator: ", ")
                + ". Restore Tests/CassetteSynthTests/__Fixtures__/json-schema-test-suite from git."
        }
    }

    /// A file of the suite that cannot be read as the suite's format.
    struct Unreadable: Error, CustomStringConvertible {
        let file: String
        let reason: String
        var description: String { "\(file): \(reason)" }
    }

    /// Required test files: every file directly in `tests/draft2020-12`.
    static let requiredDirectory = "tests/draft2020-12"
    /// The format tests the validator asserts (the validator's documented list).
    static let assertedFormats = ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"]

    /// Finds the suite: the vendored copy, else a `shared/json-schema-test-suite` in any folder above.
    static func locate(filePath: String = #filePath) throws(Missing) -> OfficialSuite {
        let fileManager = FileManager.default
        var searched: [String] = []
        let testsFolder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        var candidates = [testsFolder.appendingPathComponent("__Fixtures__/json-schema-test-suite")]
        var folder = testsFolder
        while folder.path != "/" {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared/json-schema-test-suite"))
        }
        for candidate in candidates {
            searched.append(candidate.path)
            if fileManager.fileExists(atPath: candidate.appendingPathComponent(requiredDirectory).path) {
                return OfficialSuite(root: candidate)
            }
        }
        throw Missing(searched: searched)
    }

    /// The required test files, relative to the suite root, sorted.
    func requiredFiles() throws -> [String] {
        let folder = root.appendingPathComponent(Self.requiredDirectory)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { "\(Self.requiredDirectory)/\($0)" }
    }

    /// The optional format test files for the asserted formats, relative to the suite root.
    func formatFiles() -> [String] {
        Self.assertedFormats.map { "\(Self.requiredDirectory)/optional/format/\($0).json" }
    }

    /// Every draft 2020-12 document under `remotes/` (top level and `draft2020-12/`), by the URI the suite serves it at (`http://localhost:1234/...`).
    func remotes() throws -> [String: JSONValue] {
        let folder = root.appendingPathComponent("remotes")
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
        var result: [String: JSONValue] = [:]
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            // Other drafts' remotes are not 2020-12 schemas (e.g. draft 6's `$id` with a fragment).
            if relative.hasPrefix("draft"), !relative.hasPrefix("draft2020-12/") { continue }
            result["http://localhost:1234/" + relative] = try parse(folder.appendingPathComponent(relative), name: "remotes/" + relative)
        }
        return result
    }

    /// The groups of one test file.
    func groups(in relativePath: String) throws -> [Group] {
        let document = try parse(root.appendingPathComponent(relativePath), name: relativePath)
        guard case .array(let groups) = document else { throw Unreadable(file: relativePath, reason: "not an array of groups") }
        return try groups.enumerated().map { position, group in
            guard case .string(let description)? = group["description"], let schema = group["schema"],
                case .array(let tests)? = group["tests"]
            else { throw Unreadable(file: relativePath, reason: "group \(position) lacks description, schema or tests") }
            let cases = try tests.enumerated().map { index, test in
                guard case .string(let text)? = test["description"], let data = test["data"], case .bool(let valid)? = test["valid"]
                else { throw Unreadable(file: relativePath, reason: "group \(position) test \(index) lacks description, data or valid") }
                return Case(description: text, data: data, valid: valid)
            }
            return Group(description: description, schema: schema, tests: cases)
        }
    }

    private func parse(_ url: URL, name: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Unreadable(file: name, reason: "cannot be read") }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw Unreadable(file: name, reason: "invalid JSON at \(error.description)")
        }
    }
}
