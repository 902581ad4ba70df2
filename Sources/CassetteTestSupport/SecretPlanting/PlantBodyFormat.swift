import CassetteKit
import Foundation

/// The body formats a secret is planted in: JSON and the variants a strict parser rejects, forms,
/// multipart, HTML, XML, SOAP, GraphQL and plain text. Each renders one `key`/`value` pair inside
/// a realistic body of that format.
public enum PlantBodyFormat: String, CaseIterable, Sendable {
    case json
    case jsonBOM = "json-bom"
    case ndjson, xssi, jsonp
    case jsonNaN = "json-nan"
    case jsonLoneSurrogate = "json-lone-surrogate-sibling"
    case jsonTooDeep = "json-too-deep-sibling"
    case jsonUnicodeEscapes = "json-unicode-escapes"
    case jsonInString = "json-in-json-string"
    case form, multipart
    case htmlNextData = "html-next-data"
    case htmlMeta = "html-meta"
    case htmlHiddenInput = "html-hidden-input"
    case xml, soap, graphql
    case textKeyEquals = "text-key-equals"
    case textKeyColon = "text-key-colon"

    /// Whether the format carries a value as a name-value pair whose name a reader can see.
    public var isJSONFamily: Bool {
        switch self {
        case .json, .jsonBOM, .ndjson, .xssi, .jsonp, .jsonNaN, .jsonLoneSurrogate, .jsonTooDeep, .jsonUnicodeEscapes, .jsonInString: true
        default: false
        }
    }

    /// The MIME type and text of a body holding `value` under `key`.
    public func render(key: String, value: String) -> (mimeType: String, text: String) {
        let member = JSONSerializer.string(.string(key)) + ":" + JSONSerializer.string(.string(value))
        let nested = #"{"data":{"id":"8d1f6c2e","type":"session","attributes":{"displayName":"Ada Lovelace",\#(member),"locale":"en-GB"}}}"#
        switch self {
        case .json:
            return ("application/json", nested)
        case .jsonBOM:
            return ("application/json", "\u{FEFF}" + nested)
        case .ndjson:
            return ("application/x-ndjson", #"{"event":"start","seq":1}"# + "\n" + #"{"event":"session","seq":2,\#(member)}"# + "\n")
        case .xssi:
            return ("application/json", ")]}'\n" + nested)
        case .jsonp:
            return ("application/javascript", "jQuery3510_1700000000000(" + nested + ");")
        case .jsonNaN:
            return ("application/json", #"{"score":NaN,"ratio":Infinity,"data":{\#(member)}}"#)
        case .jsonLoneSurrogate:
            return ("application/json", #"{"note":"broken \ud800 emoji","data":{\#(member)}}"#)
        case .jsonTooDeep:
            let depth = JSONParser.maximumDepth + 88
            return (
                "application/json",
                #"{"tree":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + #","data":{\#(member)}}"#
            )
        case .jsonUnicodeEscapes:
            let escaped = value.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
            return ("application/json", #"{"data":{\#(JSONSerializer.string(.string(key))):"\#(escaped)"}}"#)
        case .jsonInString:
            let inner = JSONSerializer.string(.string(#"{"session":{\#(member)}}"#))
            return ("application/json", #"{"kind":"envelope","payload":\#(inner)}"#)
        case .form:
            return (
                "application/x-www-form-urlencoded",
                "grant_type=password&username=ada%40example.com&" + Self.formEncode(key) + "=" + Self.formEncode(value)
            )
        case .multipart:
            let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
            let text =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nada\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n--\(boundary)--\r\n"
            return ("multipart/form-data; boundary=\(boundary)", text)
        case .htmlNextData:
            let data = #"{"props":{"pageProps":{"user":{"name":"Ada"},\#(member)}},"page":"/account","buildId":"b1"}"#
            return (
                "text/html; charset=utf-8",
                Self.page(#"<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">\#(data)</script>"#)
            )
        case .htmlMeta:
            return (
                "text/html; charset=utf-8",
                Self.page("", head: #"<meta name="\#(Self.escapeMarkup(key))" content="\#(Self.escapeMarkup(value))">"#)
            )
        case .htmlHiddenInput:
            let input =
                #"<form method="post" action="/session"><input type="hidden" name="\#(Self.escapeMarkup(key))" value="\#(Self.escapeMarkup(value))"><button>Continue</button></form>"#
            return ("text/html; charset=utf-8", Self.page(input))
        case .xml:
            return (
                "application/xml",
                #"<?xml version="1.0" encoding="UTF-8"?><AuthResult><UserName>ada</UserName><\#(key)>\#(Self.escapeMarkup(value))</\#(key)><Expires>3600</Expires></AuthResult>"#
            )
        case .soap:
            let body =
                #"<ns1:loginResponse><ns1:result><ns1:userId>005xx000001Sv6</ns1:userId><ns1:\#(key)>\#(Self.escapeMarkup(value))</ns1:\#(key)></ns1:result></ns1:loginResponse>"#
            return (
                "text/xml; charset=utf-8",
                #"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:partner.soap.example.com"><soapenv:Body>\#(body)</soapenv:Body></soapenv:Envelope>"#
            )
        case .graphql:
            let query = #"mutation Login { login(email: "ada@example.com", \#(key): "\#(value)") { id viewer { name } } }"#
            return ("application/json", JSONSerializer.string(["operationName": "Login", "query": .string(query), "variables": [:]]))
        case .textKeyEquals:
            return ("text/plain; charset=utf-8", "status=ok\nuser=ada\n\(key)=\(value)\nexpires=3600\n")
        case .textKeyColon:
            return ("text/plain; charset=utf-8", "Status: ok\nUser: ada\n\(key): \(value)\nExpires: 3600\n")
        }
    }

    static func page(_ body: String, head: String = "") -> String {
        #"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Account</title>\#(head)</head><body>\#(body)</body></html>"#
    }

    /// `&`, `<`, `>` and `"` as character references.
    public static func escapeMarkup(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `application/x-www-form-urlencoded` encoding of one name or value.
    public static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
    }

    /// Percent-encoding of a URL component (RFC 3986 unreserved kept).
    public static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
