import CassetteFormat
import Foundation

/// Value shapes the key-context rules look for.
enum ValueShape {
    /// A base32 TOTP seed: at least 16 characters of `A-Z2-7` (one case), spaces and padding allowed.
    static func isBase32Seed(_ value: String) -> Bool {
        let compact = value.filter { $0 != " " && $0 != "=" }
        guard compact.utf8.count >= 16, compact.utf8.count <= 128 else { return false }
        let upper = compact.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) }
        let lower = compact.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 50 && $0 <= 55) }
        return upper || lower
    }

    /// A base32 TOTP seed written in groups for typing (`abcd efgh ijkl mnop`, as authenticator
    /// set-up screens show a "manual entry key"): at least four groups of one length (3 to 8) but
    /// the last, which may be shorter. Sentences rarely have words of one length, so this tells a
    /// grouped seed from prose that a space count alone (``isProse(_:)``) would take it for.
    static func isGroupedBase32Seed(_ value: String) -> Bool {
        let groups = value.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard groups.count >= 4, groups.count <= 32, let width = groups.first?.count, (3...8).contains(width) else { return false }
        for group in groups.dropLast() where group.count != width { return false }
        guard let last = groups.last, (1...width).contains(last.count) else { return false }
        return isBase32Seed(value)
    }

    /// A recovery code as services print them (`ab3D-x9Kq`, `7F2K-Q9ZD-M4TX`; Wacht's alphabet is
    /// `[A-Za-z0-9]`, so `gjzc-yblr` is one too): two or more `-`-separated groups of one length
    /// (4 to 8) of letters and digits. Words of unequal length (`refresh-token`) are not one. Used
    /// only under names that hold credentials, where such a value is a finding even when it reads
    /// like two words.
    static func isUniformRecoveryCode(_ value: String) -> Bool {
        let groups = value.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard groups.count >= 2, groups.count <= 8, let width = groups.first?.count, (4...8).contains(width) else { return false }
        for group in groups {
            guard group.count == width, group.allSatisfy(TokenFormats.isAlphanumeric) else { return false }
        }
        return true
    }

    /// A backup or recovery code: `XXXX-XXXX` groups, 8–24 letters and digits with a digit, or 6–12 digits.
    static func isBackupCode(_ value: Substring) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        let alphanumeric: (Substring) -> Bool = { $0.utf8.allSatisfy(TokenFormats.isAlphanumeric) }
        if groups.count >= 2, groups.allSatisfy({ $0.utf8.count >= 3 && $0.utf8.count <= 8 && alphanumeric($0) }) {
            return !LookAlike.isTimestamp(String(value))
        }
        guard groups.count == 1, alphanumeric(value) else { return false }
        let hasDigit = value.utf8.contains { $0 >= 48 && $0 <= 57 }
        if value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return (6...12).contains(value.utf8.count) }
        return hasDigit && (8...24).contains(value.utf8.count)
    }

    /// A bare lowercase identifier or member path (`e.target.value`, `null`, `undefined`) as
    /// free text writes it: code, not a credential.
    static func isCodeWord(_ value: String) -> Bool {
        value.utf8.count < 6 || value.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
            || (value.utf8.contains(UInt8(ascii: "(")) && value.utf8.contains(UInt8(ascii: ")")))
    }

    /// Sentences (validation messages such as "must be at least 8 characters") rather than values.
    static func isProse(_ value: String) -> Bool {
        value.filter { $0 == " " }.count >= 3
    }
}

/// Credentials written with an authentication scheme (`Bearer x`, `Basic x`, `Token x`).
enum CredentialText {
    private static let schemes: Set<String> = [
        "bearer", "basic", "token", "digest", "apikey", "api-key", "jwt", "negotiate", "hmac", "session",
    ]

    /// The credential after a known scheme word, or the value itself.
    static func strippingScheme(_ value: String) -> String {
        // Scheme words are short: only a space within the first 16 bytes can end one.
        guard let space = value.utf8.prefix(16).firstIndex(of: UInt8(ascii: " ")) else { return value }
        let scheme = value[..<space].lowercased()
        guard schemes.contains(scheme) else { return value }
        return ASCIIText.trimmed(String(value[value.utf8.index(after: space)...]))
    }

    /// The scheme word (lowercased) and the credential after it, when the value has one.
    static func split(_ value: String) -> (scheme: String?, credential: String) {
        guard let space = value.firstIndex(of: " ") else { return (nil, value) }
        let word = value[..<space]
        guard word.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else { return (nil, value) }
        return (word.lowercased(), ASCIIText.trimmed(String(value[value.index(after: space)...])))
    }
}

/// `application/x-www-form-urlencoded` text.
enum FormText {
    /// Whether every `&`-separated part is `name=value` with a plain name.
    static func looksLikeForm(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "=")), !text.utf8.contains(UInt8(ascii: " ")), !text.utf8.contains(UInt8(ascii: "\n")) else {
            return false
        }
        return text.split(separator: "&").allSatisfy { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return false }
            return pair[..<equals].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.[]%".contains($0)) }
        }
    }

    /// The decoded pairs (`+` as space, percent-decoding), in order.
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: { $0 == "&" || $0 == ";" }).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = { part in
                // `+` is a space in forms; replaced byte-wise (Foundation's search was the
                // audit's largest single cost), percent-decoding only when there is a `%`.
                let hasPlus = part.utf8.contains(UInt8(ascii: "+"))
                let spaced =
                    hasPlus
                    ? String(decoding: part.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self) : String(part)
                guard spaced.utf8.contains(UInt8(ascii: "%")) else { return spaced }
                return spaced.removingPercentEncoding ?? spaced
            }
            return (ASCIIText.trimmed(decode(parts[0])), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// What a text value is made of, from one pass over its bytes: which decoding layers to try.
struct TextShapeSummary {
    var count = 0
    var hasSpace = false
    var hasAngle = false
    var hasSeparator = false
    var hasBackslash = false
    var hasPercent = false
    var hasScheme = false
    var startsStructured = false
    /// Starts and ends with `"` (a JSON string literal).
    var isQuoted = false

    init(_ text: String) {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            count += 1
            switch byte {
            case 0x20, 0x09, 0x0a, 0x0d: hasSpace = true
            case UInt8(ascii: "<"): hasAngle = true
            case UInt8(ascii: "="), UInt8(ascii: ":"): hasSeparator = true
            case UInt8(ascii: "\\"): hasBackslash = true
            case UInt8(ascii: "%"): hasPercent = true
            case UInt8(ascii: "/"):
                if previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) { hasScheme = true }
            default: break
            }
            previous = (previous.1, byte)
        }
        let first = text.utf8.first
        startsStructured = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        isQuoted = count >= 2 && first == UInt8(ascii: "\"") && text.utf8.last == UInt8(ascii: "\"")
    }
}

/// Locations made safe to print: a word in them that is a known token format or looks random
/// (a secret used as a member, cookie or parameter name) is masked as `<hidden:token>`, which
/// reveals nothing of it (no prefix, no length).
enum SafeLocation {
    static func masked(_ location: String) -> String {
        let bytes = Array(location.utf8)
        var output: [UInt8] = []
        var changed = false
        var start = 0
        func flush(_ end: Int) {
            let word = bytes[start..<end]
            if word.count >= 16 {
                let text = String(decoding: word, as: UTF8.self)
                let hasDigit = word.contains { $0 >= 48 && $0 <= 57 }
                if !TokenFormats.hits(in: text).isEmpty || (hasDigit && TokenShape.looksRandom(text, minimumLength: 20)) {
                    output.append(contentsOf: Array("<hidden:token>".utf8))  // reveals nothing, as SafeDisplay
                    changed = true
                    return
                }
            }
            output.append(contentsOf: word)
        }
        for (index, byte) in bytes.enumerated() where isBreak(byte) {
            flush(index)
            output.append(byte)
            start = index + 1
        }
        flush(bytes.count)
        return changed ? String(decoding: output, as: UTF8.self) : location
    }

    private static func isBreak(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, UInt8(ascii: "/"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="),
            UInt8(ascii: "&"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
