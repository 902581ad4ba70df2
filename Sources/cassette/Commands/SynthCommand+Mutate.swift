import ArgumentParser
import CassetteKit
import CassetteSynth
import Foundation

extension SynthCommand {
    /// `--strategy mutate --from CASSETTE`: one-place variants of the recorded body.
    func runMutate() throws {
        guard let from else { throw CLIFailure.usage("error: --strategy mutate needs --from CASSETTE (a recorded cassette)") }
        var provider: BuiltInProvider?
        if let schema {
            guard let named = BuiltInProvider(rawValue: schema) else {
                throw CLIFailure.usage(
                    "error: with --strategy mutate, the argument is a built-in provider (\(BuiltInProvider.allCases.map(\.rawValue).joined(separator: ", "))), or leave it out to use the cassette's"
                )
            }
            provider = named
        }
        let log: HAR.Log
        do {
            log = try CassetteFile.read(URL(fileURLWithPath: from))
        } catch {
            throw CLIFailure.usage("error: \(error)")
        }
        let variants: Variants
        do {
            variants = try Variants(mutating: log, provider: provider, count: count, seed: seed)
        } catch {
            throw CLIFailure.usage("error: \(from): \(error)")
        }
        let stem = variants.provider.rawValue + "-mutation"
        guard let output else {
            let listed: [JSONValue] = zip(variants.names, variants.responses).map { name, response in
                ["name": .string(name), "body": response.body]
            }
            Console.outData(JSONSerializer.data(.array(listed), style: .pretty))
            Console.out("")
            return
        }
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        let cassettes = format == "cassette" ? variants.cassettes() : []
        var index: [JSONValue] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let width = String(variants.responses.count).count
            for (position, response) in variants.responses.enumerated() {
                let number = String(repeating: "0", count: max(0, width - String(position + 1).count)) + String(position + 1)
                let file: String
                if format == "json" {
                    file = "\(stem)-\(number).json"
                    var data = JSONSerializer.data(response.body, style: .pretty)
                    data.append(0x0A)
                    try AtomicFileWriter.write(data, to: folder.appendingPathComponent(file))
                } else {
                    file = "\(stem)-\(number).\(CassetteFile.fileExtension)"
                    try CassetteFile.write(cassettes[position], to: folder.appendingPathComponent(file))
                }
                index.append(["file": .string(file), "name": .string(variants.names[position])])
            }
            var data = JSONSerializer.data(.array(index), style: .pretty)
            data.append(0x0A)
            try AtomicFileWriter.write(data, to: folder.appendingPathComponent("\(stem)s.json"))
        } catch {
            throw CLIFailure.usage("error: cannot write into \(output): \(error.localizedDescription). Check the folder is writable.")
        }
        Console.error("wrote \(variants.responses.count) mutations of \(from) to \(output) (names in \(stem)s.json)")
    }
}
