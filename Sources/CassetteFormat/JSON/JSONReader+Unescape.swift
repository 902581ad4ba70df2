/// The escaped-string path of ``JSONReader`` for well-formed strings: JSON bodies stored inside a
/// cassette's JSON are full of `\"`, and unescaping them straight into a reused buffer is most of
/// what opening a large cassette costs.
extension JSONReader {
    /// The string from `start` (after its opening quote) when its escapes are all well formed
    /// and it is closed; the reader then stands after the closing quote. `nil` leaves the reader
    /// where it was (at the first backslash).
    mutating func unescapedString(start: Int) -> String? {
        // One pass: runs are copied and escapes decoded until the closing quote. The scratch
        // buffer only grows (doubling), and a pass that runs out of room starts over in the
        // larger buffer, so the work stays linear; the buffer is reused from string to string.
        if scratch.count < 256 { scratch = [UInt8](repeating: 0, count: 256) }
        while true {
            switch unescapePass(start: start) {
            case .string(let string, let end):
                index = end + 1
                return string
            case .notPlain:
                return nil
            case .bufferFull:
                scratch = [UInt8](repeating: 0, count: scratch.count * 2)
            }
        }
    }

    private enum UnescapeOutcome {
        /// The string, and where its closing quote is.
        case string(String, end: Int)
        /// Not closed, a control byte, a bad escape or invalid UTF-8: the careful path decides.
        case notPlain
        /// The scratch buffer is too small for this string.
        case bufferFull
    }

    private mutating func unescapePass(start: Int) -> UnescapeOutcome {
        let bytes = self.bytes
        return scratch.withUnsafeMutableBufferPointer { output -> UnescapeOutcome in
            guard let out = output.baseAddress, let input = bytes.baseAddress else { return .notPlain }
            let room = output.count
            var written = 0
            var read = start
            func hex4(_ at: Int) -> UInt32? {
                guard at + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for offset in 0..<4 {
                    let digit = bytes[at + offset]
                    switch digit {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
                    default: return nil
                    }
                }
                return value
            }
            while true {
                let stop = TextScan.firstSpecialByte(in: bytes, from: read)
                guard stop < bytes.count else { return .notPlain }
                if stop > read {
                    guard written + (stop - read) <= room else { return .bufferFull }
                    (out + written).update(from: input + read, count: stop - read)
                    written += stop - read
                    read = stop
                }
                let byte = bytes[read]
                if byte == UInt8(ascii: "\"") {
                    guard let string = TextScan.validatedString(UnsafeBufferPointer(start: out, count: written)) else { return .notPlain }
                    return .string(string, end: read)
                }
                guard byte == UInt8(ascii: "\\"), read + 1 < bytes.count else { return .notPlain }  // a control byte
                guard written + 4 <= room else { return .bufferFull }
                let escape = bytes[read + 1]
                read += 2
                switch escape {
                case UInt8(ascii: "\""): out[written] = 0x22
                case UInt8(ascii: "\\"): out[written] = 0x5C
                case UInt8(ascii: "/"): out[written] = 0x2F
                case UInt8(ascii: "b"): out[written] = 0x08
                case UInt8(ascii: "f"): out[written] = 0x0C
                case UInt8(ascii: "n"): out[written] = 0x0A
                case UInt8(ascii: "r"): out[written] = 0x0D
                case UInt8(ascii: "t"): out[written] = 0x09
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(read) else { return .notPlain }
                    read += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard read + 6 <= bytes.count, bytes[read] == UInt8(ascii: "\\"), bytes[read + 1] == UInt8(ascii: "u"),
                            let low = hex4(read + 2), (0xDC00...0xDFFF).contains(low)
                        else { return .notPlain }
                        read += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        return .notPlain
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return .notPlain }
                    for unit in UTF8.encode(unicode) ?? UTF8.EncodedScalar() {
                        out[written] = unit
                        written += 1
                    }
                    continue
                default:
                    return .notPlain
                }
                written += 1
            }
        }
    }
}
