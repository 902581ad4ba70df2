import Foundation
import PackagePlugin

/// `swift package cassette <subcommand> ...`: runs the real `cassette` command-line tool, built
/// from this package, in the package that depends on it.
///
/// The plugin asks SwiftPM to build the `cassette` product (debug, in the package's own
/// `.build`, shared with its other builds) rather than declaring it as a plugin tool: a tool
/// dependency would make every `swift build` of this package compile the whole CLI a second
/// time for the host.
///
/// The tool runs in the root of the package the command was started in, so its defaults
/// (`Cassettes/`, `Cassettes/<provider>/me.har.gz`) and any relative path name that package's
/// files. Arguments are passed through unchanged and the environment is inherited, so a
/// credential is still read from its variable (`ZITADEL_TOKEN=... swift package ...`), never
/// from an argument.
///
/// SwiftPM asks for a command plugin's permissions once, for every invocation: writing to the
/// package directory (what `record`, `synth --output`, `import` and `demo` do) and network
/// connections (what `record` does, and `serve`/`emulate` on loopback). Outside a terminal,
/// grant them with `--allow-writing-to-package-directory` and `--allow-network-connections all`.
@main
struct CassettePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try buildTool()
        let status = try Self.run(tool, arguments: arguments, in: context.package.directoryURL)
        guard status == 0 else { throw ToolFailure(arguments: arguments, status: status) }
    }

    /// Builds the `cassette` product and returns the executable.
    func buildTool() throws -> URL {
        let result = try packageManager.build(.product("cassette"), parameters: .init(configuration: .debug, logging: .concise))
        guard result.succeeded else {
            print(result.logText)
            throw ToolBuildFailure()
        }
        let built = result.builtArtifacts.first { $0.kind == .executable && $0.url.lastPathComponent == "cassette" }
        guard let built else { throw ToolBuildFailure() }
        return built.url
    }

    /// Runs the tool with inherited standard input, output and error, and returns its exit status.
    static func run(_ executable: URL, arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments.isEmpty ? ["--help"] : arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// SwiftPM could not build the `cassette` product (its log is printed above).
struct ToolBuildFailure: Error, CustomStringConvertible {
    var description: String {
        "building the cassette tool failed (see the build log above); `swift build --product cassette` shows the same"
    }
}

/// The tool exited with a non-zero status; SwiftPM turns this into its own exit status 1.
struct ToolFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32

    var description: String {
        let subcommand = arguments.first ?? "cassette"
        let meaning = status == 1 ? "a finding or a mismatch (see above)" : "bad usage or unreadable input (see above)"
        return "cassette \(subcommand) exited with status \(status): \(meaning)"
    }
}
