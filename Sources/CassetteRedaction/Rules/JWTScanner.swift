import CassetteFormat

/// JSON Web Tokens in compact form, found by a single pass over the bytes:
/// - JWS `eyJ<header>.<payload>.<signature>` (`value:jwt`; the signature may be empty),
/// - JWE `eyJ<header>.<key>.<iv>.<ciphertext>.<tag>` (`value:jwe`; the key is empty for `dir`).
///
/// A token starts at `eyJ` with no token character before it. Each candidate reads at most five
/// dot-separated base64url runs, and every run belongs to at most five candidates, so the work is
/// linear in the text (`eyJ` repeated 20,000 times is one run, read once).
enum JWTScanner {
    private static let header: [UInt8] = Array("eyJ".utf8)

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 0
        let last = bytes.count - header.count
        while index <= last {
            guard bytes[index] == 0x65, ByteClass.hasLiteral(bytes, header, at: index), ByteClass.startsClean(bytes, at: index),
                let match = token(in: bytes, at: index)
            else {
                index += 1
                continue
            }
            found.append(match)
            index = max(match.end, index + 1)
        }
        return found
    }

    /// The JWS or JWE starting at `start` (which holds `eyJ`), if any.
    private static func token(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ByteMatch? {
        // Segment ends; the first segment counts from after `eyJ`.
        var ends: [Int] = []
        var lengths: [Int] = []
        var cursor = start + header.count
        while ends.count < 5 {
            let end = ByteClass.runEnd(bytes, from: cursor, ByteClass.isToken)
            lengths.append(end - cursor)
            ends.append(end)
            guard end < bytes.count, bytes[end] == 0x2E else { break }
            cursor = end + 1
        }
        guard lengths[0] >= 4 else { return nil }
        if ends.count == 5, lengths[2] >= 4, lengths[3] >= 4, lengths[4] >= 4 {
            return ByteMatch(start: start, end: ends[4], rule: "value:jwe")
        }
        guard ends.count >= 3, lengths[1] >= 4 else { return nil }
        return ByteMatch(start: start, end: ends[2], rule: "value:jwt")
    }
}
