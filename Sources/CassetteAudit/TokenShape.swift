import CassetteFormat
import Foundation

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
        guard bytes.count >= minimumLength, bytes.allSatisfy(isTokenCharacter), !ASCIIText.contains("://", in: value) else { return false }
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
