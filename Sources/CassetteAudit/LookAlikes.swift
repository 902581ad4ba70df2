import CassetteFormat
import Foundation

/// Value shapes that real `/me` traffic is full of and that are not secrets: placeholders, masks,
/// flags, numbers, timestamps, UUIDs, enum names. Context rules skip them; format rules never
/// match them in the first place.
enum LookAlike {
    /// The toolkit's own placeholders (`REDACTED`, `REDACTED_3`).
    static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        Placeholder.isPlaceholder(value)
    }

    /// Masks written by other tools (`****`, `[FILTERED]`, `<redacted>`, `xxxxxxxx`).
    static func isMask(_ value: String) -> Bool {
        if value.unicodeScalars.allSatisfy(isMaskScalar) { return true }
        // The longest mask word with brackets and padding fits in 40 bytes; longer values are not masks.
        guard value.utf8.count <= 40 else { return false }
        var stripped: [UInt8] = []
        stripped.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                UInt8(ascii: "-"), UInt8(ascii: " "):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): stripped.append(byte + 32)
            default: stripped.append(byte)
            }
        }
        return maskWords.contains(stripped)
    }

    private static let maskWords: Set<[UInt8]> = Set(
        ["filtered", "redacted", "hidden", "masked", "removed", "omitted", "scrubbed", "sanitized", "placeholder"].map { Array($0.utf8) })

    private static func isMaskScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "*", "\u{2022}", "x", "X", "#", ".", "-", "_", " ": return true
        default: return false
        }
    }

    /// `true`, `false`, `null`, `none`, `undefined`, ...
    static func isFlagWord(_ value: String) -> Bool {
        value.utf8.count <= 9
            && ["true", "false", "yes", "no", "on", "off", "null", "nil", "none", "undefined", "n/a"].contains(value.lowercased())
    }

    /// Only digits (ids, snowflakes, epoch times, counters), optionally signed or decimal.
    static func isNumeric(_ value: String) -> Bool {
        var digits = 0
        var first = true
        for byte in value.utf8 {
            defer { first = false }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                continue
            }
            if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && first { continue }
            if byte == UInt8(ascii: ".") { continue }
            return false
        }
        return digits > 0
    }

    /// RFC 3339 / ISO 8601 dates and times (`2024-01-02`, `2024-01-02T03:04:05.678Z`, `0001-01-01T00:00:00Z`).
    static func isTimestamp(_ value: String) -> Bool {
        guard value.utf8.count >= 10, value.utf8.count <= 64 else { return false }
        let bytes = Array(value.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        guard bytes[0..<4].allSatisfy(isDigit), bytes[5..<7].allSatisfy(isDigit), bytes[8..<10].allSatisfy(isDigit) else {
            return false
        }
        return bytes[10...].allSatisfy { isDigit($0) || ":.+-TZtz ".utf8.contains($0) }
    }

    /// A UUID in its canonical 8-4-4-4-12 hex form.
    static func isUUID(_ value: some StringProtocol) -> Bool {
        guard value.utf8.count == 36 else { return false }
        for (index, byte) in value.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != UInt8(ascii: "-") { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    /// An enum-like name: words of one case (`ACCESS_TOKEN_TYPE_BEARER`, `google_oauth`,
    /// `Service Account`, `available`), never a random mixed-case string.
    static func isEnumName(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 64 else { return false }
        var words = 0
        var word = ASCIIWordShape()
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ":"):
                if word.length > 0 { words += 1 }
                word.finish()
            default:
                guard word.add(byte) else { return false }
            }
        }
        if word.length > 0 { words += 1 }
        word.finish()
        guard words > 0 else { return false }
        return word.allWordsFit(hasSeparator: words > 1)
    }

    /// The case shape of the ASCII words of a value, accumulated byte by byte for ``isEnumName(_:)``.
    private struct ASCIIWordShape {
        var length = 0
        private var letters = 0
        private var lower = 0
        private var upper = 0
        private var digits = 0
        private var firstIsUpper = false
        private var restAreLower = true
        private var failed = false
        /// Shapes of finished words: whether any needs a separator to count as upper case.
        private var longUpperWord = false

        /// Adds a byte; `false` when it is not an ASCII letter or digit.
        mutating func add(_ byte: UInt8) -> Bool {
            let isUpper = byte >= 65 && byte <= 90
            let isLower = byte >= 97 && byte <= 122
            let isDigit = byte >= 48 && byte <= 57
            guard isUpper || isLower || isDigit else { return false }
            if length == 0 {
                firstIsUpper = isUpper
            } else if !isLower {
                restAreLower = false
            }
            length += 1
            if isUpper {
                upper += 1
                letters += 1
            }
            if isLower {
                lower += 1
                letters += 1
            }
            if isDigit { digits += 1 }
            return true
        }

        /// Ends the current word: lower (no digits), upper (digits allowed) or capitalized.
        mutating func finish() {
            defer {
                length = 0
                letters = 0
                lower = 0
                upper = 0
                digits = 0
                firstIsUpper = false
                restAreLower = true
            }
            guard length > 0, letters > 0 else { return }
            let isLower = upper == 0 && digits == 0
            let isUpper = lower == 0
            let isCapitalized = firstIsUpper && restAreLower
            if isLower || isCapitalized { return }
            if isUpper {
                if length > 12 { longUpperWord = true }
                return
            }
            failed = true
        }

        /// Whether every finished word had an enum shape (a long upper-case word needs a separator).
        func allWordsFit(hasSeparator: Bool) -> Bool {
            !failed && (hasSeparator || !longUpperWord)
        }
    }

    /// Nothing a context rule should report: empty, placeholder, mask, flag word, number,
    /// timestamp. (UUIDs and enum names are judged per rule.)
    static func isInert(_ value: String) -> Bool {
        value.isEmpty || isPlaceholder(value) || isMask(value) || isFlagWord(value) || isNumeric(value) || isTimestamp(value)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        ASCIIText.isHexDigit(byte)
    }
}
