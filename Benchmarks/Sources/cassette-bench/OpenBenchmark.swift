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
            milliseconds.append(try Stopwatch.seconds {
                let log = try CassetteFile.read(cassette)
                let player = CassettePlayer(log: log, options: CassettePlayer.Options(context: ReplayContext(cassetteName: row)))
                count = player.log.entries.count
            } * 1000)
        }
        Measurement(row: row, side: "ours", unit: "ms", better: "lower", runs: milliseconds,
                    note: "\(count) interactions").emit()
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
