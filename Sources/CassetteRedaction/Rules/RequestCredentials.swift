public import CassetteFormat
import Foundation

extension Redaction {
    /// Every credential the requests of a log carry, to be treated as known secrets for the whole
    /// log (so a request's bearer token echoed in a response's `error_description` is redacted
    /// too): `Authorization`/`Proxy-Authorization` credentials (and the password of `Basic`),
    /// secret-named headers, cookie values that look like tokens, secret-named query, form and
    /// JSON body members, and values found by the value rules (API keys, JWTs) in URLs, headers
    /// and bodies.
    ///
    /// Values too short or too plain to be searched for safely everywhere are left out (under 6
    /// characters, flag words, digit strings under 8), so an import does not replace ordinary
    /// words. `cassette import` adds these to ``RedactionPolicy/knownSecrets``; in-test
    /// recording can do the same with the requests it recorded.
    public static func credentials(in log: HAR.Log) -> [String] {
        var collector = RequestCredentialCollector()
        for entry in log.entries { collector.collect(entry.request) }
        return collector.values
    }
}

/// Gathers the credentials of requests, in order of first appearance, without duplicates.
struct RequestCredentialCollector {
    private(set) var values: [String] = []
    private var seen: Set<String> = []

    mutating func collect(_ request: HAR.Request) {
        addValueRuleMatches(in: request.url)
        addNamedParameters(in: request.url)
        for parameter in request.queryString where isSecretParameter(parameter.name) { add(parameter.value) }
        for header in request.headers { collect(header: header) }
        for cookie in request.cookies { addCookie(cookie.value) }
        if let postData = request.postData { collect(postData) }
    }

    private mutating func collect(header: HAR.NameValue) {
        let lower = header.name.lowercased()
        if lower == "cookie" {
            for part in header.value.split(separator: ";") {
                guard let equals = part.firstIndex(of: "=") else { continue }
                addCookie(String(part[part.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
            }
            return
        }
        if SecretNames.isSecretHeader(header.name) {
            let value = header.value.trimmingCharacters(in: .whitespaces)
            if let space = value.firstIndex(of: " ") {
                let scheme = value[..<space].lowercased()
                let credential = value[space...].trimmingCharacters(in: .whitespaces)
                add(credential)
                if scheme == "basic", let data = Data(base64Encoded: credential), let pair = String(data: data, encoding: .utf8),
                    let colon = pair.firstIndex(of: ":")
                {
                    add(String(pair[pair.index(after: colon)...]))
                }
            } else {
                add(value)
            }
        }
        addValueRuleMatches(in: header.value)
    }

    private mutating func collect(_ postData: HAR.PostData) {
        for parameter in postData.params ?? [] where isSecretParameter(parameter.name) { add(parameter.value) }
        guard postData.encoding?.lowercased() != "base64" else { return }
        let text = postData.text
        addValueRuleMatches(in: text)
        if let json = try? JSONParser.parse(text) {
            collect(json: json, parent: nil, underSecretName: false, depth: 0)
        } else if postData.mimeType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            for pair in text.split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name =
                    String(pair[..<equals]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(pair[..<equals])
                guard isSecretParameter(name) else { continue }
                let raw = String(pair[pair.index(after: equals)...])
                add(raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw)
            }
        }
    }

    /// String values under secret-named members and members secret by their parent (at any
    /// depth, arrays element-wise). `parent` is the nearest enclosing member name.
    private mutating func collect(json: JSONValue, parent: String?, underSecretName: Bool, depth: Int) {
        guard depth < 64 else { return }
        switch json {
        case .string(let text):
            if underSecretName { add(text) }
        case .array(let elements):
            for element in elements { collect(json: element, parent: parent, underSecretName: underSecretName, depth: depth + 1) }
        case .object(let object):
            for member in object {
                let secret =
                    SecretNames.isSecretMember(member.key, inRequest: true)
                    || SecretNames.isSecretChild(member.key, parent: parent, inRequest: true)
                    || SecretNames.isSecretBySibling(member.key, siblings: object.lazy.map { ($0.key, $0.value.stringValue) })
                collect(json: member.value, parent: member.key, underSecretName: secret, depth: depth + 1)
            }
        case .number, .bool, .null:
            break
        }
    }

    private mutating func addNamedParameters(in url: String) {
        for match in ValueRules.parameters(in: url) { add(match.secret) }
    }

    private mutating func addValueRuleMatches(in text: String) {
        for match in ValueRules.matches(in: text) { add(match.secret) }
    }

    private func isSecretParameter(_ name: String) -> Bool {
        SecretNames.isSecretParameter(name) || SecretNames.isSecretMember(name, inRequest: true)
    }

    /// A cookie value counts when it looks like a token: 12 characters or more without blanks, or
    /// 8 or more mixing letters and digits (`theme=dark` and `consent=accepted` stay).
    private mutating func addCookie(_ value: String) {
        let bytes = value.utf8
        guard !bytes.contains(where: ByteClass.isWhitespace) else { return }
        let mixed = bytes.contains(where: ByteClass.isDigit) && bytes.contains(where: ByteClass.isLetter)
        if bytes.count >= 12 || (bytes.count >= 8 && mixed) { add(value) }
    }

    private static let flagWords: Set<String> = ["true", "false", "null", "undefined", "yes", "no", "none", "bearer", "basic"]

    private mutating func add(_ value: String) {
        let bytes = value.utf8
        guard bytes.count >= 6, !Placeholder.isPlaceholder(value), !Self.flagWords.contains(value.lowercased()),
            !RedactionSession.isFlagValue(value)
        else { return }
        if bytes.allSatisfy(ByteClass.isDigit), bytes.count < 8 { return }
        // A value that is only placeholders and punctuation (`Bearer REDACTED_1`) is not a secret.
        if ASCIIText.contains(Placeholder.prefix, in: value),
            value.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).allSatisfy({ Placeholder.isPlaceholder($0) })
        {
            return
        }
        if seen.insert(value).inserted { values.append(value) }
    }
}
