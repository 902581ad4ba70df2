import CassetteKit
import Foundation

/// Wacht frontend API, `GET /me`: `Cookie: __session=<ES256 JWT>`. Answers with the Go server's
/// envelope (`data, errors, message, session, status`, keys sorted), including the
/// authenticator's `otp_url` with its TOTP seed and, as the docs describe them, `totp_secret`
/// and `backup_codes`. Failures: 401 `Unauthorized` without a cookie, 401 `Invalid session` for
/// a value that is not a JWT, 400 `No active sign-in found` for a JWT of an unknown session.
enum WachtEmulation {
    static let path = "/me"
    /// The deployment host the emulated frontend API believes it serves.
    static let deploymentHost = "app.example.wacht.dev"

    /// A fresh session JWT (ES256 header, the server's claims, random signature).
    static func makeCredential() -> String {
        let now = Int(Date().timeIntervalSince1970)
        let claims =
            "{\"exp\":\(now + 86_400),\"iat\":\(now),\"iss\":\"https://\(deploymentHost)\",\"nbf\":\(now),\"rotating_token\":\"\(RandomToken.digits(19))\",\"sess\":\(RandomToken.digits(18))}"
        return Base64URL.encode("{\"alg\":\"ES256\",\"kid\":\"\(RandomToken.hex(16))\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(claims)
            + "." + RandomToken.base64url(86)
    }

    /// The `__session` cookie, or the Go server's 401 or 400.
    static func check(_ request: ServerRequest, accepted: [String], seed: UInt64) -> CredentialCheck {
        guard let presented = CredentialPlacement.cookie("__session").credential(in: request.headers), !presented.isEmpty else {
            return .refused(failure(401, "Unauthorized"))
        }
        guard let index = accepted.firstIndex(of: presented) else {
            let looksLikeJWT = presented.split(separator: ".", omittingEmptySubsequences: false).count == 3
            return .refused(looksLikeJWT ? failure(400, "No active sign-in found") : failure(401, "Invalid session"))
        }
        return .accepted(index: index)
    }

    /// The account of `seed`.
    static func answer(credential: String, seed: UInt64) -> ServerResponse {
        var values = SeededValues(seed: seed, provider: "wacht")
        return .json(200, body(&values))
    }

    private static func failure(_ status: Int, _ message: String) -> ServerResponse {
        .json(
            status, ["data": .null, "errors": .null, "message": .string(message), "session": .null, "status": .number(JSONNumber(status))])
    }

    private static func body(_ values: inout SeededValues) -> JSONValue {
        let person = values.person()
        let username = person.first.lowercased() + values.digits(2)
        let email = "\(person.first.lowercased()).\(person.last.lowercased())@example.com"
        let userID = values.digits(19)
        let emailID = values.digits(19)
        let phoneID = values.digits(19)
        let firstStamp = values.timestamp(fraction: 0)
        let secondStamp = values.timestamp(fraction: 0)
        // A record is created before it is updated (x-invariants in wacht.me.schema.json).
        let (created, updated) = firstStamp <= secondStamp ? (firstStamp, secondStamp) : (secondStamp, firstStamp)
        let emailAddress: JSONValue = [
            "id": .string(emailID), "created_at": .string(created), "updated_at": .string(updated),
            "email": .string(email), "is_primary": true, "verified": true, "verified_at": .string(created),
            "verification_strategy": "otp",
        ]
        let phone: JSONValue = [
            "id": .string(phoneID), "created_at": .string(created), "updated_at": .string(updated),
            "phone_number": .string("+1555\(values.digits(7))"), "country_code": "US", "verified": false,
            "verified_at": "0001-01-01T00:00:00Z",
        ]
        let seedBase32 = values.base32(32)
        let otpURL = "otpauth://totp/Wacht:\(email)?algorithm=SHA1&digits=6&issuer=Wacht&period=30&secret=\(seedBase32)"
        let backupCodes: [JSONValue] = (0..<12).map { _ in .string("\(values.alphanumeric(4))-\(values.alphanumeric(4))") }
        let user: JSONValue = [
            "id": .string(userID), "created_at": .string(created), "updated_at": .string(updated),
            "first_name": .string(person.first), "last_name": .string(person.last), "username": .string(username),
            "availability": "available", "has_profile_picture": true,
            "profile_picture_url": .string("https://cdn.wacht.dev/uploads/\(values.digits(19))/avatar.png"),
            "primary_email_address_id": .string(emailID), "primary_phone_number_id": .string(phoneID),
            "primary_email_address": emailAddress, "primary_phone_number": phone,
            "second_factor_policy": "optional",
            "user_email_addresses": [emailAddress], "user_phone_numbers": [phone],
            "social_connections": [
                [
                    "id": .string(values.digits(19)), "created_at": .string(created), "updated_at": .string(updated),
                    "provider": "github_oauth", "email_address": .string(email),
                    "user_email_address_id": .number(JSONNumber(literal: emailID)),
                ]
            ],
            "has_password": true, "has_passkeys": false,
            "public_metadata": ["plan": "team"],
            "segments": [["id": .string(values.digits(19)), "name": "Beta testers", "type": "user"]],
            "user_authenticator": [
                "id": .string(values.digits(19)), "created_at": .string(created), "updated_at": .string(updated),
                "otp_url": .string(otpURL),
            ],
            "backup_codes_generated": true,
            "backup_codes": .array(backupCodes),
            "totp_secret": .string(seedBase32),
            "last_password_reset_at": .null, "schema_version": "v2", "disabled": false,
            "active_organization_membership_id": .null, "active_organization": .null,
            "active_workspace_membership_id": .null, "active_workspace": .null,
        ]
        let signinID = values.digits(19)
        let session: JSONValue = [
            "id": .string(values.digits(19)), "created_at": .string(created), "updated_at": .string(updated),
            "active_signin_id": .string(signinID),
            "signins": [
                [
                    "id": .string(signinID), "created_at": .string(created), "updated_at": .string(updated),
                    "user_id": .string(userID), "expires_at": .string(values.timestamp(fraction: 0)),
                    "last_active_at": .string(updated), "ip_address": .string("203.0.113.\(values.int(1...254))"),
                    "browser": "Firefox", "device": "Macintosh", "city": "Berlin", "region": "Berlin", "country": "DE",
                ]
            ],
        ]
        return ["data": user, "errors": .null, "message": "", "session": session, "status": 200]
    }
}
