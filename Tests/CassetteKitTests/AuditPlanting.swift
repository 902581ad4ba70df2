import CassetteKit
import CassetteTestSupport
import Foundation

/// Where a test plants a value in an interaction, and how it is encoded there.
enum AuditPlace: String, CaseIterable, Sendable, CustomStringConvertible {
    case header, cookie
    case setCookie = "set-cookie"
    case query
    case jsonBody = "json-body"
    case base64Body = "base64-body"
    case jsonInString = "json-in-string"
    case percentEncoded = "percent-encoded"

    var description: String { rawValue }
}

/// A secret to plant: the value (fresh random), the key that names it, and what it is.
struct PlantedSecret: Sendable, CustomStringConvertible {
    var label: String
    var key: String
    var value: String
    /// The part a finding must mask (the seed of an otpauth URL, the value itself otherwise).
    var secret: String

    var description: String { label }
}

/// Builds one-interaction logs around a planted value.
enum AuditPlanting {
    static let url = "https://api.example.com/v1/me"

    /// A log with `value` under `key` at `place`.
    static func log(key: String, value: String, at place: AuditPlace, url: String = AuditPlanting.url) -> HAR.Log {
        var request = HAR.Request(method: "GET", url: url, headers: [HAR.NameValue(name: "Accept", value: "application/json")])
        var responseHeaders = [HAR.NameValue(name: "Content-Type", value: "application/json")]
        var body = #"{"status":"ok"}"#
        var base64 = false
        let value = [.header, .cookie, .setCookie].contains(place) ? value.replacingOccurrences(of: "\n", with: " ") : value
        switch place {
        case .header:
            request.headers.append(HAR.NameValue(name: key, value: value))
        case .cookie:
            request.headers.append(HAR.NameValue(name: "Cookie", value: "theme=dark; \(key)=\(value); lang=en"))
        case .setCookie:
            responseHeaders.append(HAR.NameValue(name: "Set-Cookie", value: "\(key)=\(value); Path=/; HttpOnly; Secure"))
        case .query:
            request.queryString = [HAR.NameValue(name: "page", value: "2"), HAR.NameValue(name: key, value: value)]
            request.url = url + "?page=2&" + key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        case .jsonBody:
            body = JSONSerializer.string(["data": .object(JSONObject([("id", "1"), (key, .string(value))]))])
        case .base64Body:
            body = Data(JSONSerializer.string(["data": .object(JSONObject([(key, .string(value))]))]).utf8).base64EncodedString()
            base64 = true
        case .jsonInString:
            let inner = JSONSerializer.string(.object(JSONObject([(key, .string(value))])))
            body = JSONSerializer.string(["data": ["settings": .string(inner)]])
        case .percentEncoded:
            let form = key + "=" + value
            body = JSONSerializer.string(["next": .string(form.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? form)])
        }
        let content = HAR.Content(size: body.utf8.count, mimeType: "application/json", text: body, encoding: base64 ? "base64" : nil)
        let entry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z", request: request,
            response: HAR.Response(status: 200, statusText: "OK", headers: responseHeaders, content: content))
        return HAR.Log(entries: [entry], cassette: CassetteMetadata(source: "test"))
    }

    /// A clean log whose response body is `json`, with extra request and response headers.
    static func clean(
        body json: String, requestHeaders: [HAR.NameValue] = [], responseHeaders: [HAR.NameValue] = [], url: String = AuditPlanting.url
    ) -> HAR.Log {
        let entry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z",
            request: HAR.Request(method: "GET", url: url, headers: requestHeaders),
            response: HAR.Response(
                status: 200, statusText: "OK", headers: responseHeaders,
                content: HAR.Content(size: json.utf8.count, mimeType: "application/json", text: json)))
        return HAR.Log(entries: [entry], cassette: CassetteMetadata(source: "test"))
    }

    /// Uppercase letters and digits, like the tail of an AWS access key id.
    static func awsTail() -> String { RandomSecret.base32(16) }

    /// A PEM private key block with fresh random key material.
    static func pemKey() -> String {
        let material = RandomSecret.alphanumeric(64 * 3)
        let lines = stride(from: 0, to: material.count, by: 64).map { offset -> String in
            let start = material.index(material.startIndex, offsetBy: offset)
            return String(material[start..<material.index(start, offsetBy: 64)])
        }
        return "-----BEGIN PRIVATE KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PRIVATE KEY-----"
    }
}
