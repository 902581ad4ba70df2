import CassetteKit
import Foundation

/// Row 2: open a cassette the way replay does: read, decompress, parse, decode HAR
/// (`CassetteFile.read`) and index it (`CassettePlayer.init`).
struct OpenBenchmark {
    var cassette: URL
    var row: String
    var runs: Int

    func run() throws {
        var milliseconds: [Double] = []
        var count = 0
        for _ in 0..<runs {
            milliseconds.append(
                try Stopwatch.seconds {
                    let log = try CassetteFile.read(cassette)
                    let player = CassettePlayer(log: log, options: CassettePlayer.Options(context: ReplayContext(cassetteName: row)))
                    count = player.log.entries.count
                } * 1000)
        }
        Measurement(
            row: row, side: "ours", unit: "ms", better: "lower", runs: milliseconds,
            note: "\(count) interactions"
        ).emit()
    }
}

/// Row 6 (second half): open once and exit, for `/usr/bin/time -f %M`.
struct OpenOnce {
    var cassette: URL

    func run() throws {
        let log = try CassetteFile.read(cassette)
        let player = CassettePlayer(log: log, options: CassettePlayer.Options(context: ReplayContext(cassetteName: "open")))
        print(player.log.entries.count)
    }
}

/// Where opening spends its time: read, decompress, decode and index, each timed alone (ms).
struct OpenPhases {
    var cassette: URL

    func run() throws {
        for _ in 0..<3 {
            var data = Data()
            var json = Data()
            var log: HAR.Log?
            let read = try Stopwatch.seconds { data = try CassetteFile.readBytes(cassette) }
            let inflate = try Stopwatch.seconds { json = try CassetteFile.decompressIfNeeded(data, path: cassette.path) }
            let decode = try Stopwatch.seconds { log = try CassetteFile.decode(json, path: "decompressed.har") }
            let index = try Stopwatch.seconds {
                _ = CassettePlayer(log: log!, options: CassettePlayer.Options(context: ReplayContext(cassetteName: "open")))
            }
            print(
                String(
                    format: "read %.1f  decompress %.1f  decode %.1f  index %.1f ms", read * 1000, inflate * 1000, decode * 1000,
                    index * 1000))
        }
    }
}
