import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// `cassette import` treats every credential the imported requests carry as a known secret for
/// the whole file, so one echoed in a response (an OAuth `error_description`, a debug echo) is
/// redacted too.
@Suite("Import: credentials of the requests are redacted where they are echoed")
struct ImportEchoTests {
    private static func entry(request: HAR.Request, responseBody: String) -> HAR.Entry {
        let response = HAR.Response(
            status: 401, statusText: "Unauthorized", cookies: [],
            headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
            content: HAR.Content(body: Data(responseBody.utf8), mimeType: "application/json"), headersSize: -1,
            bodySize: responseBody.utf8.count)
        return HAR.Entry(startedDateTime: "2024-01-02T03:04:05.000Z", time: 10, request: request, response: response)
    }

    private static func request(url: String, headers: [(String, String)], postData: HAR.PostData? = nil) -> HAR.Request {
        HAR.Request(
            method: postData == nil ? "GET" : "POST", url: url, cookies: [],
            headers: headers.map { HAR.NameValue(name: $0.0, value: $0.1) }, queryString: [], postData: postData,
            headersSize: -1, bodySize: postData?.text.utf8.count ?? 0)
    }

    private func importHAR(_ entries: [HAR.Entry]) throws -> String {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let data = CassetteFile.encodeJSON(HAR.Log(entries: entries))
        let file = try directory.write(String(decoding: data, as: UTF8.self), to: "traffic.har")
        let log = try CassetteImporter(format: .har).importCassette(from: [file])
        return String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self)
    }

    @Test("a bearer token echoed in error_description is redacted")
    func bearerEcho() throws {
        let token = RandomSecret.zitadelOpaqueToken()
        let request = Self.request(url: "https://api.example.com/me", headers: [("Authorization", "Bearer \(token)")])
        let body = #"{"error":"invalid_token","error_description":"The access token \#(token) has expired"}"#
        let written = try importHAR([Self.entry(request: request, responseBody: body)])
        #expect(!written.contains(token))
        #expect(written.contains("The access token REDACTED_"))
    }

    @Test("a cookie, an API-key header, a query secret and a form password echoed in later responses are redacted")
    func otherCredentialsEcho() throws {
        let cookie = RandomSecret.alphanumeric(32)
        let apiKey = RandomSecret.alphanumeric(36)
        let queryKey = RandomSecret.alphanumeric(28)
        let password = "pw-" + RandomSecret.alphanumeric(14)
        let first = Self.request(
            url: "https://api.example.com/search?api_key=\(queryKey)",
            headers: [("Cookie", "theme=dark; sid=\(cookie)"), ("X-Api-Key", apiKey)])
        let login = Self.request(
            url: "https://api.example.com/login", headers: [],
            postData: HAR.PostData(mimeType: "application/x-www-form-urlencoded", text: "user=ada&password=\(password)"))
        let echo = #"{"debug":"cookie=\#(cookie) key=\#(apiKey) q=\#(queryKey)","message":"wrong password \#(password)"}"#
        let written = try importHAR([
            Self.entry(request: first, responseBody: #"{"ok":false}"#), Self.entry(request: login, responseBody: echo),
        ])
        #expect(!written.contains(cookie))
        #expect(!written.contains(apiKey))
        #expect(!written.contains(queryKey))
        #expect(!written.contains(password))
        // Ordinary cookie values are not treated as secrets.
        #expect(written.contains("theme=dark"))
    }

    @Test("credentials(in:) lists the request credentials, the Basic password included, and no plain words")
    func credentialList() throws {
        let password = RandomSecret.alphanumeric(16)
        let basic = Data("ada:\(password)".utf8).base64EncodedString()
        let jsonSecret = RandomSecret.base64url(30)
        let request = Self.request(
            url: "https://api.example.com/login", headers: [("Authorization", "Basic \(basic)"), ("Accept", "application/json")],
            postData: HAR.PostData(mimeType: "application/json", text: #"{"client_secret":"\#(jsonSecret)","remember":"yes"}"#))
        let credentials = Redaction.credentials(in: HAR.Log(entries: [Self.entry(request: request, responseBody: "{}")]))
        #expect(credentials.contains(basic))
        #expect(credentials.contains(password))
        #expect(credentials.contains(jsonSecret))
        #expect(!credentials.contains("application/json"))
        #expect(!credentials.contains("yes"))
    }
}
