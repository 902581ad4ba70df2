import CassetteKit
import Foundation

/// Unleash, `GET /api/admin/user`: `Authorization: <token>` (a `Bearer ` prefix is stripped, as
/// the server's bearer-token middleware does). A personal access token gets the user with its
/// `inviteLink`; an admin API token gets the `ApiUser` with the token echoed in `secret`.
/// Failures are the server's 401 bodies (`UnauthorizedError` with a header,
/// `AuthenticationRequired` without).
enum UnleashEmulation {
    static let path = "/api/admin/user"
    /// The `unleashUrl` the emulated server believes it has (used in invite links).
    static let publicURL = "https://unleash.example.com"

    /// A fresh personal access token (`user:` + 56 hex).
    static func makeCredential() -> String { "user:" + RandomToken.hex(56) }
    /// A fresh admin API token (`*:*.` + 56 hex), echoed back by the server.
    static func makeAdminToken() -> String { "*:*." + RandomToken.hex(56) }

    /// `Bearer <token>` (any case, any run of spaces or tabs) to `<token>`; one linear pass.
    static func strippingBearer(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.count > 6, String(decoding: bytes[0..<6], as: UTF8.self).lowercased() == "bearer" else { return value }
        var index = 6
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index > 6 else { return value }
        return String(decoding: bytes[index...], as: UTF8.self)
    }

    /// The `Authorization` token (a `Bearer ` prefix stripped), or one of the server's 401s.
    static func check(_ request: ServerRequest, accepted: [String], seed: UInt64) -> CredentialCheck {
        var values = SeededValues(seed: seed, provider: "unleash")
        guard var presented = request.headers.value(named: "Authorization") else {
            return .refused(
                .json(
                    401,
                    [
                        "id": .string(values.uuid()), "name": "AuthenticationRequired",
                        "message":
                            "You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login.",
                        "details": [
                            [
                                "message":
                                    "You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login."
                            ]
                        ],
                        "path": "/auth/simple/login", "type": "password", "defaultHidden": false, "options": [],
                    ]))
        }
        presented = strippingBearer(presented)
        guard let index = accepted.firstIndex(of: presented) else {
            return .refused(
                .json(
                    401,
                    [
                        "id": .string(values.uuid()), "name": "UnauthorizedError", "message": "You must log in to use Unleash.",
                        "details": [["message": "You must log in to use Unleash."]],
                    ]))
        }
        return .accepted(index: index)
    }

    /// The user of a personal access token (the account of `seed`), or the `ApiUser` of an
    /// admin API token with the token echoed in `secret`.
    static func answer(credential presented: String, seed: UInt64) -> ServerResponse {
        var values = SeededValues(seed: seed, provider: "unleash")
        if !presented.hasPrefix("user:") {
            return .json(
                200,
                [
                    "user": [
                        "username": "ci-admin-token", "permissions": ["ADMIN"], "projects": ["*"], "environment": "*",
                        "type": "admin", "secret": .string(presented), "internalAdminTokenUserId": -42,
                    ],
                    "permissions": [["permission": "ADMIN"]], "feedback": [], "splash": [:],
                ])
        }
        let person = values.person()
        let email = "\(person.first.lowercased())@example.com"
        let createdAt = values.timestamp()
        let user: JSONValue = [
            "id": .number(JSONNumber(values.int(1...400))),
            "name": .string("\(person.first) \(person.last)"),
            "email": .string(email),
            "username": .null,
            "imageUrl": .string("https://gravatar.com/avatar/\(values.hex(64))?s=42&d=retro&r=g"),
            "inviteLink": .string("\(publicURL)/new-user?token=\(values.base64url(43))"),
            "loginAttempts": 0,
            "emailSent": true,
            "rootRole": 1,
            "seenAt": .string(values.timestamp()),
            "createdAt": .string(createdAt),
            "accountType": "User",
            "permissions": [],
            "scimId": .null,
            "seatType": "Regular",
            "companyRole": .null,
            "productUpdatesEmailConsent": false,
            "activeSessions": 1,
            "deletedSessions": 0,
        ]
        return .json(
            200,
            [
                "user": user,
                "permissions": [
                    ["permission": "ADMIN"],
                    ["permission": "UPDATE_FEATURE", "project": "default", "environment": "development"],
                ],
                "feedback": [["userId": .number(JSONNumber(1)), "feedbackId": "pnps", "neverShow": false, "given": .null]],
                "splash": ["environment": true, "personalDashboardKeyConcepts": false],
            ])
    }
}
