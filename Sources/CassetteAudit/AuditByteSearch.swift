/// Substring search over bytes for the audit's scanners (fixed, short ASCII needles).
enum AuditByteSearch {
    /// Every offset where `needle` starts in `bytes`, non-overlapping, ignoring ASCII case.
    /// Linear for the short, fixed needles the audit uses.
    static func offsets(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let head = needle.first, bytes.count >= needle.count else { return [] }
        var found: [Int] = []
        var start = 0
        let last = bytes.count - needle.count
        let lowerHead = lowercase(head)
        while start <= last {
            if lowercase(bytes[start]) == lowerHead {
                var matched = 1
                while matched < needle.count, lowercase(bytes[start + matched]) == lowercase(needle[matched]) { matched += 1 }
                if matched == needle.count {
                    found.append(start)
                    start += needle.count
                    continue
                }
            }
            start += 1
        }
        return found
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
