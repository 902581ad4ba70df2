import CassetteFormat
import CassetteProviders
/// Numbers the distinct secret values of one cassette in order of first appearance, so equal
/// secrets get equal placeholders and placeholders already in the cassette keep their numbers.
struct PlaceholderLedger: Sendable {
    private var numbers: [String: Int] = [:]
    private var next: Int

    /// A ledger whose first new placeholder comes after every `REDACTED_<n>` already in `texts`.
    init(continuingAfter texts: [String]) {
        next = texts.map(Self.highestNumber(in:)).max().map { $0 + 1 } ?? 1
    }

    /// The placeholder for a secret value: the same value always gets the same one.
    mutating func placeholder(for secret: String) -> String {
        if let number = numbers[secret] { return Placeholder.make(number) }
        let number = next
        numbers[secret] = number
        next += 1
        return Placeholder.make(number)
    }

    /// The highest `n` of any `REDACTED_<n>` in a text, 0 when there is none.
    static func highestNumber(in text: String) -> Int {
        let marker = Array("\(Placeholder.prefix)_".utf8)
        let bytes = Array(text.utf8)
        var highest = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker {
                var end = index + marker.count
                var value = 0
                while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39, value < 100_000_000 {
                    value = value * 10 + Int(bytes[end] - 0x30)
                    end += 1
                }
                highest = max(highest, value)
                index = end
            } else {
                index += 1
            }
        }
        return highest
    }
}
