/// The escaped-string path of ``JSONReader`` for well-formed strings: JSON bodies stored inside a
/// cassette's JSON are full of `\"`, and unescaping them straight into a reused buffer is most of
/// what opening a large cassette costs.
extension JSONReader {
    /// The string from `start` (after its opening quote) when its escapes are all well formed
    /// and it is closed; the reader then stands after the closing quote. `nil` leaves the reader
    /// where it was (at the first backslash).
    mutating func unescapedString(start: Int) -> String? {
        // Find the closing quote, stepping over escapes.
        var end = index
        while true {
            end = TextScan.firstSpecialByte(in: bytes, from: end)
            guard end < bytes.count else { return nil }
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), end + 1 < bytes.count else { return nil }
            end += 2
        }
        // Unescaping never lengthens: the escaped length bounds the output.
        let capacity = end - start
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: max(capacity, scratch.count * 2, 256)) }
        let bytes = self.bytes
        let result: String?? = scratch.withUnsafeMutableBufferPointer { output -> String?? in
            guard let out = output.baseAddress, let input = bytes.baseAddress else { return nil }
            var written = 0
            var read = start
            func hex4(_ at: Int) -> UInt32? {
                guard at + 4 <= end else { return nil }
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
            while read < end {
                let stop = min(TextScan.firstSpecialByte(in: bytes, from: read), end)
                if stop > read {
                    (out + written).update(from: input + read, count: stop - read)
                    written += stop - read
                    read = stop
                }
                guard read < end else { break }
                // bytes[read] is a backslash (the scan above found no quote or control byte before `end`).
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
                    guard var scalar = hex4(read) else { return .some(nil) }
                    read += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard read + 6 <= end, bytes[read] == UInt8(ascii: "\\"), bytes[read + 1] == UInt8(ascii: "u"),
                            let low = hex4(read + 2), (0xDC00...0xDFFF).contains(low)
                        else { return .some(nil) }
                        read += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        return .some(nil)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return .some(nil) }
                    for unit in UTF8.encode(unicode) ?? UTF8.EncodedScalar() {
                        out[written] = unit
                        written += 1
                    }
                    continue
                default:
                    return .some(nil)
                }
                written += 1
            }
            return .some(TextScan.validatedString(UnsafeBufferPointer(start: out, count: written)))
        }
        guard case .some(.some(let string)) = result else { return nil }
        index = end + 1
        return string
    }
}
