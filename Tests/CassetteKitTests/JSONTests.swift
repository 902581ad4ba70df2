import CassetteKit
import Foundation
import Testing

@Suite("JSON parser and serializer")
struct JSONTests {
    @Test("keeps member order and number literals, including integers above 2^53")
    func keepsOrderAndLiterals() throws {
        let text = #"{"z":1,"a":7205123456789012345,"m":1.50,"e":-2.5E+3,"s":"x\ny\u00e9\ud83d\ude00","n":null,"t":[true,false]}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "e", "s", "n", "t"])
        #expect(value["a"]?.numberValue?.literal == "7205123456789012345")
        #expect(value["s"]?.stringValue == "x\nyé😀")
        let again = JSONSerializer.string(value)
        #expect(again == #"{"z":1,"a":7205123456789012345,"m":1.50,"e":-2.5E+3,"s":"x\nyé😀","n":null,"t":[true,false]}"#)
        #expect(try JSONParser.parse(again) == value)
    }

    @Test("escaped strings decode every escape between runs of plain text, as JSON bodies inside cassettes have them")
    func escapedStrings() throws {
        let inner = #"{"token":"REDACTED_1","url":"https://x.test/a?b=c","note":"tab\there"}"#
        let outer = JSONSerializer.string(.object(JSONObject([("text", .string(inner))])))
        #expect(try JSONParser.parse(outer)["text"]?.stringValue == inner)
        let all = #"["a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20ac\ud83d\ude00j"]"#
        #expect(try JSONParser.parse(all).arrayValue?.first?.stringValue == "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\tiAé€😀j")
        // Invalid UTF-8, a control character and the end of input, each after an escape.
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(#""a\nb"#.utf8) + Data([0xFF, 0x22])) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("\"a\\nb\u{01}\"") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""a\nb"#) }
    }

    @Test("serialization is deterministic and pretty output is stable")
    func deterministic() throws {
        let value = try JSONParser.parse(#"{"b":{"c":[1,{"d":""}]},"a":[]}"#)
        let first = JSONSerializer.data(value, style: .pretty)
        let second = JSONSerializer.data(try JSONParser.parse(first), style: .pretty)
        #expect(first == second)
        #expect(
            String(decoding: first, as: UTF8.self)
                == "{\n  \"b\": {\n    \"c\": [\n      1,\n      {\n        \"d\": \"\"\n      }\n    ]\n  },\n  \"a\": []\n}\n")
    }

    @Test(
        "invalid documents give located errors",
        arguments: [
            ("{\"a\":1,}", 1), ("[1,2", 1), ("{\"a\" 1}", 1), ("tru", 1), ("\"\u{01}\"", 1), ("{}\n x", 2), ("01", 1), ("\"\\ud800\"", 1),
        ])
    func locatedErrors(text: String, line: Int) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.line == line)
            #expect(!error.reason.isEmpty)
        }
    }

    @Test("refuses invalid UTF-8 and hostile nesting without crashing")
    func hostileInput() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22, 0xFF, 0xFE, 0x22])) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test("semantic equality ignores member order and number spelling")
    func semanticEquality() throws {
        let a = try JSONParser.parse(#"{"x":1.0,"y":[1,2]}"#)
        let b = try JSONParser.parse(#"{"y":[1,2],"x":1}"#)
        #expect(a.isSemanticallyEqual(to: b))
        #expect(a != b)
        #expect(!a.isSemanticallyEqual(to: try JSONParser.parse(#"{"y":[2,1],"x":1}"#)))
    }

    @Test("JSON pointers escape and resolve")
    func pointers() throws {
        let value = try JSONParser.parse(#"{"a/b":{"c~d":[10,20]}}"#)
        let pointer = JSONPointer.root.appending("a/b").appending("c~d").appending(1)
        #expect(pointer.description == "/a~1b/c~0d/1")
        #expect(JSONPointer(pointer.description) == pointer)
        #expect(value.value(at: pointer) == 20)
        #expect(value.value(at: pointer.appending("x")) == nil)
    }
}

@Suite("JSON parser: strings at every alignment of the eight-byte scan")
struct JSONStringScanTests {
    /// Random strings of every length up to 40, mixing ASCII, escapes and multi-byte scalars, so
    /// that quotes, backslashes and non-ASCII bytes land at every offset of a word.
    @Test("random strings round-trip through serializer and parser")
    func randomStringsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "€", "😀", "\u{7F}", "\u{FFFD}"]
        for length in 0...40 {
            for _ in 0..<20 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "a" }.joined()
                let document = JSONValue.array([.string(text), .string(String(repeating: "x", count: length))])
                let parsed = try JSONParser.parse(JSONSerializer.string(document))
                #expect(parsed == document, "length \(length)")
            }
        }
    }

    @Test("invalid UTF-8, raw control bytes and a missing quote are refused at every offset")
    func refusesBadBytesAtEveryOffset() {
        for offset in 0..<24 {
            let prefix = Data(String(repeating: "a", count: offset).utf8)
            for bad: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0x01], [0x1F]] {
                let document = Data([0x22]) + prefix + Data(bad) + Data("bcdefghijklmnop\"".utf8)
                #expect(throws: JSONParseError.self, "offset \(offset), bytes \(bad)") { try JSONParser.parse(document) }
            }
            #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22]) + prefix) }
        }
    }
}
