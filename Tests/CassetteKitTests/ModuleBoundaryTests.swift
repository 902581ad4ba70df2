import Foundation
import Testing

/// The house rules of the layout (README "Layout"), read from the sources themselves: arrows
/// point down only, and the redactor and the audit never import each other, so the audit stays a
/// second line written apart from the redactor.
@Suite("module boundaries")
struct ModuleBoundaryTests {
    /// What each core target may import (besides the system and toolchain modules).
    static let allowed: [String: Set<String>] = [
        "CassetteFormat": ["CZlib"],
        "CassetteAudit": ["CassetteFormat"],
        "CassetteProviders": ["CassetteFormat"],
        "CassetteRedaction": ["CassetteFormat", "CassetteProviders"],
        "CassetteMatching": ["CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction"],
        "CassetteRecording": ["CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction", "CassetteMatching"],
        "CassetteYAML": ["CassetteFormat", "Yams"],
        "CassetteVerify": ["CassetteKit", "CassetteSynth"],
        "CassetteAsyncHTTPClient": ["CassetteKit", "CassetteReplay", "AsyncHTTPClient", "Logging", "NIOCore", "NIOHTTP1"],
        "CassetteKit": [
            "CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction", "CassetteMatching", "CassetteRecording",
        ],
    ]
    static let systemModules: Set<String> = [
        "Foundation", "FoundationEssentials", "FoundationNetworking", "Synchronization", "Dispatch", "Glibc", "Darwin", "Musl",
    ]

    static var sourcesRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    /// The modules imported by the Swift files of one target folder, with the files that import each.
    static func imports(ofTarget target: String) throws -> [String: [String]] {
        let folder = sourcesRoot.appendingPathComponent(target)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        var found: [String: [String]] = [:]
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal"].contains(first) {
                    words.removeFirst()
                }
                guard words.count >= 2, words[0] == "import" else { continue }
                let module = words[words.count - 1].split(separator: ".").first.map(String.init) ?? ""
                found[module, default: []].append(file.lastPathComponent)
            }
        }
        return found
    }

    @Test("each core target imports only the layers below it", arguments: allowed.keys.sorted())
    func importsPointDown(target: String) throws {
        let imports = try Self.imports(ofTarget: target)
        #expect(!imports.isEmpty, "no sources found for \(target)")
        let permitted = Self.allowed[target, default: []].union(Self.systemModules)
        for (module, files) in imports where !permitted.contains(module) {
            Issue.record("\(target) imports \(module) in \(files.sorted().joined(separator: ", "))")
        }
    }

    @Test("the redactor and the audit never import each other")
    func redactionAndAuditAreIndependent() throws {
        #expect(try Self.imports(ofTarget: "CassetteAudit")["CassetteRedaction"] == nil)
        #expect(try Self.imports(ofTarget: "CassetteRedaction")["CassetteAudit"] == nil)
        #expect(try Self.imports(ofTarget: "CassetteAudit")["CassetteKit"] == nil)
        #expect(try Self.imports(ofTarget: "CassetteRedaction")["CassetteKit"] == nil)
    }

    @Test("AsyncHTTPClient is imported only in files compiled under the AsyncHTTPClient trait")
    func asyncHTTPClientOnlyBehindTheTrait() throws {
        let guarded: Set<String> = ["AsyncHTTPClient", "CassetteAsyncHTTPClient", "Logging"]
        for target in ["CassetteAsyncHTTPClient", "CassetteTesting", "CassetteXCTest"] {
            let folder = Self.sourcesRoot.appendingPathComponent(target)
            let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            for file in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                let importsGuarded = text.split(separator: "\n").contains { line in
                    var words = line.split(separator: " ").map(String.init)
                    while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal"].contains(first) {
                        words.removeFirst()
                    }
                    return words.count == 2 && words[0] == "import" && guarded.contains(words[1])
                }
                guard importsGuarded else { continue }
                #expect(
                    text.hasPrefix("#if AsyncHTTPClient\n"),
                    "\(target)/\(file.lastPathComponent) imports AsyncHTTPClient outside `#if AsyncHTTPClient`")
            }
        }
    }
}
