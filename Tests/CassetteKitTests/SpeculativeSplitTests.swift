import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteFormat

/// The speculative split of a large `entries` array (each slice guesses its first entry and the
/// slice before must prove the guess) gives the sequential decode or nothing, never a wrong log.
@Suite("speculative slices of a large entries array")
struct SpeculativeSplitTests {
    /// What happened to one array: the speculative entries (or `nil`) with the reader's position
    /// after them, and the sequential decode with its position.
    struct Outcome {
        var speculative: [HAR.Entry]?
        var speculativeEnd: Int
        var sequential: [HAR.Entry]
        var sequentialEnd: Int
    }

    /// Decodes the array after `"entries":` both ways.
    static func decodeBothWays(_ data: Data, slices: Int) throws -> Outcome {
        let marker = Array(#""entries":"#.utf8)
        let bytes = Array(data)
        let found = try #require(
            (0...(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        return data.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var speculativeReader = JSONReader(bytes: buffer)
            speculativeReader.index = found + marker.count
            let speculative = speculativeReader.speculativeEntries(source: data, slices: slices)
            var sequentialReader = JSONReader(bytes: buffer)
            sequentialReader.index = found + marker.count
            var sequential: [HAR.Entry] = []
            do throws(GiveUp) {
                try sequentialReader.elements { reader throws(GiveUp) in sequential.append(try reader.entry()) }
            } catch {
                Issue.record("the sequential decode gave up")
            }
            return Outcome(
                speculative: speculative, speculativeEnd: speculativeReader.index, sequential: sequential,
                sequentialEnd: sequentialReader.index)
        }
    }

    /// An entry whose first member is `first`, with optional decoys: a nested array of objects
    /// whose first member is `startedDateTime` outside any string, and the same sequence inside
    /// a string (escaped, as JSON requires).
    static func entry(_ index: Int, first: String, decoy: Bool, gap: String) -> String {
        let started = #""startedDateTime":"2024-01-01T00:00:00.000Z""#
        let time = #""time":\#(index)"#
        let head = first == "time" ? "\(time),\(gap)\(started)" : "\(started),\(gap)\(time)"
        let nested = decoy ? #","_children":[{"x":1},\#(gap){\#(gap)"startedDateTime":"no"}]"# : ""
        return #"""
            {\#(gap)\#(head),"request":{"method":"GET","url":"https://x.test/me?n=\#(index)","headers":[],"cookies":[]}\#(nested),\#(gap)"response":{"status":200,"statusText":"OK","headers":[],"content":{"size":2,"mimeType":"application/json","text":"[{\"a\":1},{\"startedDateTime\":2}] },{\"startedDateTime\""}}}
            """#
    }

    static func document(_ entries: [String], separator: String) -> Data {
        Data(
            (#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":["# + entries.joined(separator: separator) + "]}}")
                .utf8)
    }

    @Test("uniform entries, compact or with whitespace: the speculative slices are the sequential decode", arguments: ["", "\n    "])
    func uniform(gap: String) throws {
        let data = Self.document((0..<3_000).map { Self.entry($0, first: "startedDateTime", decoy: false, gap: gap) }, separator: ",\(gap)")
        for slices in [2, 3, 8, 16] {
            let outcome = try Self.decodeBothWays(data, slices: slices)
            let speculative = try #require(outcome.speculative, "every guess is provable here")
            #expect(speculative == outcome.sequential)
            #expect(outcome.speculativeEnd == outcome.sequentialEnd)
        }
    }

    @Test("decoys outside strings (nested arrays of objects with the same first member): a wrong guess is never trusted")
    func decoys() throws {
        let data = Self.document((0..<3_000).map { Self.entry($0, first: "startedDateTime", decoy: true, gap: "") }, separator: ",")
        for slices in [2, 5, 8, 16] {
            let outcome = try Self.decodeBothWays(data, slices: slices)
            if let speculative = outcome.speculative {
                #expect(speculative == outcome.sequential)
                #expect(outcome.speculativeEnd == outcome.sequentialEnd)
            }
        }
        #expect(HARFastDecoder.decode(data) == (try HARFastPathTests.fullPath(data)))
    }

    @Test("random member orders, decoys and whitespace: the speculative slices give the sequential decode or nothing")
    func randomDocuments() throws {
        let seed = PlantRandom.runSeed()
        var random = PlantRandom(seed: seed)
        for _ in 0..<12 {
            let count = 200 + Int(random.next() % 800)
            let gaps = ["", " ", "\n", "\n\t  "]
            let entries = (0..<count).map { index in
                Self.entry(
                    index, first: random.next() % 5 == 0 ? "time" : "startedDateTime", decoy: random.next() % 7 == 0,
                    gap: gaps[Int(random.next() % UInt64(gaps.count))])
            }
            let data = Self.document(entries, separator: gaps[Int(random.next() % UInt64(gaps.count))] + ",")
            let outcome = try Self.decodeBothWays(data, slices: 2 + Int(random.next() % 15))
            if let speculative = outcome.speculative {
                #expect(speculative == outcome.sequential, "PLANT_SEED=\(seed) reproduces this")
                #expect(outcome.speculativeEnd == outcome.sequentialEnd, "PLANT_SEED=\(seed) reproduces this")
            }
        }
    }

    @Test("a large cassette opens through the speculative slices with the full path's log")
    func largeCassette() throws {
        let data = HARFastPathTests.largeDocument(entries: 8_000)
        let outcome = try Self.decodeBothWays(data, slices: 8)
        #expect(outcome.speculative != nil)
        #expect(try CassetteFile.decode(data, path: "t.har") == (try HARFastPathTests.fullPath(data)))
    }
}
