import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

@Suite("redaction: by value, look-alikes, placeholders")
struct RedactionValueTests {
    private let plainRequest = F.request()

    @Test("a JWT is found in a free-text field, an odd header and JSON inside a string")
    func jwtAnywhere() throws {
        let inText = RandomSecret.jwt()
        let inHeader = RandomSecret.jwt()
        let inNested = RandomSecret.jwt()
        let nested = #"{\"session\":{\"jwt_payload\":\"\#(inNested)\"}}"#
        let json = #"{"data":{"bio":"my session is \#(inText), please ignore","metadata":"\#(nested)"}}"#
        let response = F.response(json: json, headers: [("X-Debug-Echo", "seen \(inHeader) upstream")])
        let clean = try Redaction.sanitize(F.log(plainRequest, response), policy: RedactionPolicy())
        let body = try F.body(clean)
        #expect(body["data"]?["bio"] == .string("my session is \(F.jwt(2)), please ignore"))
        #expect(clean.entries[0].response.headers.value(named: "X-Debug-Echo") == "seen \(F.jwt(1)) upstream")
        let metadata = try JSONParser.parse(body["data"]?["metadata"]?.stringValue ?? "")
        #expect(metadata["session"]?["jwt_payload"] == .string(F.jwt(3)))
        let survived = F.contains(F.text(clean), anyOf: [inText, inHeader, inNested])
        #expect(!survived)
        #expect(F.reportLines(clean).contains("0 response body /data/bio value:jwt"))
    }

    @Test("the four services' token formats are found inside longer text", arguments: [0, 1, 2, 3, 4, 5])
    func tokenFormats(kind: Int) throws {
        let token = [
            RandomSecret.atomsKey(), "wct_" + UUID().uuidString.lowercased(), RandomSecret.unleashPAT(),
            RandomSecret.unleashAdminToken(), RandomSecret.unleashClientToken(),
            "user:v2_" + RandomSecret.base64url(22) + "_" + RandomSecret.base64url(43),
        ][kind]
        let json = #"{"errors":["token \#(token) is not valid for this project"],"status":false}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json, status: 401)), policy: RedactionPolicy())
        let placeholder = [
            F.atomsKey(1), Placeholder.make(1, shape: .uuid(prefix: "wct_")), F.unleashPAT(1), F.unleashToken(1),
            F.unleashToken(1), Placeholder.make(1, shape: .segmented(prefix: "user:v2_", lengths: [22, 43], separator: "_")),
        ][kind]
        #expect(try F.body(clean)["errors"]?.arrayValue?.first == .string("token \(placeholder) is not valid for this project"))
        let survived = F.contains(F.text(clean), anyOf: [token])
        #expect(!survived)
    }

    @Test("a known credential is found raw, percent-encoded and base64-encoded inside longer text", arguments: [0, 1, 2, 3, 4])
    func knownSecretForms(form: Int) throws {
        // Opaque, no recognizable format: only the known-secret search can find it.
        let secret = RandomSecret.alphanumeric(20) + "/+=" + RandomSecret.alphanumeric(10)
        let encodings = [
            secret,
            secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
            (secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                .replacingOccurrences(of: "%2F", with: "%2f").replacingOccurrences(of: "%2B", with: "%2b").replacingOccurrences(
                    of: "%3D", with: "%3d"),
            Data(secret.utf8).base64EncodedString(),
            Data(secret.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
        ]
        let json = #"{"message":"echo[\#(encodings[form])]","id":"42"}"#
        let log = F.log(plainRequest, F.response(json: json, headers: [("X-Echo", "v=\(encodings[form]);")]))
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(knownSecrets: [secret]))
        #expect(try F.body(clean)["message"] == "echo[REDACTED_1]")
        #expect(clean.entries[0].response.headers.value(named: "X-Echo") == "v=REDACTED_1;")
        let survived = F.contains(try F.writtenText(clean), anyOf: [secret] + encodings)
        #expect(!survived)
    }

    @Test("look-alikes in real /me bodies are left alone")
    func lookAlikes() throws {
        let gravatar = RandomSecret.hex(64)
        let json = #"""
            {"user":{"id":"69629012906488334","uuid":"\#(UUID().uuidString.lowercased())","_id":"642f1c3e9b1e8a001f4d2a7b","organizationId":"org_9f8b7c6d5e4a3b2c1d0e","imageUrl":"https://gravatar.com/avatar/\#(gravatar)?s=42&d=retro&r=g","details":{"sequence":"2","creationDate":"2024-01-02T03:04:05.123Z","resourceOwner":"69629023906488334"},"state":"USER_STATE_ACTIVE","machine":{"name":"ci","hasSecret":true,"accessTokenType":"ACCESS_TOKEN_TYPE_JWT"},"docs":{"hasSecret":"true"},"token_type":"Bearer","expires_in":3600,"password_changed":"2024-01-02T03:04:05Z","has_password":true,"last_password_reset_at":null,"country_code":"+44","verification_strategy":"oath_google","secret":"","token":"","permissions":["CREATE_API_TOKEN","UPDATE_CLIENT_SECRET"],"code":16,"errors":[{"code":"INTERNAL","message":"internal server error"}],"task_id":"task_1234567890abcdef","placeholder":"REDACTED_7","auth_provider":"google","session":null,"key_count":3}}
            """#
        let response = F.response(
            json: json,
            headers: [
                ("ETag", "W/\"\(RandomSecret.hex(32))\""), ("Date", "Tue, 02 Jan 2024 03:04:05 GMT"), ("X-Request-Id", UUID().uuidString),
                ("WWW-Authenticate", "Bearer realm=\"zitadel\", error=\"invalid_token\""),
                ("Access-Control-Allow-Headers", "Authorization, X-Api-Key"),
            ])
        let log = F.log(F.request(url: "https://id.example.com/auth/v1/users/me?page=2&sort=desc"), response)
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy())
        #expect(clean.entries[0].response.content.text == log.entries[0].response.content.text)
        #expect(clean.entries[0].response.headers == log.entries[0].response.headers)
        #expect(clean.entries[0].request.url == log.entries[0].request.url)
        #expect(clean.cassette?.redaction.items == [])
    }

    @Test("redacting a redacted log changes nothing, report included")
    func idempotent() throws {
        let token = RandomSecret.zitadelOpaqueToken()
        let (otp, _) = RandomSecret.otpauthURL()
        let json =
            #"{"data":{"user_authenticator":{"otp_url":"\#(otp)"},"backup_codes":["\#(RandomSecret.backupCode())"]},"access_token":"\#(token)"}"#
        let log = F.log(
            F.request(headers: [("Authorization", "Bearer \(token)"), ("Cookie", "__session=\(RandomSecret.jwt())")]),
            F.response(json: json, headers: [("Set-Cookie", "__session=\(RandomSecret.jwt()); Path=/")]), provider: "wacht")
        let policy = RedactionPolicy(knownSecrets: [token], pseudonymize: true, provider: "wacht")
        let once = try Redaction.sanitize(log, policy: policy)
        let twice = try Redaction.sanitize(once, policy: policy)
        #expect(twice == once)
        #expect(F.text(twice) == F.text(once))
        let again = try Redaction.sanitizeWithReport(once, policy: policy)
        #expect(again.report.items.isEmpty, "a second pass finds nothing new")
    }

    @Test("placeholders are deterministic: equal secrets equal, distinct secrets distinct, same bytes every run")
    func deterministic() throws {
        let shared = RandomSecret.base64url(40)
        let other = RandomSecret.base64url(40)
        let json = #"{"a":{"token":"\#(shared)"},"b":{"token":"\#(other)"},"c":{"refresh_token":"\#(shared)"}}"#
        let log = F.log(F.request(headers: [("Authorization", "Bearer \(shared)")]), F.response(json: json))
        let first = try Redaction.sanitize(log, policy: RedactionPolicy())
        let second = try Redaction.sanitize(log, policy: RedactionPolicy())
        #expect(try CassetteFile.encode(first) == CassetteFile.encode(second))
        let body = try F.body(first)
        #expect(first.entries[0].request.headers.value(named: "Authorization") == "Bearer REDACTED_1")
        #expect(body["a"]?["token"] == "REDACTED_1")
        #expect(body["c"]?["refresh_token"] == "REDACTED_1")
        #expect(body["b"]?["token"] == "REDACTED_2")
    }

    @Test("new placeholders continue after the ones a cassette already has")
    func continuesNumbering() throws {
        let json = #"{"token":"REDACTED_4","other":{"token":"\#(RandomSecret.base64url(30))"}}"#
        let clean = try Redaction.sanitize(F.log(plainRequest, F.response(json: json)), policy: RedactionPolicy())
        #expect(clean.entries[0].response.content.text == #"{"token":"REDACTED_4","other":{"token":"REDACTED_5"}}"#)
    }

    @Test("the report names where and by which rule, never the value; earlier reports are kept")
    func report() throws {
        let token = RandomSecret.atomsKey()
        let log = F.log(
            F.request(url: "https://api.smallest.ai/atoms/v1/user?token=\(token)", headers: [("Authorization", "Bearer \(token)")]),
            F.response(json: #"{"status":true,"data":{"apiKey":"\#(token)"}}"#))
        let result = try Redaction.sanitizeWithReport(log, policy: RedactionPolicy(knownSecrets: [token]))
        let lines = F.reportLines(result.log)
        #expect(lines.contains("0 request header Authorization credential-header"))
        #expect(lines.contains { $0.hasPrefix("0 request query token ") })
        #expect(lines.contains("0 response body /data/apiKey key:apiKey"))
        #expect(result.report.items == result.log.cassette?.redaction.items)
        let reportText = result.log.cassette.map { JSONSerializer.string(HAR.Log(cassette: $0).jsonDocument) } ?? ""
        let survived = F.contains(reportText, anyOf: [token])
        #expect(!survived)

        // A later pass over the same log keeps the earlier items.
        var extended = result.log
        extended.entries.append(log.entries[0])
        let later = try Redaction.sanitize(extended, policy: RedactionPolicy(knownSecrets: [token]))
        let laterItems = Set(later.cassette?.redaction.items ?? [])
        let keptEarlier = laterItems.isSuperset(of: result.report.items)
        #expect(keptEarlier)
        #expect(later.cassette?.redaction.items.contains { $0.entry == 1 } == true)
    }

    @Test("pseudonymization replaces x-pii fields with consistent fakes")
    func pseudonymize() throws {
        let email = "\(RandomSecret.alphanumeric(8).lowercased())@corp.example.org"
        let json =
            #"{"user":{"id":"1","userName":"ada","loginNames":["\#(email)"],"preferredLoginName":"\#(email)","human":{"profile":{"firstName":"Ada","lastName":"Lovelace","displayName":"Ada Lovelace","preferredLanguage":"en","gender":"GENDER_FEMALE"},"email":{"email":"\#(email)","isEmailVerified":true},"phone":{"phone":"+41 79 123 45 67"}}}}"#
        let log = F.log(plainRequest, F.response(json: json), provider: "zitadel")
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(pseudonymize: true, provider: "zitadel"))
        let body = try F.body(clean)
        let user = try #require(body["user"])
        #expect(user["human"]?["email"]?["email"] == "user1@example.com")
        #expect(user["human"]?["profile"]?["firstName"]?.stringValue != "Ada")
        #expect(user["human"]?["profile"]?["preferredLanguage"] == "en")
        #expect(user["human"]?["profile"]?["gender"] == "GENDER_FEMALE")
        #expect(user["human"]?["phone"]?["phone"]?.stringValue?.hasPrefix("+1") == true)
        #expect(user["id"] == "1")
        #expect(user["loginNames"]?.arrayValue?.first == user["preferredLoginName"], "the same value gets the same fake")
        let survived = F.contains(F.text(clean), anyOf: [email, "Lovelace", "+41 79"])
        #expect(!survived)
        #expect(
            clean.cassette?.redaction.pseudonymized.contains { $0.location == "/user/human/email/email" && $0.rule == "pii:email" } == true)
        #expect(try Redaction.sanitize(clean, policy: RedactionPolicy(pseudonymize: true, provider: "zitadel")) == clean)
    }

    @Test("real names that resemble the fake lists are still pseudonymized")
    func pseudonymizeLookalikeNames() throws {
        let json = #"{"data":{"firstName":"Samantha","lastName":"Sampleton","userEmail":"user7@corp.example.org"}}"#
        let log = F.log(plainRequest, F.response(json: json), provider: "atoms")
        let clean = try Redaction.sanitize(log, policy: RedactionPolicy(pseudonymize: true, provider: "atoms"))
        let survived = F.contains(F.text(clean), anyOf: ["Samantha", "Sampleton", "corp.example.org"])
        #expect(!survived)
    }

    @Test("a textual body stored as base64 is decoded, redacted and stored as text")
    func textualBase64Body() throws {
        let token = RandomSecret.base64url(40)
        let json = #"{"access_token":"\#(token)","scope":"openid"}"#
        var response = F.response(json: json)
        response.content = HAR.Content(
            size: json.utf8.count, mimeType: "application/json", text: Data(json.utf8).base64EncodedString(), encoding: "base64")
        let clean = try Redaction.sanitize(F.log(plainRequest, response), policy: RedactionPolicy())
        #expect(clean.entries[0].response.content.encoding == nil)
        #expect(clean.entries[0].response.content.text == #"{"access_token":"REDACTED_1","scope":"openid"}"#)
    }
}
