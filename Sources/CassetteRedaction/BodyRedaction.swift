import CassetteFormat
import CassetteProviders
import Foundation

/// Request and response bodies: JSON by key and value, forms by parameter name, other text by
/// value. Binary (base64) bodies are not rewritten; the leak check refuses them when they hold a
/// secret.
extension RedactionSession {
    /// A request body.
    mutating func redactPostData(_ postData: HAR.PostData) -> HAR.PostData {
        var copy = postData
        if let params = postData.params { copy.params = redactParameters(params, kind: "body") }
        if postData.encoding?.lowercased() == "base64" {
            guard let text = Self.textualBase64(postData.text, mimeType: postData.mimeType) else { return copy }
            let redacted = redactBodyText(text, mimeType: postData.mimeType)
            if redacted != text {
                copy.text = redacted
                copy.encoding = nil
            }
            return copy
        }
        copy.text = redactBodyText(postData.text, mimeType: postData.mimeType)
        return copy
    }

    /// A response body.
    mutating func redactContent(_ content: HAR.Content) -> HAR.Content {
        guard var text = content.text else { return content }
        var copy = content
        if content.encoding?.lowercased() == "base64" {
            guard let decoded = Self.textualBase64(text, mimeType: content.mimeType) else { return content }
            text = decoded
        }
        let redacted = redactBodyText(text, mimeType: content.mimeType)
        if redacted != text {
            copy.text = redacted
            copy.encoding = nil
            copy.size = redacted.utf8.count
        }
        return copy
    }

    /// The text of a base64 body that is really text (a textual media type, valid UTF-8), so it
    /// can be redacted; `nil` for true binary, which is left to the leak check.
    private static func textualBase64(_ text: String, mimeType: String) -> String? {
        guard BodyEncoding.isTextual(mimeType: mimeType), !mimeType.isEmpty,
            let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters)
        else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private mutating func redactBodyText(_ text: String, mimeType: String) -> String {
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if type == "application/x-www-form-urlencoded" { return redactForm(text) }
        if BodyEncoding.isJSON(mimeType: mimeType) || text.first == "{" || text.first == "[" {
            if let parsed = try? JSONParser.parse(text) {
                let redacted = redactJSON(parsed, at: .root, kind: "body")
                return redacted == parsed ? text : redacted.jsonText
            }
        }
        return redactText(text, kind: "body", location: "(text)")
    }

    /// `a=1&client_secret=x&code=y`: secret-named values replaced whole, others by value.
    private mutating func redactForm(_ text: String) -> String {
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
            return rawName + "=" + redactText(rawValue, kind: "body", location: location)
        }.joined(separator: "&")
    }
}
