import CassetteFormat
import CassetteYAML
import Foundation
import Testing

/// The toolkit's one YAML reader, shared by cassette import, OpenAPI import and YAML profiles.
@Suite("YAMLReader: one order-keeping, bounded YAML reader")
struct YAMLReaderTests {
    @Test("members keep the order they are written in, at every level")
    func keepsMemberOrder() throws {
        let value = try YAMLReader.parse(
            """
            zeta: 1
            alpha:
              X-Second: b
              A-First: a
            mid: [3, 2, 1]
            """)
        #expect(value.objectValue?.members.map(\.key) == ["zeta", "alpha", "mid"])
        #expect(value["alpha"]?.objectValue?.members.map(\.key) == ["X-Second", "A-First"])
        #expect(JSONSerializer.string(value) == #"{"zeta":1,"alpha":{"X-Second":"b","A-First":"a"},"mid":[3,2,1]}"#)
    }

    @Test("scalars are typed as PyYAML and Psych write them; quoted numbers stay strings")
    func scalarTypes() throws {
        let value = try YAMLReader.parse("a: 12\nb: 1.5\nc: true\nd: ~\ne: '12'\nf: yes\ng: text")
        #expect(JSONSerializer.string(value) == #"{"a":12,"b":1.5,"c":true,"d":null,"e":"12","f":true,"g":"text"}"#)
    }

    @Test("JSON is read as YAML, order kept")
    func readsJSON() throws {
        let value = try YAMLReader.parse(#"{"b": [1, {"y": 2, "x": 3}], "a": "s"}"#)
        #expect(JSONSerializer.string(value) == #"{"b":[1,{"y":2,"x":3}],"a":"s"}"#)
    }

    @Test("binary scalars become {\"!!binary\": base64} and read back as bytes")
    func binary() throws {
        let value = try YAMLReader.parse("body: !!binary |\n  aGVsbG8=\n")
        #expect(YAMLReader.binaryData(try #require(value["body"])) == Data("hello".utf8))
    }

    @Test("hostile input ends with an error naming the problem: aliases, alias bombs, deep nesting, bad syntax, empty")
    func hostileInput() {
        let laughs =
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse(laughs) }
        let deep = String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse(deep) }
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse("a: [1, 2\nb: }") }
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse("") }
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse("? [a, b]\n: c\n") }
    }
}
