import CassetteFormat
import Foundation

extension RedactionSession {
    /// `application/x-www-form-urlencoded`: `a=1&client_secret=x&code=y`, secret-named values
    /// replaced whole, the others by value. Every text is a form, so this never refuses.
    mutating func readForm(_ text: String) -> String? {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return redactText(String(pair), kind: "body", location: "(form)") }
            let rawName = String(pair[..<equals])
            let rawValue = String(pair[pair.index(after: equals)...])
            let name = rawName.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawName
            let location = "/" + name
            if SecretNames.isSecretParameter(name) || SecretNames.isSecretMember(name, inRequest: inRequest) {
                let decoded = rawValue.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
                return rawName + "=" + replaceWhole(rawValue, kind: "body", location: location, rule: "form:\(name)", secret: decoded)
            }
            let decoded = rawValue.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawValue
            // A form value holding JSON or a GraphQL document is read as such.
            if decoded != rawValue, BodyRedaction.isStructured(decoded) {
                let redacted = redactText(decoded, kind: "body", location: location)
                if redacted != decoded { return rawName + "=" + BodyRedaction.formEncode(redacted) }
            }
            return rawName + "=" + redactText(rawValue, kind: "body", location: location)
        }.joined(separator: "&")
    }
}

/// Small helpers shared by the readers.
enum BodyRedaction {
    /// Text that starts like a JSON object or array.
    static func isStructured(_ text: String) -> Bool {
        let first = text.utf8.first {
            $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r")
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Percent-encodes a form value (unreserved characters kept).
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Whether a name (element, attribute, argument, text key) marks a secret value.
    static func isSecretName(_ name: String, inRequest: Bool) -> Bool {
        SecretNames.isSecretParameter(name) || SecretNames.isSecretMember(name, inRequest: inRequest)
    }
}
