import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteFormat

/// `CassetteFile.decode` reads well-formed cassettes straight from bytes; the full path (a JSON
/// tree, then `HAR.Log(jsonDocument:)`) must agree on every log and keep every error.
@Suite("HAR fast path agrees with the full path")
struct HARFastPathTests {
    /// The full path, spelled out (as `CassetteFile.decode` did before the fast path).
    static func fullPath(_ data: Data) throws -> HAR.Log {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw CassetteError.invalidJSON(path: "t.har", detail: error.description)
        }
        return try CassetteFile.decodeDocument(document, path: "t.har")
    }

    @Test("the shipped cassettes", arguments: ["atoms", "unleash", "wacht", "zitadel"])
    func shipped(_ provider: String) throws {
        let file = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
        let json = try CassetteFile.decompressIfNeeded(Data(contentsOf: file), path: file.path)
        #expect(HARFastDecoder.decode(json) != nil, "the fast path reads it")
        #expect(try CassetteFile.decode(json, path: "t.har") == Self.fullPath(json))
    }

    @Test("odd but valid documents: duplicates, nulls, unknown members, escapes, non-boolean flags")
    func oddButValid() throws {
        let text = #"""
            {"x":[1,{"y":null}],"log":{"version":null,"creator":{"name":"t","version":null,"extra":{}},
            "entries":[{"startedDateTime":"2024-01-01T00:00:00Z","time":null,"pageref":"p","cache":{},
              "timings":{"send":1.5,"wait":null,"blocked":-1},
              "request":{"method":"GET","method":"POST","url":"https://x.test/a?b=c","httpVersion":null,
                "cookies":[{"name":"sid","value":"REDACTED_1","httpOnly":"yes","secure":true,"sameSite":null}],
                "headers":[{"name":"A","value":"1","comment":"c"}],"postData":{"mimeType":"application/json",
                "text":"{\"k\":\"\u00e9\ud83d\ude00\\n\"}","_encoding":"base64x","params":[]},"headersSize":-1,"bodySize":12},
              "response":{"status":200.0,"statusText":"OK","cookies":[],"headers":[],"redirectURL":null,
                "content":{"size":null,"mimeType":"text/plain","text":"caf\u00e9 \"quoted\" \/ tab\t end","encoding":null}},
              "comment":"first"},
             {"startedDateTime":"2024-01-01T00:00:01Z","request":{"method":"GET","url":"u","headers":[],"postData":null},
              "response":{"status":204,"headers":[],"content":{}}}],
            "comment":"c","comment":"later"}}
            """#
        let data = Data(text.utf8)
        #expect(HARFastDecoder.decode(data) != nil, "the fast path reads it")
        let fast = try CassetteFile.decode(data, path: "t.har")
        #expect(fast == (try Self.fullPath(data)))
        #expect(fast.entries[0].request.method == "POST", "a later duplicate wins, as in the tree")
        #expect(fast.entries[0].request.cookies.first?.httpOnly == nil, "a non-boolean flag reads as absent")
        #expect(fast.comment == "later")
    }

    @Test(
        "broken documents still give the full path's located errors",
        arguments: [
            #"{"log":{"creator":{"name":"t"},"entries":[{"startedDateTime":"s","request":{"method":"GET","url":"u"},"response":{"status":200,"headers":[],"content":{}}}]}}"#,
            #"{"log":{"creator":{"name":"t"},"entries":[{"startedDateTime":"s","request":{"method":"GET","url":"u","headers":[]},"response":{"status":"200","headers":[],"content":{}}}]}}"#,
            #"{"log":{"creator":{"name":"t"},"entries":[{"startedDateTime":"s","request":{"method":"GET","url":"u","headers":[],"cookies":null},"response":{"status":200,"headers":[],"content":{}}}]}}"#,
            #"{"log":{"creator":{"name":"t"},"entries":[],"_cassette":{"formatVersion":99,"recorder":"r"}}}"#,
            #"{"log":{"creator":{"name":"t"},"entries":[{"startedDateTime":"s\u12"}]}}"#,
            #"{"log":{"creator":{"name":"t"},"entries":[]}} trailing"#,
        ])
    func brokenKeepErrors(_ text: String) {
        let data = Data(text.utf8)
        var full: String?
        do { _ = try Self.fullPath(data) } catch { full = "\(error)" }
        var fast: String?
        do { _ = try CassetteFile.decode(data, path: "t.har") } catch { fast = "\(error)" }
        #expect(HARFastDecoder.decode(data) == nil, "the fast path leaves it to the full path")
        #expect(fast != nil, "the broken document must not load")
        #expect(full.map { $0.contains("t.har") } ?? false)
        #expect(fast == full)
    }

    /// A cassette large enough that its entries are decoded in parallel slices.
    static func largeDocument(entries: Int, broken: Int? = nil) -> Data {
        let body = #"{\"id\":\"u\",\"note\":\"caf\u00e9 \\\"q\\\" ]}[{\"}"#
        var parts: [String] = []
        parts.reserveCapacity(entries)
        for index in 0..<entries {
            let status = index == broken ? #""200""# : "200"
            parts.append(
                #"""
                {"startedDateTime":"2024-01-01T00:00:00.000Z","time":\#(index),"request":{"method":"GET","url":"https://x.test/v1/me?n=\#(index)",
                "headers":[{"name":"Accept","value":"application/json"},{"name":"Authorization","value":"Bearer REDACTED_1"}],"cookies":[]},
                "response":{"status":\#(status),"statusText":"OK","headers":[{"name":"Content-Type","value":"application/json"}],
                "content":{"size":40,"mimeType":"application/json","text":"\#(body)"}},"comment":"entry [\#(index)] {x}"}
                """#)
        }
        return Data(
            (#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[\#n"# + parts.joined(separator: ",\n") + "\n]}}")
                .utf8)
    }

    @Test("numbers and long escaped strings read on the fast path are the full path's")
    func numbersAndEscapes() throws {
        let numbers = ["0", "-1", "7", "123456789012345", "1234567890123456", "-0", "1e2", "2.50", "-3.0E-1", "10"]
        let body = String(repeating: #"{\"k\":\"v\u00e9\\n\ud83d\ude00\"},"#, count: 400)
        let entries = numbers.enumerated().map { offset, number in
            #"{"startedDateTime":"2025-01-01T00:00:00Z","time":\#(number),"request":{"method":"GET","url":"https://a.example/\#(offset)","headers":[],"headersSize":-1,"bodySize":-1},"response":{"status":200,"headers":[],"content":{"size":\#(offset),"mimeType":"application/json","text":"[\#(body)0]"}}}"#
        }
        let data = Data((#"{"log":{"version":"1.2","creator":{"name":"t"},"entries":["# + entries.joined(separator: ",") + "]}}").utf8)
        let full = try Self.fullPath(data)
        let fast = try #require(HARFastDecoder.decode(data))
        #expect(fast == full)
        #expect(fast.entries.map(\.time) == numbers.map { Double($0)! })
        #expect(fast.entries[0].response.content.text?.contains("\u{1F600}") == true)
    }

    @Test("the usable core count reads the affinity mask of /proc/self/status")
    func affinityMask() {
        #expect(UsableCores.allowedCount(status: Data("Name:\tx\nCpus_allowed:\tff,00000001\nCpus_allowed_list:\t0,32-39\n".utf8)) == 9)
        #expect(UsableCores.allowedCount(status: Data("Name:\tx\n".utf8)) == nil)
        #expect(UsableCores.count >= 1)
    }

    @Test("a cassette decoded in parallel slices is the sequential decode, entry for entry, in order")
    func parallelSlices() throws {
        let data = Self.largeDocument(entries: 8_000)
        #expect(data.count > JSONReader.parallelEntriesThreshold, "large enough for the parallel decode")
        let fast = try #require(HARFastDecoder.decode(data))
        #expect(fast.entries.count == 8_000)
        #expect(fast.entries.enumerated().allSatisfy { $0.element.time == Double($0.offset) })
        #expect(fast == (try Self.fullPath(data)))
    }

    @Test("one bad entry deep in a large cassette still gives the full path's located error")
    func parallelSliceBroken() throws {
        let data = Self.largeDocument(entries: 8_000, broken: 6_123)
        #expect(HARFastDecoder.decode(data) == nil, "the fast path gives up")
        var fullError: String?
        do { _ = try Self.fullPath(data) } catch { fullError = String(describing: error) }
        #expect(throws: CassetteError.self) { _ = try CassetteFile.decode(data, path: "t.har") }
        var fastError: String?
        do { _ = try CassetteFile.decode(data, path: "t.har") } catch { fastError = String(describing: error) }
        #expect(fastError == fullError)
        #expect(fullError?.contains("6123") == true, "the error names the entry")
    }
}
