/// Equality that treats any two toolkit placeholders as equal.
///
/// A cassette numbers its secrets (`REDACTED_1`, `REDACTED_2`, ...) in order of first
/// appearance, and a live request redacted on its own numbers them from 1 again; so
/// `Bearer REDACTED_3` in a cassette and `Bearer REDACTED_1` in a redacted live request are the
/// same thing. A placeholder never equals a real value.
public enum PlaceholderEquality {
    /// Whether two strings are equal once every placeholder token in them is made the same.
    public static func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.contains(Placeholder.prefix), b.contains(Placeholder.prefix) else { return false }
        return normalized(a) == normalized(b)
    }

    /// The string with every placeholder token (`REDACTED` or `REDACTED_<n>`, standing alone
    /// between non-alphanumeric characters) replaced by plain `REDACTED`.
    public static func normalized(_ text: String) -> String {
        guard text.contains(Placeholder.prefix) else { return text }
        let characters = Array(text.unicodeScalars)
        let prefix = Array(Placeholder.prefix.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < characters.count {
            if matchesPrefix(characters, at: index, prefix), !isWordCharacter(characters, index - 1) {
                var end = index + prefix.count
                if end < characters.count, characters[end] == "_" {
                    var digitsEnd = end + 1
                    while digitsEnd < characters.count, ("0"..."9").contains(characters[digitsEnd]) { digitsEnd += 1 }
                    if digitsEnd > end + 1 { end = digitsEnd }
                }
                if !isWordCharacter(characters, end) {
                    output.append(contentsOf: Placeholder.prefix.unicodeScalars)
                    index = end
                    continue
                }
            }
            output.append(characters[index])
            index += 1
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

    private static func matchesPrefix(_ characters: [Unicode.Scalar], at index: Int, _ prefix: [Unicode.Scalar]) -> Bool {
        guard index + prefix.count <= characters.count else { return false }
        for offset in 0..<prefix.count where characters[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func isWordCharacter(_ characters: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index >= 0, index < characters.count else { return false }
        let scalar = characters[index]
        return scalar == "_" || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
