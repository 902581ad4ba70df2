import Foundation
import Synchronization

/// Runs `git` for `--staged` and `hooks install`; failures become exit-2 messages.
enum GitRunner {
    /// Runs `git arguments` in the current folder, feeding `input`, and returns its stdout.
    static func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        let errors = Pipe()
        let feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = feed
        do {
            try process.run()
        } catch {
            throw CLIFailure.usage("error: cannot run git (\(error.localizedDescription)). Install git, or audit files without --staged.")
        }
        DispatchQueue.global().async {
            if let input { feed.fileHandleForWriting.write(input) }
            try? feed.fileHandleForWriting.close()
        }
        let errorText = OutputBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIFailure.usage(
                "error: `git \(arguments.prefix(2).joined(separator: " "))` failed: \(message.split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"). Run it inside a git repository."
            )
        }
        return data
    }

    /// `git` output as trimmed text.
    static func text(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Bytes read on another thread (stderr of a child process).
private final class OutputBox: Sendable {
    private let data = Mutex(Data())
    func set(_ value: Data) { data.withLock { $0 = value } }
    func get() -> Data { data.withLock { $0 } }
}
