import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("gzip codec over system zlib")
struct GzipCodecTests {
    @Test("round trip, with a fixed header (mtime 0) and deterministic bytes")
    func roundTrip() throws {
        let input = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) })
        let first = try GzipCodec.gzip(input)
        let second = try GzipCodec.gzip(input)
        #expect(first == second)
        #expect(Array(first.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF])
        #expect(try GzipCodec.decompress(first) == input)
        #expect(try GzipCodec.gzip(Data()).count > 10)
        #expect(try GzipCodec.decompress(try GzipCodec.gzip(Data())) == Data())
    }

    @Test("the system gzip reads what we write")
    func systemGzipReads() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let text = String(repeating: "hello cassette\n", count: 1000)
        let file = folder.file("x.gz")
        try GzipCodec.gzip(Data(text.utf8)).write(to: file)
        let result = try ProcessRunner.run("gzip", ["-dc", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == text)
    }

    @Test("truncated streams are reported as truncated")
    func truncated() throws {
        let full = try GzipCodec.gzip(Data(String(repeating: "abc", count: 10_000).utf8))
        for cut in [1, 5, 11, full.count / 2, full.count - 1] {
            #expect(throws: CompressionError.truncated) { try GzipCodec.decompress(full.prefix(cut)) }
        }
    }

    @Test("flipped bits and random bytes are reported as corrupt, never crash")
    func corrupt() throws {
        let full = try GzipCodec.gzip(Data(String(repeating: "abcdef", count: 5_000).utf8))
        var failures = 0
        var attempts = 0
        for offset in stride(from: 10, to: full.count, by: max(1, full.count / 40)) {
            attempts += 1
            var damaged = full
            damaged[offset] ^= 0x5A
            do {
                _ = try GzipCodec.decompress(damaged)
            } catch {
                failures += 1
            }
        }
        // Every flip is caught (by inflate or by the CRC-32/size trailer), except possibly one in
        // the unused padding bits of the last deflate byte.
        #expect(failures >= attempts - 1)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var random = Data((0..<Int.random(in: 0..<4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            if random.count >= 2 {
                random[0] = 0x1F
                random[1] = 0x8B
            }
            #expect(throws: CompressionError.self) { try GzipCodec.decompress(random) }
        }
    }

    @Test(
        "a large stream (its checksum checked on every core afterwards) round-trips, and a wrong checksum or size in its trailer is corrupt"
    )
    func largeStreamTrailer() throws {
        var generator = PlantRandom(seed: PlantRandom.runSeed())
        // 10 MiB: above the thresholds where zlib's own check is turned off and where the output
        // buffer is mapped with huge pages asked for. Blocks of random bytes, each a little changed.
        var block = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var input = Data(capacity: 10 * 1024 * 1024)
        for round in 0..<160 {
            block[round * 397 % block.count] ^= UInt8(truncatingIfNeeded: round | 1)
            input.append(contentsOf: block)
        }
        let full = try GzipCodec.gzip(input)
        #expect(try GzipCodec.decompress(full) == input)
        for (offset, message) in [(full.count - 8, "incorrect data check"), (full.count - 1, "incorrect length check")] {
            var damaged = full
            damaged[offset] ^= 0x01
            #expect(throws: CompressionError.corrupt(message)) { try GzipCodec.decompress(damaged) }
        }
        // A trailer that understates the size (still above the huge-page threshold): the buffer
        // grows past its mapping, and the size check still fails.
        var understated = full
        let claimed = UInt32(input.count - 2 * 1024 * 1024)
        for byte in 0..<4 { understated[full.count - 4 + byte] = UInt8(truncatingIfNeeded: claimed >> (8 * UInt32(byte))) }
        #expect(throws: CompressionError.corrupt("incorrect length check")) { try GzipCodec.decompress(understated) }
        var flipped = full
        flipped[full.count / 2] ^= 0x10
        #expect(throws: CompressionError.self) { try GzipCodec.decompress(flipped) }
    }

    @Test("a 1 GiB gzip bomb is refused at the cap, whatever size its trailer claims", arguments: [nil, UInt32(1000)])
    func bomb(forgedSize: UInt32?) throws {
        let bomb = try GzipBomb.make(mebibytes: 1024, forgedSize: forgedSize)
        #expect(bomb.count < 8 * 1024 * 1024)
        #expect(throws: CompressionError.exceedsLimit(GzipCodec.defaultDecompressionLimit)) {
            try GzipCodec.decompress(bomb)
        }
        // A caller's own cap is the one that holds, not the trailer's claim. Time and memory of
        // the refusal are measured in the release benchmark (Benchmarks, hostile inputs), where
        // nothing else shares the process: a peak measured here depends on the tests run before.
        #expect(throws: CompressionError.exceedsLimit(1024 * 1024)) {
            try GzipCodec.decompress(bomb, limit: 1024 * 1024)
        }
    }

    @Test("HTTP deflate bodies decode with or without the zlib header")
    func deflateBodies() throws {
        let body = Data(#"{"status":true}"#.utf8)
        let gz = try GzipCodec.gzip(body)
        // Raw deflate is the gzip payload between the header and the 8-byte trailer.
        let raw = gz.dropFirst(10).dropLast(8)
        #expect(try GzipCodec.decompress(Data(raw), container: .deflate) == body)
    }
}
