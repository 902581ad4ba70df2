#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level text helpers for the audit's hot paths: every string value of every cassette goes
/// through them, so they avoid Foundation's bridged string search and grapheme iteration.
package enum ASCIIText {
    /// Whether a byte is ASCII whitespace (space, tab, CR, LF).
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    /// The text without leading and trailing ASCII whitespace (no copy when there is none).
    package static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return "" }
        if !isWhitespace(first), !isWhitespace(last) { return text }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isWhitespace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isWhitespace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(text[start..<end])
    }

    /// The index where `needle` (ASCII) first occurs, optionally ignoring ASCII case.
    package static func firstIndex(of needle: String, in text: String, ignoringCase: Bool = false) -> String.Index? {
        var needle = needle
        var text = text
        let offset: Int? = text.withUTF8 { haystack in
            needle.withUTF8 { pattern in firstOffset(of: pattern, in: haystack, ignoringCase: ignoringCase) }
        }
        guard let offset else { return nil }
        return text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// The byte offset where `pattern` first occurs in `haystack`.
    private static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, ignoringCase: Bool)
        -> Int?
    {
        guard let head = pattern.first else { return 0 }
        guard haystack.count >= pattern.count else { return nil }
        let lowerHead = lowercase(head)
        let last = haystack.count - pattern.count
        var start = 0
        while start <= last {
            if !ignoringCase, let base = haystack.baseAddress {
                // The C library's memchr finds the next candidate a word or a vector at a time.
                guard let found = memchr(base + start, Int32(head), last - start + 1) else { return nil }
                start = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            let byte = haystack[start]
            if byte == head || (ignoringCase && lowercase(byte) == lowerHead) {
                var matched = 1
                while matched < pattern.count {
                    let candidate = haystack[start + matched]
                    let wanted = pattern[matched]
                    guard candidate == wanted || (ignoringCase && lowercase(candidate) == lowercase(wanted)) else { break }
                    matched += 1
                }
                if matched == pattern.count { return start }
            }
            start += 1
        }
        return nil
    }

    /// Whether `needle` (ASCII) occurs in `text`.
    package static func contains(_ needle: String, in text: String) -> Bool {
        firstIndex(of: needle, in: text) != nil
    }

    /// Whether a byte occurs in `text`.
    package static func contains(byte: UInt8, in text: String) -> Bool {
        text.utf8.contains(byte)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// `0-9`, `a-f`, `A-F`: the one hex-digit test for every target (percent escapes, token shapes).
    package static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
}
