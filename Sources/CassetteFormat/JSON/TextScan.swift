/// Byte scanning for the JSON parser's hot path: finding the end of a string run eight bytes at
/// a time, and making `String`s from bytes with a cheap check for the common all-ASCII case.
enum TextScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `start` that ends a plain run inside a JSON
    /// string: `"`, `\` or a control byte (below 0x20); `bytes.count` when there is none.
    ///
    /// Each eight-byte word is tested at once (the "has zero byte" trick). A flagged byte can only
    /// be wrong above a real match, so the lowest flagged byte, the first in memory on a
    /// little-endian load, is always a real one.
    static func firstSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let flagged =
                    (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)) & highBits
                if flagged != 0 { return index + flagged.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return index }
            index += 1
        }
        return count
    }

    /// The index of the first byte at or after `start` that may be structural in JSON text: `"`,
    /// `{`, `}`, `[` or `]` (and, as harmless false candidates, `Y`, `_`, `y` and DEL, which share
    /// their bits once bits 1 and 2 are cleared); `bytes.count` when there is none. Eight bytes at
    /// a time, as ``firstSpecialByte(in:from:)``; the caller checks the byte it gets.
    static func firstStructuralCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let mask = ones &* 0xF9
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let folded = word & mask
                let square = folded ^ (ones &* 0x59)
                let curly = folded ^ (ones &* 0x79)
                let flagged = (((quote &- ones) & ~quote) | ((square &- ones) & ~square) | ((curly &- ones) & ~curly)) & highBits
                if flagged != 0 { return index + flagged.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 || byte & 0xF9 == 0x59 || byte & 0xF9 == 0x79 { return index }
            index += 1
        }
        return count
    }

    /// Whether every byte is ASCII (below 0x80).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        }
        var tail: UInt8 = 0
        while index < count {
            tail |= bytes[index]
            index += 1
        }
        return seen & highBits == 0 && tail < 0x80
    }

    /// The bytes as a `String`, or `nil` when they are not valid UTF-8 (never repaired).
    static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let string = String(decoding: bytes, as: UTF8.self)
        if isASCII(bytes) { return string }
        // Decoding replaces invalid sequences with U+FFFD; valid input comes back byte for byte.
        guard string.utf8.count == bytes.count, string.utf8.elementsEqual(bytes) else { return nil }
        return string
    }
}
