import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// Every form a secret can take in a written cassette: raw, percent-encoded, base64, and
/// JSON-escaped (its first character as a `\u` escape).
enum SecretForms {
    static func all(_ secret: String) -> [String] {
        var forms = [secret, Data(secret.utf8).base64EncodedString()]
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.append(encoded) }
        if let first = secret.unicodeScalars.first {
            forms.append(String(format: "\\u%04x", first.value) + String(secret.unicodeScalars.dropFirst()))
        }
        return forms
    }

    /// Whether any form of any secret occurs in `text` (a Bool, so a failure never prints one).
    static func leak(_ text: String, _ secrets: [String]) -> Bool {
        secrets.contains { secret in all(secret).contains { text.contains($0) } }
    }
}

@Suite("redaction: content-type readers")
struct RedactionReaderTests {
    private func response(_ body: String, mimeType: String) -> HAR.Log {
        F.log(F.request(), F.response(json: body, mimeType: mimeType))
    }

    private func requestBody(_ body: String, mimeType: String) -> HAR.Log {
        let postData = HAR.PostData(mimeType: mimeType, text: body)
        return F.log(F.request("POST", headers: [("Content-Type", mimeType)], postData: postData), F.response(json: "{}"))
    }

    /// The sanitized log's JSON text and its first response (or request) body.
    private func sanitized(_ log: HAR.Log, policy: RedactionPolicy = RedactionPolicy()) throws -> (
        all: String, response: String, request: String
    ) {
        let clean = try Redaction.sanitize(log, policy: policy)
        return (F.text(clean), clean.entries[0].response.content.text ?? "", clean.entries[0].request.postData?.text ?? "")
    }

    private func refusal(_ log: HAR.Log, policy: RedactionPolicy = RedactionPolicy()) -> UnsafeCassetteError? {
        do {
            _ = try Redaction.sanitize(log, policy: policy)
            return nil
        } catch {
            return error
        }
    }

    // MARK: JSON variants

    @Test("JSON with a byte-order mark: keys redacted, the mark kept")
    func byteOrderMark() throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response("\u{FEFF}{\"access_token\":\"\(secret)\",\"n\":1}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(Array(out.response.utf8.prefix(4)) == [0xEF, 0xBB, 0xBF, UInt8(ascii: "{")], "the BOM is kept byte for byte")
        #expect(out.response.contains("REDACTED_"))
    }

    @Test("NDJSON: every line redacted by key, the line structure kept")
    func ndjson() throws {
        let secret = RandomSecret.alphanumeric(32)
        let body = "{\"event\":\"start\"}\n{\"password\":\"\(secret)\",\"n\":2}\n{\"event\":\"end\"}\n"
        let out = try sanitized(response(body, mimeType: "application/x-ndjson"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        #expect(out.response.hasPrefix("{\"event\":\"start\"}\n"))
    }

    @Test("XSSI prefixes are kept and the JSON after them redacted", arguments: [")]}'\n", ")]}',\n", "while(1);", "for(;;);"])
    func xssiPrefix(prefix: String) throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response(prefix + "{\"data\":{\"token\":\"\(secret)\"}}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.hasPrefix(prefix))
    }

    @Test(
        "JSONP: the callback framing kept, the JSON inside redacted",
        arguments: ["application/javascript", "text/javascript", "application/json"])
    func jsonp(mimeType: String) throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response("/**/ handle_1({\"session\":{\"refresh_token\":\"\(secret)\"}});", mimeType: mimeType))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.hasPrefix("/**/ handle_1({"))
        #expect(out.response.hasSuffix("});"))
    }

    @Test("NaN and Infinity do not switch key-based redaction off")
    func nonFiniteNumbers() throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response("{\"ratio\":NaN,\"max\":-Infinity,\"client_secret\":\"\(secret)\"}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.contains("NaN") && out.response.contains("-Infinity"))
    }

    @Test("a lone surrogate escape in another field does not switch key-based redaction off")
    func loneSurrogate() throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response("{\"note\":\"bad \\ud800 here\",\"api_key\":\"\(secret)\"}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.contains("\\ud800"))
    }

    @Test("a sibling nested deeper than the strict parser's limit does not switch redaction off")
    func deepSibling() throws {
        let secret = RandomSecret.alphanumeric(32)
        let deep =
            String(repeating: "[", count: JSONParser.maximumDepth + 100) + String(repeating: "]", count: JSONParser.maximumDepth + 100)
        let out = try sanitized(response("{\"token\":\"\(secret)\",\"deep\":\(deep)}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
        #expect(out.response.contains(deep))
    }

    @Test("a secret nested 5,000 levels deep is redacted without recursion")
    func deepSecret() throws {
        let secret = RandomSecret.alphanumeric(32)
        let depth = 5_000
        let body = String(repeating: "[", count: depth) + "{\"password\":\"\(secret)\"}" + String(repeating: "]", count: depth)
        let out = try sanitized(response(body, mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
    }

    @Test("everything below a secret-named member is replaced in the tolerant reader")
    func secretSubtree() throws {
        let secret = RandomSecret.alphanumeric(32)
        let out = try sanitized(response("{\"x\":NaN,\"token\":{\"value\":\"\(secret)\"}}", mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [secret]))
    }

    @Test("a JSON body with a byte no reader can follow is refused, naming entry and side, not the secret")
    func unreadableJSON() throws {
        let secret = RandomSecret.alphanumeric(32)
        let error = try #require(refusal(response("{\"token\":\"\(secret)\", @@ }", mimeType: "application/json")))
        #expect(error.unreadableBodies.count == 1)
        #expect(error.description.contains("entry 0 response body (content type application/json)"))
        #expect(error.description.contains("--allow-opaque-body"))
        #expect(!SecretForms.leak(error.description, [secret]))
    }

    // MARK: Forms and multipart

    @Test("multipart/form-data: secret-named parts replaced, each part read by its own type, boundaries kept")
    func multipart() throws {
        let password = RandomSecret.alphanumeric(32)
        let clientSecret = RandomSecret.alphanumeric(32)
        let boundary = "----Boundary" + RandomSecret.hex(8)
        let body = [
            "--\(boundary)", "Content-Disposition: form-data; name=\"username\"", "", "alice",
            "--\(boundary)", "Content-Disposition: form-data; name=\"password\"", "", password,
            "--\(boundary)", "Content-Disposition: form-data; name=\"meta\"", "Content-Type: application/json", "",
            "{\"client_secret\":\"\(clientSecret)\"}",
            "--\(boundary)--", "",
        ].joined(separator: "\r\n")
        var postData = HAR.PostData(mimeType: "multipart/form-data; boundary=\(boundary)", text: body)
        postData.params = [HAR.NameValue(name: "password", value: password)]
        let log = F.log(F.request("POST", postData: postData), F.response(json: "{}"))
        let out = try sanitized(log)
        #expect(!SecretForms.leak(out.all, [password, clientSecret]))
        #expect(out.request.contains("--\(boundary)\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n"))
        #expect(out.request.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test("multipart stored as base64 is read too")
    func multipartBase64() throws {
        let token = RandomSecret.alphanumeric(32)
        let body = "--b1\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n--b1--\r\n"
        let postData = HAR.PostData(body: Data(body.utf8), mimeType: "multipart/form-data; boundary=b1")
        #expect(postData.encoding == "base64")
        let out = try sanitized(F.log(F.request("POST", postData: postData), F.response(json: "{}")))
        #expect(!SecretForms.leak(out.all, [token]))
    }

    @Test("a multipart file part no reader understands refuses the body unless opaque bodies are allowed")
    func multipartImage() throws {
        let body =
            "--b1\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}PNG\u{2}\r\n--b1--\r\n"
        let log = requestBody(body, mimeType: "multipart/form-data; boundary=b1")
        let error = try #require(refusal(log))
        #expect(error.description.contains("entry 0 request body"))
        #expect(error.description.contains("image/png"))
        _ = try sanitized(log, policy: RedactionPolicy(allowOpaqueBodies: true))
    }

    @Test("form bodies: secret-named values replaced, JSON in a value redacted as JSON")
    func form() throws {
        let secret = RandomSecret.alphanumeric(32)
        let nested = RandomSecret.alphanumeric(32)
        let json = "{\"refresh_token\":\"\(nested)\"}".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let out = try sanitized(
            requestBody("grant_type=password&password=\(secret)&state=\(json)", mimeType: "application/x-www-form-urlencoded"))
        #expect(!SecretForms.leak(out.all, [secret, nested]))
        #expect(out.request.hasPrefix("grant_type=password&password=REDACTED_"))
    }

    // MARK: XML and HTML

    @Test("XML: a secret-named element's text replaced", arguments: ["application/xml", "text/xml", "application/soap+xml"])
    func xmlElement(mimeType: String) throws {
        let token = RandomSecret.alphanumeric(32)
        let session = RandomSecret.alphanumeric(32)
        let body = """
            <?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\
            <LoginResponse><SessionToken>\(token)</SessionToken><sessionId><![CDATA[\(session)]]></sessionId>\
            <Name>alice</Name></LoginResponse></soap:Body></soap:Envelope>
            """
        let out = try sanitized(response(body, mimeType: mimeType))
        #expect(!SecretForms.leak(out.all, [token, session]))
        #expect(out.response.contains("<Name>alice</Name>"))
        #expect(out.response.hasPrefix("<?xml version=\"1.0\"?><soap:Envelope"))
    }

    @Test("HTML: csrf meta, hidden inputs, secret attributes and __NEXT_DATA__ JSON redacted")
    func html() throws {
        let csrf = RandomSecret.alphanumeric(40)
        let authenticity = RandomSecret.alphanumeric(40)
        let nextToken = RandomSecret.alphanumeric(40)
        let dataToken = RandomSecret.alphanumeric(40)
        let body = """
            <!DOCTYPE html><html><head><meta name="csrf-token" content="\(csrf)"><title>Login</title></head><body>
            <form><input type="hidden" name="authenticity_token" value="\(authenticity)"><input name="email" value="a@example.com"></form>
            <div data-api-token='\(dataToken)'>hello</div>
            <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"session":{"accessToken":"\(nextToken)"}}}}</script>
            </body></html>
            """
        let out = try sanitized(response(body, mimeType: "text/html; charset=utf-8"))
        #expect(!SecretForms.leak(out.all, [csrf, authenticity, nextToken, dataToken]))
        #expect(out.response.contains("<input name=\"email\" value=\"a@example.com\">"))
        #expect(out.response.contains("<title>Login</title>"))
    }

    @Test("HTML: a script marked JSON that is not JSON refuses the body")
    func htmlBadJSONScript() throws {
        let secret = RandomSecret.alphanumeric(32)
        let body = "<html><script type=\"application/json\">{\"token\":\"\(secret)\" @@</script></html>"
        let error = try #require(refusal(response(body, mimeType: "text/html")))
        #expect(!SecretForms.leak(error.description, [secret]))
    }

    // MARK: GraphQL

    @Test("GraphQL documents: secret-named inline arguments replaced")
    func graphQLDocument() throws {
        let password = RandomSecret.alphanumeric(32)
        let token = RandomSecret.alphanumeric(32)
        let body =
            "mutation Login { login(email: \"a@example.com\", password: \"\(password)\") { user { id } } verify(input: {token: \"\(token)\"}) { ok } }"
        let out = try sanitized(requestBody(body, mimeType: "application/graphql"))
        #expect(!SecretForms.leak(out.all, [password, token]))
        #expect(out.request.contains("login(email: \"a@example.com\", password: \"REDACTED_"))
    }

    @Test("GraphQL over JSON: the query document and the variables redacted")
    func graphQLJSON() throws {
        let password = RandomSecret.alphanumeric(32)
        let variable = RandomSecret.alphanumeric(32)
        let body = "{\"query\":\"mutation { login(password: \\\"\(password)\\\") { ok } }\",\"variables\":{\"otp_secret\":\"\(variable)\"}}"
        let out = try sanitized(requestBody(body, mimeType: "application/json"))
        #expect(!SecretForms.leak(out.all, [password, variable]))
    }

    // MARK: Text

    @Test("plain text: key=value and key: value shapes with secret names")
    func plainText() throws {
        let first = RandomSecret.alphanumeric(32)
        let second = RandomSecret.alphanumeric(32)
        let third = RandomSecret.alphanumeric(32)
        let body = "user=alice\npassword=\(first)\napi_key: \(second)\n\"client_secret\": \"\(third)\"\nstatus: ok\n"
        let out = try sanitized(response(body, mimeType: "text/plain"))
        #expect(!SecretForms.leak(out.all, [first, second, third]))
        #expect(out.response.hasPrefix("user=alice\npassword=REDACTED_"))
        #expect(out.response.hasSuffix("status: ok\n"))
    }

    // MARK: Opaque bodies

    @Test("an image body is refused by default, naming entry, side, type and the flag")
    func imageRefused() throws {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF])
        var response = F.response(json: "", mimeType: "image/png")
        response.content = HAR.Content(body: bytes, mimeType: "image/png")
        let error = try #require(refusal(F.log(F.request(), response)))
        #expect(error.unreadableBodies.map(\.contentType) == ["image/png"])
        #expect(error.description.contains("entry 0 response body (content type image/png): no reader for this content type"))
        #expect(error.description.contains("--allow-opaque-body"))
        let allowed = try Redaction.sanitize(F.log(F.request(), response), policy: RedactionPolicy(allowOpaqueBodies: true))
        #expect(allowed.entries[0].response.content.text == bytes.base64EncodedString())
        #expect(allowed.cassette?.redaction.items.contains { $0.rule == "opaque-body" } == true)
    }

    @Test("an allowed opaque text body still goes through the value rules and the leak check")
    func opaqueStillChecked() throws {
        let jwt = RandomSecret.jwt()
        let known = RandomSecret.alphanumeric(32)
        let allow = RedactionPolicy(knownSecrets: [known], allowOpaqueBodies: true)
        let out = try sanitized(response("blob \(jwt) end", mimeType: "application/octet-stream"), policy: allow)
        #expect(!SecretForms.leak(out.all, [jwt]))
        var binary = F.response(json: "", mimeType: "application/octet-stream")
        binary.content = HAR.Content(body: Data([0, 0xFF]) + Data(known.utf8) + Data([0xFE]), mimeType: "application/octet-stream")
        let error = try #require(refusal(F.log(F.request(), binary), policy: allow))
        #expect(error.unreadableBodies.isEmpty && !error.locations.isEmpty)
        #expect(!SecretForms.leak(error.description, [known]))
    }

    @Test("empty bodies of any type are fine")
    func emptyBodies() throws {
        _ = try sanitized(response("", mimeType: "image/png"))
        _ = try sanitized(response("", mimeType: "application/octet-stream"))
    }
}
