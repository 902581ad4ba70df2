import CassetteKit
public import Foundation

/// Searches written bytes for any form of planted secrets: raw, percent-encoded (upper and lower
/// hex, `+` for space), base64 and base64url at the three alignments, JSON `\uXXXX` escapes,
/// hex of the UTF-8 bytes; and again inside every layer it can decode (gzip, deflate, base64 runs,
/// JSON strings and member names, JSON inside strings, percent-decoding), to a bounded depth.
///
/// Answers yes or no only: the caller never sees which value or where, so nothing can print it.
public struct SecretSearch: Sendable {
    private let forms: [[UInt8]]
    private static let maximumDepth = 6

    /// A search for every form of each needle.
    public init(needles: [String]) {
        var forms: Set<[UInt8]> = []
        for needle in needles where needle.utf8.count >= 8 {
            for form in Self.forms(of: needle) where form.count >= 8 { forms.insert(form) }
        }
        self.forms = Array(forms)
    }

    /// Whether any form of any needle is in `bytes` or in a layer decoded from them.
    public func survives(in bytes: Data) -> Bool {
        var budget = 20_000
        return search([UInt8](bytes), depth: 0, budget: &budget)
    }

    /// Whether any form of any needle is in `text`.
    public func survives(in text: String) -> Bool {
        survives(in: Data(text.utf8))
    }

    private func search(_ bytes: [UInt8], depth: Int, budget: inout Int) -> Bool {
        guard budget > 0, !bytes.isEmpty else { return false }
        budget -= 1
        if forms.contains(where: { Self.contains(bytes, $0) }) { return true }
        guard depth < Self.maximumDepth else { return false }
        for layer in Self.layers(of: bytes) where layer != bytes {
            if search(layer, depth: depth + 1, budget: &budget) { return true }
        }
        return false
    }

    /// What can be decoded from `bytes`: decompressed streams, JSON strings and member names,
    /// percent-decoding, base64 runs.
    static func layers(of bytes: [UInt8]) -> [[UInt8]] {
        var layers: [[UInt8]] = []
        let data = Data(bytes)
        if GzipCodec.isGzip(data), let inflated = try? GzipCodec.decompress(data, container: .gzip, limit: 8 << 20) {
            layers.append([UInt8](inflated))
        } else if bytes.count > 8, bytes.contains(where: { $0 >= 0x80 || $0 < 0x09 }),
            let inflated = try? GzipCodec.decompress(data, container: .deflate, limit: 8 << 20), !inflated.isEmpty
        {
            layers.append([UInt8](inflated))
        }
        if let start = bytes.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }),
            let document = try? JSONParser.parse(Data(bytes[start...]))
        {
            collectStrings(document, into: &layers)
        }
        if bytes.contains(UInt8(ascii: "%")) || bytes.contains(UInt8(ascii: "+")) {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "+", with: " ")
            if let decoded = text.removingPercentEncoding { layers.append(Array(decoded.utf8)) }
        }
        layers += base64Runs(in: bytes)
        return layers
    }

    private static func collectStrings(_ value: JSONValue, into layers: inout [[UInt8]]) {
        switch value {
        case .string(let text): layers.append(Array(text.utf8))
        case .array(let items): for item in items { collectStrings(item, into: &layers) }
        case .object(let object):
            for member in object {
                layers.append(Array(member.key.utf8))
                collectStrings(member.value, into: &layers)
            }
        default: break
        }
    }

    /// Decodes every run of at least 16 base64 or base64url characters.
    static func base64Runs(in bytes: [UInt8]) -> [[UInt8]] {
        var runs: [[UInt8]] = []
        var start: Int?
        func isBase64(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "=")
        }
        for index in 0...bytes.count {
            if index < bytes.count, isBase64(bytes[index]) {
                if start == nil { start = index }
                continue
            }
            if let first = start, index - first >= 16 {
                var text = String(decoding: bytes[first..<index], as: UTF8.self)
                    .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "-", with: "+").replacingOccurrences(
                        of: "_", with: "/")
                while text.count % 4 != 0 { text += text.count % 4 == 1 ? "A" : "=" }
                if let decoded = Data(base64Encoded: text), decoded != Data(bytes[first..<index]) { runs.append([UInt8](decoded)) }
            }
            start = nil
        }
        return runs
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }

    /// The encoded forms of one needle, as bytes.
    static func forms(of needle: String) -> [[UInt8]] {
        let bytes = Array(needle.utf8)
        var forms: [[UInt8]] = [bytes]
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        if let encoded = needle.addingPercentEncoding(withAllowedCharacters: allowed) {
            forms.append(Array(encoded.utf8))
            forms.append(Array(lowercasedEscapes(encoded).utf8))
            forms.append(Array(encoded.replacingOccurrences(of: "%20", with: "+").utf8))
        }
        forms.append(Array(needle.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined().utf8))
        forms.append(Array(needle.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined().utf8))
        forms.append(Array(bytes.map { String(format: "%02x", $0) }.joined().utf8))
        forms.append(Array(bytes.map { String(format: "%02X", $0) }.joined().utf8))
        for alignment in 0..<3 {
            let padded = Data(repeating: 0, count: alignment) + Data(bytes)
            let encoded = Array(padded.base64EncodedString().utf8)
            let first = (8 * alignment + 5) / 6
            let end = (8 * (alignment + bytes.count)) / 6
            guard end > first else { continue }
            let core = Array(encoded[first..<end])
            forms.append(core)
            forms.append(core.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 })
        }
        return forms
    }

    private static func lowercasedEscapes(_ text: String) -> String {
        var output = ""
        var remaining = 0
        for character in text {
            if character == "%" {
                remaining = 2
                output.append(character)
            } else if remaining > 0 {
                output += character.lowercased()
                remaining -= 1
            } else {
                output.append(character)
            }
        }
        return output
    }
}
