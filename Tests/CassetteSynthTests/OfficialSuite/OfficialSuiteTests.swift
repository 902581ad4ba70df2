import CassetteKit
import CassetteSynth
import Foundation
import Testing

/// Runs the JSON Schema Test Suite (draft 2020-12) through ``JSONSchemaValidator``.
///
/// Required files run with `format` as an annotation (the specification's default, which
/// `format.json` expects); the optional format files of the asserted formats run with format
/// assertion on. Every test is checked twice: `isValid` (stops at the first failure) and
/// `validate` (collects located errors) must both give the suite's answer, and every reported
/// instance location must point into the instance.
@Suite("JSON Schema Test Suite, draft 2020-12")
struct OfficialSuiteTests {
    /// Tests that are known not to pass, by `file › group › test`, with the reason (listed in README).
    static let exclusions: [String: String] = [:]

    /// The outcome of one file.
    struct FileResult {
        var passed = 0
        var failed: [String] = []
        var excluded = 0
    }

    @Test("the suite is present (vendored in __Fixtures__)")
    func suiteIsPresent() throws {
        let suite = try OfficialSuite.locate()
        let files = try suite.requiredFiles()
        #expect(files.count >= 40, "only \(files.count) required files under \(suite.root.path)")
        for file in suite.formatFiles() {
            #expect(FileManager.default.fileExists(atPath: suite.root.appendingPathComponent(file).path), "missing \(file)")
        }
    }

    @Test("every required test passes")
    func requiredTests() throws {
        let suite = try OfficialSuite.locate()
        let remotes = try suite.remotes()
        try run(suite, files: try suite.requiredFiles(), remotes: remotes, formatAssertion: false, title: "required")
    }

    @Test("the format tests of date-time, date, time, email, uri, uuid, ipv4, ipv6 and hostname pass")
    func formatTests() throws {
        let suite = try OfficialSuite.locate()
        try run(suite, files: suite.formatFiles(), remotes: [:], formatAssertion: true, title: "optional/format")
    }

    private func run(_ suite: OfficialSuite, files: [String], remotes: [String: JSONValue], formatAssertion: Bool, title: String) throws {
        var results: [(String, FileResult)] = []
        for file in files {
            results.append((file, try runFile(suite, file, remotes: remotes, formatAssertion: formatAssertion)))
        }
        let passed = results.reduce(0) { $0 + $1.1.passed }
        let failed = results.reduce(0) { $0 + $1.1.failed.count }
        let excluded = results.reduce(0) { $0 + $1.1.excluded }
        var summary = "JSON Schema Test Suite (\(title)): \(files.count) files, \(passed + failed + excluded) tests: "
        summary += "\(passed) passed, \(failed) failed, \(excluded) excluded\n"
        for (file, result) in results {
            let name = file.replacingOccurrences(of: OfficialSuite.requiredDirectory + "/", with: "")
            summary += "  \(name): \(result.passed)/\(result.passed + result.failed.count + result.excluded)"
            summary += result.excluded > 0 ? " (\(result.excluded) excluded)\n" : "\n"
        }
        print(summary, terminator: "")
        for (_, result) in results {
            for failure in result.failed { Issue.record(Comment(rawValue: failure)) }
        }
    }

    private func runFile(_ suite: OfficialSuite, _ file: String, remotes: [String: JSONValue], formatAssertion: Bool) throws -> FileResult {
        var result = FileResult()
        let name = file.replacingOccurrences(of: OfficialSuite.requiredDirectory + "/", with: "")
        for group in try suite.groups(in: file) {
            let validator: JSONSchemaValidator
            do {
                validator = try JSONSchemaValidator(schema: group.schema, remotes: remotes, formatAssertion: formatAssertion)
            } catch {
                for test in group.tests {
                    let id = "\(name) › \(group.description) › \(test.description)"
                    if Self.exclusions[id] != nil {
                        result.excluded += 1
                    } else {
                        result.failed.append("\(id): the schema does not compile: \(error)")
                    }
                }
                continue
            }
            for test in group.tests {
                let id = "\(name) › \(group.description) › \(test.description)"
                if Self.exclusions[id] != nil {
                    result.excluded += 1
                    continue
                }
                if let problem = check(validator, test) {
                    result.failed.append("\(id): \(problem)")
                } else {
                    result.passed += 1
                }
            }
        }
        return result
    }

    /// What is wrong with the validator's answer to one test, or `nil`.
    private func check(_ validator: JSONSchemaValidator, _ test: OfficialSuite.Case) -> String? {
        let expected = test.valid ? "valid" : "invalid"
        let quick = validator.isValid(test.data)
        let errors = validator.validate(test.data)
        if quick != test.valid {
            return "expected \(expected), isValid said \(quick ? "valid" : "invalid")"
                + (errors.isEmpty ? "" : "; validate: \(errors.prefix(3).map(\.description).joined(separator: " | "))")
        }
        if errors.isEmpty != test.valid {
            return "expected \(expected), isValid agreed but validate gave \(errors.count) errors"
                + (errors.isEmpty ? "" : ": \(errors.prefix(3).map(\.description).joined(separator: " | "))")
        }
        for error in errors where test.data.value(at: error.instanceLocation) == nil {
            return "error located at \(error.instanceLocation), which is not in the instance: \(error)"
        }
        return nil
    }
}
