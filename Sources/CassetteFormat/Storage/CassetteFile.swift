public import Foundation

/// Reads and writes cassette files: gzip-compressed (`.har.gz`) or plain (`.har`, `.json`)
/// HAR 1.2 documents.
///
/// Writing is deterministic (same log, same bytes) and atomic (a temporary file in the same
/// folder, then a rename). Reading is defensive: a size cap on decompression, one
/// ``ReadBudget`` per file (pass the same budget to whatever decodes the file's bodies next), and
/// a distinct ``CassetteError`` for each way a file can be broken.
public enum CassetteFile {
    /// The file extension of compressed cassettes.
    public static let fileExtension = "har.gz"

    /// The bytes of a cassette for a log: pretty JSON, gzip-compressed deterministically.
    public static func encode(_ log: HAR.Log) throws -> Data {
        try GzipCodec.gzip(encodeJSON(log))
    }

    /// The uncompressed JSON text of a cassette (what `gunzip -c` prints).
    public static func encodeJSON(_ log: HAR.Log) -> Data {
        JSONSerializer.data(log.jsonDocument, style: .pretty)
    }

    /// Decodes cassette bytes. `path` is only used in error messages. The gunzip draws from
    /// `budget` (a fresh budget for `path` when none is given).
    public static func decode(
        _ data: Data, path: String, limit: Int = GzipCodec.defaultDecompressionLimit, budget: ReadBudget? = nil
    ) throws(CassetteError) -> HAR.Log {
        let json = try decompressIfNeeded(data, path: path, limit: limit, budget: budget)
        // Straight from bytes to the log when the document is well formed; the full path below
        // (tree, then HAR) decides everything else and says what is wrong and where.
        if let log = HARFastDecoder.decode(json) { return log }
        let document: JSONValue
        do {
            document = try JSONParser.parse(json)
        } catch {
            throw .invalidJSON(path: path, detail: error.description)
        }
        return try decodeDocument(document, path: path)
    }

    /// Decodes an already parsed HAR document, checking its format version.
    public static func decodeDocument(_ document: JSONValue, path: String) throws(CassetteError) -> HAR.Log {
        if case .number(let found) = document.value(at: JSONPointer(tokens: ["log", "_cassette", "formatVersion"])),
            let version = found.intValue, version > CassetteMetadata.currentFormatVersion
        {
            throw .unsupportedFormatVersion(path: path, found: version, supported: CassetteMetadata.currentFormatVersion)
        }
        do {
            return try HAR.Log(jsonDocument: document)
        } catch {
            throw .notHAR(path: path, detail: error.description)
        }
    }

    /// Decompresses when the bytes are gzip, passes plain JSON through. The output is capped at
    /// `limit` and charged to `budget` (a fresh budget for `path` when none is given), so the
    /// caller can hand the same budget to the decoders of the file's bodies.
    public static func decompressIfNeeded(
        _ data: Data, path: String, limit: Int = GzipCodec.defaultDecompressionLimit, budget: ReadBudget? = nil
    ) throws(CassetteError) -> Data {
        guard GzipCodec.isGzip(data) else {
            if path.hasSuffix(".gz") {
                throw .corrupt(path: path, detail: data.isEmpty ? "the file is empty" : "no gzip header")
            }
            guard data.count <= limit else { throw .tooLarge(path: path, limit: limit) }
            return data
        }
        do {
            return try GzipCodec.decompress(data, container: .gzip, budget: budget ?? ReadBudget(for: path), limit: limit)
        } catch {
            switch error {
            case .truncated: throw .truncated(path: path)
            case .corrupt(let detail): throw .corrupt(path: path, detail: detail)
            case .exceedsLimit(let limit): throw .tooLarge(path: path, limit: limit)
            case .zlib(let detail): throw .corrupt(path: path, detail: detail)
            case .budgetExceeded(let refusal): throw .overBudget(refusal)
            }
        }
    }

    /// Reads a cassette from disk; its gunzip draws from `budget` (a fresh one when `nil`).
    public static func read(
        _ url: URL, limit: Int = GzipCodec.defaultDecompressionLimit, budget: ReadBudget? = nil
    ) throws(CassetteError) -> HAR.Log {
        let data = try readBytes(url, limit: limit)
        return try decode(data, path: url.path, limit: limit, budget: budget)
    }

    /// Reads a file's raw bytes, refusing a compressed file larger than the cap outright.
    public static func readBytes(_ url: URL, limit: Int = GzipCodec.defaultDecompressionLimit) throws(CassetteError) -> Data {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        do {
            let data = try Data(contentsOf: url)
            if data.count > limit { throw CassetteError.tooLarge(path: path, limit: limit) }
            return data
        } catch let error as CassetteError {
            throw error
        } catch {
            throw .io(path: path, detail: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Writes a cassette atomically. Returns `false` (and leaves the file untouched, modification
    /// time included) when the file already holds exactly these bytes.
    @discardableResult
    public static func write(_ log: HAR.Log, to url: URL) throws -> Bool {
        let data = try encode(log)
        return try AtomicFileWriter.write(data, to: url)
    }
}
