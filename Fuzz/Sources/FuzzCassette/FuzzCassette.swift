import CassetteKit
import Foundation
import FuzzSupport

/// Decompression cap for the fuzzer: small enough that a bomb costs milliseconds, large enough
/// that the corpus' cassettes fit.
let limit = 4 << 20

/// The cassette reader on any bytes (gzip or plain): it returns or throws. When it returns, the
/// fast decoder and the full path (tree, then HAR) agree, and the log written back (plain and
/// gzip) reads as the same log.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = fuzzData(start, count)
    guard let log = try? CassetteFile.decode(data, path: "fuzz.har", limit: limit) else { return 0 }

    // The fast path (taken first by `decode`) and the full path decide alike.
    if let json = try? CassetteFile.decompressIfNeeded(data, path: "fuzz.har", limit: limit) {
        let document = try? JSONParser.parse(json)
        invariant(document != nil, "bytes the cassette reader accepts are valid JSON")
        if let document {
            let full = try? CassetteFile.decodeDocument(document, path: "fuzz.har")
            invariant(full != nil, "a cassette the fast decoder accepts is accepted by the full path")
            invariant(full == nil || full == log, "the fast decoder and the full path read the same log")
        }
    }

    // Written back, it reads as the same log.
    let plain = CassetteFile.encodeJSON(log)
    invariant(
        (try? CassetteFile.decode(plain, path: "fuzz.har", limit: limit * 4)) == log,
        "a decoded cassette written as JSON reads back the same")
    if let zipped = try? CassetteFile.encode(log) {
        invariant(
            (try? CassetteFile.decode(zipped, path: "fuzz.har.gz", limit: limit * 4)) == log,
            "a decoded cassette written as gzip reads back the same")
    }
    return 0
}
