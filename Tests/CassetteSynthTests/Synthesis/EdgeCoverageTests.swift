import CassetteKit
import CassetteSynth
import Foundation
import Testing

/// Counts what one `edge` pass exercises of each shipped schema, by walking its values beside the
/// schema (independent of the synthesizer's bookkeeping), and prints the table.
@Suite("edge coverage: optional members, nullable values, enum values, branches and array sizes")
struct EdgeCoverageTests {
    struct Tally {
        var covered = 0
        var total = 0
        var missed: [String] = []

        mutating func count(_ seen: Bool, _ what: @autoclosure () -> String) {
            total += 1
            if seen { covered += 1 } else { missed.append(what()) }
        }

        var ratio: Double { total == 0 ? 1 : Double(covered) / Double(total) }
    }

    static func tally(_ name: String) throws -> (optional: Tally, nullable: Tally, enums: Tally, branches: Tally, sizes: Tally) {
        let schema = try FixtureSynthesizerTests.schema(name)
        let edges = try FixtureSynthesizer(schema: schema).edgeCases(seed: 7)
        var coverage = SchemaCoverage(schema: schema)
        for edge in edges { try coverage.walk(edge.value) }
        var optional = Tally()
        var nullable = Tally()
        var enums = Tally()
        var branches = Tally()
        var sizes = Tally()
        for (property, required) in coverage.properties() {
            optional.count(coverage.presentSeen.contains(property), "\(property) present")
            if !required { optional.count(coverage.absentSeen.contains(property), "\(property) absent") }
            if try coverage.validator(at: property).isValid(.null) {
                nullable.count(coverage.nullSeen.contains(property), "\(property) null")
            }
        }
        for (pointer, count) in coverage.enums() {
            for index in 0..<count { enums.count(coverage.enumSeen[pointer]?.contains(index) ?? false, "\(pointer) value \(index)") }
        }
        for branch in coverage.branches() { branches.count(coverage.branchSeen.contains(branch), "\(branch)") }
        for (pointer, classes) in coverage.arrays() {
            for size in classes { sizes.count(coverage.sizeSeen[pointer]?.contains(size) ?? false, "\(pointer) \(size)") }
        }
        return (optional, nullable, enums, branches, sizes)
    }

    @Test("one edge pass covers at least 90% of each schema's choices, printed per kind", arguments: FixtureSynthesizerTests.schemas)
    func coverage(name: String) throws {
        let t = try Self.tally(name)
        var all = Tally()
        for part in [t.optional, t.nullable, t.enums, t.branches, t.sizes] {
            all.covered += part.covered
            all.total += part.total
            all.missed += part.missed
        }
        func cell(_ tally: Tally) -> String { "\(tally.covered)/\(tally.total)" }
        print(
            "edge coverage \(name): \(String(format: "%.1f", all.ratio * 100))% (\(all.covered)/\(all.total)); optional members "
                + "\(cell(t.optional)), nullable \(cell(t.nullable)), enum values \(cell(t.enums)), branches \(cell(t.branches)), "
                + "array sizes \(cell(t.sizes))" + (all.missed.isEmpty ? "" : "; missed: \(all.missed.prefix(8).joined(separator: ", "))"))
        #expect(all.ratio >= 0.9, "\(name): \(all.covered)/\(all.total); missed \(all.missed)")
    }
}
