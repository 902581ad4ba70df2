import CassetteImport
import CassetteKit
import Foundation
import FuzzSupport

/// Where each input is written for the importer, which reads files (one folder per process).
let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "cassette-fuzz-import-\(ProcessInfo.processInfo.processIdentifier)")

/// The importers (HAR, vcrpy, Ruby VCR; YAML or JSON) on any file: the first byte picks the
/// format, the rest is the file, with the planted credential wherever it holds the marker and
/// known to the importer. Import returns or throws; when it returns, the credential is gone.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    var input = FuzzBytes(fuzzData(start, count))
    let format = input.choose(ImportFormat.allCases)
    let file = folder.appendingPathComponent(format == .har ? "input.har" : "input.yml")
    let bytes = PlantedSecret.plant(in: input.rest())
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    } catch {
        fatalError("cannot write the fuzz input to a temporary file: \(error)")
    }
    let importer = CassetteImporter(format: format, policy: RedactionPolicy(knownSecrets: [PlantedSecret.value]), sizeLimit: 4 << 20)
    guard let log = try? importer.importCassette(from: [file]) else { return 0 }
    invariant(!PlantedSecret.appears(in: log), "import returned a cassette that still holds the known secret")
    return 0
}
