import ArgumentParser
import CassetteImport
import CassetteKit
import Foundation

/// `cassette export CASSETTE --to har --output FILE`: plain HAR 1.2 for devtools and viewers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a cassette as plain HAR 1.2 (for browser devtools and HAR viewers)."
    )

    @Argument(help: "The cassette to export.")
    var cassette: String

    @Option(help: "Output format (only har).")
    var to: String = "har"

    @Option(help: "The file to write; - for standard output.")
    var output: String

    func run() throws {
        guard to.lowercased() == "har" else {
            throw CLIFailure.usage("error: --to \(SafeDisplay.text(to)) is not supported. Use --to har.")
        }
        let log = try CassetteFile.read(URL(fileURLWithPath: cassette))
        let data = HARExporter.plainHAR(log)
        if output == "-" {
            Console.outData(data)
        } else {
            try AtomicFileWriter.write(data, to: URL(fileURLWithPath: output))
            Console.error("exported \(log.entries.count) interaction(s) to \(output)")
        }
    }
}
