import CassetteKit
import CassetteSynth
import Foundation
import Testing

/// The example of `Documentation.docc/Mutations.md`, run: an app's decoder over every mutation
/// of a shipped cassette. The decoder is written the way an app would write it, with optional
/// members where ZITADEL may leave them out; the test fails if a mutation the service could
/// send would crash or reject it.
@Suite("example: an app's decoder over every mutation of a recorded response")
struct DecoderOverMutationsExample {
    struct Me: Decodable {
        struct User: Decodable {
            struct Human: Decodable {
                struct Profile: Decodable {
                    let firstName: String
                    let lastName: String
                    let displayName: String
                    let preferredLanguage: String?
                    let gender: String?
                }
                struct Email: Decodable {
                    let email: String
                    let isEmailVerified: Bool?
                }
                let profile: Profile
                let email: Email
            }
            let id: String
            let state: String
            let userName: String
            let loginNames: [String]
            let preferredLoginName: String
            let human: Human?
        }
        let user: User
        let lastLogin: String?
    }

    static let mutations: [NamedVariant] = {
        guard let log = try? ShippedCassettes.log(.zitadel), let variants = try? Variants(mutating: log) else { return [] }
        return zip(variants.names, variants.responses).map { NamedVariant(name: $0, value: $1.body) }
    }()

    @Test("decodes", arguments: mutations)
    func decodes(_ mutation: NamedVariant) throws {
        let me = try JSONDecoder().decode(Me.self, from: JSONSerializer.data(mutation.value))
        #expect(me.user.loginNames.contains(me.user.preferredLoginName), "\(mutation.name)")
    }

    @Test("there is something to decode")
    func hasMutations() {
        #expect(Self.mutations.count >= 10)
    }
}
