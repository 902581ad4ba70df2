import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

/// Placeholders keep the shape: a schema-valid `/me` body is still valid against its provider's
/// schema after redaction and pseudonymization.
@Suite("redaction keeps bodies schema-valid")
struct RedactedBodiesValidateTests {
    private static func bodies() -> [(provider: String, json: String, secrets: [String])] {
        let (otpURL, seed) = RandomSecret.otpauthURL(issuer: "Wacht", account: "ada@example.com")
        let codes = (0..<12).map { _ in RandomSecret.backupCode() }
        let totp = seed  // the enrolment secret is the seed in otp_url (an x-invariants relation)
        let invite = RandomSecret.base64url(43)
        let echoed = RandomSecret.unleashClientToken()
        return [
            (
                "atoms",
                #"{"status":true,"data":{"_id":"642f1c3e9b1e8a001f4d2a7b","firstName":"Ada","lastName":"Lovelace","userEmail":"ada@example.com","authProvider":"google","isEmailVerified":true,"organizationId":"org_9f8b7c6d5e4a3b2c1d0e"}}"#,
                []
            ),
            (
                "unleash",
                #"{"user":{"id":1,"name":"Ada Lovelace","email":"ada@example.com","username":null,"imageUrl":"https://gravatar.com/avatar/\#(RandomSecret.hex(64))?s=42&d=retro&r=g","inviteLink":"https://unleash.example.com/new-user?token=\#(invite)","loginAttempts":0,"emailSent":false,"rootRole":1,"seenAt":null,"createdAt":"2023-06-30T11:42:00.345Z","accountType":"User","permissions":[],"scimId":null,"seatType":"Regular","companyRole":null,"productUpdatesEmailConsent":null,"activeSessions":1,"deletedSessions":0},"permissions":[{"permission":"ADMIN"}],"feedback":[],"splash":{}}"#,
                [invite]
            ),
            (
                "unleash",
                #"{"user":{"username":"ci","permissions":["CLIENT"],"projects":["default"],"environment":"development","type":"client","secret":"\#(echoed)"},"permissions":[],"feedback":[],"splash":{}}"#,
                [echoed]
            ),
            (
                "wacht",
                #"{"data":{"id":"7205123456789012345","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z","first_name":"Ada","last_name":"Lovelace","username":"ada","availability":"away","has_profile_picture":false,"profile_picture_url":"","primary_email_address_id":"7205123456789012346","primary_phone_number_id":null,"primary_email_address":{"id":"7205123456789012346","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z","email":"ada@example.com","is_primary":true,"verified":true,"verified_at":"2024-01-02T03:04:05Z","verification_strategy":"otp"},"primary_phone_number":null,"second_factor_policy":"optional","user_email_addresses":[{"id":"7205123456789012346","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z","email":"ada@example.com","is_primary":true,"verified":true,"verified_at":"2024-01-02T03:04:05Z","verification_strategy":"otp"}],"user_phone_numbers":[{"id":"7205123456789012348","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z","phone_number":"+447700900123","country_code":"+44","verified":false,"verified_at":"0001-01-01T00:00:00Z"}],"has_password":true,"has_passkeys":false,"public_metadata":{},"segments":[],"user_authenticator":{"id":"7205123456789012347","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z","otp_url":"\#(otpURL)"},"backup_codes_generated":true,"backup_codes":[\#(codes.map { "\"\($0)\"" }.joined(separator: ","))],"totp_secret":"\#(totp)","last_password_reset_at":null,"schema_version":"v2","disabled":false,"active_organization_membership_id":null,"active_organization":null,"active_workspace_membership_id":null,"active_workspace":null},"errors":null,"message":"","session":null,"status":200}"#,
                [seed, totp] + codes
            ),
            (
                "zitadel",
                #"{"user":{"id":"69629012906488334","details":{"sequence":"2","creationDate":"2024-01-02T03:04:05.123Z","changeDate":"2024-01-02T03:04:05.123Z","resourceOwner":"69629023906488334"},"state":"USER_STATE_ACTIVE","userName":"ada","loginNames":["ada@example.zitadel.cloud"],"preferredLoginName":"ada@example.zitadel.cloud","human":{"profile":{"firstName":"Ada","lastName":"Lovelace","displayName":"Ada Lovelace","preferredLanguage":"en","avatarUrl":"https://zitadel.example.com/assets/v1/avatar.png"},"email":{"email":"ada@example.com","isEmailVerified":true},"phone":{}}},"lastLogin":"2024-01-02T03:04:05.123Z"}"#,
                []
            ),
        ]
    }

    @Test("each service's body validates before and after redaction, with and without pseudonymization", arguments: [false, true])
    func validAfterRedaction(pseudonymize: Bool) throws {
        for (provider, json, secrets) in Self.bodies() {
            let validator = try JSONSchemaValidator(schema: try ProviderSchemas.me(for: provider))
            let original = try JSONParser.parse(json)
            #expect(validator.validate(original).isEmpty, "fixture for \(provider) must be valid to begin with")
            let response = HAR.Response(
                status: 200, statusText: "OK", headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(body: Data(json.utf8), mimeType: "application/json"))
            let log = HAR.Log(
                entries: [
                    HAR.Entry(
                        startedDateTime: "2024-01-02T03:04:05.000Z", request: HAR.Request(method: "GET", url: "https://example.com/me"),
                        response: response)
                ],
                cassette: CassetteMetadata(provider: provider, source: "test"))
            let clean = try Redaction.sanitize(log, policy: RedactionPolicy(pseudonymize: pseudonymize, provider: provider))
            let redacted = try JSONParser.parse(clean.entries[0].response.content.text ?? "")
            let errors = validator.validate(redacted)
            #expect(errors.isEmpty, "\(provider): \(errors.map(\.description))")
            let text = clean.entries[0].response.content.text ?? ""
            let survived = secrets.contains { text.contains($0) }
            #expect(!survived, "\(provider): a secret survived")
        }
    }
}
