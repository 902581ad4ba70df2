import ArgumentParser
import CassetteKit
import Foundation

/// The `cassette` command: record, replay, synthesize and audit `/me` endpoint fixtures.
///
/// Exit codes, the same for every subcommand: 0 success, 1 a finding or a mismatch (for the
/// commands that look for them), 2 bad usage or unreadable input.
@main
struct CassetteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cassette",
        abstract: "Record, replay, synthesize and audit fixtures for `/me` endpoints.",
        discussion: """
            Exit codes: 0 success, 1 a finding or mismatch, 2 bad usage or unreadable input.
            """,
        version: CassetteKitVersion.current,
        subcommands: CommandRegistry.subcommands
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let (code, message) = ExitReport.describe(error, command: Self.self)
            if let message, !message.isEmpty { Console.error(message) }
            Foundation.exit(code)
        }
    }
}
