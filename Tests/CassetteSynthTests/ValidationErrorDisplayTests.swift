import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

@Suite("validate errors print pointers and messages through the display path")
struct ValidationErrorDisplayTests {
    @Test("a secret used as a member name is hidden in the pointer and the message; the rest stays")
    func secretMemberName() throws {
        let secret = RandomSecret.alphanumeric(40)
        let schema = try JSONParser.parse(
            Data(
                #"""
                {"type": "object", "properties": {"user": {"type": "object", "properties": {"name": {"type": "string"}},
                  "additionalProperties": false}}}
                """#.utf8))
        let instance = try JSONParser.parse(Data(#"{"user": {"name": "Ada", "\#(secret)": true}}"#.utf8))
        let errors = try JSONSchemaValidator(schema: schema).validate(instance)
        #expect(errors.count == 1)
        let text = errors.map(\.description).joined(separator: "\n")
        #expect(!SecretTraces.found(secret, in: text))
        #expect(text.hasPrefix("/user/<hidden:token>: property \"<hidden:token>\" is not allowed here"))
        #expect(text.contains("[schema /properties/user/additionalProperties]"))
    }
}
