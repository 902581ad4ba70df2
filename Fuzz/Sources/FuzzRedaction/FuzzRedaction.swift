import CassetteKit
import FuzzSupport

/// The redactor told about a credential, on a HAR entry built from the input (``FuzzHAR``) with
/// that credential planted wherever the input asks: `sanitize` refuses, or no form of the
/// credential is left in the written bytes or any decoded layer; and sanitizing a sanitized log
/// neither refuses nor changes it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let log = FuzzHAR.log(from: fuzzData(start, count))
    let policy = RedactionPolicy(knownSecrets: [PlantedSecret.value])
    guard let clean = try? Redaction.sanitize(log, policy: policy) else { return 0 }
    invariant(!PlantedSecret.appears(in: clean), "sanitize returned a log that still holds the known secret")
    let again = try? Redaction.sanitize(clean, policy: policy)
    invariant(again != nil, "sanitize refuses a log it sanitized itself")
    invariant(again == nil || again == clean, "sanitizing a sanitized log changes it")
    return 0
}
