import CassetteKit
import Foundation

/// The staged (index) content of cassettes: what `git commit` would record, not the working tree.
///
/// Lists the index with `git ls-files -s -z` and reads every blob in one `git cat-file --batch`.
enum StagedCassettes {
    /// Staged `.har.gz` and `.har` files (and `.json` files when named by a pathspec), limited to
    /// `pathspecs` when given, as audit sources named by their path relative to the current folder.
    static func sources(pathspecs: [String]) throws -> [AuditSource] {
        let listing = try GitRunner.run(["ls-files", "-s", "-z", "--"] + pathspecs)
        var staged: [(path: String, object: String)] = []
        var seenPaths: Set<String> = []
        for record in listing.split(separator: 0) {
            let line = String(decoding: record, as: UTF8.self)
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let fields = line[..<tab].split(separator: " ")
            let path = String(line[line.index(after: tab)...])
            guard fields.count == 3, fields[0] == "100644" || fields[0] == "100755" else { continue }
            let wanted = path.hasSuffix(".har.gz") || path.hasSuffix(".har") || (!pathspecs.isEmpty && path.hasSuffix(".json"))
            guard wanted, seenPaths.insert(path).inserted else { continue }
            staged.append((path, String(fields[1])))
        }
        guard !staged.isEmpty else { return [] }
        let request = Data(staged.map { $0.object + "\n" }.joined().utf8)
        let blobs = try GitRunner.run(["cat-file", "--batch"], input: request)
        return try split(blobs, into: staged)
    }

    /// Splits `git cat-file --batch` output (`<sha> blob <size>\n<bytes>\n` per object).
    private static func split(_ output: Data, into staged: [(path: String, object: String)]) throws -> [AuditSource] {
        var sources: [AuditSource] = []
        var cursor = output.startIndex
        for item in staged {
            guard let newline = output[cursor...].firstIndex(of: 0x0a) else { throw truncated(item.path) }
            let header = String(decoding: output[cursor..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]) else { throw truncated(item.path) }
            let start = output.index(after: newline)
            guard output.distance(from: start, to: output.endIndex) >= size else { throw truncated(item.path) }
            let end = output.index(start, offsetBy: size)
            sources.append(.bytes(Data(output[start..<end]), displayPath: item.path))
            cursor = end < output.endIndex ? output.index(after: end) : end
        }
        return sources
    }

    private static func truncated(_ path: String) -> CLIFailure {
        CLIFailure.usage("error: \(path): git cat-file returned an unexpected answer for the staged blob; run `git fsck` and retry.")
    }
}
