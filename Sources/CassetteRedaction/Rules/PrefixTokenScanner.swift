import CassetteFormat

/// Finds the ``PrefixTokenFormat``s in a text in one pass.
///
/// A candidate starts where a prefix begins after a byte that is neither a token character nor
/// in the format's body alphabet, so no candidate starts inside another candidate's body: each
/// body byte is read once per format, and the scan is linear in the text.
enum PrefixTokenScanner {
    /// Formats by the first byte of their prefix, in table order.
    private static let byFirstByte: [[PrefixTokenFormat]] = {
        var table = [[PrefixTokenFormat]](repeating: [], count: 256)
        for format in PrefixTokenFormat.all {
            if let first = format.prefix.first { table[Int(first)].append(format) }
        }
        return table
    }()

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 0
        while index < bytes.count {
            let candidates = byFirstByte[Int(bytes[index])]
            var next = index + 1
            if !candidates.isEmpty, index == 0 || !ByteClass.isToken(bytes[index - 1]) {
                for format in candidates {
                    if index > 0, format.alphabet.contains(bytes[index - 1]) { continue }
                    guard ByteClass.hasLiteral(bytes, format.prefix, at: index),
                        let end = bodyEnd(of: format, in: bytes, from: index + format.prefix.count)
                    else { continue }
                    found.append(ByteMatch(start: index, end: end, rule: format.rule))
                    next = end
                    break
                }
            }
            index = max(next, index + 1)
        }
        return found
    }

    /// The end of a valid body starting at `start`, or `nil`.
    private static func bodyEnd(of format: PrefixTokenFormat, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var end = ByteClass.runEnd(bytes, from: start, format.alphabet.contains)
        // A dotted body does not take a sentence's final full stop.
        if format.alphabet == .dotted { while end > start, bytes[end - 1] == 0x2E { end -= 1 } }
        let length = end - start
        guard length >= format.minimum, length <= format.maximum else { return nil }
        // The run must end the word: `AKIA…` followed by a lowercase letter is some other word.
        if end < bytes.count, ByteClass.isAlphanumeric(bytes[end]) { return nil }
        if let shape = format.shape, !shape(Array(bytes[start..<end])[...]) { return nil }
        return end
    }
}
