import ArgumentParser
import CassetteKit
import Foundation

/// `cassette audit`: proves cassettes hold no secret before they reach a repository.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Find secrets in cassettes (.har.gz, .har, .json) before they are committed.",
        discussion: """
            Reads gzip cassettes, plain HAR and JSON files; decodes base64 bodies, URL and percent
            encoding, forms, JSON inside strings and JWTs on its own. Exit codes: 0 clean,
            1 findings, 2 unreadable input (a corrupt file is never clean) or bad usage.
            With --max-age, a cassette recorded longer ago (or with no readable recordedAt) is
            named too and counts as a finding.
            Rules: \(AuditRule.allCases.map(\.id).joined(separator: ", ")).
            """
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "Cassette files or folders (default: Cassettes/). With --staged: git pathspecs.")
    var paths: [String] = []

    @Flag(help: "Audit the staged content (the git index) instead of the working tree.")
    var staged = false

    @Option(help: "Output format: text, json or sarif (SARIF 2.1.0).")
    var format: Format = .text

    @Option(help: "Accept the findings listed in this baseline file.")
    var baseline: String?

    @Option(help: "Write every current finding into this baseline file (keeping its salt) and exit 0.")
    var writeBaseline: String?

    @Option(help: "Refuse files whose decompressed size exceeds this many MiB.")
    var maxSize: Int = 64

    @Option(help: "Also name cassettes recorded longer ago than this (90d, 12w, 36h) as findings.")
    var maxAge: String?

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be a positive number of MiB.") }
    }

    func run() throws {
        let age = try maxAge.map { text throws(CLIFailure) -> CassetteMaxAge in
            guard let parsed = CassetteMaxAge(parsing: text) else {
                throw CLIFailure.usage("error: --max-age takes a duration such as 90d, 12w or 36h, not \"\(SafeDisplay.text(text))\".")
            }
            return parsed
        }
        let sources = try collectSources()
        let limit = maxSize * 1024 * 1024
        let outcomes = SecretAuditor().audit(sources, limit: limit)
        if let writeBaseline {
            try write(outcomes: outcomes, to: writeBaseline)
            return
        }
        let accepted = try baseline.map(Self.loadBaseline)
        let report = AuditReport(outcomes: outcomes, baseline: accepted)
        for item in report.unreadable { Console.error("error: \(SafeDisplay.text(item.reason))") }
        switch format {
        case .text: Console.outData(Data(report.text.utf8))
        case .json: Console.outData(report.json)
        case .sarif: Console.outData(report.sarif)
        }
        let stale = age.map { Self.staleCassettes(sources, maxAge: $0, limit: limit) } ?? []
        // Text output lists them with the findings; json and sarif keep stdout machine-readable.
        for line in stale {
            if format == .text { Console.out(line) } else { Console.error(line) }
        }
        let exitCode = report.exitCode == 0 && !stale.isEmpty ? 1 : report.exitCode
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    /// One line per cassette older than `maxAge` (files that are not cassettes are skipped: the
    /// audit itself reports what it cannot read).
    static func staleCassettes(_ sources: [AuditSource], maxAge: CassetteMaxAge, limit: Int) -> [String] {
        sources.compactMap { source -> String? in
            let log: HAR.Log?
            switch source {
            case .file(let url, _): log = try? CassetteFile.read(url, limit: limit)
            case .bytes(let data, let path): log = try? CassetteFile.decode(data, path: path, limit: limit)
            }
            guard let log, let staleness = CassetteStaleness.check(log, maxAge: maxAge) else { return nil }
            return
                "\(SafeDisplay.text(source.displayPath)): stale: \(staleness) (refresh: cassette verify \(SafeDisplay.text(source.displayPath)) --update)"
        }
    }

    private func collectSources() throws -> [AuditSource] {
        if staged { return try StagedCassettes.sources(pathspecs: paths) }
        if paths.isEmpty {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "Cassettes", isDirectory: &isFolder), isFolder.boolValue else {
                throw CLIFailure.usage(
                    "error: no Cassettes/ folder here. Pass the cassettes or folders to audit, e.g. `cassette audit path/to/Cassettes`.")
            }
            return try SecretAuditor.discover(["Cassettes"])
        }
        return try SecretAuditor.discover(paths)
    }

    static func loadBaseline(_ path: String) throws -> AuditBaseline {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure.usage(
                "error: \(path): cannot read the baseline (\(error.localizedDescription)). Create it with `cassette audit --write-baseline \(path)`."
            )
        }
        return try AuditBaseline(data: data, path: path)
    }

    private func write(outcomes: [AuditOutcome], to path: String) throws {
        let existing = try FileManager.default.fileExists(atPath: path) ? Self.loadBaseline(path) : AuditBaseline()
        let report = AuditReport(outcomes: outcomes)
        for item in report.unreadable { Console.error("error: \(SafeDisplay.text(item.reason))") }
        let updated = existing.accepting(report.findings)
        _ = try AtomicFileWriter.write(updated.jsonData, to: URL(fileURLWithPath: path))
        Console.error(
            "cassette audit: wrote \(updated.entries.count) accepted finding\(updated.entries.count == 1 ? "" : "s") to \(path) (salted hashes, no secret values)."
        )
        if report.exitCode == 2 { throw ExitCode(2) }
    }
}
