import ArgumentParser
import CassetteKit
import CassetteSynth
import Foundation

/// `cassette synth <provider|schema.json>`: schema-valid variants of a `/me` body (or error
/// bodies), deterministic by seed, printed as JSON or written one file per variant.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize schema-valid variants of a provider's /me body or error bodies.",
        discussion: """
            Every variant is checked by the JSON Schema validator before it is written. The same \
            schema, strategy and seed always give the same bytes. Secrets are placeholders \
            (REDACTED_<n>, or shaped like RDCT-0003 where the schema asks for a format); personal data is invented (example.com).
            Without --output, prints one JSON document (one variant) or a JSON array.
            With --output DIR, writes one file per variant: <name>-<n>.json, or with \
            --as cassette <name>-<n>.har.gz (one interaction each, _cassette.source "synth").
            --strategy mutate --from CASSETTE changes the recorded, redacted body one location at \
            a time (each optional member dropped, each nullable set to null, each other enum \
            value, boundary and non-ASCII strings, empty and longer arrays), within the schema \
            and its invariants; each variant is named by pointer and change \
            (/user/human/phone: absent), and with --as cassette replays with the recorded \
            request, status and headers. The provider comes from the cassette when not given.
            """
    )

    @Argument(help: "A built-in provider (atoms, unleash, wacht, zitadel) or a JSON Schema file (optional with --from).")
    var schema: String?

    @Option(name: .customLong("from"), help: "With --strategy mutate: the cassette whose recorded body is mutated.")
    var from: String?

    @Option(help: "How many variants (default 1; with --strategy edge, every edge case).")
    var count: Int?

    @Option(help: "The seed (an unsigned 64-bit integer).")
    var seed: UInt64 = 0

    @Option(help: "minimal, maximal, edge, random, or mutate (with --from CASSETTE).")
    var strategy: String = "random"

    @Flag(name: .customLong("error"), help: "Synthesize the provider's error bodies (statuses from its error schema).")
    var errorBodies = false

    @Option(help: "Write one file per variant into this folder instead of printing.")
    var output: String?

    @Option(name: .customLong("as"), help: "With --output: json (default) or cassette.")
    var format: String = "json"

    func run() throws {
        guard format == "json" || format == "cassette" else {
            throw CLIFailure.usage("error: --as \(SafeDisplay.text(format)) is not json or cassette")
        }
        if let count, count < 1 { throw CLIFailure.usage("error: --count must be at least 1") }
        if strategy == "mutate" { return try runMutate() }
        guard from == nil else { throw CLIFailure.usage("error: --from needs --strategy mutate") }
        guard let chosen = SynthesisStrategy(rawValue: strategy) else {
            throw CLIFailure.usage("error: --strategy \(SafeDisplay.text(strategy)) is not one of minimal, maximal, edge, random, mutate")
        }
        guard schema != nil else {
            throw CLIFailure.usage("error: name a provider or a schema file (or use --strategy mutate --from CASSETTE)")
        }
        let (name, responses, provider) = try synthesize(chosen)
        guard let output else {
            let bodies = responses.map(\.body)
            Console.outData(PrettyBodies.data(bodies))
            Console.out("")
            return
        }
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let width = String(responses.count).count
            for (index, response) in responses.enumerated() {
                let number = String(repeating: "0", count: max(0, width - String(index + 1).count)) + String(index + 1)
                if format == "json" {
                    var data = JSONSerializer.data(response.body, style: .pretty)
                    data.append(0x0A)
                    try AtomicFileWriter.write(data, to: folder.appendingPathComponent("\(name)-\(number).json"))
                } else {
                    let log: HAR.Log
                    if let provider {
                        log = SynthesizedCassette.log(provider: provider, responses: [response])
                    } else {
                        log = SynthesizedCassette.log(
                            baseURL: "https://api.example.com", path: "/me", provider: nil, credential: nil, responses: [response])
                    }
                    try CassetteFile.write(log, to: folder.appendingPathComponent("\(name)-\(number).\(CassetteFile.fileExtension)"))
                }
            }
        } catch {
            throw CLIFailure.usage("error: cannot write into \(output): \(error.localizedDescription). Check the folder is writable.")
        }
        Console.error("wrote \(responses.count) \(format == "json" ? "JSON documents" : "cassettes") to \(output)")
    }

    private func synthesize(_ chosen: SynthesisStrategy) throws(CLIFailure) -> (String, [SynthesizedResponse], BuiltInProvider?) {
        let schema = self.schema ?? ""
        do {
            if let provider = BuiltInProvider(rawValue: schema) {
                let variants = try Variants(
                    of: provider, errors: errorBodies, strategy: chosen, seed: seed, count: count ?? (chosen == .edge ? nil : 1))
                return (provider.rawValue + (errorBodies ? "-error" : ""), variants.responses, provider)
            }
            guard FileManager.default.fileExists(atPath: schema) else {
                throw CLIFailure.usage(
                    "error: \(schema) is neither a built-in provider (\(BuiltInProvider.allCases.map(\.rawValue).joined(separator: ", "))) nor a schema file"
                )
            }
            if errorBodies { throw CLIFailure.usage("error: --error needs a built-in provider; pass the error schema file itself instead") }
            guard let data = FileManager.default.contents(atPath: schema) else {
                throw CLIFailure.usage("error: \(schema): cannot read the schema file")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(data)
            } catch {
                throw CLIFailure.usage("error: \(schema): the schema is not valid JSON (\(error.description))")
            }
            let synthesizer = try FixtureSynthesizer(schema: value)
            let bodies: [JSONValue]
            if chosen == .edge, count == nil {
                bodies = try synthesizer.edgeCases(seed: seed).map(\.value)
            } else {
                bodies = try synthesizer.variants(count: count ?? 1, strategy: chosen, seed: seed)
            }
            let name = URL(fileURLWithPath: schema).deletingPathExtension().lastPathComponent.replacingOccurrences(of: ".schema", with: "")
            return (name, bodies.map { SynthesizedResponse(status: 200, body: $0) }, nil)
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure.usage("error: \(error)")
        }
    }
}
