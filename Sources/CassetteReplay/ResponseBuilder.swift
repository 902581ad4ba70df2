import CassetteKit
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Turns a recorded response into what `URLSession` hands to the caller: status, headers,
/// HTTP version and the body bytes.
enum ResponseBuilder {
    /// The HTTP response and body for a recorded interaction, answering `url`.
    static func build(_ response: HAR.Response, url: URL) -> (HTTPURLResponse?, Data) {
        let body = response.content.bodyData ?? Data()
        var fields: [String: String] = [:]
        var names: [String: String] = [:]  // lower-case name -> first spelling
        for header in response.headers {
            let lower = header.name.lowercased()
            // The stored body is already decoded, and its length is what we send.
            if lower == "content-encoding" || lower == "content-length" || lower == "transfer-encoding" { continue }
            let name = names[lower] ?? header.name
            names[lower] = name
            fields[name] = fields[name].map { "\($0), \(header.value)" } ?? header.value
        }
        fields["Content-Length"] = String(body.count)
        let version = response.httpVersion.isEmpty ? "HTTP/1.1" : response.httpVersion
        return (HTTPURLResponse(url: url, statusCode: response.status, httpVersion: version, headerFields: fields), body)
    }
}
