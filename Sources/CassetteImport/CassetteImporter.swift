public import CassetteKit
public import Foundation

/// The cassette formats other tools write that `cassette import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// HAR 1.2: browser devtools, mitmproxy, mattt/Replay, Polly.js.
    case har
    /// vcrpy cassettes (YAML or JSON).
    case vcrpy
    /// Ruby VCR cassettes (YAML or JSON).
    case vcr
}

/// Turns cassettes of other tools into redacted cassettes.
///
/// Every interaction goes through the same redaction and fail-closed check as recording
/// (`Redaction/sanitize(_:policy:)`), so a leaky fixture set comes out safe, or not at all. The
/// credentials the imported requests carry (`Redaction/credentials(in:)`) are known secrets for
/// the whole import.
public struct CassetteImporter: Sendable {
    /// The format of the input files.
    public var format: ImportFormat
    /// Redaction settings: provider (for its schema's secret annotations) and secrets known to
    /// be in the files (searched for in every encoding before anything is returned).
    public var policy: RedactionPolicy
    /// Input files larger than this (decompressed) are refused.
    public var sizeLimit: Int

    /// Creates an importer.
    public init(format: ImportFormat, policy: RedactionPolicy = RedactionPolicy(), sizeLimit: Int = GzipCodec.defaultDecompressionLimit) {
        self.format = format
        self.policy = policy
        self.sizeLimit = sizeLimit
    }

    /// One foreign file's allowance: the standard depth and work, but 48 MiB decompressed in all,
    /// because import keeps every decoded body in memory until the cassette is written (with
    /// 128 MiB, forty small gzip bombs peaked at 271 MB, and 211 MB with 64 MiB; the goal is under
    /// 200 MB).
    static let importLimits = ReadBudget.Limits(
        maximumDepth: ReadBudget.Limits.standard.maximumDepth,
        maximumDecompressedBytes: 48 * 1024 * 1024,
        maximumWork: ReadBudget.Limits.standard.maximumWork)

    /// The interactions of all files, in order, unredacted. For tests and tools that redact
    /// themselves; ``importCassette(from:)`` is what writes to disk.
    public func interactions(from files: [URL]) throws(ImportError) -> [HAR.Entry] {
        var entries: [HAR.Entry] = []
        for file in files {
            let budget = ReadBudget(for: file.path, limits: Self.importLimits)
            let builder = InteractionBuilder(bodyLimit: sizeLimit, budget: budget)
            let document = try parse(file, budget: budget)
            switch format {
            case .har: entries += try ForeignHARReader(builder: builder).entries(document, path: file.path)
            case .vcrpy: entries += try VcrpyReader(builder: builder).entries(document, path: file.path)
            case .vcr: entries += try RubyVCRReader(builder: builder).entries(document, path: file.path)
            }
        }
        return entries
    }

    /// A redacted cassette holding the interactions of all files.
    /// - Throws: ``ImportError`` for unreadable input, `UnsafeCassetteError` when redaction
    ///   cannot prove the result clean (then nothing may be written).
    public func importCassette(from files: [URL]) throws -> HAR.Log {
        let entries = try interactions(from: files)
        guard !entries.isEmpty else {
            throw ImportError(
                path: files.map(\.path).joined(separator: ", "), problem: "no interactions found",
                nextStep: "Check that the files hold recorded requests.")
        }
        let log = HAR.Log(
            entries: entries,
            cassette: CassetteMetadata(provider: policy.provider, source: "import", recordedAt: entries.first?.startedDateTime))
        // Credentials the imported requests carry are secrets wherever they reappear (a bearer
        // token echoed in a response's error_description), not only where a rule finds them.
        var policy = policy
        policy.knownSecrets += Redaction.credentials(in: log)
        return try Redaction.sanitize(log, policy: policy)
    }

    /// Reads and parses one input file: JSON when it starts with `{` or `[`, YAML otherwise.
    func parse(_ file: URL, budget: ReadBudget? = nil) throws(ImportError) -> JSONValue {
        let bytes: Data
        do {
            bytes = try CassetteFile.decompressIfNeeded(
                try CassetteFile.readBytes(file, limit: sizeLimit), path: file.path, limit: sizeLimit, budget: budget)
        } catch {
            throw ImportError(path: file.path, problem: error.description, nextStep: "Check the path and the file.")
        }
        let first = bytes.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                return try JSONParser.parse(bytes)
            } catch {
                throw ImportError(
                    path: file.path, problem: "invalid JSON (\(error.description))",
                    nextStep: "The file is damaged or truncated; export it again.")
            }
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ImportError(path: file.path, problem: "not UTF-8 text", nextStep: "Pass a YAML or JSON cassette.")
        }
        return try YAMLTree.parse(text, path: file.path)
    }
}
