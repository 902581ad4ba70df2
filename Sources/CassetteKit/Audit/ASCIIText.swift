/// Byte-level text helpers for the audit's hot paths: every string value of every cassette goes
/// through them, so they avoid Foundation's bridged string search and grapheme iteration.
enum ASCIIText {
    /// Whether a byte is ASCII whitespace (space, tab, CR, LF).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    /// The text without leading and trailing ASCII whitespace (no copy when there is none).
    static func trimmed(_ text: String) -> String {
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
    static func firstIndex(of needle: String, in text: String, ignoringCase: Bool = false) -> String.Index? {
        let pattern = Array(needle.utf8).map { ignoringCase ? lowercase($0) : $0 }
        guard let head = pattern.first else { return text.startIndex }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = ignoringCase ? lowercase(bytes[index]) : bytes[index]
            if byte == head {
                var probe = bytes.index(after: index)
                var matched = 1
                while matched < pattern.count, probe != bytes.endIndex,
                    (ignoringCase ? lowercase(bytes[probe]) : bytes[probe]) == pattern[matched]
                {
                    matched += 1
                    probe = bytes.index(after: probe)
                }
                if matched == pattern.count { return index }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// Whether `needle` (ASCII) occurs in `text`.
    static func contains(_ needle: String, in text: String) -> Bool {
        firstIndex(of: needle, in: text) != nil
    }

    /// Whether a byte occurs in `text`.
    static func contains(byte: UInt8, in text: String) -> Bool {
        text.utf8.contains(byte)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
