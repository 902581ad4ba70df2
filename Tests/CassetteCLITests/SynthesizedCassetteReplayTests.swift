import CassetteKit
import CassetteReplay
import CassetteSynth
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Synthesized cassettes replay through the URL protocol")
struct SynthesizedCassetteReplayTests {
    @Test(
        "edge variants of each service, and its error bodies, come back in order with their statuses", arguments: BuiltInProvider.allCases)
    func replaysInOrder(_ provider: BuiltInProvider) async throws {
        for errors in [false, true] {
            let variants = try Variants(of: provider, errors: errors, strategy: .edge, seed: 7, count: 5)
            let log = variants.cassette()
            #expect(log.cassette?.source == "synth")
            let replay = ReplaySession(log: log, name: "synth \(provider.rawValue)")
            defer { replay.finish() }
            for (index, expected) in variants.responses.enumerated() {
                var request = URLRequest(url: try #require(URL(string: log.entries[index].request.url)))
                request.httpMethod = log.entries[index].request.method
                for header in log.entries[index].request.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
                let (data, response) = try await replay.session.data(for: request)
                #expect((response as? HTTPURLResponse)?.statusCode == expected.status)
                #expect(try JSONParser.parse(data) == expected.body, "\(provider.rawValue) variant \(index)")
            }
        }
    }
}
