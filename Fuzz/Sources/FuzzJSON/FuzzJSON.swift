import CassetteKit
import FuzzSupport

/// The JSON reader on any bytes: it returns or throws (never traps, never recurses without
/// bound), and what it accepts, the serializer writes back to a document it reads as the same.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = fuzzData(start, count)
    guard let value = try? JSONParser.parse(data) else { return 0 }
    for style in [JSONSerializer.Style.compact, .pretty] {
        let written = JSONSerializer.data(value, style: style)
        invariant((try? JSONParser.parse(written)) == value, "a parsed document, serialized, parses back to the same value")
    }
    return 0
}
