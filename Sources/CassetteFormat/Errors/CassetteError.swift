public import Foundation

/// Why a cassette could not be read or written. Each case names the file, what is wrong and
/// the next step, in one or two lines, and never includes a secret value.
public enum CassetteError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file does not exist.
    case notFound(path: String)
    /// The file system refused (permissions, disk full, a folder in the way).
    case io(path: String, detail: String)
    /// The gzip stream ends early.
    case truncated(path: String)
    /// The bytes are not gzip, or the stream is damaged.
    case corrupt(path: String, detail: String)
    /// Decompressed content would exceed the cap (a gzip bomb, or a huge cassette).
    case tooLarge(path: String, limit: Int)
    /// The decompressed content is not JSON.
    case invalidJSON(path: String, detail: String)
    /// The JSON is not a HAR 1.2 document.
    case notHAR(path: String, detail: String)
    /// Written by a newer toolkit.
    case unsupportedFormatVersion(path: String, found: Int, supported: Int)
    /// Reading the file would exceed its ``ReadBudget`` (decompressed bytes, work or depth).
    case overBudget(ReadBudgetExceeded)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such cassette. Check the path, or record it with `cassette record <provider> --output \(path)`."
        case .io(let path, let detail):
            return "\(path): \(detail). Check the folder exists and is writable."
        case .truncated(let path):
            return
                "\(path): the gzip stream is truncated (the file was cut short). Restore it from git (`git checkout -- \(path)`) or re-record it."
        case .corrupt(let path, let detail):
            return "\(path): not a readable gzip cassette (\(detail)). Restore it from git or re-record it."
        case .tooLarge(let path, let limit):
            return
                "\(path): decompressed content exceeds the \(limit / 1024 / 1024) MiB limit (a gzip bomb or an oversized cassette); refused. Raise the limit (--max-size) only if you trust the file."
        case .invalidJSON(let path, let detail):
            return "\(path): the content is not valid JSON (\(detail)). Restore it from git or re-record it."
        case .notHAR(let path, let detail):
            return "\(path): valid JSON but not a HAR 1.2 cassette (\(detail)). Import foreign formats with `cassette import`."
        case .unsupportedFormatVersion(let path, let found, let supported):
            return
                "\(path): cassette format version \(found) is newer than this toolkit supports (\(supported)). Upgrade cassette (CassetteKit) to a release that reads format \(found)."
        case .overBudget(let refusal):
            return refusal.description
        }
    }

    public var errorDescription: String? { description }

    /// The path the error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .io(let path, _), .truncated(let path), .corrupt(let path, _),
            .tooLarge(let path, _), .invalidJSON(let path, _), .notHAR(let path, _),
            .unsupportedFormatVersion(let path, _, _):
            return path
        case .overBudget(let refusal):
            return refusal.subject
        }
    }
}
