import CassetteFormat
import CassetteProviders
import Foundation

/// The fail-closed proof run on a redacted log before anything is written: the final
/// serialized bytes and every decoded string (including base64 bodies, percent-decoded URLs and
/// JSON inside bodies) are searched for every known secret (raw, percent-encoded, base64 at any
/// alignment) and for the value rules (JWTs, `otpauth://` seeds, token formats, secret-named
/// parameters). The independent audit runs after it, one layer up (``Redaction/sanitize(_:policy:)``
/// in CassetteKit), so this target never depends on the audit. Locations only, never values.
struct LeakCheck {
    let knownSecrets: KnownSecretForms

    init(policy: RedactionPolicy) {
        knownSecrets = KnownSecretForms(policy.knownSecrets)
    }

    init(knownSecrets: KnownSecretForms) {
        self.knownSecrets = knownSecrets
    }

    /// Every location where a secret is still visible; empty when the log is clean.
    func locations(in log: HAR.Log) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        func report(_ location: String) {
            let safe = mask(location)
            if seen.insert(safe).inserted { found.append(safe) }
        }
        forEachString(in: log) { location, text in
            for rule in rules(in: text) { report("\(location()) (rule \(rule))") }
        } binary: { location, bytes in
            for rule in knownSecrets.rulesFound(inBytes: bytes, wholeValue: nil) { report("\(location()) (rule \(rule))") }
            let text = String(decoding: bytes, as: UTF8.self)
            for match in ValueRules.matches(in: text) { report("\(location()) (rule \(match.rule))") }
        }
        let serialized = [UInt8](CassetteFile.encodeJSON(log))
        let serializedRules = knownSecrets.rulesFound(inBytes: serialized, wholeValue: nil)
        if found.isEmpty {
            for rule in serializedRules { report("serialized cassette bytes (rule \(rule))") }
        }
        return found
    }

    /// A location with anything secret-looking in it hidden (a secret used as a JSON member
    /// name would otherwise appear in its own pointer).
    func mask(_ location: String) -> String {
        let matches = TextMatch.nonOverlapping(knownSecrets.matches(in: location) + ValueRules.matches(in: location))
        guard !matches.isEmpty else { return location }
        var output = ""
        var cursor = location.startIndex
        for match in matches {
            output.unicodeScalars.append(contentsOf: location.unicodeScalars[cursor..<match.range.lowerBound])
            output += "<hidden>"
            cursor = match.range.upperBound
        }
        output.unicodeScalars.append(contentsOf: location.unicodeScalars[cursor...])
        return output
    }

    /// Rule ids that fire on one decoded string (and its percent-decoded form).
    private func rules(in text: String) -> [String] {
        var rules = knownSecrets.rulesFound(inBytes: Array(text.utf8), wholeValue: text)
        rules += ValueRules.matches(in: text).map(\.rule)
        if text.contains("%"), let decoded = text.removingPercentEncoding, decoded != text {
            rules += knownSecrets.rulesFound(inBytes: Array(decoded.utf8), wholeValue: decoded)
            rules += ValueRules.matches(in: decoded).map(\.rule)
        }
        var unique: [String] = []
        for rule in rules where !unique.contains(rule) { unique.append(rule) }
        return unique
    }

    /// Calls `text` for every string of the log with a readable location (JSON bodies member by
    /// member), and `binary` for the decoded bytes of every base64 body.
    private func forEachString(
        in log: HAR.Log, text visit: (() -> String, String) -> Void, binary: (() -> String, [UInt8]) -> Void
    ) {
        // Locations are built only when something is found.
        func text(_ location: @autoclosure () -> String, _ string: String) {
            withoutActuallyEscaping(location) { visit($0, string) }
        }
        func json(_ value: JSONValue, _ pointer: JSONPointer, _ location: String) {
            switch value {
            case .string(let string):
                text("\(location) \(pointer.tokens.isEmpty ? "/" : pointer.reportText)", string)
            case .array(let elements):
                for (index, element) in elements.enumerated() { json(element, pointer.appending(index), location) }
            case .object(let object):
                for member in object {
                    text("\(location) \(pointer.tokens.isEmpty ? "/" : pointer.reportText) (a member name)", member.key)
                    json(member.value, pointer.appending(member.key), location)
                }
            default: break
            }
        }
        func body(_ string: String, encoding: String?, location: String) {
            if encoding?.lowercased() == "base64" {
                text(location + " (base64 text)", string)
                if let data = Data(base64Encoded: string, options: .ignoreUnknownCharacters) {
                    binary({ location + " (decoded)" }, [UInt8](data))
                }
                return
            }
            if let parsed = try? JSONParser.parse(string), parsed.objectValue != nil || parsed.arrayValue != nil {
                json(parsed, .root, location)
            } else {
                text(location, string)
            }
        }
        for (index, entry) in log.entries.enumerated() {
            let request = entry.request
            let prefix = "entry \(index) request"
            text("\(prefix) url", request.url)
            for header in request.headers { text("\(prefix) header \(header.name)", header.value) }
            for parameter in request.queryString { text("\(prefix) query \(parameter.name)", parameter.value) }
            for cookie in request.cookies { text("\(prefix) cookie \(cookie.name)", cookie.value) }
            if let postData = request.postData {
                body(postData.text, encoding: postData.encoding, location: "\(prefix) body")
                for parameter in postData.params ?? [] { text("\(prefix) body param \(parameter.name)", parameter.value) }
            }
            let response = entry.response
            let responsePrefix = "entry \(index) response"
            for header in response.headers { text("\(responsePrefix) header \(header.name)", header.value) }
            for cookie in response.cookies { text("\(responsePrefix) cookie \(cookie.name)", cookie.value) }
            if let content = response.content.text {
                body(content, encoding: response.content.encoding, location: "\(responsePrefix) body")
            }
            text("\(responsePrefix) redirectURL", response.redirectURL)
            text("\(responsePrefix) statusText", response.statusText)
            if let comment = entry.comment { text("entry \(index) comment", comment) }
        }
        if let comment = log.comment { text("log comment", comment) }
        if let metadata = log.cassette {
            text("log _cassette baseURL", metadata.baseURL ?? "")
            for item in metadata.redaction.items + metadata.redaction.pseudonymized {
                text("log _cassette redaction entry \(item.entry) location", item.location)
            }
        }
    }
}
