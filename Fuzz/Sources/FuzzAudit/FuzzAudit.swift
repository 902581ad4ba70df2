import CassetteKit
import Foundation
import FuzzSupport

let limit = 4 << 20

/// The audit on any bytes, read as a JSON file (audited as HAR when it is one, by pointer when
/// not) and, when they decode as a cassette, on the decoded log; then on a HAR entry built from
/// the input with the planted credential: no finding's preview or printed location shows it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = fuzzData(start, count)
    let auditor = SecretAuditor()
    _ = try? auditor.audit(data: data, path: "fuzz.json", limit: limit)
    if let log = try? CassetteFile.decode(data, path: "fuzz.har", limit: limit) {
        _ = auditor.audit(log, file: "fuzz.har")
    }
    let built = FuzzHAR.log(from: data)
    for finding in auditor.audit(built, file: "fuzz.har") {
        invariant(!PlantedSecret.appears(in: finding.preview.utf8), "an audit preview shows the secret")
        // What `cassette audit` prints (text, JSON and SARIF) is the display location.
        invariant(!PlantedSecret.appears(in: finding.displayLocation.utf8), "an audit location shows the secret")
    }
    return 0
}
