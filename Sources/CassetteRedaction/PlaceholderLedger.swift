import CassetteFormat
import CassetteProviders

/// Numbers the distinct secret values of one cassette in order of first appearance, so equal
/// secrets get equal placeholders and placeholders already in the cassette keep their numbers.
/// Each placeholder keeps the wire format of its secret's kind (`SecretShape`); its text comes
/// from that shape and the number only.
struct PlaceholderLedger: Sendable {
    private var numbers: [String: Int] = [:]
    /// Each secret's shape, worked out once.
    private var shapes: [String: Placeholder.Shape] = [:]
    private var next: Int

    /// A ledger whose first new placeholder comes after every placeholder (plain or shaped)
    /// already in `texts`.
    init(continuingAfter texts: [String]) {
        next = texts.map(Self.highestNumber(in:)).max().map { $0 + 1 } ?? 1
    }

    /// The placeholder for a secret value: the same value always gets the same one.
    mutating func placeholder(for secret: String) -> String {
        if let number = numbers[secret], let shape = shapes[secret] { return Placeholder.make(number, shape: shape) }
        let number = next
        let shape = SecretShape.of(secret)
        numbers[secret] = number
        shapes[secret] = shape
        next += 1
        return Placeholder.make(number, shape: shape)
    }

    /// The placeholder for a secret written between `before` (the text already written) and
    /// the byte `after`: the shaped form when it is still recognised whole there, else the plain
    /// `REDACTED_<n>` (a token glued to other token characters, `abc…user:<hex>`, would read as
    /// a longer token and no longer as a placeholder).
    mutating func placeholder(for secret: String, between before: String, and after: UInt8?) -> String {
        let shaped = placeholder(for: secret)
        guard let number = numbers[secret], shaped != Placeholder.make(number) else { return shaped }
        let left = Array(before.utf8.suffix(64))
        let context = left + Array(shaped.utf8) + (after.map { [$0] } ?? [])
        let expected = left.count..<(left.count + shaped.utf8.count)
        return Placeholder.spans(inBytes: context).contains { $0.range == expected } ? shaped : Placeholder.make(number)
    }

    /// The highest `n` of any placeholder in a text, 0 when there is none.
    static func highestNumber(in text: String) -> Int {
        Placeholder.highestNumber(in: text)
    }
}
