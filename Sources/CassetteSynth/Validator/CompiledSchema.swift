import CassetteKit

/// The compiled form of a schema and everything it references: a flat table of nodes that refer
/// to each other by index, so recursive references are plain indices and nothing is resolved twice.
final class CompiledSchema: Sendable {
    /// Every compiled (sub)schema.
    let nodes: [SchemaNode]
    /// The index of the root schema.
    let root: Int
    /// Whether any `$dynamicRef` exists, so evaluation must track the dynamic scope.
    let usesDynamicScope: Bool
    /// For each schema resource, its `$dynamicAnchor`s by name (node indices).
    let dynamicAnchors: [[String: Int]]

    init(nodes: [SchemaNode], root: Int, usesDynamicScope: Bool, dynamicAnchors: [[String: Int]]) {
        self.nodes = nodes
        self.root = root
        self.usesDynamicScope = usesDynamicScope
        self.dynamicAnchors = dynamicAnchors
    }
}

/// One compiled schema: a boolean schema, or keywords grouped by the instance type they apply to.
final class SchemaNode: Sendable {
    enum Kind: Sendable {
        case alwaysValid
        case alwaysInvalid
        case keywords
    }

    let kind: Kind
    /// `uri#/pointer` of this schema, the prefix of its keywords' absolute locations.
    let absoluteLocation: String
    /// The schema resource this node belongs to (for the dynamic scope).
    let resource: Int
    /// This schema's `$dynamicAnchor`, if any.
    let dynamicAnchor: String?
    /// Keywords that apply to every instance (type, enum, const, references, combinators).
    let general: [Keyword]
    let forStrings: [Keyword]
    let forNumbers: [Keyword]
    let forObjects: [Keyword]
    let forArrays: [Keyword]
    /// `unevaluatedProperties` / `unevaluatedItems` (evaluated after everything else).
    let unevaluatedProperties: Int?
    let unevaluatedItems: Int?

    /// Whether this node must gather annotations from its in-place subschemas.
    let needsAnnotations: Bool
    /// The target of a schema that is only a `$ref` (`{"$ref": "#/$defs/id"}`): evaluating it
    /// is evaluating the target, which the fast path does directly when nothing is recorded.
    let onlyReference: Int?
    /// The types of a schema that is only a `type` (`{"type": "boolean"}`), checked directly.
    let onlyType: TypeSet?
    /// A schema of scalar checks only (`type`, `enum`, `const`, string and number keywords: no
    /// subschemas), which the fast path checks without the general evaluation.
    let isScalarLeaf: Bool
    /// The types of a node whose only general keyword is `type` (`{"type": "string", "format":
    /// "uri"}`): a scalar leaf checks them without the keyword loop.
    let soleGeneralType: TypeSet?

    init(
        kind: Kind, absoluteLocation: String, resource: Int, dynamicAnchor: String? = nil,
        general: [Keyword] = [], forStrings: [Keyword] = [], forNumbers: [Keyword] = [],
        forObjects: [Keyword] = [], forArrays: [Keyword] = [],
        unevaluatedProperties: Int? = nil, unevaluatedItems: Int? = nil
    ) {
        self.kind = kind
        self.absoluteLocation = absoluteLocation
        self.resource = resource
        self.dynamicAnchor = dynamicAnchor
        self.general = general
        self.forStrings = forStrings
        self.forNumbers = forNumbers
        self.forObjects = forObjects
        self.forArrays = forArrays
        self.unevaluatedProperties = unevaluatedProperties
        self.unevaluatedItems = unevaluatedItems
        needsAnnotations = unevaluatedProperties != nil || unevaluatedItems != nil
        let onlyGeneral =
            kind == .keywords && general.count == 1 && forStrings.isEmpty && forNumbers.isEmpty && forObjects.isEmpty
            && forArrays.isEmpty && !needsAnnotations
        onlyReference = if onlyGeneral, case .ref(let target) = general[0] { target } else { nil }
        onlyType = if onlyGeneral, case .type(let types) = general[0] { types } else { nil }
        soleGeneralType = if general.count == 1, case .type(let types) = general[0] { types } else { nil }
        isScalarLeaf =
            kind == .keywords && forObjects.isEmpty && forArrays.isEmpty && !needsAnnotations
            && general.allSatisfy { keyword in
                switch keyword {
                case .type, .enumeration, .constant: true
                default: false
                }
            }
    }
}

/// A set of JSON types, as a bit mask.
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let object = TypeSet(rawValue: 4)
    static let array = TypeSet(rawValue: 8)
    static let number = TypeSet(rawValue: 16)
    static let string = TypeSet(rawValue: 32)
    static let integer = TypeSet(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "object": self = .object
        case "array": self = .array
        case "number": self = .number
        case "string": self = .string
        case "integer": self = .integer
        default: return nil
        }
    }

    /// The names, in the order JSON Schema lists them.
    var names: [String] {
        var result: [String] = []
        if contains(.null) { result.append("null") }
        if contains(.boolean) { result.append("boolean") }
        if contains(.object) { result.append("object") }
        if contains(.array) { result.append("array") }
        if contains(.number) { result.append("number") }
        if contains(.string) { result.append("string") }
        if contains(.integer) { result.append("integer") }
        return result
    }

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .object: return contains(.object)
        case .array: return contains(.array)
        case .string: return contains(.string)
        case .number(let number):
            if contains(.number) { return true }
            return contains(.integer) && NumberText.isInteger(number)
        }
    }
}

/// The allowed values of `enum` (strings also in a set, for a fast check).
struct EnumValues: Sendable {
    let values: [JSONValue]
    let strings: Set<String>
    let allStrings: Bool

    init(_ values: [JSONValue]) {
        self.values = values
        let strings = values.compactMap(\.stringValue)
        self.strings = Set(strings)
        allStrings = strings.count == values.count
    }

    func contains(_ value: JSONValue) -> Bool {
        // A few values: comparing each costs less than hashing the string.
        if values.count <= 8 { return values.contains { JSONEquality.equal($0, value) } }
        if case .string(let string) = value {
            // The set finds canonically equivalent strings; code points must match exactly.
            if strings.contains(string) { return values.contains { JSONEquality.equal($0, value) } }
            if allStrings { return false }
        } else if allStrings {
            return false
        }
        return values.contains { JSONEquality.equal($0, value) }
    }
}

/// `properties`, `patternProperties` and `additionalProperties` of one schema, applied in one pass.
///
/// A class: evaluation takes it out of its `Keyword` once per object, and a reference is one
/// retain where the fields of a struct were five.
final class PropertyApplicator: Sendable {
    struct PatternProperty: Sendable {
        let pattern: PatternMatcher
        let schema: Int
    }

    let named: PropertyNameTable
    let patterns: [PatternProperty]
    let additional: Int?
    let hasProperties: Bool
    /// The same schema's `required` names when all of them are in `named` (the keyword is then
    /// compiled as `requiredByProperties`): the fast path counts them during the member pass
    /// instead of looking each one up. Empty otherwise.
    let required: [String]

    init(named: PropertyNameTable, patterns: [PatternProperty], additional: Int?, hasProperties: Bool, required: [String] = []) {
        self.named = named
        self.patterns = patterns
        self.additional = additional
        self.hasProperties = hasProperties
        self.required = required
    }
}

/// `contains` with its bounds.
struct ContainsKeyword: Sendable {
    let schema: Int
    let minimum: Int
    let maximum: Int?
}

/// One compiled keyword.
indirect enum Keyword: Sendable {
    // Any instance.
    case type(TypeSet)
    case enumeration(EnumValues)
    case constant(JSONValue)
    case ref(Int)
    case dynamicRef(initial: Int, anchor: String?)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, otherwise: Int?)
    // Strings.
    case minLength(Int)
    case maxLength(Int)
    case pattern(PatternMatcher)
    case format(FormatKind)
    // Numbers.
    case minimum(NumericBound)
    case exclusiveMinimum(NumericBound)
    case maximum(NumericBound)
    case exclusiveMaximum(NumericBound)
    case multipleOf(NumericBound)
    // Objects.
    case properties(PropertyApplicator)
    case required([String])
    /// `required` whose names are all in the same schema's `properties`: checked as `required`
    /// when collecting errors, and by the `properties` pass otherwise.
    case requiredByProperties([String])
    case dependentRequired([(String, [String])])
    case dependentSchemas([(String, Int)])
    case propertyNames(Int)
    case minProperties(Int)
    case maxProperties(Int)
    // Arrays.
    case items(prefix: [Int], rest: Int?)
    case contains(ContainsKeyword)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
}

/// Number checks on a literal's bytes, with the same answers as `JSONNumber`'s, without walking
/// `Character`s or parsing a `Double` when the literal is a plain integer.
enum NumberText {
    /// `JSONNumber.isInteger`: a literal without `.`, `e` or `E` is an integer; others are decided by value.
    static func isInteger(_ number: JSONNumber) -> Bool {
        if !number.literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return true
        }
        return number.isInteger
    }

    /// `JSONNumber.doubleValue`: a plain integer of at most 15 digits converts exactly from `Int`
    /// (the same double the parse gives); anything else is parsed.
    static func double(_ number: JSONNumber) -> Double {
        let literal = number.literal
        let utf8 = literal.utf8
        if utf8.count <= 15 {
            var value = 0
            var negative = false
            var digits = 0
            var plain = true
            for byte in utf8 {
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                    digits += 1
                } else if byte == UInt8(ascii: "-"), digits == 0, !negative {
                    negative = true
                } else {
                    plain = false
                    break
                }
            }
            if plain, digits > 0 { return negative ? -Double(value) : Double(value) }
        }
        return number.doubleValue
    }
}
