/// How the synthesizer chooses among the values a schema allows.
public enum SynthesisStrategy: String, Sendable, CaseIterable {
    /// Required fields only, arrays at their minimum size.
    case minimal
    /// Every optional field, non-empty arrays, non-null values.
    case maximal
    /// A deterministic pass over the schema's edge cases: null for each nullable field, absence
    /// of each optional field, each enum value, each `anyOf`/`oneOf` branch, empty, minimal and
    /// maximal sizes, non-ASCII and long strings. One variant per case.
    case edge
    /// Seeded random choices everywhere.
    case random
}

/// A choice the generator makes at one place of the instance; the `edge` strategy forces them
/// one at a time.
enum Choice: Hashable, Sendable, CustomStringConvertible {
    case absent
    case present
    case type(String)
    case enumValue(Int)
    case branch(group: String, option: Int)
    /// The smallest length, size or number allowed.
    case lowest
    /// The largest (bounded) length, size or number allowed.
    case highest
    case empty
    case nonEmpty
    case nonASCII
    case long

    /// Which override slot the choice fills (several may apply at one place).
    var slot: String {
        switch self {
        case .absent, .present: return "presence"
        case .type: return "type"
        case .enumValue: return "enum"
        case .branch(let group, _): return "branch\(group)"
        case .lowest, .highest, .empty, .nonEmpty, .nonASCII, .long: return "shape"
        }
    }

    var description: String {
        switch self {
        case .absent: return "absent"
        case .present: return "present"
        case .type(let name): return "type \(name)"
        case .enumValue(let index): return "enum value \(index)"
        case .branch(let group, let option): return "branch \(group).\(option)"
        case .lowest: return "lowest"
        case .highest: return "highest"
        case .empty: return "empty"
        case .nonEmpty: return "non-empty"
        case .nonASCII: return "non-ASCII"
        case .long: return "long"
        }
    }
}

/// A place where a choice was available: the schema node (for coverage) and the instance
/// location (to force it).
struct ChoiceSite: Hashable, Sendable {
    /// `schema-pointer|choice`: covered once anywhere is enough.
    let key: String
    let instance: String
    let choice: Choice
}

/// Overrides forcing choices, by instance location and slot.
struct ChoiceOverrides: Hashable, Sendable {
    private(set) var forced: [String: Choice] = [:]

    /// Whether no choice is forced (every variant but the edge cases).
    var isEmpty: Bool { forced.isEmpty }

    func choice(at instance: String, slot: String) -> Choice? {
        forced[instance + "\u{0}" + slot]
    }

    func adding(_ choice: Choice, at instance: String) -> ChoiceOverrides {
        var copy = self
        copy.forced[instance + "\u{0}" + choice.slot] = choice
        return copy
    }
}
