import CassetteKit
import Foundation

/// The credential the redaction and import targets plant in fuzzed documents and hand to the
/// redactor as a known secret. A fixed value (a fuzz input must replay the same way), letters
/// and digits only, so its raw, percent-encoded and JSON-escaped forms are the same bytes.
public enum PlantedSecret {
    /// The secret itself (not a real credential of any service).
    public static let value = "fZq7Xw2LmT9pR4vNc8bK3sHy6JdG5aEu"
    /// Where a fuzz input asks for the secret: every occurrence of this marker is replaced by it.
    public static let marker = Array("$S".utf8)
    /// Marker for the secret in standard base64.
    public static let base64Marker = Array("$B".utf8)

    /// The secret's byte forms that must not survive a successful sanitize: raw and base64
    /// (standard and URL-safe, with and without padding).
    public static let forbiddenForms: [[UInt8]] = {
        let standard = Data(value.utf8).base64EncodedString()
        let unpadded = standard.replacingOccurrences(of: "=", with: "")
        let urlSafe = unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return Array(Set([value, standard, unpadded, urlSafe])).map { Array($0.utf8) }
    }()

    /// `bytes` with each marker replaced by the secret in the form it names.
    public static func plant(in bytes: [UInt8]) -> [UInt8] {
        let base64 = Array(Data(value.utf8).base64EncodedString().utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: marker) {
                result += Array(value.utf8)
                index += marker.count
            } else if bytes[index...].starts(with: base64Marker) {
                result += base64
                index += base64Marker.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Whether any forbidden form of the secret appears in `bytes` (byte-wise, so a form cannot
    /// hide behind a combining character or any other grapheme boundary).
    public static func appears(in bytes: some Collection<UInt8>) -> Bool {
        let haystack = Array(bytes)
        return forbiddenForms.contains { form in contains(haystack, form) }
    }

    /// Whether a sanitized log shows the secret anywhere: in its written bytes, or in any string
    /// of its model, or inside any decoded layer of a body (base64, gzip, JSON strings and keys).
    public static func appears(in log: HAR.Log) -> Bool {
        if appears(in: CassetteFile.encodeJSON(log)) { return true }
        for entry in log.entries {
            let texts =
                [entry.request.url, entry.response.statusText, entry.response.redirectURL]
                + entry.request.headers.map(\.value) + entry.response.headers.map(\.value)
                + entry.request.headers.map(\.name) + entry.response.headers.map(\.name)
            if texts.contains(where: { appears(in: $0.utf8) }) { return true }
            if let body = entry.request.postData, appearsInBody(body.text, encoding: body.encoding) { return true }
            if let text = entry.response.content.text, appearsInBody(text, encoding: entry.response.content.encoding) { return true }
        }
        return false
    }

    /// The secret in a body: its text, its base64 decoding, up to three gzip layers below that,
    /// and every string and member name of each layer that is JSON.
    static func appearsInBody(_ text: String, encoding: String?) -> Bool {
        var layer = Data(text.utf8)
        if encoding == "base64", let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) { layer = decoded }
        for _ in 0..<4 {
            if appears(in: layer) || appearsInJSON(layer) { return true }
            guard GzipCodec.isGzip(layer), let inflated = try? GzipCodec.decompress(layer, container: .gzip, limit: 1 << 22) else { break }
            layer = inflated
        }
        return false
    }

    private static func appearsInJSON(_ bytes: Data) -> Bool {
        guard let document = try? JSONParser.parse(bytes) else { return false }
        var stack = [document]
        while let value = stack.popLast() {
            switch value {
            case .string(let text): if appears(in: text.utf8) { return true }
            case .array(let items): stack += items
            case .object(let object):
                for member in object {
                    if appears(in: member.key.utf8) { return true }
                    stack.append(member.value)
                }
            default: break
            }
        }
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
