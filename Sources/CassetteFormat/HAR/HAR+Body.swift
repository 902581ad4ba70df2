public import Foundation

/// Decides how a body is stored: readable text for textual media types that are valid UTF-8,
/// base64 otherwise (HAR's own `encoding: "base64"`).
public enum BodyEncoding {
    /// Whether a media type is textual (JSON, text, XML, form, JavaScript, problem+json ...).
    public static func isTextual(mimeType: String) -> Bool {
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if type.isEmpty { return true }
        return type.hasPrefix("text/") || type.hasSuffix("json") || type.hasSuffix("+json") || type.hasSuffix("xml")
            || type == "application/x-www-form-urlencoded" || type == "application/javascript"
            || type == "application/graphql"
    }

    /// Whether a media type is JSON (`application/json`, `application/problem+json`, ...).
    public static func isJSON(mimeType: String) -> Bool {
        let type = mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || type.hasSuffix("+json") || type == "text/json"
    }
}

extension HAR.Content {
    /// Stores a decoded body: as text when textual and valid UTF-8, else as base64.
    public init(body: Data, mimeType: String) {
        if BodyEncoding.isTextual(mimeType: mimeType), let text = String(validating: body, as: UTF8.self) {
            self.init(size: body.count, mimeType: mimeType, text: text, encoding: nil)
        } else {
            self.init(size: body.count, mimeType: mimeType, text: body.base64EncodedString(), encoding: "base64")
        }
    }

    /// The body bytes (base64 decoded when needed); `nil` when base64 text is invalid.
    public var bodyData: Data? {
        guard let text else { return Data() }
        if encoding?.lowercased() == "base64" { return Data(base64Encoded: text, options: .ignoreUnknownCharacters) }
        return Data(text.utf8)
    }
}

extension HAR.PostData {
    /// Stores a request body: as text when textual and valid UTF-8, else as base64.
    public init(body: Data, mimeType: String) {
        if BodyEncoding.isTextual(mimeType: mimeType), let text = String(validating: body, as: UTF8.self) {
            self.init(mimeType: mimeType, text: text)
        } else {
            self.init(mimeType: mimeType, text: body.base64EncodedString(), encoding: "base64")
        }
    }

    /// The body bytes (base64 decoded when needed).
    public var bodyData: Data? {
        if encoding?.lowercased() == "base64" { return Data(base64Encoded: text, options: .ignoreUnknownCharacters) }
        return Data(text.utf8)
    }
}
