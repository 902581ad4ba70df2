import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

@Suite("redaction: request side")
struct RedactionRequestTests {
    private let emptyResponse = F.response(json: #"{"ok":true}"#)

    @Test("Authorization keeps its scheme and loses the credential")
    func bearer() throws {
        let key = RandomSecret.atomsKey()
        let log = F.log(F.request(headers: [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]), emptyResponse)
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(knownSecrets: [key]))
        let headers = clean.entries[0].request.headers
        #expect(headers.value(named: "Authorization") == "Bearer " + F.atomsKey(1))
        #expect(headers.value(named: "Accept") == "application/json")
        let survived = F.contains(try F.writtenText(clean), anyOf: [key])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 request header Authorization credential-header"))
    }

    @Test("a raw Unleash token in Authorization is replaced whole", arguments: [0, 1, 2])
    func rawToken(kind: Int) throws {
        let token = [RandomSecret.unleashPAT(), RandomSecret.unleashAdminToken(), RandomSecret.unleashClientToken()][kind]
        let log = F.log(F.request(headers: [("Authorization", token)]), emptyResponse)
        // Not told about the token: the header rule alone must catch it.
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy())
        #expect(clean.entries[0].request.headers.value(named: "Authorization") == (kind == 0 ? F.unleashPAT(1) : F.unleashToken(1)))
        let survived = F.contains(F.text(clean), anyOf: [token])
        #expect(!survived)
    }

    @Test("Proxy-Authorization Basic keeps its scheme")
    func proxyBasic() throws {
        let credential = Data("proxyuser:\(RandomSecret.alphanumeric(20))".utf8).base64EncodedString()
        let log = F.log(F.request(headers: [("Proxy-Authorization", "Basic \(credential)")]), emptyResponse)
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy())
        #expect(clean.entries[0].request.headers.value(named: "Proxy-Authorization") == "Basic REDACTED_1")
        let survived = F.contains(F.text(clean), anyOf: [credential])
        #expect(!survived)
    }

    @Test("Cookie keeps names and replaces values; the cookies array gets the same placeholders")
    func cookies() throws {
        let session = RandomSecret.jwt()
        let other = RandomSecret.alphanumeric(24)
        let request = F.request(
            headers: [("Cookie", "theme=\(other); __session=\(session)")],
            cookies: [HAR.Cookie(name: "theme", value: other), HAR.Cookie(name: "__session", value: session)])
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy())
        let redacted = clean.entries[0].request
        #expect(redacted.headers.value(named: "Cookie") == "theme=REDACTED_1; __session=" + F.jwt(2))
        #expect(redacted.cookies.map(\.name) == ["theme", "__session"])
        #expect(redacted.cookies.map(\.value) == ["REDACTED_1", F.jwt(2)])
        let survived = F.contains(F.text(clean), anyOf: [session, other])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 request cookie __session cookie"))
    }

    @Test(
        "headers whose name says key, token, secret, session or auth are redacted",
        arguments: [
            "X-Api-Key", "Api-Key", "X-Auth-Token", "X-Client-Secret", "X-Session-Id", "x-wacht-auth", "X-Zitadel-Token",
        ])
    func namedHeaders(name: String) throws {
        let value = RandomSecret.alphanumeric(32)
        let log = F.log(F.request(headers: [(name, value), ("User-Agent", "cassette-tests")]), emptyResponse)
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy())
        #expect(clean.entries[0].request.headers.value(named: name) == "REDACTED_1")
        #expect(clean.entries[0].request.headers.value(named: "User-Agent") == "cassette-tests")
        let survived = F.contains(F.text(clean), anyOf: [value])
        #expect(!survived)
    }

    @Test(
        "secret query parameters are replaced in the URL and in queryString alike",
        arguments: [
            "token", "access_token", "code", "secret", "key", "__dev_session__", "api_key", "client_secret", "refresh_token",
        ])
    func query(name: String) throws {
        let value = RandomSecret.base64url(40)
        let url = "https://api.example.com/me?page=2&\(name)=\(value)&sort=name"
        let request = F.request(url: url, queryString: [("page", "2"), (name, value), ("sort", "name")])
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy())
        let redacted = clean.entries[0].request
        #expect(redacted.url == "https://api.example.com/me?page=2&\(name)=REDACTED_1&sort=name")
        #expect(redacted.queryString.map(\.value) == ["2", "REDACTED_1", "name"])
        let survived = F.contains(F.text(clean), anyOf: [value])
        #expect(!survived)
        #expect(F.reportLines(clean).contains { $0.hasPrefix("0 request query \(name) ") })
    }

    @Test("a percent-encoded query secret gets the placeholder of its decoded value")
    func encodedQuery() throws {
        let raw = RandomSecret.alphanumeric(12) + "+/=" + RandomSecret.alphanumeric(12)
        let encoded = try #require(raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let request = F.request(
            url: "https://w.example.dev/me?__dev_session__=\(encoded)", headers: [("X-Development-Session", raw)],
            queryString: [("__dev_session__", raw)])
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy(knownSecrets: [raw]))
        let redacted = clean.entries[0].request
        #expect(redacted.url.hasSuffix("__dev_session__=REDACTED_1"))
        #expect(redacted.headers.value(named: "X-Development-Session") == "REDACTED_1")
        #expect(redacted.queryString.first?.value == "REDACTED_1")
        let survived = F.contains(F.text(clean), anyOf: [raw, encoded])
        #expect(!survived)
    }

    @Test("URL user-info is redacted, host and path kept")
    func userInfo() throws {
        let password = RandomSecret.alphanumeric(20)
        let user = "svc-" + RandomSecret.alphanumeric(8)
        let request = F.request(url: "https://\(user):\(password)@unleash.example.com/api/admin/user")
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy())
        #expect(clean.entries[0].request.url == "https://REDACTED_1:REDACTED_2@unleash.example.com/api/admin/user")
        let survived = F.contains(F.text(clean), anyOf: [password, user])
        #expect(!survived)
    }

    @Test("form bodies: secret-named values replaced, other values kept, sizes follow")
    func formBody() throws {
        let secret = RandomSecret.base64url(32)
        let code = RandomSecret.alphanumeric(24)
        let password = RandomSecret.alphanumeric(8) + " " + RandomSecret.alphanumeric(8)
        let encodedPassword = password.replacingOccurrences(of: " ", with: "+")
        let text = "grant_type=authorization_code&client_id=cassette&client_secret=\(secret)&code=\(code)&password=\(encodedPassword)"
        let postData = HAR.PostData(
            mimeType: "application/x-www-form-urlencoded", text: text,
            params: [HAR.NameValue(name: "client_secret", value: secret), HAR.NameValue(name: "client_id", value: "cassette")])
        let request = F.request(
            "POST", url: "https://id.example.com/oauth/v2/token",
            headers: [("Content-Length", String(text.utf8.count))], postData: postData)
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy())
        let redacted = clean.entries[0].request
        #expect(
            redacted.postData?.text
                == "grant_type=authorization_code&client_id=cassette&client_secret=REDACTED_1&code=REDACTED_2&password=REDACTED_3")
        #expect(redacted.postData?.params?.map(\.value) == ["REDACTED_1", "cassette"])
        let length = redacted.postData?.text.utf8.count
        #expect(redacted.headers.value(named: "Content-Length") == length.map(String.init))
        #expect(redacted.bodySize == length)
        let survived = F.contains(F.text(clean), anyOf: [secret, code, password, encodedPassword])
        #expect(!survived)
    }

    @Test("JSON request bodies are redacted by key at any depth")
    func jsonBody() throws {
        let password = RandomSecret.alphanumeric(16)
        let refresh = RandomSecret.base64url(43)
        let otp = String(Int.random(in: 100_000...999_999))
        let text =
            #"{"username":"ada","credentials":{"password":"\#(password)","refresh_token":"\#(refresh)"},"otp":"\#(otp)","remember":true}"#
        let request = F.request(
            "POST", url: "https://api.example.com/login", postData: HAR.PostData(mimeType: "application/json", text: text))
        let clean = try Redaction.sanitize(F.log(request, emptyResponse), policy: RedactionPolicy())
        let body = try JSONParser.parse(clean.entries[0].request.postData?.text ?? "")
        #expect(body["username"] == "ada")
        #expect(body["remember"] == true)
        #expect(body["credentials"]?["password"] == "REDACTED_1")
        #expect(body["credentials"]?["refresh_token"] == "REDACTED_2")
        #expect(body["otp"] == "REDACTED_3")
        let survived = F.contains(F.text(clean), anyOf: [password, refresh, otp])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 request body /credentials/password key:password"))
    }

    @Test("redactRequest makes a live request look like the recorded one")
    func liveRequestMatchesRecording() throws {
        let token = RandomSecret.zitadelOpaqueToken()
        let live = F.request(url: "https://id.example.com/auth/v1/users/me?token=\(token)", headers: [("Authorization", "Bearer \(token)")])
        let redacted = Redaction.redactRequest(live, policy: RedactionPolicy(knownSecrets: [token]))
        #expect(redacted.headers.value(named: "Authorization") == "Bearer REDACTED_1")
        #expect(redacted.url == "https://id.example.com/auth/v1/users/me?token=REDACTED_1")
        let recorded = try Redaction.sanitize(F.log(live, emptyResponse), policy: RedactionPolicy()).entries[0].request
        #expect(PlaceholderEquality.equal(recorded.url, redacted.url))
        #expect(recorded.headers == redacted.headers)
        #expect(Redaction.redactRequest(redacted, policy: RedactionPolicy()) == redacted, "redacting twice changes nothing")
    }
}
