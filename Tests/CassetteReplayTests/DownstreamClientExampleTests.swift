// A runnable example of what a downstream app does with this library: its own `/me` client and
// Codable models, tested offline against the shipped cassettes through a replayed URLSession.
// Copy this pattern into your tests; your client takes a URLSession (or configuration), and the
// test hands it `replay.session`.
import CassetteReplay
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The app's "current user", whatever service it comes from.
struct CurrentUser: Equatable {
    var id: String
    var displayName: String
    var email: String?
}

/// The app's client: one `/me` call per service, decoded with Codable.
struct MeClient {
    let session: URLSession

    func currentUser(_ request: URLRequest, service: ShippedCassette) async throws -> CurrentUser {
        let (data, response) = try await session.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw URLError(.badServerResponse) }
        let decoder = JSONDecoder()
        switch service {
        case .atoms:
            struct Body: Decodable {
                struct User: Decodable {
                    let _id: String
                    let firstName: String
                    let lastName: String?
                    let userEmail: String?
                }
                let status: Bool
                let data: User
            }
            let user = try decoder.decode(Body.self, from: data).data
            return CurrentUser(
                id: user._id,
                displayName: [user.firstName, user.lastName ?? ""].joined(separator: " ").trimmingCharacters(in: .whitespaces),
                email: user.userEmail)
        case .unleash:
            struct Body: Decodable {
                struct User: Decodable {
                    let id: Int
                    let name: String?
                    let email: String?
                    let username: String?
                }
                let user: User
            }
            let user = try decoder.decode(Body.self, from: data).user
            return CurrentUser(id: String(user.id), displayName: user.name ?? user.username ?? "", email: user.email)
        case .wacht:
            struct Body: Decodable {
                struct Email: Decodable { let email: String }
                struct User: Decodable {
                    let id: String
                    let first_name: String
                    let last_name: String
                    let primary_email_address: Email?
                }
                let data: User
            }
            let user = try decoder.decode(Body.self, from: data).data
            return CurrentUser(id: user.id, displayName: "\(user.first_name) \(user.last_name)", email: user.primary_email_address?.email)
        case .zitadel:
            struct Body: Decodable {
                struct Profile: Decodable { let displayName: String? }
                struct Email: Decodable { let email: String }
                struct Human: Decodable {
                    let profile: Profile?
                    let email: Email?
                }
                struct User: Decodable {
                    let id: String
                    let userName: String
                    let human: Human?
                }
                let user: User
            }
            let user = try decoder.decode(Body.self, from: data).user
            return CurrentUser(id: user.id, displayName: user.human?.profile?.displayName ?? user.userName, email: user.human?.email?.email)
        default:
            // Shipped cassettes follow the provider profiles, so the list can grow.
            throw URLError(.unsupportedURL)
        }
    }
}

@Suite("Example: a downstream /me client decodes each service through a replayed URLSession")
struct DownstreamClientExampleTests {
    @Test("the client decodes the current user of each service", arguments: ShippedCassette.allCases)
    func decodesCurrentUser(_ service: ShippedCassette) async throws {
        let replay = try service.replaySession()
        defer { replay.finish() }
        let user = try await MeClient(session: replay.session).currentUser(try service.request(), service: service)
        #expect(!user.id.isEmpty)
        #expect(!user.displayName.isEmpty)
        #expect(user.email?.hasSuffix("@example.com") ?? true, "shipped cassettes carry only example addresses")
    }
}
