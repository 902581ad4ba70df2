import CassetteKit
import CassetteTestSupport
import CassetteVerify
import Testing

/// The structural diff a drift report is made of: places and kinds of change, never values.
@Suite("structural diff of a recorded and a live body")
struct StructuralDiffTests {
    private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }
    private func lines(_ old: String, _ new: String, constants: Bool = true) throws -> [String] {
        StructuralDiff.changes(recorded: try json(old), live: try json(new), constants: constants).map(\.description)
    }

    @Test("other values in the same structure are no drift: ids, names, timestamps, list lengths")
    func valuesAreNotDrift() throws {
        let old = #"{"user":{"id":"1","name":"Ada","seen":"2025-01-01T00:00:00Z","roles":["a","b"],"n":1}}"#
        let new = #"{"user":{"n":2.5,"roles":["c"],"seen":"2026-12-07T10:00:00Z","name":"Grace","id":"99"}}"#
        #expect(try lines(old, new) == [])
    }

    @Test("members removed and added are named by pointer, added ones with their kind")
    func membersAddedAndRemoved() throws {
        let changes = try lines(#"{"lastLogin":"x","user":{"profile":{"a":1}}}"#, #"{"user":{"profile":{"a":1,"nickName":"n"}}}"#)
        #expect(changes == ["/lastLogin removed", "/user/profile/nickName added (string)"])
    }

    @Test("a kind of value that changed is named with both kinds")
    func typeChanged() throws {
        #expect(
            try lines(#"{"user":{"details":{"sequence":"12"}}}"#, #"{"user":{"details":{"sequence":12}}}"#)
                == ["/user/details/sequence string -> number"])
        #expect(try lines(#"{"a":null}"#, #"{"a":{"b":1}}"#) == ["/a null -> object"])
    }

    @Test("an array that became empty or non-empty is reported; elements are compared as one shape")
    func arrays() throws {
        #expect(try lines(#"{"codes":["x"]}"#, #"{"codes":[]}"#) == ["/codes became empty"])
        #expect(try lines(#"{"codes":[]}"#, #"{"codes":["x"]}"#) == ["/codes became non-empty"])
        #expect(try lines(#"{"items":[{"a":1},{"a":2}]}"#, #"{"items":[{"a":3,"b":true}]}"#) == ["/items/*/b added (boolean)"])
    }

    @Test("a constant the recording never held at that place is a new enum value, without the value")
    func newEnumValue() throws {
        let changes = try lines(#"{"state":"USER_STATE_ACTIVE"}"#, #"{"state":"USER_STATE_LOCKED"}"#)
        #expect(changes == ["/state new enum value"])
        #expect(!changes.joined().contains("LOCKED"))
        #expect(try lines(#"{"state":"USER_STATE_ACTIVE"}"#, #"{"state":"USER_STATE_LOCKED"}"#, constants: false) == [])
        #expect(try lines(#"{"name":"Ada"}"#, #"{"name":"Grace"}"#) == [], "ordinary words are not constants")
    }

    @Test("a secret used as a member name is hidden in the report")
    func secretMemberName() throws {
        let token = RandomSecret.alphanumeric(40)
        let changes = try lines(#"{"a":1}"#, "{\"a\":1,\"\(token)\":\"x\"}")
        #expect(changes.count == 1)
        #expect(!changes[0].contains(token))
        #expect(changes[0].contains("added"))
    }

    @Test("a deep or wide body ends early and alike: bounded depth, bounded list of changes")
    func bounded() throws {
        let deep = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
        let deeper = String(repeating: "[", count: 400) + "1" + String(repeating: "]", count: 400)
        _ = StructuralDiff.changes(recorded: (try? json(deep)) ?? .null, live: (try? json(deeper)) ?? .null)
        let wide = "{" + (0..<1000).map { "\"k\($0)\":1" }.joined(separator: ",") + "}"
        #expect(try lines("{}", wide).count == StructuralDiff.maxChanges)
    }
}
