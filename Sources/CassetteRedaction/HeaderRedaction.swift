import CassetteFormat
import CassetteProviders
import Foundation

/// Headers and cookies: credential headers keep their auth scheme (`Bearer REDACTED_1`), cookie
/// lists and `Set-Cookie` keep names and attributes, other headers are searched by value.
extension RedactionSession {
    /// Redacts a list of headers of the current side.
    mutating func redactHeaders(_ headers: [HAR.NameValue]) -> [HAR.NameValue] {
        headers.map { header in
            HAR.NameValue(name: header.name, value: redactHeader(name: header.name, value: header.value))
        }
    }

    private mutating func redactHeader(name: String, value: String) -> String {
        let lower = name.lowercased()
        if lower == "cookie" { return redactCookieList(value) }
        if lower == "set-cookie" { return redactSetCookie(value) }
        if SecretNames.isSecretHeader(name), !Self.isFlagValue(value) {
            let rule = SecretNames.credentialHeaders.contains(lower) ? "credential-header" : "secret-header-name"
            return redactCredential(value, kind: "header", location: name, rule: rule)
        }
        return redactText(value, kind: "header", location: name)
    }

    /// A secret-named header set to a setting rather than a secret
    /// (`x-vercel-set-bypass-cookie: samesitenone`, `X-Token-Required: true`).
    static func isFlagValue(_ value: String) -> Bool {
        ["true", "false", "samesitenone", "samesitelax", "samesitestrict", "0", "1", "yes", "no", "none"]
            .contains(value.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// `Bearer abc` → `Bearer REDACTED_1`; a value without a scheme word is replaced whole.
    mutating func redactCredential(_ value: String, kind: String, location: String, rule: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let space = trimmed.firstIndex(of: " ") {
            let scheme = trimmed[..<space]
            let credential = trimmed[space...].trimmingCharacters(in: .whitespaces)
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), !credential.isEmpty {
                return "\(scheme) " + replaceWhole(credential, kind: kind, location: location, rule: rule)
            }
        }
        return replaceWhole(trimmed, kind: kind, location: location, rule: rule)
    }

    /// `a=1; __session=eyJ…` → `a=REDACTED_1; __session=REDACTED_2`.
    mutating func redactCookieList(_ value: String) -> String {
        value.split(separator: ";", omittingEmptySubsequences: false).map { part -> String in
            let leading = String(part.prefix { $0 == " " })
            let pair = part.drop { $0 == " " }
            guard let equals = pair.firstIndex(of: "=") else {
                return pair.isEmpty
                    ? String(part) : leading + replaceWhole(String(pair), kind: "cookie", location: "(unnamed)", rule: "cookie")
            }
            let name = String(pair[..<equals])
            let cookieValue = String(pair[pair.index(after: equals)...])
            return leading + name + "=" + replaceWhole(cookieValue, kind: "cookie", location: name, rule: "cookie")
        }.joined(separator: ";")
    }

    /// `__session=eyJ…; Path=/; HttpOnly` → `__session=REDACTED_1; Path=/; HttpOnly`.
    mutating func redactSetCookie(_ value: String) -> String {
        let firstEnd = value.firstIndex(of: ";") ?? value.endIndex
        let pair = value[..<firstEnd]
        let attributes = String(value[firstEnd...])
        guard let equals = pair.firstIndex(of: "=") else {
            return replaceWhole(String(pair), kind: "cookie", location: "(unnamed)", rule: "set-cookie") + attributes
        }
        let name = String(pair[..<equals])
        let cookieValue = String(pair[pair.index(after: equals)...])
        let redacted = replaceWhole(cookieValue, kind: "cookie", location: name.trimmingCharacters(in: .whitespaces), rule: "set-cookie")
        return name + "=" + redacted + redactText(attributes, kind: "header", location: "Set-Cookie")
    }

    /// HAR `cookies` arrays: values replaced (same placeholders as the headers), names,
    /// paths, domains, expiry and flags kept.
    mutating func redactCookies(_ cookies: [HAR.Cookie]) -> [HAR.Cookie] {
        cookies.map { cookie in
            var copy = cookie
            copy.value = replaceWhole(cookie.value, kind: "cookie", location: cookie.name, rule: inRequest ? "cookie" : "set-cookie")
            return copy
        }
    }

    /// Query parameter list of a request (`queryString`): secret-named values replaced whole,
    /// others searched by value.
    mutating func redactParameters(_ parameters: [HAR.NameValue], kind: String) -> [HAR.NameValue] {
        parameters.map { parameter in
            let value: String
            if SecretNames.isSecretParameter(parameter.name) || SecretNames.isSecretMember(parameter.name, inRequest: inRequest) {
                value = replaceWhole(
                    parameter.value, kind: kind, location: parameter.name,
                    rule: "\(kind == "query" ? "query" : "form"):\(parameter.name)",
                    secret: parameter.value.removingPercentEncoding)
            } else {
                value = redactText(parameter.value, kind: kind, location: parameter.name)
            }
            return HAR.NameValue(name: parameter.name, value: value)
        }
    }
}
