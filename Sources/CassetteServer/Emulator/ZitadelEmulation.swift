import CassetteKit
import Foundation

/// ZITADEL Auth API v1, `GET /auth/v1/users/me`: `Authorization: Bearer <opaque token>`.
/// Answers protojson (lowerCamelCase, zero values omitted, uint64 as strings); failures are the
/// grpc-gateway status body with code 16 and HTTP 401.
enum ZitadelEmulation {
    static let path = "/auth/v1/users/me"

    /// A fresh opaque access token (base64url, no stable prefix).
    static func makeCredential() -> String { RandomToken.base64url(86) }

    /// The bearer token, or grpc-gateway's 401.
    static func check(_ request: ServerRequest, accepted: [String], seed: UInt64) -> CredentialCheck {
        guard let presented = CredentialPlacement.bearer(header: "Authorization").credential(in: request.headers) else {
            return .refused(failure(message: "auth header missing", id: "AUTH-7fs1e"))
        }
        guard let index = accepted.firstIndex(of: presented) else {
            return .refused(failure(message: "Errors.Token.Invalid", id: "AUTH-7fs1e"))
        }
        return .accepted(index: index)
    }

    /// The account of `seed`.
    static func answer(credential: String, seed: UInt64) -> ServerResponse {
        var values = SeededValues(seed: seed, provider: "zitadel")
        let stamps = chronological(&values)
        let person = values.person()
        let userName = person.first.lowercased()
        let loginName = "\(userName)@acme.zitadel.cloud"
        let user: JSONValue = [
            "id": .string(values.digits(18)),
            "details": [
                "sequence": .string(String(values.int(2...900))), "creationDate": .string(stamps.creation),
                "changeDate": .string(stamps.change), "resourceOwner": .string(values.digits(18)),
            ],
            "state": "USER_STATE_ACTIVE",
            "userName": .string(userName),
            "loginNames": [.string(loginName)],
            "preferredLoginName": .string(loginName),
            "human": [
                "profile": [
                    "firstName": .string(person.first), "lastName": .string(person.last),
                    "displayName": .string("\(person.first) \(person.last)"), "preferredLanguage": "en",
                    "gender": "GENDER_FEMALE",
                    "avatarUrl": .string("https://acme.zitadel.cloud/assets/v1/\(values.digits(18))/users/avatar"),
                ],
                "email": ["email": .string("\(userName)@example.com"), "isEmailVerified": true],
                "phone": [:],
                "passwordChanged": .string(stamps.passwordChanged),
            ],
        ]
        return .json(200, ["user": user, "lastLogin": .string(stamps.lastLogin)])
    }

    /// The user's timestamps in the order they happen (creation first; x-invariants in
    /// zitadel.me.schema.json), each with the fractional digits protojson gives it.
    private static func chronological(_ values: inout SeededValues) -> (
        creation: String, change: String, passwordChanged: String, lastLogin: String
    ) {
        let drawn = [
            values.timestamp(fraction: 6), values.timestamp(fraction: 6), values.timestamp(fraction: 3), values.timestamp(fraction: 9),
        ]
        let seconds = drawn.map { $0.prefix(19) }.sorted()
        let stamps = drawn.enumerated().map { index, stamp in String(seconds[index] + stamp.dropFirst(19)) }
        return (stamps[0], stamps[1], stamps[2], stamps[3])
    }

    private static func failure(message: String, id: String) -> ServerResponse {
        .json(
            401,
            [
                "code": 16, "message": .string("\(message) (\(id))"),
                "details": [["@type": "type.googleapis.com/zitadel.v1.ErrorDetail", "id": .string(id), "message": .string(message)]],
            ])
    }
}
