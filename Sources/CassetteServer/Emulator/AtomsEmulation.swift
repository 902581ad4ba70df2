import CassetteKit
import Foundation

/// Smallest.ai Atoms, `GET /atoms/v1/user`: `Authorization: Bearer sk_...`; 401
/// `{"status":false,"errors":["Unauthorized: User not found"]}` otherwise.
enum AtomsEmulation {
    static let path = "/atoms/v1/user"

    /// A fresh API key (`sk_` + random suffix).
    static func makeCredential() -> String { "sk_" + RandomToken.alphanumeric(40) }

    /// The bearer key, or Express's 401.
    static func check(_ request: ServerRequest, accepted: [String], seed: UInt64) -> CredentialCheck {
        let presented = CredentialPlacement.bearer(header: "Authorization").credential(in: request.headers)
        guard let presented, let index = accepted.firstIndex(of: presented) else {
            return .refused(.json(401, ["status": false, "errors": ["Unauthorized: User not found"]]))
        }
        return .accepted(index: index)
    }

    /// The account of `seed`.
    static func answer(credential: String, seed: UInt64) -> ServerResponse {
        var values = SeededValues(seed: seed, provider: "atoms")
        let person = values.person()
        let email = "\(person.first.lowercased()).\(person.last.lowercased())@example.com"
        let body: JSONValue = [
            "status": true,
            "data": [
                "_id": .string(values.hex(24)),
                "firstName": .string(person.first),
                "lastName": .string(person.last),
                "userEmail": .string(email),
                "authProvider": "google",
                "isEmailVerified": true,
                "organizationId": .string(values.hex(24)),
            ],
        ]
        return .json(200, body, headers: [HAR.NameValue(name: "X-Powered-By", value: "Express")])
    }
}
