import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

@Suite("redaction: response side")
struct RedactionResponseTests {
    private let plainRequest = F.request()

    @Test("Set-Cookie keeps the cookie name and attributes; the cookies array follows")
    func setCookie() throws {
        let session = RandomSecret.jwt()
        let response = F.response(
            json: "{}", headers: [("Set-Cookie", "__session=\(session); Path=/; Domain=example.wacht.dev; HttpOnly; Secure; SameSite=Lax")],
            cookies: [HAR.Cookie(name: "__session", value: session, path: "/", httpOnly: true, secure: true)])
        let clean = try Redaction.sanitize(F.log(plainRequest, response), policy: RedactionPolicy())
        let redacted = clean.entries[0].response
        #expect(
            redacted.headers.value(named: "Set-Cookie")
                == "__session=\(F.jwt(1)); Path=/; Domain=example.wacht.dev; HttpOnly; Secure; SameSite=Lax")
        #expect(redacted.cookies.first?.value == F.jwt(1))
        #expect(redacted.cookies.first?.httpOnly == true)
        let survived = F.contains(F.text(clean), anyOf: [session])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 response cookie __session set-cookie"))
    }

    @Test("a cleared cookie (empty value) stays empty")
    func clearedCookie() throws {
        let response = F.response(json: "{}", headers: [("Set-Cookie", "__session=; Max-Age=0; Path=/")])
        let clean = try Redaction.sanitize(F.log(plainRequest, response), policy: RedactionPolicy())
        #expect(clean.entries[0].response.headers.value(named: "Set-Cookie") == "__session=; Max-Age=0; Path=/")
    }

    @Test("Wacht's X-Development-Session response header is redacted")
    func developmentSession() throws {
        let jwt = RandomSecret.jwt(claims: ["iss": "https://app.example.wacht.dev"])
        let response = F.response(json: "{}", headers: [("X-Development-Session", jwt)])
        let clean = try Redaction.sanitize(F.log(plainRequest, response), policy: RedactionPolicy())
        #expect(clean.entries[0].response.headers.value(named: "X-Development-Session") == F.jwt(1))
        let survived = F.contains(F.text(clean), anyOf: [jwt])
        #expect(!survived)
    }

    @Test(
        "token-ish JSON members are redacted at any depth",
        arguments: [
            "token", "access_token", "refresh_token", "id_token", "secret", "client_secret", "password", "apiKey", "api_key",
            "totp_secret", "rotating_token", "sessionToken", "privateKey",
        ])
    func secretMembers(key: String) throws {
        let value = RandomSecret.alphanumeric(30)
        let json = #"{"data":{"id":"7205123456789012345","nested":[{"name":"n","\#(key)":"\#(value)"}]}}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json)), policy: RedactionPolicy())
        let body = try F.body(clean)
        #expect(body.value(at: JSONPointer(tokens: ["data", "nested", "0", key])) == "REDACTED_1")
        #expect(body["data"]?["id"] == "7205123456789012345")
        #expect(body.value(at: JSONPointer(tokens: ["data", "nested", "0", "name"])) == "n")
        let survived = F.contains(F.text(clean), anyOf: [value])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 response body /data/nested/0/\(key) key:\(key)"))
    }

    @Test("backup and recovery codes are replaced element-wise; arrays keep their length")
    func codeArrays() throws {
        let backup = (0..<12).map { _ in RandomSecret.backupCode() }
        let recovery = (0..<3).map { _ in RandomSecret.alphanumeric(10) }
        let json =
            #"{"data":{"backup_codes":[\#(backup.map { "\"\($0)\"" }.joined(separator: ","))],"recovery_codes":[\#(recovery.map { "\"\($0)\"" }.joined(separator: ","))],"backup_codes_generated":true}}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json)), policy: RedactionPolicy())
        let body = try F.body(clean)
        #expect(body["data"]?["backup_codes"]?.arrayValue == (1...12).map { .string(F.backupCode($0)) })
        #expect(body["data"]?["recovery_codes"]?.arrayValue?.count == 3)
        #expect(body["data"]?["backup_codes_generated"] == true)
        let survived = F.contains(F.text(clean), anyOf: backup + recovery)
        #expect(!survived)
    }

    @Test("otp_url keeps its otpauth shape and loses only the seed")
    func otpURL() throws {
        let (url, seed) = RandomSecret.otpauthURL(issuer: "Wacht", account: "ada@example.com")
        let json = #"{"data":{"user_authenticator":{"id":"7205123456789012347","otp_url":"\#(url)"}},"status":200}"#
        for provider in ["wacht", nil] as [String?] {
            let clean = try Redaction.sanitize(
                F.log(plainRequest, F.response(json: json), provider: provider), policy: RedactionPolicy(provider: provider))
            let body = try F.body(clean)
            #expect(
                body["data"]?["user_authenticator"]?["otp_url"]
                    == .string("otpauth://totp/Wacht:ada@example.com?algorithm=SHA1&digits=6&issuer=Wacht&period=30&secret=" + F.seed(1)))
            let survived = F.contains(F.text(clean), anyOf: [seed])
            #expect(!survived)
        }
    }

    @Test("Unleash inviteLink keeps its URL and loses the token, in query or path form")
    func inviteLink() throws {
        let token = RandomSecret.base64url(40)
        let queryForm =
            #"{"user":{"id":7,"inviteLink":"https://unleash.example.com/new-user?token=\#(token)"},"permissions":[],"feedback":[],"splash":{}}"#
        let clean = try Redaction.sanitize(
            F.log(plainRequest, F.response(json: queryForm), provider: "unleash"), policy: RedactionPolicy(provider: "unleash"))
        #expect(try F.body(clean)["user"]?["inviteLink"] == "https://unleash.example.com/new-user?token=REDACTED_1")

        // The schema example's path form is only known to be secret through x-secret: "url".
        let pathForm =
            #"{"user":{"id":7,"inviteLink":"https://unleash.example.com/invite-link/\#(token)"},"permissions":[],"feedback":[],"splash":{}}"#
        let cleanPath = try Redaction.sanitize(
            F.log(plainRequest, F.response(json: pathForm), provider: "unleash"), policy: RedactionPolicy(provider: "unleash"))
        #expect(try F.body(cleanPath)["user"]?["inviteLink"] == "https://unleash.example.com/invite-link/REDACTED_1")
        #expect(F.reportLines(cleanPath).contains("0 response body /user/inviteLink schema:x-secret-url"))
        let survived = F.contains(F.text(clean) + F.text(cleanPath), anyOf: [token])
        #expect(!survived)
    }

    @Test("Unleash's echoed API token gets the same placeholder as the Authorization header")
    func echoedAPIToken() throws {
        let token = RandomSecret.unleashClientToken()
        let json =
            #"{"user":{"username":"ci-token","permissions":["CLIENT"],"projects":["default"],"environment":"development","type":"client","secret":"\#(token)"},"permissions":[],"feedback":[],"splash":{}}"#
        let log = F.log(
            F.request(url: "https://unleash.example.com/api/admin/user", headers: [("Authorization", token)]), F.response(json: json),
            provider: "unleash")
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(knownSecrets: [token], provider: "unleash"))
        #expect(clean.entries[0].request.headers.value(named: "Authorization") == F.unleashToken(1))
        let body = try F.body(clean)
        #expect(body["user"]?["secret"] == .string(F.unleashToken(1)))
        #expect(body["user"]?["username"] == "ci-token")
        #expect(body["user"]?["environment"] == "development")
        let survived = F.contains(try F.writtenText(clean), anyOf: [token])
        #expect(!survived)
    }

    @Test("a numeric secret becomes 0, booleans and nulls under secret keys stay")
    func nonStringSecrets() throws {
        let pin = Int.random(in: 100_000...999_999)
        let json = #"{"password":\#(pin),"secret":null,"token":false,"hasSecret":true}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json)), policy: RedactionPolicy())
        #expect(clean.entries[0].response.content.text == #"{"password":0,"secret":null,"token":false,"hasSecret":true}"#)
    }

    @Test("Content-Length, content size and bodySize follow the redacted body")
    func contentLength() throws {
        let token = RandomSecret.base64url(120)
        let json = #"{"access_token":"\#(token)","token_type":"Bearer","expires_in":3600}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json)), policy: RedactionPolicy())
        let response = clean.entries[0].response
        let length = response.content.text?.utf8.count ?? -1
        #expect(response.content.text == #"{"access_token":"REDACTED_1","token_type":"Bearer","expires_in":3600}"#)
        #expect(response.headers.value(named: "Content-Length") == String(length))
        #expect(response.content.size == length)
        #expect(response.bodySize == length)
        #expect(response.headersSize == -1)
    }
}
