import Foundation

/// Value shapes that real `/me` traffic is full of and that are not secrets: placeholders, masks,
/// flags, numbers, timestamps, UUIDs, enum names. Context rules skip them; format rules never
/// match them in the first place.
enum LookAlike {
    /// The toolkit's own placeholders (`REDACTED`, `REDACTED_3`).
    static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        Placeholder.isPlaceholder(String(value))
    }

    /// Masks written by other tools (`****`, `[FILTERED]`, `<redacted>`, `xxxxxxxx`).
    static func isMask(_ value: String) -> Bool {
        if value.allSatisfy({ "*•xX#.-_ ".contains($0) }) { return true }
        let stripped = value.filter { !"[]<>(){}*_- ".contains($0) }.lowercased()
        return ["filtered", "redacted", "hidden", "masked", "removed", "omitted", "scrubbed", "sanitized", "placeholder"]
            .contains(stripped)
    }

    /// `true`, `false`, `null`, `none`, `undefined`, ...
    static func isFlagWord(_ value: String) -> Bool {
        ["true", "false", "yes", "no", "on", "off", "null", "nil", "none", "undefined", "n/a"].contains(value.lowercased())
    }

    /// Only digits (ids, snowflakes, epoch times, counters), optionally signed or decimal.
    static func isNumeric(_ value: String) -> Bool {
        var digits = 0
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if scalar.properties.numericType != nil, scalar.isASCII { digits += 1; continue }
            if (scalar == "-" || scalar == "+") && index == 0 { continue }
            if scalar == "." { continue }
            return false
        }
        return digits > 0
    }

    /// RFC 3339 / ISO 8601 dates and times (`2024-01-02`, `2024-01-02T03:04:05.678Z`, `0001-01-01T00:00:00Z`).
    static func isTimestamp(_ value: String) -> Bool {
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
        let bytes = Array(value.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
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
        guard !value.isEmpty, value.count <= 64 else { return false }
        let separators: Set<Character> = ["_", "-", " ", ".", ":"]
        let words = value.split(whereSeparator: { separators.contains($0) })
        guard !words.isEmpty else { return false }
        let hasSeparator = words.count > 1
        for word in words {
            guard word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
            let letters = word.filter(\.isLetter)
            if letters.isEmpty { continue }
            let isLower = letters.allSatisfy(\.isLowercase) && word.allSatisfy({ !$0.isNumber })
            let isUpper = letters.allSatisfy(\.isUppercase) && (hasSeparator || word.count <= 12)
            let isCapitalized = word.first?.isUppercase == true && word.dropFirst().allSatisfy(\.isLowercase)
            guard isLower || isUpper || isCapitalized else { return false }
        }
        return true
    }

    /// Nothing a context rule should report: empty, placeholder, mask, flag word, number,
    /// timestamp. (UUIDs and enum names are judged per rule.)
    static func isInert(_ value: String) -> Bool {
        value.isEmpty || isPlaceholder(value) || isMask(value) || isFlagWord(value) || isNumeric(value) || isTimestamp(value)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
    }
}

/// Length-aware randomness of a value: Shannon entropy in bits per character compared with the
/// most its length and alphabet allow, so short tokens are judged fairly.
enum TokenShape {
    /// Characters tokens are made of (base64, base64url, hex, base32, and `.`/`~`/`:` separators).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || "+/=_-.~:".utf8.contains(byte)
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: [UInt8]) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let probability = Double(count) / total
            bits -= probability * log2(probability)
        }
        return bits
    }

    /// A single token-shaped word (no spaces, no URL) of at least `minimumLength` characters
    /// whose entropy reaches 70% of the maximum for its length and alphabet.
    static func looksRandom(_ value: String, minimumLength: Int = 12) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= minimumLength, bytes.allSatisfy(isTokenCharacter), !value.contains("://") else { return false }
        guard !LookAlike.isUUID(value), !LookAlike.isTimestamp(value), !LookAlike.isNumeric(value),
            !LookAlike.isEnumName(value)
        else { return false }
        let hasDigit = bytes.contains { $0 >= 48 && $0 <= 57 }
        let hasLetter = bytes.contains { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
        guard hasLetter && (hasDigit || bytes.count >= 20) else { return false }
        let alphabet: Double
        if bytes.allSatisfy({ LookAlike.isHexDigit($0) }) {
            alphabet = 16
        } else if bytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) || $0 == 61 }) {
            alphabet = 32
        } else {
            alphabet = 64
        }
        let ceiling = log2(min(Double(bytes.count), alphabet))
        return entropy(bytes) >= 0.7 * ceiling
    }

    private static func log2(_ value: Double) -> Double {
        Foundation.log2(value)
    }
}
