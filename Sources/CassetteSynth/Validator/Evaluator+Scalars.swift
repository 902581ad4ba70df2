import CassetteKit

extension Evaluator {
    /// String assertions. Lengths are in Unicode code points; UTF-8 byte counts bound them from
    /// both sides (1 to 4 bytes per code point), which usually avoids counting.
    mutating func checkString(_ keyword: Keyword, _ node: SchemaNode, _ string: String) -> Bool {
        switch keyword {
        case .minLength(let minimum):
            let bytes = string.utf8.count
            if bytes / 4 >= minimum { return true }
            if bytes >= minimum, string.unicodeScalars.count >= minimum { return true }
            let length = string.unicodeScalars.count
            report(node, "minLength", "string is \(length) characters long; at least \(minimum) required")
            return false
        case .maxLength(let maximum):
            if string.utf8.count <= maximum { return true }
            let length = string.unicodeScalars.count
            if length <= maximum { return true }
            report(node, "maxLength", "string is \(length) characters long; at most \(maximum) allowed")
            return false
        case .pattern(let pattern):
            if pattern.matches(string) { return true }
            report(node, "pattern", "string does not match the pattern \(pattern.source)")
            return false
        case .format(let format):
            if format.check(string) { return true }
            report(node, "format", "string is not a valid \(format.rawValue)")
            return false
        default:
            return true
        }
    }

    /// Numeric assertions, exact for decimal literals (see ``NumericBound``).
    mutating func checkNumber(_ keyword: Keyword, _ node: SchemaNode, _ literal: String, _ value: Double) -> Bool {
        switch keyword {
        case .minimum(let bound):
            if bound.compare(literal, value) != .less { return true }
            report(node, "minimum", "number is less than the minimum \(bound.literal)")
        case .exclusiveMinimum(let bound):
            if bound.compare(literal, value) == .greater { return true }
            report(node, "exclusiveMinimum", "number must be greater than \(bound.literal)")
        case .maximum(let bound):
            if bound.compare(literal, value) != .greater { return true }
            report(node, "maximum", "number is greater than the maximum \(bound.literal)")
        case .exclusiveMaximum(let bound):
            if bound.compare(literal, value) == .less { return true }
            report(node, "exclusiveMaximum", "number must be less than \(bound.literal)")
        case .multipleOf(let divisor):
            if divisor.divides(literal, value) { return true }
            report(node, "multipleOf", "number is not a multiple of \(divisor.literal)")
        default:
            return true
        }
        return false
    }
}
