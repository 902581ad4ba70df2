import CassetteKit
import CassetteSynth
import Foundation
import Testing

@Suite("PrettyBodies: bodies printed on every core, the same bytes as the serializer")
struct PrettyBodiesTests {
    @Test("no body, one body and many bodies print exactly as JSONSerializer's pretty style", arguments: [0, 1, 2, 7, 300])
    func sameBytes(count: Int) throws {
        let bodies = try Variants(of: .wacht, strategy: .random, seed: 8, count: max(count, 1)).responses.map(\.body).prefix(count)
        // Strings with escaped newlines and nested empty containers, beside real variants.
        let odd: JSONValue = ["text": "line one\nline two\n", "empty": .array([]), "nested": ["a": .array([["b": .object(JSONObject())]])]]
        let all = Array(bodies) + (count > 1 ? [odd] : [])
        let expected = JSONSerializer.data(all.count == 1 ? all[0] : .array(all), style: .pretty)
        #expect(PrettyBodies.data(all) == expected)
    }
}
