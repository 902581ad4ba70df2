import CassetteFormat
import CassetteProviders
import Foundation

/// JSON bodies at any depth: secret-keyed members (by name or by the provider schema's
/// `x-secret`), values that are secrets by themselves, URLs with a secret part, and, when asked,
/// personal data (`x-pii`) replaced by consistent fakes.
extension RedactionSession {
    /// Redacts a JSON value found at `pointer`. `prefix` is prepended to pointers in the report
    /// (for JSON nested inside a string).
    mutating func redactJSON(_ value: JSONValue, at pointer: JSONPointer, kind: String, prefix: String = "") -> JSONValue {
        switch value {
        case .object(let object):
            // Keys are already unique: build the members directly (no per-key lookup).
            var members: [JSONObject.Member] = []
            members.reserveCapacity(object.count)
            let parent = Self.nearestMemberName(of: pointer)
            var renamed = false
            for member in object {
                let key = redactMemberName(member.key, at: pointer, kind: kind, prefix: prefix)
                renamed = renamed || key != member.key
                let child = pointer.appending(key)
                let secretByPlace =
                    SecretNames.isSecretChild(member.key, parent: parent, inRequest: inRequest)
                    || SecretNames.isSecretBySibling(member.key, siblings: object.lazy.map { ($0.key, $0.value.stringValue) })
                members.append(
                    JSONObject.Member(
                        key: key,
                        value: redactMember(member.key, member.value, at: child, kind: kind, prefix: prefix, secretByPlace: secretByPlace)))
            }
            if renamed { members = Self.uniqueKeys(members) }
            return .object(JSONObject(uncheckedMembers: members))
        case .array(let elements):
            return .array(elements.enumerated().map { redactJSON($1, at: pointer.appending($0), kind: kind, prefix: prefix) })
        case .string(let text):
            let location = prefix + pointer.reportText
            if !inRequest, let scope = schema.secretScope(at: pointer) {
                return .string(redactSchemaSecret(text, scope: scope, kind: kind, location: location))
            }
            if !inRequest, policy.pseudonymize, let personal = personalKind(at: pointer) {
                return .string(pseudonymize(text, kind: personal, location: location, keyKind: kind))
            }
            return .string(redactText(text, kind: kind, location: location, depth: jsonLayerDepth + pointer.tokens.count))
        case .number:
            if !inRequest, schema.secretScope(at: pointer) == .whole {
                return secretNumber(value, kind: kind, location: prefix + pointer.reportText, rule: "schema:x-secret")
            }
            return value
        case .null, .bool:
            return value
        }
    }

    private mutating func redactMember(
        _ key: String, _ value: JSONValue, at pointer: JSONPointer, kind: String, prefix: String, secretByPlace: Bool
    ) -> JSONValue {
        if SecretNames.isSecretMember(key, inRequest: inRequest) {
            return redactSecretValue(value, at: pointer, kind: kind, prefix: prefix, rule: "key:\(key)")
        }
        if secretByPlace {
            return redactSecretValue(value, at: pointer, kind: kind, prefix: prefix, rule: "key-context:\(key)")
        }
        return redactJSON(value, at: pointer, kind: kind, prefix: prefix)
    }

    /// A member name that holds a secret by itself (a token used as a key) with the secret
    /// replaced; other names unchanged.
    private mutating func redactMemberName(_ key: String, at pointer: JSONPointer, kind: String, prefix: String) -> String {
        guard key.utf8.count >= 6, !Placeholder.isPlaceholder(key) else { return key }
        let matches = TextMatch.nonOverlapping(knownSecrets.matches(in: key) + ValueRules.matches(in: key))
        guard !matches.isEmpty else { return key }
        let location = prefix + (pointer.tokens.isEmpty ? "/" : pointer.reportText) + " (a member name)"
        return apply(matches, to: key, kind: kind, location: location)
    }

    /// The nearest enclosing member name of a pointer, skipping array indices
    /// (`/recovery/codes` → `codes`, `/tokens/0` → `tokens`).
    static func nearestMemberName(of pointer: JSONPointer) -> String? {
        pointer.tokens.last { token in !token.isEmpty && !token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// Members whose renamed keys collided get a numbered suffix, so the object stays valid.
    static func uniqueKeys(_ members: [JSONObject.Member]) -> [JSONObject.Member] {
        var seen: Set<String> = []
        return members.map { member in
            var copy = member
            var number = 2
            while !seen.insert(copy.key).inserted {
                copy.key = member.key + "_\(number)"
                number += 1
            }
            return copy
        }
    }

    /// A value under a secret key: strings and numbers replaced, arrays element-wise (so their
    /// length survives), objects searched member by member.
    private mutating func redactSecretValue(_ value: JSONValue, at pointer: JSONPointer, kind: String, prefix: String, rule: String)
        -> JSONValue
    {
        let location = prefix + pointer.reportText
        switch value {
        case .string(let text):
            if text == "true" || text == "false" { return value }
            if Self.looksLikeURL(text) {
                return .string(
                    redactText(redactSecretURL(text, kind: kind, location: location, rule: rule), kind: kind, location: location))
            }
            return .string(replaceWhole(text, kind: kind, location: location, rule: rule))
        case .number:
            return secretNumber(value, kind: kind, location: location, rule: rule)
        case .array(let elements):
            return .array(
                elements.enumerated().map {
                    redactSecretValue($1, at: pointer.appending($0), kind: kind, prefix: prefix, rule: rule)
                })
        case .object:
            return redactJSON(value, at: pointer, kind: kind, prefix: prefix)
        case .null, .bool:
            return value
        }
    }

    /// `scheme://…` without whitespace.
    static func looksLikeURL(_ text: String) -> Bool {
        guard let schemeEnd = text.range(of: "://"), schemeEnd.lowerBound > text.startIndex else { return false }
        let scheme = text[..<schemeEnd.lowerBound]
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
            && !text.contains(where: \.isWhitespace)
    }

    private mutating func secretNumber(_ value: JSONValue, kind: String, location: String, rule: String) -> JSONValue {
        guard case .number(let number) = value, number.literal != "0" else { return value }
        record(kind: kind, location: location, rule: rule)
        return .number(JSONNumber(0))
    }

    /// A string the provider schema marks `x-secret`.
    private mutating func redactSchemaSecret(_ text: String, scope: SchemaAnnotations.SecretScope, kind: String, location: String) -> String
    {
        switch scope {
        case .whole:
            return replaceWhole(text, kind: kind, location: location, rule: "schema:x-secret")
        case .url:
            let partial = redactSecretURL(text, kind: kind, location: location, rule: "schema:x-secret-url")
            return redactText(partial, kind: kind, location: location)
        }
    }

    /// A URL whose secret part is replaced, keeping its shape: the secret-named query or
    /// fragment parameters; failing those, every parameter value; failing those, the last path
    /// segment (`…/invite-link/<secret>`). Not a URL at all: the whole value.
    mutating func redactSecretURL(_ text: String, kind: String, location: String, rule: String) -> String {
        guard !text.isEmpty, !Placeholder.isPlaceholder(text) else { return text }
        guard let schemeEnd = text.range(of: "://") else { return replaceWhole(text, kind: kind, location: location, rule: rule) }
        let named = ValueRules.parameters(in: text)
        if !named.isEmpty {
            return apply(TextMatch.nonOverlapping(named), to: text, kind: kind, location: location)
        }
        let queryStart = text[schemeEnd.upperBound...].firstIndex { $0 == "?" || $0 == "#" }
        if let queryStart {
            var matches: [TextMatch] = []
            var index = text.index(after: queryStart)
            while index < text.endIndex {
                let pairEnd = text[index...].firstIndex { $0 == "&" || $0 == "#" } ?? text.endIndex
                if let equals = text[index..<pairEnd].firstIndex(of: "="), text.index(after: equals) < pairEnd {
                    let range = text.index(after: equals)..<pairEnd
                    let raw = String(text[range])
                    matches.append(TextMatch(range: range, secret: raw.removingPercentEncoding ?? raw, rule: rule))
                }
                index = pairEnd < text.endIndex ? text.index(after: pairEnd) : pairEnd
            }
            if !matches.isEmpty { return apply(matches, to: text, kind: kind, location: location) }
        }
        let pathEnd = queryStart ?? text.endIndex
        let authorityAndPath = text[schemeEnd.upperBound..<pathEnd]
        guard let lastSlash = authorityAndPath.lastIndex(of: "/") else { return text }
        let segment = text.index(after: lastSlash)..<pathEnd
        guard !segment.isEmpty else { return text }
        let raw = String(text[segment])
        return apply(
            [TextMatch(range: segment, secret: raw.removingPercentEncoding ?? raw, rule: rule)], to: text, kind: kind, location: location)
    }

    private func personalKind(at pointer: JSONPointer) -> String? {
        if let kind = schema.personalKind(at: pointer) {
            if kind == "text", let key = pointer.lastToken, SecretNames.normalize(key).hasPrefix("ip") { return "ip" }
            return kind
        }
        guard let key = pointer.lastToken else { return nil }
        if Int(key) != nil, pointer.tokens.count >= 2 {
            return SecretNames.personalKind(pointer.tokens[pointer.tokens.count - 2])
        }
        return SecretNames.personalKind(key)
    }

    private mutating func pseudonymize(_ text: String, kind: String, location: String, keyKind: String) -> String {
        let fake = pseudonyms.fake(for: text, kind: kind)
        if fake != text { recordPseudonym(location: location, kind: kind) }
        return redactText(fake, kind: keyKind, location: location)
    }
}
