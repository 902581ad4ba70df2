import CassetteKit
import Foundation

/// The age check of ``ReplayOptions/maxAge``: a replayed cassette older than allowed (from its
/// `_cassette.recordedAt`) becomes a finding with its age, the command that shows what changed
/// at the service (`cassette verify`) and the commands that record it again.
enum CassetteAgeCheck {
    /// The finding for `log`, or `nil` when no maximum age is set or the cassette is young enough.
    static func finding(log: HAR.Log, options: ReplayOptions, context: ReplayContext, now: Date = Date()) -> ReplayFinding? {
        guard let maxAge = options.maxAge, let stale = CassetteStaleness.check(log, maxAge: maxAge, now: now) else { return nil }
        let path = context.cassettePath ?? "Cassettes/\(context.cassetteName).\(CassetteFile.fileExtension)"
        var lines = [
            "cassette \"\(context.cassetteName)\" is stale: \(stale.description) (ReplayOptions maxAge).",
            "See what changed at the service:",
            "  cassette verify \(path)\(log.cassette?.source == "emulator" ? " --emulate" : "")",
            "Then record it again:",
        ]
        // File paths and commands are the user's own, printed as they are (as the near-miss
        // report prints them); nothing here comes from a request or a response.
        lines += context.rerecordCommands.map { "  \($0)" }
        return ReplayFinding(severity: options.expiry.fails ? .failure : .warning, message: lines.joined(separator: "\n"))
    }
}
