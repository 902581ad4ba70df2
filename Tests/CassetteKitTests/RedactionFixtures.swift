import CassetteKit
import CassetteTestSupport
import Foundation

/// The redaction tests build logs with `SampleExchanges` (shared) and read back what would be written.
typealias RedactionFixtures = SampleExchanges

extension SampleExchanges {
    /// The uncompressed JSON a cassette for this log holds.
    static func text(_ log: HAR.Log) -> String {
        String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self)
    }

    /// Writes the log as a cassette and reads it back with `gzip -dc` (no toolkit code).
    static func writtenText(_ log: HAR.Log) throws -> String {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("me.har.gz")
        _ = try CassetteFile.write(log, to: file)
        return try IndependentReader.decompressedText(file)
    }

    /// The response body of the first entry, parsed.
    static func body(_ log: HAR.Log, entry: Int = 0) throws -> JSONValue {
        try JSONParser.parse(log.entries[entry].response.content.text ?? "")
    }

    /// Whether any of `secrets` occurs in `text`. (A Bool, so a failing expectation never
    /// prints a secret.)
    static func contains(_ text: String, anyOf secrets: [String]) -> Bool {
        secrets.contains { !$0.isEmpty && text.contains($0) }
    }

    /// Report items as `side kind location rule` lines.
    static func reportLines(_ log: HAR.Log) -> [String] {
        (log.cassette?.redaction.items ?? []).map { "\($0.entry) \($0.side) \($0.kind) \($0.location) \($0.rule)" }
    }

    // The shaped placeholders the redactor writes for number `n` (see `Placeholder.Shape`).
    static func atomsKey(_ n: Int) -> String { Placeholder.make(n, shape: .token(prefix: "sk_", length: 16)) }
    static func jwt(_ n: Int) -> String { Placeholder.make(n, shape: .jwt) }
    static func seed(_ n: Int) -> String { Placeholder.make(n, shape: .base32) }
    static func backupCode(_ n: Int) -> String { Placeholder.make(n, shape: .backupCode) }
    static func unleashPAT(_ n: Int) -> String { Placeholder.make(n, shape: .hex(prefix: "user:", length: 56)) }
    static func unleashToken(_ n: Int) -> String { Placeholder.make(n, shape: .hex(prefix: "default:development.", length: 56)) }
}
