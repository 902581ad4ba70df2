/// A set of bytes as a 256-bit map: membership is one shift and mask, where `Set<UInt8>` hashes
/// every byte (format checks test every byte of every string value).
struct ByteSet: Sendable, ExpressibleByArrayLiteral {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var upperLow: UInt64 = 0
    private var upperHigh: UInt64 = 0

    /// The empty set.
    init() {}

    /// The bytes of an ASCII string.
    init(_ bytes: String.UTF8View) {
        for byte in bytes { insert(byte) }
    }

    init(arrayLiteral elements: UInt8...) {
        for byte in elements { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: low |= bit
        case 1: high |= bit
        case 2: upperLow |= bit
        default: upperHigh |= bit
        }
    }

    /// The bytes in either set.
    func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        result.upperLow |= other.upperLow
        result.upperHigh |= other.upperHigh
        return result
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let shift = UInt64(byte & 63)
        let word: UInt64
        if byte < 64 {
            word = low
        } else if byte < 128 {
            word = high
        } else {
            word = byte < 192 ? upperLow : upperHigh
        }
        return (word >> shift) & 1 != 0
    }
}

/// A run of a string's UTF-8 bytes, read in place (format checks allocate nothing).
typealias ByteSlice = Slice<UnsafeBufferPointer<UInt8>>

/// Calls `body` with the UTF-8 bytes of `text`, from its own storage when it is contiguous
/// (always, for native strings), otherwise from a copy.
func withUTF8Bytes(_ text: String, _ body: (ByteSlice) -> Bool) -> Bool {
    if let answer = text.utf8.withContiguousStorageIfAvailable({ body($0[...]) }) { return answer }
    return Array(text.utf8).withUnsafeBufferPointer { body($0[...]) }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// The position of the first `byte` (a plain loop: the generic `firstIndex(of:)` is slower here).
    func firstPosition(of byte: UInt8) -> Int? {
        var position = startIndex
        while position < endIndex {
            if base[position] == byte { return position }
            position += 1
        }
        return nil
    }

    /// The position of the last `byte`.
    func lastPosition(of byte: UInt8) -> Int? {
        var position = endIndex
        while position > startIndex {
            position -= 1
            if base[position] == byte { return position }
        }
        return nil
    }
}
