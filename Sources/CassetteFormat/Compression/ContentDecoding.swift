public import Foundation

/// Undoes an HTTP `Content-Encoding` chain (`gzip`, `x-gzip`, `deflate` zlib-wrapped or raw,
/// `identity`, and chains such as `gzip, gzip`) with a cap on every decoded layer.
///
/// Tools disagree about what they store: devtools keep the header but store the decoded body,
/// proxies store the encoded bytes. Each layer is therefore decoded only when the bytes really
/// are in that encoding (the gzip magic number, a zlib header, a complete raw deflate stream);
/// a layer whose bytes are not encoded is taken as already decoded by the tool that wrote them.
public enum ContentDecoding {
    /// The outcome of decoding a body.
    public enum Outcome: Sendable, Equatable {
        /// The body with every layer undone; `decodedLayers` says how many layers were really
        /// decoded (0: the stored body was already the decoded one).
        case decoded(Data, decodedLayers: Int)
        /// A coding with no decoder here (`br`, `zstd`, `compress`, ...) whose bytes are not
        /// plain text: the body cannot be read.
        case unsupported(coding: String)
        /// The bytes are in a known coding but broken, or larger than the cap once decoded.
        case failed(coding: String, reason: String)
    }

    /// The codings named by a `Content-Encoding` value, in the order they were applied
    /// (`gzip, deflate` was gzipped first), lowercased, `identity` and empty items removed.
    public static func codings(_ header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
    }

    /// Whether a coding has a decoder here.
    public static func isSupported(_ coding: String) -> Bool {
        coding == "gzip" || coding == "x-gzip" || coding == "deflate"
    }

    /// Undoes `header`'s codings on `body`, last applied first. `maxOutput` caps every decoded
    /// layer (the default is ``GzipCodec/defaultDecompressionLimit``).
    public static func decode(_ body: Data, contentEncoding header: String, maxOutput: Int = GzipCodec.defaultDecompressionLimit) -> Outcome
    {
        var bytes = body
        var decodedLayers = 0
        for coding in codings(header).reversed() {
            guard !bytes.isEmpty else { break }
            switch coding {
            case "gzip", "x-gzip":
                guard GzipCodec.isGzip(bytes) else { continue }
                do {
                    bytes = try GzipCodec.decompress(bytes, container: .gzip, limit: maxOutput)
                    decodedLayers += 1
                } catch {
                    return .failed(coding: coding, reason: error.description)
                }
            case "deflate":
                if let inflated = inflate(bytes, maxOutput: maxOutput) {
                    switch inflated {
                    case .success(let data):
                        bytes = data
                        decodedLayers += 1
                    case .failure(let error):
                        return .failed(coding: coding, reason: error.description)
                    }
                }
            default:
                // No decoder: only a body that is already plain text (a devtools export that
                // kept the header) can be read.
                guard looksLikeText(bytes) else { return .unsupported(coding: coding) }
            }
        }
        return .decoded(bytes, decodedLayers: decodedLayers)
    }

    /// A `deflate` layer: zlib-wrapped when the two header bytes say so (then it must decode),
    /// raw deflate otherwise; `nil` when the bytes are not deflate at all.
    private static func inflate(_ bytes: Data, maxOutput: Int) -> Result<Data, CompressionError>? {
        let first = bytes[bytes.startIndex]
        let zlibHeader =
            bytes.count >= 2 && (first & 0x0F) == 8 && (first >> 4) <= 7
            && ((UInt16(first) << 8) | UInt16(bytes[bytes.startIndex + 1])) % 31 == 0
        do {
            return .success(try GzipCodec.decompress(bytes, container: .deflate, limit: maxOutput))
        } catch {
            if case .exceedsLimit = error { return .failure(error) }
            // A zlib header that does not decode is a broken stream; text that is not raw
            // deflate is a body the tool already decoded.
            if zlibHeader, !looksLikeText(bytes) { return .failure(error) }
            return looksLikeText(bytes) ? nil : .failure(error)
        }
    }

    /// Valid UTF-8 without control characters other than tab, line feed and carriage return.
    public static func looksLikeText(_ bytes: Data) -> Bool {
        guard String(data: bytes, encoding: .utf8) != nil else { return false }
        return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
    }
}
