import CassetteKit
import Foundation

/// The matching part of a replayed request alone, for profiling (`valgrind` cannot follow
/// URLSession's threads): `CassettePlayer.answer` for the same seeded request order as the
/// replay row, without URLSession or the URL protocol around it. Prints microseconds per answer.
struct MatchBenchmark {
    var cassette: URL
    var requests: Int

    func run() throws {
        let log = try CassetteFile.read(cassette)
        let order = ReplayBenchmark.requestOrder(log, count: requests, seed: 7)
        let player = CassettePlayer(
            log: log, options: CassettePlayer.Options(repeatLast: true, context: ReplayContext(cassetteName: "match")))
        var answered = 0
        let seconds = Stopwatch.seconds {
            for url in order {
                if case .answer = player.answer(
                    .incoming(method: "GET", url: url, headers: [HAR.NameValue(name: "Accept", value: "application/json")]))
                {
                    answered += 1
                }
            }
        }
        print("\(seconds / Double(requests) * 1e6) us per answer, \(answered)/\(requests) answered")
    }
}
