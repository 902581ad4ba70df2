import CassetteFormat

/// Unleash tokens (`value:unleash-token`), found from each `:` outward in one pass:
/// - personal access tokens `user:<56 hex>` and `user:v2_…` (no environment),
/// - API tokens `<project>:<environment>.<56 hex>`, with `*` or `[]` as the project and `*` as
///   the environment, and the v2 form `…:<environment>.v2_<22>_<43>`.
///
/// The project is the run of token characters right before the colon, the environment the run
/// right after it; runs between two colons are read at most twice, so a long run of token or hex
/// characters before a token shape costs linear time.
enum UnleashTokenScanner {
    private static let v2: [UInt8] = Array("v2_".utf8)
    private static let user: [UInt8] = Array("user".utf8)

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 0
        var lastEnd = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x3A, let start = projectStart(in: bytes, colon: index), start >= lastEnd else { continue }
            let isPAT = index - start == user.count && ByteClass.hasLiteral(bytes, user, at: start)
            var secretStart = index + 1
            if let environmentEnd = environmentEnd(in: bytes, from: index + 1) {
                secretStart = environmentEnd + 1
            } else if !isPAT {
                continue
            }
            guard let end = secretEnd(in: bytes, from: secretStart) else { continue }
            found.append(ByteMatch(start: start, end: end, rule: "value:unleash-token"))
            lastEnd = end
            index = end - 1
        }
        return found
    }

    /// `*`, `[]` or a non-empty run of token characters ending at the colon.
    private static func projectStart(in bytes: UnsafeBufferPointer<UInt8>, colon: Int) -> Int? {
        guard colon > 0 else { return nil }
        if bytes[colon - 1] == 0x2A { return colon - 1 }
        if colon >= 2, bytes[colon - 1] == 0x5D, bytes[colon - 2] == 0x5B { return colon - 2 }
        let start = ByteClass.runStart(bytes, endingAt: colon, ByteClass.isToken)
        return start < colon ? start : nil
    }

    /// The index of the `.` after an environment (`*` or a run of token characters), if any.
    private static func environmentEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        let end = bytes[start] == 0x2A ? start + 1 : ByteClass.runEnd(bytes, from: start, ByteClass.isToken)
        guard end > start, end < bytes.count, bytes[end] == 0x2E else { return nil }
        return end
    }

    /// The end of `<56 or more lowercase hex>` or `v2_<22>_<43>` starting at `start`.
    private static func secretEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        if ByteClass.hasLiteral(bytes, v2, at: start) {
            let bodyStart = start + v2.count
            let end = ByteClass.runEnd(bytes, from: bodyStart, ByteClass.isToken)
            guard end - bodyStart >= 66, bytes[bodyStart + 22] == 0x5F else { return nil }
            return end
        }
        let end = ByteClass.runEnd(bytes, from: start, ByteClass.isLowerHex)
        return end - start >= 56 ? end : nil
    }
}
