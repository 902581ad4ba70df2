import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// Realistic `/me` exchanges of the four services (shapes from providers.md), each carrying fresh
/// random secrets where the service puts them; the written cassette is read back with
/// `gzip -dc` + `JSONSerialization` only.
@Suite("redaction: the four services")
struct RedactionProviderBodiesTests {
    private func written(_ log: HAR.Log, _ policy: RedactionPolicy) throws -> (text: String, body: [String: Any]) {
        let clean = try Redaction.sanitize(log, policy: policy)
        let text = try F.writtenText(clean)
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let entries = (document?["log"] as? [String: Any])?["entries"] as? [[String: Any]]
        let content = ((entries?.first?["response"] as? [String: Any])?["content"] as? [String: Any])?["text"] as? String
        let body = try JSONSerialization.jsonObject(with: Data((content ?? "{}").utf8)) as? [String: Any]
        return (text, body ?? [:])
    }

    @Test("Atoms: Bearer sk_ key out, profile data kept")
    func atoms() throws {
        let key = RandomSecret.atomsKey()
        let json =
            #"{"status":true,"data":{"_id":"642f1c3e9b1e8a001f4d2a7b","firstName":"Ada","lastName":"Lovelace","userEmail":"ada@example.com","authProvider":"google","isEmailVerified":true,"organizationId":"org_9f8b7c6d5e4a3b2c1d0e"}}"#
        let log = F.log(
            F.request(url: "https://api.smallest.ai/atoms/v1/user", headers: [("Authorization", "Bearer \(key)")]),
            F.response(json: json), provider: "atoms")
        let (text, body) = try written(log, RedactionPolicy(knownSecrets: [key], provider: "atoms"))
        let survived = F.contains(text, anyOf: [key])
        #expect(!survived)
        let data = body["data"] as? [String: Any]
        #expect(data?["_id"] as? String == "642f1c3e9b1e8a001f4d2a7b")
        #expect(data?["authProvider"] as? String == "google")
        #expect(data?["organizationId"] as? String == "org_9f8b7c6d5e4a3b2c1d0e")
        #expect(text.contains("Bearer " + F.atomsKey(1)))
    }

    @Test("Unleash: raw API token out of the header and of the echoed secret; inviteLink token out")
    func unleash() throws {
        let token = RandomSecret.unleashAdminToken()
        let reset = RandomSecret.base64url(43)
        let gravatar = RandomSecret.hex(64)
        let apiCaller =
            #"{"user":{"username":"admin-token","permissions":["ADMIN"],"projects":["*"],"environment":"*","type":"admin","secret":"\#(token)","internalAdminTokenUserId":-42},"permissions":[{"permission":"ADMIN"}],"feedback":[],"splash":{}}"#
        let person =
            #"{"user":{"id":1,"name":"Ada Lovelace","email":"ada@example.com","username":null,"imageUrl":"https://gravatar.com/avatar/\#(gravatar)?s=42&d=retro&r=g","inviteLink":"https://unleash.example.com/new-user?token=\#(reset)","loginAttempts":0,"emailSent":false,"rootRole":1,"seenAt":"2024-01-02T03:04:05.678Z","createdAt":"2023-06-30T11:42:00.345Z","accountType":"User","permissions":[],"scimId":null,"seatType":"Regular","companyRole":null,"productUpdatesEmailConsent":null,"activeSessions":1,"deletedSessions":0},"permissions":[{"permission":"ADMIN","project":"default","environment":"development"}],"feedback":[{"userId":1,"neverShow":false,"given":null,"feedbackId":"pnps"}],"splash":{"environment":true}}"#
        let request = F.request(url: "https://unleash.example.com/api/admin/user", headers: [("Authorization", token)])
        let log = F.log(
            [
                (request, F.response(json: apiCaller)),
                (
                    request,
                    F.response(
                        json: person,
                        headers: [
                            (
                                "Set-Cookie",
                                "unleash-session=s%3A\(RandomSecret.base64url(32)).\(RandomSecret.base64url(43)); Path=/; HttpOnly"
                            )
                        ])
                ),
            ], provider: "unleash")
        let (text, body) = try written(log, RedactionPolicy(knownSecrets: [token], provider: "unleash"))
        let survived = F.contains(text, anyOf: [token, reset])
        #expect(!survived)
        #expect((body["user"] as? [String: Any])?["secret"] as? String == F.unleashToken(1))
        #expect((body["user"] as? [String: Any])?["internalAdminTokenUserId"] as? Int == -42)
        #expect(text.contains("new-user?token=REDACTED_"))
        #expect(text.contains(gravatar), "the gravatar hash is not a secret")
        #expect(!text.contains("unleash-session=s%3A"))
    }

    @Test("Wacht: __session cookie, dev session query and header, otp_url seed, TOTP secret and backup codes out")
    func wacht() throws {
        let session = RandomSecret.jwt(claims: ["iss": "https://app.example.wacht.dev"])
        let refreshed = RandomSecret.jwt(claims: ["iss": "https://app.example.wacht.dev"])
        let (otpURL, seed) = RandomSecret.otpauthURL(issuer: "Wacht", account: "ada@example.com")
        let totp = RandomSecret.base32(32)
        let codes = (0..<12).map { _ in RandomSecret.backupCode() }
        let json = #"""
            {"data":{"id":"7205123456789012345","created_at":"2024-01-02T03:04:05Z","first_name":"Ada","last_name":"Lovelace","username":"ada","availability":"away","has_profile_picture":false,"profile_picture_url":"","primary_email_address_id":"7205123456789012346","primary_phone_number_id":null,"primary_email_address":{"id":"7205123456789012346","email":"ada@example.com","is_primary":true,"verified":true,"verified_at":"0001-01-01T00:00:00Z","verification_strategy":"oath_google"},"primary_phone_number":null,"second_factor_policy":"optional","user_email_addresses":[],"user_phone_numbers":[],"social_connections":[{"id":"7205123456789012350","provider":"google_oauth","email_address":"ada@example.com","user_email_address_id":7205123456789012346}],"has_password":true,"has_passkeys":false,"public_metadata":{},"segments":[{"id":"7205123456789012360","name":"beta","type":"user"}],"user_authenticator":{"id":"7205123456789012347","created_at":"2024-01-02T03:04:05Z","otp_url":"\#(otpURL)"},"backup_codes_generated":true,"backup_codes":[\#(codes.map { "\"\($0)\"" }.joined(separator: ","))],"totp_secret":"\#(totp)","schema_version":"v2","disabled":false},"errors":null,"message":"","session":{"id":"7205123456789012370","active_signin_id":"7205123456789012371","signins":[{"id":"7205123456789012371","ip_address":"203.0.113.7","browser":"Firefox","city":"London"}]},"status":200}
            """#
        let request = F.request(
            url: "https://app.example.wacht.dev/me?__dev_session__=\(session)",
            headers: [("Cookie", "__session=\(session); __dev_session_updated_at=1704164645")],
            queryString: [("__dev_session__", session)])
        let response = F.response(json: json, headers: [("X-Development-Session", refreshed)])
        let log = F.log(request, response, provider: "wacht")
        let (text, body) = try written(log, RedactionPolicy(knownSecrets: [session], pseudonymize: true, provider: "wacht"))
        let survived = F.contains(text, anyOf: [session, refreshed, seed, totp] + codes + ["203.0.113.7", "London"])
        #expect(!survived)
        let data = body["data"] as? [String: Any]
        #expect((data?["backup_codes"] as? [String])?.count == 12)
        #expect(((data?["user_authenticator"] as? [String: Any])?["otp_url"] as? String)?.hasPrefix("otpauth://totp/Wacht:") == true)
        #expect(data?["availability"] as? String == "away")
        #expect(data?["second_factor_policy"] as? String == "optional")
        #expect(data?["id"] as? String == "7205123456789012345")
        #expect(text.contains("7205123456789012346"), "the snowflake number survives")
        #expect(((data?["segments"] as? [[String: Any]])?.first)?["name"] as? String == "beta")
        #expect(text.contains("__session=" + F.jwt(1)))
    }

    @Test("ZITADEL: opaque and JWT Bearer tokens out; hasSecret and enums kept", arguments: [false, true])
    func zitadel(jwt: Bool) throws {
        let token = jwt ? RandomSecret.jwt(algorithm: "RS256") : RandomSecret.zitadelOpaqueToken()
        let json =
            #"{"user":{"id":"69629012906488334","details":{"sequence":"2","creationDate":"2024-01-02T03:04:05.123Z","changeDate":"2024-01-02T03:04:05.123Z","resourceOwner":"69629023906488334"},"state":"USER_STATE_ACTIVE","userName":"ci-bot","loginNames":["ci-bot@example.zitadel.cloud"],"preferredLoginName":"ci-bot@example.zitadel.cloud","machine":{"name":"ci-bot","description":"CI","hasSecret":true,"accessTokenType":"ACCESS_TOKEN_TYPE_JWT"}},"lastLogin":"2024-01-02T03:04:05.123Z"}"#
        let log = F.log(
            F.request(
                url: "https://zitadel.example.com/auth/v1/users/me",
                headers: [("Authorization", "Bearer \(token)"), ("x-zitadel-orgid", "69629023906488334")]),
            F.response(json: json), provider: "zitadel")
        let (text, body) = try written(log, RedactionPolicy(knownSecrets: [token], provider: "zitadel"))
        let survived = F.contains(text, anyOf: [token])
        #expect(!survived)
        let machine = (body["user"] as? [String: Any])?["machine"] as? [String: Any]
        #expect(machine?["hasSecret"] as? Bool == true)
        #expect(machine?["accessTokenType"] as? String == "ACCESS_TOKEN_TYPE_JWT")
        #expect((body["user"] as? [String: Any])?["state"] as? String == "USER_STATE_ACTIVE")
        #expect(text.contains("69629023906488334"), "the org id header is not a secret")
    }
}
