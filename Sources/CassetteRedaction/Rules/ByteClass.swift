import CassetteFormat

/// ASCII byte classes for the hand-written value-rule scanners. Every scanner walks UTF-8 bytes
/// once (no regular expressions, no backtracking); bytes of multi-byte characters are in no class,
/// so every match starts and ends on a character boundary.
enum ByteClass {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    /// `[A-Za-z0-9_-]`: base64url, and the characters of most API tokens.
    static func isToken(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 0x5F || byte == 0x2D }
    /// `[0-9a-f]`.
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x61 && byte <= 0x66) }
    /// `[0-9A-Fa-f]`.
    static func isHex(_ byte: UInt8) -> Bool { ASCIIText.isHexDigit(byte) }
    /// `[A-Z0-9]`.
    static func isUpperAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isDigit(byte) }
    /// ASCII space, tab, CR, LF.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The end of the run of bytes in `member` that starts at `start` (`start` itself when the
    /// byte there is not a member).
    static func runEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ member: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, member(bytes[end]) { end += 1 }
        return end
    }

    /// The start of the run of bytes in `member` that ends right before `end`.
    static func runStart(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, _ member: (UInt8) -> Bool) -> Int {
        var start = end
        while start > 0, member(bytes[start - 1]) { start -= 1 }
        return start
    }

    /// Whether `literal` (ASCII) occurs at `offset`.
    static func hasLiteral(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: [UInt8], at offset: Int, ignoringCase: Bool = false) -> Bool {
        guard offset >= 0, offset + literal.count <= bytes.count else { return false }
        for (index, wanted) in literal.enumerated() {
            let byte = bytes[offset + index]
            if byte == wanted { continue }
            if ignoringCase, lowercased(byte) == lowercased(wanted) { continue }
            return false
        }
        return true
    }

    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }

    /// Whether the token-like run starting at `start` has no token byte right before it
    /// (`sk_…` in `key=sk_…`, not in `mask_…`).
    static func startsClean(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        start == 0 || !isToken(bytes[start - 1])
    }
}

/// A value-rule match in byte offsets of the scanned text.
struct ByteMatch: Sendable, Equatable {
    var start: Int
    var end: Int
    var rule: String
}

extension String {
    /// Runs `body` over the UTF-8 bytes of the string without copying when possible.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// The string index at a UTF-8 byte offset (O(1) for native strings).
    func indexAtUTF8Offset(_ offset: Int) -> String.Index {
        utf8.index(utf8.startIndex, offsetBy: offset)
    }
}
