import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
/// Comparison that lets a recorded placeholder stand for the secret it replaced.
///
/// A cassette holds `REDACTED_<n>` where a secret was (`Bearer REDACTED_1`,
/// `sid=REDACTED_2`). The live request a test sends carries a real, fresh secret in that place,
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
        guard ASCIIText.contains(Placeholder.prefix, in: recorded) else { return false }
        let pattern = Pattern(recorded)
        guard pattern.hasWildcard else { return false }
        return pattern.matches(Array(incoming.unicodeScalars))
    }

    /// Whether two values are equal once every placeholder token in either is made the same
    /// (`Bearer REDACTED_3` equals `Bearer REDACTED_1`). Symmetric; a placeholder never equals
    /// a real value here (use ``matches(recorded:incoming:)`` for that).
    public static func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard ASCIIText.contains(Placeholder.prefix, in: a), ASCIIText.contains(Placeholder.prefix, in: b) else { return false }
        return normalized(a) == normalized(b)
    }

    /// Whether a value contains a placeholder token.
    public static func containsPlaceholder(_ text: String) -> Bool {
        ASCIIText.contains(Placeholder.prefix, in: text) && Pattern(text).hasWildcard
    }

    /// The string with every placeholder token (`REDACTED` or `REDACTED_<n>`, standing alone
    /// between non-alphanumeric characters) replaced by plain `REDACTED`.
    public static func normalized(_ text: String) -> String {
        guard ASCIIText.contains(Placeholder.prefix, in: text) else { return text }
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
        let prefix = Array(Placeholder.prefix.unicodeScalars)
        var literal: [Unicode.Scalar] = []
        var index = 0
        while index < characters.count {
            if Self.hasPrefix(characters, at: index, prefix), !Self.isWordCharacter(characters, index - 1) {
                var end = index + prefix.count
                if end < characters.count, characters[end] == "_" {
                    var digitsEnd = end + 1
                    while digitsEnd < characters.count, ("0"..."9").contains(characters[digitsEnd]) { digitsEnd += 1 }
                    if digitsEnd > end + 1 { end = digitsEnd }
                }
                if !Self.isWordCharacter(characters, end) {
                    if !literal.isEmpty { pieces.append(.literal(literal)) }
                    literal = []
                    pieces.append(.placeholder)
                    index = end
                    continue
                }
            }
            literal.append(characters[index])
            index += 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
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

    private static func isWordCharacter(_ characters: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index >= 0, index < characters.count else { return false }
        let scalar = characters[index]
        return scalar == "_" || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
