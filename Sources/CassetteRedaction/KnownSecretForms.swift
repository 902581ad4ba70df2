import CassetteFormat
import CassetteProviders
import Foundation

/// The forms in which a known credential can appear in a cassette: raw, percent-encoded (strict,
/// query-style, form-style, lower- and upper-case hex) and base64 (standard, unpadded, URL-safe),
/// plus, for the leak check only, the base64 "cores" that appear whatever bytes surround the
/// secret inside a longer base64 text.
struct KnownSecretForms: Sendable {
    /// Secrets shorter than this are only matched as whole values, never inside longer text
    /// (a 3-character "secret" would match everywhere).
    static let minimumSubstringLength = 6

    /// One searchable form of a secret.
    struct Form: Sendable {
        /// The text to look for.
        var text: String
        /// The raw secret it stands for.
        var secret: String
        /// `value:known-secret`, `value:known-secret-percent`, `value:known-secret-base64`.
        var rule: String
    }

    /// Forms a redactor replaces (whole encodings), longest first.
    let replaceable: [Form]
    /// Extra forms only searched for by the leak check (base64 alignment cores).
    let searchOnly: [Form]
    /// Secrets too short for substring search: matched as whole values only.
    let wholeValueOnly: Set<String>

    init(_ secrets: [String]) {
        var replaceable: [Form] = []
        var searchOnly: [Form] = []
        var short: Set<String> = []
        var seen: Set<String> = []
        for secret in Set(secrets) where !secret.isEmpty {
            guard secret.count >= Self.minimumSubstringLength else {
                short.insert(secret)
                continue
            }
            func add(_ text: String, _ rule: String, into list: inout [Form]) {
                guard !text.isEmpty, seen.insert(text).inserted else { return }
                list.append(Form(text: text, secret: secret, rule: rule))
            }
            add(secret, "value:known-secret", into: &replaceable)
            for encoded in Self.percentEncodings(of: secret) { add(encoded, "value:known-secret-percent", into: &replaceable) }
            for encoded in Self.base64Encodings(of: Data(secret.utf8)) { add(encoded, "value:known-secret-base64", into: &replaceable) }
            for core in Self.base64Cores(of: Data(secret.utf8)) { add(core, "value:known-secret-base64", into: &searchOnly) }
        }
        self.replaceable = replaceable.sorted { ($0.text.count, $0.text) > ($1.text.count, $1.text) }
        self.searchOnly = searchOnly.sorted { ($0.text.count, $0.text) > ($1.text.count, $1.text) }
        self.wholeValueOnly = short
    }

    /// Every place a replaceable form occurs in `text`.
    func matches(in text: String) -> [TextMatch] {
        var found: [TextMatch] = []
        if wholeValueOnly.contains(text) {
            found.append(TextMatch(range: text.startIndex..<text.endIndex, secret: text, rule: "value:known-secret"))
        }
        for form in replaceable where text.contains(form.text) {
            for range in text.ranges(of: form.text) {
                found.append(TextMatch(range: range, secret: form.secret, rule: form.rule))
            }
        }
        return found
    }

    /// Rule ids of the forms (replaceable and search-only) whose bytes occur in `bytes`, and
    /// whether a short secret equals the whole of it.
    func rulesFound(inBytes bytes: [UInt8], wholeValue: String?) -> [String] {
        var rules: [String] = []
        if let wholeValue, wholeValueOnly.contains(wholeValue) { rules.append("value:known-secret") }
        for form in replaceable + searchOnly where ByteSearch.contains(bytes, Array(form.text.utf8)) {
            rules.append(form.rule)
        }
        return rules
    }

    static func percentEncodings(of secret: String) -> [String] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        var results: [String] = []
        for allowed in [unreserved, CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#/")), .urlQueryAllowed] {
            guard let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed), encoded != secret else { continue }
            results.append(encoded)
            results.append(lowercasedHex(encoded))
            results.append(encoded.replacingOccurrences(of: "%20", with: "+"))
        }
        return results.filter { $0 != secret }
    }

    private static func lowercasedHex(_ encoded: String) -> String {
        var output = ""
        var remaining = 0
        for character in encoded {
            if character == "%" {
                remaining = 2
                output.append(character)
            } else if remaining > 0 {
                remaining -= 1
                output.append(contentsOf: character.lowercased())
            } else {
                output.append(character)
            }
        }
        return output
    }

    static func base64Encodings(of data: Data) -> [String] {
        let standard = data.base64EncodedString()
        let unpadded = standard.replacingOccurrences(of: "=", with: "")
        let urlSafe = unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return [standard, unpadded, urlSafe]
    }

    /// The base64 characters that depend only on the secret's bytes, for each of the three
    /// alignments it can have inside a longer base64 text (standard and URL-safe alphabets).
    static func base64Cores(of data: Data) -> [String] {
        var cores: [String] = []
        for offset in 0..<3 {
            let padded = Data(repeating: 0, count: offset) + data
            let encoded = Array(padded.base64EncodedString().utf8)
            let first = (8 * offset + 5) / 6
            let end = (8 * (offset + data.count)) / 6
            guard end - first >= 8, end <= encoded.count else { continue }
            let core = String(decoding: encoded[first..<end], as: UTF8.self)
            cores.append(core)
            cores.append(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        return cores
    }
}

/// Byte-level substring search (no Unicode normalization: what is on disk is what counts).
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
