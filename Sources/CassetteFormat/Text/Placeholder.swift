/// The placeholders that replace secret values in cassettes.
///
/// A placeholder reveals nothing of the secret (no hash, no length, no character of it): its
/// content comes only from its number `n`, which numbers the distinct secret values of one
/// cassette in order of first appearance, so equal secrets get equal placeholders. A secret with
/// a known wire format gets a placeholder of that format (``Shape``), so a redacted response
/// still validates against the service's schema: a Wacht backup code becomes `RDCT-0003`, a
/// base32 TOTP seed `REDACTEDAAAAAAAAAAAAAAAAAAAAAAAD`, an Atoms key `sk_REDACTED00000003`, a
/// SendGrid key `SG.REDACTED…0003.REDACTED…0003`, a Slack webhook path
/// `TREDACTED/BREDACTED/REDACTED…0003`, an Atoms web-call token
/// `wct_00000000-0000-0000-0000-000000000003`.
/// Anything else becomes `REDACTED_<n>` (``Shape/plain``). Shape is kept around it too:
/// `Bearer REDACTED_1`, `__session=REDACTED_2`; secret numbers become `0`.
///
/// Every form carries a reserved marker that a real random token has with negligible
/// probability (`REDACTED` where the alphabet allows it, `RDCT-` in a backup code, a run of at
/// least 24 zeros in a hexadecimal or UUID body), and recognition is exact: ``isPlaceholder(_:)`` and
/// ``spans(in:)`` read the number back and accept only the very text ``make(_:shape:)`` writes
/// for it, so a real value of the same shape is never taken for a placeholder.
public enum Placeholder {
    /// The common prefix of the plain placeholders (`REDACTED_<n>`), and the marker inside most
    /// shaped ones.
    public static let prefix = "REDACTED"

    /// The plain placeholder for the `index`-th distinct secret (1-based): `REDACTED_<n>`.
    public static func make(_ index: Int) -> String {
        "\(prefix)_\(index)"
    }

    /// The placeholder for the `index`-th distinct secret in the given shape; the plain form
    /// when the number does not fit the shape (more than 9,999 backup codes in one cassette).
    public static func make(_ index: Int, shape: Shape) -> String {
        shape.text(for: index) ?? make(index)
    }

    /// Whether a whole value is a placeholder, plain (`REDACTED`, `REDACTED_12`) or shaped
    /// (`RDCT-0003`, `sk_REDACTED00000003`, `user:000…0003`, a JWT whose signature is `REDACTED`).
    public static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        // Most values are rejected here without a copy: every form starts with `R` (plain,
        // base32, backup code) or `e` (a JWT), or ends with a digit or `D`.
        let utf8 = value.utf8
        guard utf8.count >= prefix.utf8.count, let first = utf8.first,
            let last = utf8[utf8.index(utf8.endIndex, offsetBy: -1)...].first,
            PlaceholderScanner.mayBeWholePlaceholder(first: first, last: last)
        else { return false }
        let bytes = Array(utf8)
        let found = PlaceholderScanner.spans(in: bytes)
        return found.count == 1 && found[0].range == 0..<bytes.count
    }

    /// Whether a text may contain a placeholder: a quick test before ``spans(in:)``.
    public static func mayContainPlaceholder(_ text: String) -> Bool {
        ASCIIText.contains(prefix, in: text) || ASCIIText.contains(PlaceholderScanner.backupMarker, in: text)
            || ASCIIText.contains(PlaceholderScanner.zeroRun, in: text) || ASCIIText.contains(PlaceholderScanner.uuidMarker, in: text)
    }

    /// A placeholder found inside a text: where it is (UTF-8 offsets) and its number (`nil`
    /// for the bare `REDACTED`).
    public struct Span: Sendable, Equatable {
        /// The UTF-8 offsets of the placeholder in the text.
        public var range: Range<Int>
        /// The number `n` it was made from.
        public var number: Int?
    }

    /// Every placeholder in a text, in order, not overlapping. Linear in the text.
    public static func spans(in text: String) -> [Span] {
        guard mayContainPlaceholder(text) else { return [] }
        return PlaceholderScanner.spans(in: Array(text.utf8))
    }

    /// Every placeholder in a sequence of bytes (a text's UTF-8, or one byte per Unicode scalar
    /// with non-ASCII scalars as `0xFF`), in order, not overlapping. Linear in the input.
    public static func spans(inBytes bytes: [UInt8]) -> [Span] {
        PlaceholderScanner.spans(in: bytes)
    }

    /// The highest number of any placeholder in a text, 0 when there is none.
    public static func highestNumber(in text: String) -> Int {
        spans(in: text).compactMap(\.number).max() ?? 0
    }
}
