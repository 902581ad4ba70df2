import CassetteKit
import CassetteServer
import CassetteSynth
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The schemas say what the services really send, and what we ship or serve says the same.
@Suite("wire-true schemas: the shipped cassettes, the emulator and the synthesizer agree with them")
struct WireTrueSchemaTests {
    @Test("each shipped cassette validates against its provider's schemas and invariants", arguments: BuiltInProvider.allCases)
    func shippedCassettesValidate(provider: BuiltInProvider) throws {
        let log = try ShippedCassettes.log(provider)
        let checker = CassetteConformance(provider: try ProviderValidators(provider: provider.rawValue))
        let results = checker.check(log)
        #expect(!results.isEmpty)
        for result in results {
            #expect(result.outcome == .valid, "\(provider.rawValue) entry \(result.index): \(result.outcome)")
        }
    }

    @Test("the emulator's answers (each credential, and a refused one) validate, over real HTTP", arguments: BuiltInProvider.allCases)
    func emulatorAnswersValidate(provider: BuiltInProvider) async throws {
        let emulator = try await EmulatorServer.start(providers: [provider.rawValue])
        defer { Task { await emulator.stop() } }
        let validators = try ProviderValidators(provider: provider.rawValue)
        let checker = CassetteConformance(provider: validators)
        let endpoint = provider.endpoint
        let credentials = emulator.credentials(for: provider.rawValue).map(\.value) + ["refused-\(UUID().uuidString)"]
        for (index, credential) in credentials.enumerated() {
            var request = URLRequest(url: emulator.baseURL.appendingPathComponent(String(endpoint.path.dropFirst())))
            request.setValue(endpoint.credentialPrefix + credential, forHTTPHeaderField: endpoint.credentialHeader)
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = try #require(response as? HTTPURLResponse).statusCode
            let refused = index == credentials.count - 1
            #expect(refused ? status >= 400 : status == 200, "\(provider.rawValue) credential \(index): HTTP \(status)")
            let entry = HAR.Entry(
                startedDateTime: "2025-01-01T00:00:00.000Z", request: HAR.Request(method: "GET", url: endpoint.baseURL + endpoint.path),
                response: HAR.Response(
                    status: status, statusText: "", headers: [], content: HAR.Content(body: data, mimeType: "application/json")))
            let result = checker.check(entry, index: index)
            #expect(result.outcome == .valid, "\(provider.rawValue) credential \(index) (HTTP \(status)): \(result.outcome)")
        }
    }

    @Test("timestamps are written as each service writes them")
    func timestampForms() throws {
        let forms: [(BuiltInProvider, JSONPointer, String)] = [
            (.zitadel, JSONPointer(tokens: ["user", "details", "creationDate"]), "protojson: Z and 0, 3, 6 or 9 digits"),
            (.unleash, JSONPointer(tokens: ["user", "createdAt"]), "Date.toJSON: milliseconds and Z"),
            (.wacht, JSONPointer(tokens: ["data", "created_at"]), "Go RFC 3339 in UTC"),
        ]
        for (provider, pointer, what) in forms {
            for body in try Variants(of: provider, strategy: .random, seed: 5, count: 200) {
                guard let text = body.value(at: pointer)?.stringValue else { continue }
                #expect(text.hasSuffix("Z"), "\(provider.rawValue) \(pointer) \(what)")
                let fraction = text.split(separator: ".").dropFirst().first.map { $0.count - 1 } ?? 0
                switch provider {
                case .zitadel: #expect([0, 3, 6, 9].contains(fraction), "\(what)")
                case .unleash: #expect(fraction == 3, "\(what)")
                default: #expect(fraction <= 9, "\(what)")
                }
            }
        }
    }

    @Test("an Unleash API-token caller carries every ApiUser member, and its permissions fit its type")
    func unleashAPIUsers() throws {
        let expected = ["admin": ["ADMIN"], "client": ["CLIENT"], "backend": ["CLIENT"], "frontend": ["FRONTEND"]]
        var seen = 0
        for body in try Variants(of: .unleash, strategy: .random, seed: 9, count: 300) {
            guard let user = body["user"]?.objectValue, user["id"] == nil else { continue }
            seen += 1
            #expect(Set(user.keys).isSuperset(of: ["username", "permissions", "projects", "environment", "type", "secret"]))
            #expect(user["project"] == nil)
            let type = try #require(user["type"]?.stringValue)
            #expect(user["permissions"]?.arrayValue?.compactMap(\.stringValue) == expected[type], "type \(type)")
            #expect((user["internalAdminTokenUserId"] != nil) == (type == "admin"))
        }
        #expect(seen > 0, "no API-token caller among 300 random variants")
    }
}
