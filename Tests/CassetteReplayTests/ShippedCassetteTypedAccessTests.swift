import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("ShippedCassette: the four cassettes in the library's resources, in one line")
struct ShippedCassetteTypedAccessTests {
    @Test("each shipped cassette replays its recorded request", arguments: ShippedCassette.allCases)
    func replays(_ cassette: ShippedCassette) async throws {
        let replay = try cassette.replaySession()
        defer { replay.finish() }
        let expected = try #require(try cassette.log().entries.first)
        let (data, response) = try await replay.session.data(for: try cassette.request())
        #expect((response as? HTTPURLResponse)?.statusCode == expected.response.status)
        #expect(data == expected.response.content.bodyData)
    }

    @Test("the shipped copies are byte-identical to Cassettes/ (re-run `cassette demo` and copy them when this fails)")
    func upToDate() throws {
        let root = BuiltProducts.packageRoot().appendingPathComponent("Cassettes")
        for cassette in ShippedCassette.allCases {
            let shipped = try Data(contentsOf: try #require(cassette.url))
            let committed = try Data(contentsOf: root.appendingPathComponent("\(cassette.rawValue)/me.har.gz"))
            #expect(shipped == committed, "Sources/CassetteReplay/Resources/Shipped/\(cassette.rawValue).har.gz is stale")
        }
    }
}
