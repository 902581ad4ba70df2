import ArgumentParser
import CassetteKit
import Foundation

/// `cassette hooks`: git integration for those without the pre-commit framework.
struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Git integration: a pre-commit hook that audits staged cassettes, and readable cassette diffs.",
        subcommands: [HooksInstallCommand.self]
    )
}

/// `cassette hooks install`: the pre-commit hook plus the textconv diff driver.
struct HooksInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install a git pre-commit hook running `cassette audit --staged`, and the cassette textconv diff driver.",
        discussion: """
            Writes the pre-commit hook into the repository's hooks folder (honouring core.hooksPath),
            adds `*.har.gz diff=cassette` to .gitattributes and sets
            `git config diff.cassette.textconv "cassette show"`. The hook uses
            \(GitHookScript.baselineFile) as its baseline when that file exists.
            """
    )

    @Flag(help: "Replace an existing pre-commit hook that cassette did not write.")
    var force = false

    func run() throws {
        let topLevel = try GitRunner.text(["rev-parse", "--show-toplevel"])
        let hooksPath = try GitRunner.text(["rev-parse", "--git-path", "hooks"])
        let hooksFolder = URL(fileURLWithPath: hooksPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/"))
            .standardizedFileURL
        let command = GitHookScript.commandForThisExecutable()
        let hook = hooksFolder.appendingPathComponent("pre-commit")
        let manager = FileManager.default
        if let existing = try? String(contentsOf: hook, encoding: .utf8), !existing.contains(GitHookScript.marker), !force {
            throw CLIFailure.usage(
                "error: \(hook.path) already exists and was not written by cassette. Add `\(command) audit --staged` to it yourself, or rerun with --force to replace it."
            )
        }
        do {
            try manager.createDirectory(at: hooksFolder, withIntermediateDirectories: true)
            _ = try AtomicFileWriter.write(Data(GitHookScript.preCommit(command: command).utf8), to: hook)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure.usage(
                "error: \(hook.path): cannot write the hook (\(error.localizedDescription)). Check the folder is writable.")
        }
        let attributes = URL(fileURLWithPath: topLevel).appendingPathComponent(".gitattributes")
        let attributesChanged = try GitHookScript.ensureAttribute(in: attributes)
        _ = try GitRunner.run(["config", "diff.cassette.textconv", "\(command) show"])
        Console.out("installed \(hook.path): commits with a leaky staged cassette are refused (`cassette audit --staged`).")
        Console.out(
            attributesChanged
                ? "added `\(GitHookScript.attributeLine)` to \(attributes.path)."
                : "\(attributes.path) already has `\(GitHookScript.attributeLine)`.")
        Console.out("set git config diff.cassette.textconv \"\(command) show\": `git diff` shows cassettes as JSON.")
    }
}

/// The files `cassette hooks install` writes.
enum GitHookScript {
    /// Marks a hook as written by cassette (reinstalling replaces it).
    static let marker = "# cassette-audit hook"
    /// The baseline the hook uses when present, relative to the repository root.
    static let baselineFile = ".cassette-audit-baseline.json"
    /// The `.gitattributes` line of the diff driver.
    static let attributeLine = "*.har.gz diff=cassette"

    /// The pre-commit hook script.
    static func preCommit(command: String) -> String {
        """
        #!/bin/sh
        \(marker): installed by `cassette hooks install`.
        # Refuses a commit whose staged cassettes hold a secret (exit 1) or cannot be read (exit 2).
        # Accept reviewed findings with `cassette audit --staged --write-baseline \(baselineFile)`.
        if [ -f \(baselineFile) ]; then
          exec \(command) audit --staged --baseline \(baselineFile)
        fi
        exec \(command) audit --staged

        """
    }

    /// `cassette` when that name on PATH is this executable, else this executable's absolute
    /// path, quoted for the shell.
    static func commandForThisExecutable() -> String {
        let own = URL(fileURLWithPath: ownPath()).resolvingSymlinksInPath().path
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("cassette")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                if candidate.resolvingSymlinksInPath().path == own { return "cassette" }
                break
            }
        }
        return "'" + own.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func ownPath() -> String {
        #if os(Linux)
            if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return linked }
        #endif
        if let path = Bundle.main.executablePath { return path }
        let argument = CommandLine.arguments[0]
        return argument.hasPrefix("/") ? argument : FileManager.default.currentDirectoryPath + "/" + argument
    }

    /// Adds the diff-driver line to `.gitattributes` unless present; returns whether it changed.
    static func ensureAttribute(in file: URL) throws -> Bool {
        let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let lines = existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.contains(attributeLine) { return false }
        let updated = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + attributeLine + "\n"
        do {
            _ = try AtomicFileWriter.write(Data(updated.utf8), to: file)
        } catch {
            throw CLIFailure.usage("error: \(file.path): cannot update (\(error.localizedDescription)). Add `\(attributeLine)` yourself.")
        }
        return true
    }
}
