import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette files")
struct CassetteFileTests {
    @Test("round trip of JSON and binary bodies, byte-identical for identical content")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var generator = SystemRandomNumberGenerator()
        let binary = Data((0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let log = SampleLogs.mixed(binary: binary)
        let file = folder.file("zitadel/me.har.gz")
        #expect(try CassetteFile.write(log, to: file))
        let read = try CassetteFile.read(file)
        #expect(read == log)
        #expect(read.entries[1].response.content.encoding == "base64")
        #expect(read.entries[1].response.content.bodyData == binary)
        #expect(read.entries[0].response.content.encoding == nil)
        #expect(read.entries[0].response.content.text?.contains("7205123456789012345") == true)

        let before = try Data(contentsOf: file)
        #expect(Array(before[4..<8]) == [0, 0, 0, 0], "gzip mtime must be 0")
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(try CassetteFile.write(read, to: file) == false, "unchanged content must not rewrite the file")
        #expect(try Data(contentsOf: file) == before)
        let modifiedAfter = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(modified == modifiedAfter)
        #expect(try CassetteFile.encode(log) == CassetteFile.encode(SampleLogs.mixed(binary: binary)))
    }

    @Test("an independent reader (gzip -dc + JSONSerialization) sees valid HAR 1.2")
    func independentReader() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("me.har.gz")
        try CassetteFile.write(SampleLogs.mixed(), to: file)
        let document = try IndependentReader.document(file)
        #expect(IndependentReader.harProblems(document) == [])
        let log = try #require(document["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        let metadata = try #require(log["_cassette"] as? [String: Any])
        #expect(metadata["formatVersion"] as? Int == CassetteMetadata.currentFormatVersion)
        #expect(metadata["source"] as? String == "test")
        let text = try IndependentReader.decompressedText(file)
        #expect(text.contains("\n  \"log\": {"), "the decompressed cassette is pretty-printed for review")
    }

    @Test("each kind of broken input gives its own error naming the file")
    func brokenInputs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let good = try CassetteFile.encode(SampleLogs.mixed())
        var flipped = good
        flipped[good.count / 2] ^= 0xFF
        let notHAR = try GzipCodec.gzip(Data(#"{"hello":"world"}"#.utf8))
        let invalidJSON = try GzipCodec.gzip(Data(#"{"log": {"#.utf8))
        var future = SampleLogs.mixed()
        future.cassette?.formatVersion = CassetteMetadata.currentFormatVersion + 1
        let futureBytes = try CassetteFile.encode(future)
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) })

        let cases: [(String, Data, (CassetteError) -> Bool)] = [
            ("truncated.har.gz", good.prefix(good.count / 2), { if case .truncated = $0 { true } else { false } }),
            ("flipped.har.gz", flipped, { if case .corrupt = $0 { true } else if case .truncated = $0 { true } else { false } }),
            ("random.har.gz", random, { if case .corrupt = $0 { true } else { false } }),
            ("empty.har.gz", Data(), { if case .corrupt = $0 { true } else { false } }),
            ("invalid.har.gz", invalidJSON, { if case .invalidJSON = $0 { true } else { false } }),
            ("nothar.har.gz", notHAR, { if case .notHAR = $0 { true } else { false } }),
            ("future.har.gz", futureBytes, { if case .unsupportedFormatVersion(_, let found, _) = $0 { found == 2 } else { false } }),
            ("bomb.har.gz", try GzipBomb.make(mebibytes: 1024), { if case .tooLarge = $0 { true } else { false } }),
        ]
        for (name, bytes, matches) in cases {
            let file = folder.file(name)
            try bytes.write(to: file)
            do {
                _ = try CassetteFile.read(file)
                Issue.record("\(name) was read without an error")
            } catch {
                #expect(matches(error), "\(name): unexpected \(error)")
                #expect(error.path == file.path)
                #expect(error.description.contains(file.path))
            }
        }
        #expect(throws: CassetteError.notFound(path: folder.file("missing.har.gz").path)) {
            try CassetteFile.read(folder.file("missing.har.gz"))
        }
    }

    @Test("the not-HAR error names the missing member")
    func notHARNamesMember() throws {
        let document = try JSONParser.parse(
            #"{"log":{"version":"1.2","creator":{"name":"x"},"entries":[{"startedDateTime":"t","request":{"method":"GET"}}]}}"#)
        do {
            _ = try CassetteFile.decodeDocument(document, path: "x.har")
            Issue.record("accepted a broken HAR")
        } catch {
            #expect(error.description.contains("/log/entries/0/request/url"))
        }
    }

    @Test("plain .har files from other tools load")
    func plainHAR() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("devtools.har")
        try Data(
            #"{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[{"startedDateTime":"2024-01-01T00:00:00.000Z","time":1,"request":{"method":"GET","url":"https://x.test/me","httpVersion":"http/2.0","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"","httpVersion":"http/2.0","headers":[],"cookies":[],"content":{"size":2,"mimeType":"application/json","text":"{}"},"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":100},"cache":{},"timings":{"blocked":-1,"dns":-1,"ssl":-1,"connect":-1,"send":0,"wait":1,"receive":0}}]}}"#
                .utf8
        ).write(to: file)
        let log = try CassetteFile.read(file)
        #expect(log.entries.count == 1)
        #expect(log.cassette == nil)
    }
}

@Suite("atomic writes")
struct AtomicWriteTests {
    struct InjectedFailure: Error {}

    @Test("a write that fails part-way leaves the previous file intact and no temporary file")
    func failurePartWay() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("me.har.gz")
        try CassetteFile.write(SampleLogs.mixed(), to: file)
        let before = try Data(contentsOf: file)
        var bigger = SampleLogs.mixed(binary: Data(repeating: 7, count: 300_000))
        bigger.entries[0].comment = "changed"
        let data = try CassetteFile.encode(bigger)
        #expect(throws: InjectedFailure.self) {
            try AtomicFileWriter.write(
                data, to: file,
                injecting: { written in
                    if written > 0 { throw InjectedFailure() }
                })
        }
        #expect(try Data(contentsOf: file) == before)
        #expect(try CassetteFile.read(file) == SampleLogs.mixed())
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(leftovers == ["me.har.gz"])
    }

    @Test("an unwritable destination is a clear error and nothing is created")
    func unwritable() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let blocker = folder.file("blocker")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("me.har.gz")
        do {
            try CassetteFile.write(SampleLogs.mixed(), to: target)
            Issue.record("wrote beneath a regular file")
        } catch let error as CassetteError {
            #expect(error.description.contains("blocker"))
        }
    }
}
