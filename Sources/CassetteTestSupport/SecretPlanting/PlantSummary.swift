/// Counts of outcomes per corpus class, printed as a Markdown table (counts and case ids only,
/// never values), for the README's table of input classes.
public struct PlantSummary: Sendable {
    private var redaction: [PlantClass: [RedactionOutcome: Int]] = [:]
    private var audit: [PlantClass: [AuditOutcome: Int]] = [:]
    /// Case ids that failed, per check.
    public private(set) var unsafeCases: [String] = []
    public private(set) var missedCases: [String] = []

    public init() {}

    /// Adds one case's outcomes.
    public mutating func add(_ plantCase: PlantCase, redaction outcome: RedactionOutcome, audit auditOutcome: AuditOutcome) {
        redaction[plantCase.group, default: [:]][outcome, default: 0] += 1
        audit[plantCase.group, default: [:]][auditOutcome, default: 0] += 1
        if !outcome.isSafe { unsafeCases.append("\(plantCase.id) (\(outcome.rawValue))") }
        if !auditOutcome.blocks { missedCases.append(plantCase.id) }
    }

    /// The table: one row per class, then the totals.
    public func table(title: String) -> String {
        var lines = [
            "### \(title)", "",
            "| class | cases | refused | redacted | survived | audit flagged | audit missed |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        var totals = [0, 0, 0, 0, 0, 0]
        for group in PlantClass.allCases {
            let r = redaction[group] ?? [:]
            let a = audit[group] ?? [:]
            let cases = r.values.reduce(0, +)
            guard cases > 0 else { continue }
            let survived = (r[.survived] ?? 0) + (r[.leakyRefusal] ?? 0) + (r[.unreadable] ?? 0)
            let row = [cases, r[.refused] ?? 0, r[.redacted] ?? 0, survived, (a[.flagged] ?? 0) + (a[.unreadable] ?? 0), a[.missed] ?? 0]
            for index in row.indices { totals[index] += row[index] }
            lines.append("| \(group.rawValue) | " + row.map(String.init).joined(separator: " | ") + " |")
        }
        lines.append("| **all** | " + totals.map { "**\($0)**" }.joined(separator: " | ") + " |")
        return lines.joined(separator: "\n")
    }
}
