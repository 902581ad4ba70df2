import CassetteKit
import Foundation
import Testing

/// House rule: nothing prints a request or response value except through the display path.
///
/// Scans the CLI and the matchers' report builders for string interpolations of request-shaped
/// values (`request`, `header`, `url`, `query`, `body`, `value`, `location`, `pointer`, `reason`,
/// `member`, `key`) in lines that print or build a message, and requires each to go through
/// `SafeDisplay` (or `EchoedArgument`, the CLI's wrapper). Counts, statuses and indices are fine;
/// a line whose values were made safe where they were built says so with `// display-safe`.
@Suite("house rule: printed request values go through SafeDisplay")
struct DisplayPathHouseRuleTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Lines that print or build a message a user reads.
    private static let sinks = [
        "Console.out(", "Console.error(", "CLIFailure", "print(", "FileHandle.standardError", ".mismatch(", ".match(", "note(",
        "lines.append(", "differences.append(",
    ]
    private static let requestShaped = [
        "request", "header", "url", "query", "body", "value", "location", "pointer", "reason", "member", "key",
    ]
    private static let harmlessEndings = [".count", ".status", ".index", ".statusCode", "Count", "Size"]
    /// The toolkit's own loopback address and its own lists of choices.
    private static let harmlessParts = ["baseURL", "allCases"]

    /// The interpolations in `line` that show a request-shaped value without the display path.
    static func violations(in line: String) -> [String] {
        // `// display-safe` marks a line whose values were made safe where they were built.
        guard sinks.contains(where: { line.contains($0) }), !line.contains("// display-safe") else { return [] }
        var found: [String] = []
        let bytes = Array(line.utf8)
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "(") else {
                index += 1
                continue
            }
            var depth = 1
            var end = index + 2
            while end < bytes.count, depth > 0 {
                if bytes[end] == UInt8(ascii: "(") { depth += 1 }
                if bytes[end] == UInt8(ascii: ")") { depth -= 1 }
                end += 1
            }
            let expression = String(decoding: bytes[(index + 2)..<Swift.max(index + 2, end - 1)], as: UTF8.self)
            index = end
            if expression.contains("SafeDisplay") || expression.contains("EchoedArgument") { continue }
            if harmlessEndings.contains(where: { expression.hasSuffix($0) }) { continue }
            if harmlessParts.contains(where: { expression.contains($0) }) { continue }
            let lower = expression.lowercased()
            if requestShaped.contains(where: { lower.contains($0) }) { found.append(expression) }
        }
        return found
    }

    /// The line at `start` joined with the lines that continue its call (until its parentheses
    /// close, at most 12 lines), so a call the formatter wrapped is checked whole. A
    /// `// display-safe` comment on the line above counts as on the line.
    static func statement(startingAt start: Int, in lines: [String]) -> String {
        var joined = lines[start]
        if start > 0, lines[start - 1].trimmingCharacters(in: .whitespaces).hasPrefix("// display-safe") {
            joined += " // display-safe"
        }
        var depth = 0
        for character in lines[start].utf8 {
            if character == UInt8(ascii: "(") { depth += 1 }
            if character == UInt8(ascii: ")") { depth -= 1 }
        }
        var next = start + 1
        while depth > 0, next < lines.count, next - start <= 12 {
            joined += " " + lines[next].trimmingCharacters(in: .whitespaces)
            for character in lines[next].utf8 {
                if character == UInt8(ascii: "(") { depth += 1 }
                if character == UInt8(ascii: ")") { depth -= 1 }
            }
            next += 1
        }
        return joined
    }

    private static func swiftFiles(under relative: String) -> [URL] {
        let root = packageRoot.appendingPathComponent(relative)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    @Test("the checker flags a raw interpolation and accepts one through SafeDisplay")
    func checkerWorks() {
        #expect(Self.violations(in: #"throw CLIFailure.usage("error: -H \"\(header)\" is not a header")"#) == ["header"])
        #expect(Self.violations(in: #"Console.out("\(summary.method) \(request.url)")"#) == ["request.url"])
        #expect(Self.violations(in: #"Console.out("\(SafeDisplay.url(request.url)) \(body.count) bytes")"#).isEmpty)
        #expect(Self.violations(in: #"let x = "\(request.url)""#).isEmpty, "not a printing line")
        let wrapped = ["Console.error(", #"    "listening on \(request.url)""#, ")"]
        #expect(Self.violations(in: Self.statement(startingAt: 0, in: wrapped)) == ["request.url"], "a wrapped call is checked whole")
        let marked = ["// display-safe: made safe above", #"Console.error("on \(request.url)")"#]
        #expect(Self.violations(in: Self.statement(startingAt: 1, in: marked)).isEmpty, "the marker may sit on the line above")
    }

    @Test("the CLI and the matchers' reports print request values only through SafeDisplay")
    func sourcesFollowTheRule() throws {
        let files = Self.swiftFiles(under: "Sources/cassette") + Self.swiftFiles(under: "Sources/CassetteKit/Matching")
        #expect(files.count > 20, "the source tree was found")
        var offending: [String] = []
        for file in files where file.lastPathComponent != "ReportSafety.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for number in lines.indices {
                for expression in Self.violations(in: Self.statement(startingAt: number, in: lines)) {
                    offending.append("\(file.lastPathComponent):\(number + 1): \\(\(expression))")
                }
            }
        }
        #expect(offending.isEmpty, "print these through SafeDisplay: \(offending.joined(separator: "; "))")
    }
}
