import ArgumentParser
import CassetteKit
import Foundation

/// A failure a subcommand reports with a chosen exit code and message (what, where, next step).
struct CLIFailure: Error, CustomStringConvertible {
    /// 1 for a finding or mismatch, 2 for bad usage or unreadable input.
    var code: Int32
    var message: String
    var description: String { message }

    /// A finding or mismatch (exit 1).
    static func finding(_ message: String) -> CLIFailure { CLIFailure(code: 1, message: message) }
    /// Bad usage or unreadable input (exit 2).
    static func usage(_ message: String) -> CLIFailure { CLIFailure(code: 2, message: message) }
}

/// Maps any error a command throws to the exit code contract and a message for stderr.
enum ExitReport {
    static func describe(_ error: any Error, command: any ParsableCommand.Type) -> (Int32, String?) {
        switch error {
        case let failure as CLIFailure:
            return (failure.code, failure.message)
        case let failure as CassetteError:
            return (2, "error: \(failure.description)")
        case let code as ExitCode:
            return (code.rawValue, nil)
        default:
            let code = command.exitCode(for: error)
            let message = command.fullMessage(for: error)
            if code == .success {
                // --help and --version print on stdout.
                Console.out(message)
                return (0, nil)
            }
            // ArgumentParser echoes arguments it cannot place (`Unexpected argument '...'`):
            // its messages go through the display path like every other.
            if code == .validationFailure { return (2, SafeDisplay.text(message)) }
            return (code.rawValue == 1 ? 2 : code.rawValue, SafeDisplay.text(message.isEmpty ? "error: \(error)" : message))
        }
    }
}
