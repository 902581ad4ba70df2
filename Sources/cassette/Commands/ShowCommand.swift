import ArgumentParser
import CassetteKit
import Foundation

/// `cassette show FILE`: the cassette as pretty, stable JSON with JSON bodies shown as JSON.
///
/// Works as a git textconv driver: `git config diff.cassette.textconv "cassette show"` plus
/// `*.har.gz diff=cassette` in `.gitattributes` makes `git diff` readable.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a cassette as readable JSON (also a git textconv driver)."
    )

    @Argument(help: "A cassette (.har.gz), or a plain .har/.json file.")
    var file: String

    @Option(help: "Refuse cassettes whose decompressed size exceeds this many MiB.")
    var maxSize: Int = 64

    func run() throws {
        let log = try CassetteFile.read(URL(fileURLWithPath: file), limit: maxSize * 1024 * 1024)
        Console.outData(JSONSerializer.data(CassetteView.readable(log), style: .pretty))
    }
}
