import Foundation

// cassette-bench: our side of each row of `Benchmarks/compare`. Every subcommand prints one
// JSON line per measurement (see Measurement.swift). Usage:
//   cassette-bench replay   --cassette F --row R --requests N --runs K [--seed S] [--ours-only 1] [--server URL]
//   cassette-bench open     --cassette F --row R --runs K
//   cassette-bench open-once --cassette F
//   cassette-bench audit-dir --dir D   (the library behind `cassette audit D --format json`)
//   cassette-bench validate --schema F --documents F --row R --runs K
//   cassette-bench match    --cassette F --requests N   (CassettePlayer.answer alone, for profiling)
//   cassette-bench serve    --cassette F   (the library behind `cassette serve F --port 0 --repeat-last`)
//   cassette-bench synth    --provider P --count N --seed S   (the library behind `cassette synth`)
//   cassette-bench hostile  [--timeout S] [--only TEXT]   (the hostile inputs: outcome, wall time, peak RSS)
//   cassette-bench ahc-replay --cassette F --row R --requests N --runs K [--server URL]   (built with
//     `--traits AsyncHTTPClient` only; `ahc-replay --probe 1` exits 0 when it was)

let arguments = CommandLine.arguments.dropFirst()
do {
    guard let command = arguments.first else {
        throw BenchFailure("usage: cassette-bench replay|open|open-once|audit-dir|validate|serve|synth|hostile --name value ...")
    }
    let options = try Arguments(arguments.dropFirst())
    switch command {
    case "replay":
        try await ReplayBenchmark(
            cassette: URL(fileURLWithPath: options.string("cassette")), row: options.string("row"),
            requests: options.int("requests", default: 1000), runs: options.int("runs", default: 5),
            seed: UInt64(options.int("seed", default: 7)), oursOnly: options.int("ours-only", default: 0) == 1,
            server: options.optional("server").flatMap(URL.init(string:)),
            serverLabel: options.optional("server-label") ?? "cassette serve"
        ).run()
    case "ahc-replay":
        if try options.int("probe", default: 0) == 1 { exit(AsyncHTTPClientReplayBenchmark.available ? 0 : 3) }
        try await AsyncHTTPClientReplayBenchmark(
            cassette: URL(fileURLWithPath: options.string("cassette")), row: options.string("row"),
            requests: options.int("requests", default: 1000), runs: options.int("runs", default: 5),
            seed: UInt64(options.int("seed", default: 7)), server: options.optional("server").flatMap(URL.init(string:)),
            serverLabel: options.optional("server-label") ?? "cassette serve"
        ).run()
    case "open":
        try OpenBenchmark(
            cassette: URL(fileURLWithPath: options.string("cassette")), row: options.string("row"),
            runs: options.int("runs", default: 5)
        ).run()
    case "audit-dir":
        exit(try AuditDirectory(directory: options.string("dir")).run())
    case "open-once":
        try OpenOnce(cassette: URL(fileURLWithPath: options.string("cassette"))).run()
    case "open-phases":
        try OpenPhases(cassette: URL(fileURLWithPath: options.string("cassette"))).run()
    case "validate":
        try ValidateBenchmark(
            schema: URL(fileURLWithPath: options.string("schema")),
            documents: URL(fileURLWithPath: options.string("documents")), row: options.string("row"),
            runs: options.int("runs", default: 5)
        ).run()
    case "match":
        try MatchBenchmark(cassette: URL(fileURLWithPath: options.string("cassette")), requests: options.int("requests", default: 1000))
            .run()
    case "serve":
        try await ServeCassette(cassette: options.string("cassette")).run()
    case "hostile":
        exit(try HostileBenchmark(timeout: Double(options.int("timeout", default: 30)), only: options.optional("only")).run())
    case "hostile-case":
        try HostileCase(
            file: URL(fileURLWithPath: options.string("file")), operation: options.string("operation"),
            output: URL(fileURLWithPath: options.string("out"))
        ).run()
    case "synth":
        try SynthVariants(
            provider: options.string("provider"), count: options.int("count", default: 1),
            seed: UInt64(options.int("seed", default: 0))
        ).run()
    default:
        throw BenchFailure("unknown subcommand `\(command)`")
    }
} catch {
    FileHandle.standardError.write(Data("cassette-bench: \(error)\n".utf8))
    exit(2)
}
