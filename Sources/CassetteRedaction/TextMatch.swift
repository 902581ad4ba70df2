import CassetteFormat
import CassetteProviders

/// A secret found inside a text: where it is, the value it stands for (which decides the
/// placeholder number) and the rule that found it.
struct TextMatch: Sendable {
    /// The characters to replace.
    var range: Range<String.Index>
    /// The secret value the placeholder stands for (e.g. the raw form of a URL-encoded secret).
    var secret: String
    /// The rule id recorded in the report (`value:jwt`, `query:token`, ...).
    var rule: String
    /// The parameter name, when the match is a `name=value` pair's value.
    var parameter: String?

    /// Keeps the earliest, then longest, of overlapping matches; result sorted by position.
    static func nonOverlapping(_ matches: [TextMatch]) -> [TextMatch] {
        let sorted = matches.sorted {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.range.upperBound != $1.range.upperBound { return $0.range.upperBound > $1.range.upperBound }
            // The same text found twice: a named parameter says more in the report.
            return ($0.parameter != nil ? 0 : 1, $0.rule) < ($1.parameter != nil ? 0 : 1, $1.rule)
        }
        var kept: [TextMatch] = []
        for match in sorted where !match.range.isEmpty {
            if let last = kept.last, match.range.lowerBound < last.range.upperBound { continue }
            kept.append(match)
        }
        return kept
    }
}
