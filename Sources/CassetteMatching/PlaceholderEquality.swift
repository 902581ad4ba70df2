import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// Comparison that lets a recorded placeholder stand for the secret it replaced.
///
/// A cassette holds a placeholder where a secret was: `REDACTED_<n>` (`Bearer REDACTED_1`,
/// `sid=REDACTED_2`) or a shaped one that keeps the secret's wire format (`RDCT-0003`,
/// `Bearer sk_REDACTED00000003`, a JWT signed `REDACTED`; see `Placeholder`), recognised
/// exactly and whole. The live request a test sends carries a real, fresh secret in that place,
/// or, once redacted the same way, a placeholder numbered on its own. So a placeholder in the
/// *recorded* value matches any one token in the same place of the incoming value: a run of at
/// least one character without whitespace or a separator (`; , & " ' ? # < > { } [ ]`).
/// Everything around the placeholder must be equal: `Bearer REDACTED_1` matches
/// `Bearer 9f3c…` and `Bearer REDACTED_7`, but not `Basic 9f3c…` nor `Bearer` alone. A real
/// value in the recording never matches a placeholder in the request.
public enum PlaceholderEquality {
    /// Whether `incoming` matches `recorded`: equal, or equal once each placeholder token in
    /// `recorded` is allowed to stand for one token of `incoming`.
    public static func matches(recorded: String, incoming: String) -> Bool {
        if recorded == incoming { return true }
        guard Placeholder.mayContainPlaceholder(recorded) else { return false }
        let pattern = Pattern(recorded)
        guard pattern.hasWildcard else { return false }
        return pattern.matches(Array(incoming.unicodeScalars))
    }

    /// Whether two values are equal once every placeholder token in either is made the same
    /// (`Bearer REDACTED_3` equals `Bearer REDACTED_1`). Symmetric; a placeholder never equals
    /// a real value here (use ``matches(recorded:incoming:)`` for that).
    public static func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard Placeholder.mayContainPlaceholder(a), Placeholder.mayContainPlaceholder(b) else { return false }
        return normalized(a) == normalized(b)
    }

    /// Whether a value contains a placeholder token.
    public static func containsPlaceholder(_ text: String) -> Bool {
        Placeholder.mayContainPlaceholder(text) && Pattern(text).hasWildcard
    }

    /// The string with every placeholder (`REDACTED`, `REDACTED_<n>` standing alone between
    /// non-alphanumeric characters, or a shaped placeholder) replaced by plain `REDACTED`.
    public static func normalized(_ text: String) -> String {
        guard Placeholder.mayContainPlaceholder(text) else { return text }
        var output = String.UnicodeScalarView()
        for piece in Pattern(text).pieces {
            switch piece {
            case .literal(let scalars): output.append(contentsOf: scalars)
            case .placeholder: output.append(contentsOf: Placeholder.prefix.unicodeScalars)
            }
        }
        return String(output)
    }

    /// The JSON value with placeholders normalized inside every string (keys included).
    public static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(normalized(text))
        case .array(let items): return .array(items.map(normalized))
        case .object(let object):
            return .object(JSONObject(object.members.map { (normalized($0.key), normalized($0.value)) }))
        default: return value
        }
    }
}

/// A recorded value split into literal runs and placeholder tokens.
private struct Pattern {
    enum Piece {
        case literal([Unicode.Scalar])
        case placeholder
    }

    private(set) var pieces: [Piece] = []

    var hasWildcard: Bool {
        pieces.contains { if case .placeholder = $0 { return true } else { return false } }
    }

    init(_ text: String) {
        let characters = Array(text.unicodeScalars)
        // One byte per scalar (non-ASCII as 0xFF), so the spans' offsets are scalar offsets.
        let bytes = characters.map { $0.isASCII ? UInt8($0.value) : 0xFF }
        var cursor = 0
        for span in Placeholder.spans(inBytes: bytes) {
            if span.range.lowerBound > cursor { pieces.append(.literal(Array(characters[cursor..<span.range.lowerBound]))) }
            pieces.append(.placeholder)
            cursor = span.range.upperBound
        }
        if cursor < characters.count { pieces.append(.literal(Array(characters[cursor...]))) }
    }

    /// Whether the whole of `text` matches, each placeholder taking one token. Backtracking
    /// with a memo of failed (piece, offset) pairs, so the cost stays near linear.
    func matches(_ text: [Unicode.Scalar]) -> Bool {
        var failed = Set<Int>()
        return match(piece: 0, offset: 0, text, &failed)
    }

    private func match(piece: Int, offset: Int, _ text: [Unicode.Scalar], _ failed: inout Set<Int>) -> Bool {
        if piece == pieces.count { return offset == text.count }
        let memo = piece &* (text.count + 1) &+ offset
        if failed.contains(memo) { return false }
        var result = false
        switch pieces[piece] {
        case .literal(let scalars):
            if offset + scalars.count <= text.count, Self.hasPrefix(text, at: offset, scalars) {
                result = match(piece: piece + 1, offset: offset + scalars.count, text, &failed)
            }
        case .placeholder:
            var end = offset
            while end < text.count, !Self.isSeparator(text[end]) { end += 1 }
            // Longest token first; at least one character.
            var length = end - offset
            while length >= 1, !result {
                result = match(piece: piece + 1, offset: offset + length, text, &failed)
                length -= 1
            }
        }
        if !result { failed.insert(memo) }
        return result
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", ";", ",", "&", "\"", "'", "?", "#", "<", ">", "{", "}", "[", "]": return true
        default: return false
        }
    }

    private static func hasPrefix(_ characters: [Unicode.Scalar], at index: Int, _ prefix: [Unicode.Scalar]) -> Bool {
        guard index >= 0, index + prefix.count <= characters.count else { return false }
        for offset in 0..<prefix.count where characters[index + offset] != prefix[offset] { return false }
        return true
    }
}
