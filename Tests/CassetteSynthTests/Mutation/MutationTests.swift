import CassetteKit
import CassetteReplay
import CassetteSynth
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("mutate: one-place variants of a recorded response")
struct MutationTests {
    /// The locations where two documents differ (a changed, added or removed member counts once).
    static func differences(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer = .root) -> [JSONPointer] {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let keys = x.keys + y.keys.filter { x[$0] == nil }
            return keys.flatMap { key -> [JSONPointer] in
                guard let left = x[key], let right = y[key] else { return [pointer.appending(key)] }
                return differences(left, right, at: pointer.appending(key))
            }
        case (.array(let x), .array(let y)) where x.count == y.count:
            return zip(x, y).enumerated().flatMap { index, pair in differences(pair.0, pair.1, at: pointer.appending(index)) }
        default:
            return a == b ? [] : [pointer]
        }
    }

    @Test(
        "every mutation of each shipped cassette is valid, keeps the invariants, and changes exactly the place it names",
        arguments: BuiltInProvider.allCases)
    func mutationsOfShippedCassettes(provider: BuiltInProvider) throws {
        let log = try ShippedCassettes.log(provider)
        let recorded = try JSONParser.parse(try #require(log.entries[0].response.content.bodyData))
        let variants = try Variants(mutating: log)
        #expect(variants.provider == provider)
        #expect(variants.responses.count >= 8, "\(provider.rawValue): only \(variants.responses.count) mutations")
        #expect(Set(variants.names).count == variants.names.count, "names are unique")
        let schema = try ProviderSchemas.me(for: provider.rawValue)
        let validator = try JSONSchemaValidator(schema: schema)
        let invariants = try InvariantChecker(schema: schema)
        for (name, response) in zip(variants.names, variants.responses) {
            #expect(validator.isValid(response.body), "\(name)")
            #expect(invariants.holds(in: response.body), "\(name)")
            #expect(response.status == log.entries[0].response.status)
            let pointer = String(name[..<(name.range(of: ": ")?.lowerBound ?? name.endIndex)])
            let changed = Self.differences(recorded, response.body)
            let named = try #require(JSONPointer(pointer))
            #expect(
                !changed.isEmpty && changed.allSatisfy { $0 == named || $0.tokens.starts(with: named.tokens) }, "\(name) changed \(changed)"
            )
        }
    }

    @Test("the kinds of change a downstream test needs appear, named by pointer and change")
    func kindsOfChange() throws {
        let names = Set(try Variants(mutating: try ShippedCassettes.log(.wacht)).names)
        for expected in [
            "/data/social_connections: absent", "/data/availability: \"busy\"",
            "/data/first_name: non-ASCII", "/data/first_name: long string", "/data/user_email_addresses: 2 elements",
            "/data/has_password: false",
        ] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(!names.contains("/data/primary_phone_number: null"), "the id still names it: x-invariants keeps them together")
        let zitadel = Set(try Variants(mutating: try ShippedCassettes.log(.zitadel)).names)
        #expect(zitadel.contains("/user/state: \"USER_STATE_LOCKED\""))
        #expect(zitadel.contains("/lastLogin: absent"))
        #expect(!zitadel.contains("/user/details: absent"), "a member the service always sends is never dropped")
    }

    @Test("count and seed pick a stable sample in document order")
    func sampling() throws {
        let log = try ShippedCassettes.log(.unleash)
        let all = try Variants(mutating: log).names
        let first = try Variants(mutating: log, count: 5, seed: 11).names
        #expect(first.count == 5)
        #expect(first == (try Variants(mutating: log, count: 5, seed: 11).names))
        #expect(first == all.filter { first.contains($0) }, "in document order")
    }

    @Test("as cassettes, mutations replay with the recorded request, status and headers", arguments: [BuiltInProvider.zitadel, .wacht])
    func replaysAsRecorded(provider: BuiltInProvider) async throws {
        let log = try ShippedCassettes.log(provider)
        let variants = try Variants(mutating: log, count: 6, seed: 2)
        let recorded = log.entries[0]
        for (name, cassette) in zip(variants.names, variants.cassettes()) {
            let entry = try #require(cassette.entries.first)
            #expect(cassette.entries.count == 1)
            #expect(entry.request == recorded.request, "\(name)")
            #expect(entry.response.status == recorded.response.status)
            #expect(
                entry.response.headers.filter { $0.name.lowercased() != "content-length" }
                    == recorded.response.headers.filter { $0.name.lowercased() != "content-length" })
            let replay = ReplaySession(log: cassette, name: "mutation \(name)")
            defer { replay.finish() }
            var request = URLRequest(url: try #require(URL(string: recorded.request.url)))
            request.httpMethod = recorded.request.method
            for header in recorded.request.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
            let (data, response) = try await replay.session.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == recorded.response.status)
            let length = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Length")
            #expect(length == nil || length == String(data.count), "\(name): Content-Length follows the new body")
            let index = try #require(variants.names.firstIndex(of: name))
            #expect(try JSONParser.parse(data) == variants.responses[index].body, "\(name)")
        }
    }

    @Test("a recording that breaks its schema is refused with the place and the next step")
    func invalidRecordingIsRefused() throws {
        var log = try ShippedCassettes.log(.atoms)
        log.entries[0].response.content = HAR.Content(
            body: Data(#"{"status":true,"data":{"_id":"nope"}}"#.utf8), mimeType: "application/json")
        #expect {
            _ = try Variants(mutating: log)
        } throws: { error in
            "\(error)".contains("cassette validate")
        }
    }
}
