import CassetteFormat

/// A text with its JSON string escapes decoded (`\u0073k_live_…` → `sk_live_…`, `\/` → `/`),
/// remembering where each decoded byte came from, so value rules can run on what a JSON reader
/// would see and their matches be mapped back to the raw text (a raw body that is not parsed as
/// JSON, or a string that holds escaped JSON).
struct EscapedText {
    /// The decoded text.
    let decoded: String
    /// For each decoded UTF-8 byte, the raw byte range it came from.
    private let origins: [Range<Int>]

    /// `nil` when the text holds no JSON escape worth decoding (no `\u` or `\/`).
    init?(_ text: String) {
        guard ASCIIText.contains("\\u", in: text) || ASCIIText.contains("\\/", in: text) else { return nil }
        var output: [UInt8] = []
        var origins: [Range<Int>] = []
        text.withUTF8Bytes { bytes in
            output.reserveCapacity(bytes.count)
            origins.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x5C, index + 1 < bytes.count else {
                    output.append(byte)
                    origins.append(index..<(index + 1))
                    index += 1
                    continue
                }
                let (decoded, length) = Self.escape(in: bytes, at: index)
                for decodedByte in decoded {
                    output.append(decodedByte)
                    origins.append(index..<(index + length))
                }
                index += length
            }
        }
        self.decoded = String(decoding: output, as: UTF8.self)
        // Invalid UTF-8 would shift offsets: keep the mapping exact or give up.
        guard self.decoded.utf8.count == output.count else { return nil }
        self.origins = origins
    }

    /// The raw byte range of the decoded byte range `range`.
    func rawRange(of range: Range<Int>) -> Range<Int>? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= origins.count else { return nil }
        return origins[range.lowerBound].lowerBound..<origins[range.upperBound - 1].upperBound
    }

    /// The bytes an escape at `index` stands for and its raw length (unknown escapes stay raw).
    private static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> ([UInt8], Int) {
        let next = bytes[index + 1]
        switch next {
        case 0x2F, 0x5C, 0x22: return ([next], 2)  // \/ \\ \"
        case 0x6E: return ([0x0A], 2)
        case 0x74: return ([0x09], 2)
        case 0x72: return ([0x0D], 2)
        case 0x75:
            guard index + 6 <= bytes.count, let scalar = hexValue(bytes, from: index + 2),
                let unicode = Unicode.Scalar(scalar)
            else { return ([0x5C], 1) }
            return (Array(String(Character(unicode)).utf8), 6)
        default:
            return ([0x5C], 1)
        }
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}
