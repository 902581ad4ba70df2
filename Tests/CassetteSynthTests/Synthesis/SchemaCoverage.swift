import CassetteKit
import CassetteSynth
import Foundation

/// Records which parts of a schema a set of instances exercised, by walking each instance
/// beside the schema: enum values seen, properties seen absent, present and null. Branches of
/// `anyOf`/`oneOf` are followed where the validator says the instance matches them.
///
/// Independent of the synthesizer's own bookkeeping: it reads only the schema and the values.
struct SchemaCoverage {
    let root: JSONValue
    private var validators: [JSONPointer: JSONSchemaValidator] = [:]
    private(set) var enumSeen: [JSONPointer: Set<Int>] = [:]
    private(set) var nullSeen: Set<JSONPointer> = []
    private(set) var absentSeen: Set<JSONPointer> = []
    private(set) var presentSeen: Set<JSONPointer> = []
    /// `anyOf`/`oneOf` branches an instance matched.
    private(set) var branchSeen: Set<JSONPointer> = []
    /// Size classes seen per array schema (see ``sizeClass(_:_:)``).
    private(set) var sizeSeen: [JSONPointer: Set<String>] = [:]

    init(schema: JSONValue) {
        root = schema
    }

    /// A validator for the subschema at `pointer` (references resolve against the whole document).
    mutating func validator(at pointer: JSONPointer) throws -> JSONSchemaValidator {
        if let cached = validators[pointer] { return cached }
        let fragment = pointer.description.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? pointer.description
        let validator = try JSONSchemaValidator(
            schema: ["$ref": .string("urn:coverage:root#" + fragment)], remotes: ["urn:coverage:root": root])
        validators[pointer] = validator
        return validator
    }

    mutating func walk(_ instance: JSONValue, at pointer: JSONPointer = .root, depth: Int = 0) throws {
        guard depth < 64, case .object(let schema)? = root.value(at: pointer) else { return }
        if case .string(let reference)? = schema["$ref"], reference.hasPrefix("#"), let target = JSONPointer(String(reference.dropFirst()))
        {
            try walk(instance, at: target, depth: depth + 1)
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard case .array(let branches)? = schema[keyword] else { continue }
            for index in branches.indices {
                let branch = pointer.appending(keyword).appending(index)
                let matches = keyword == "allOf" ? true : try validator(at: branch).isValid(instance)
                if matches {
                    if keyword != "allOf" { branchSeen.insert(branch) }
                    try walk(instance, at: branch, depth: depth + 1)
                }
            }
        }
        if case .array(let values)? = schema["enum"], let index = values.firstIndex(where: { $0.isSemanticallyEqual(to: instance) }) {
            enumSeen[pointer, default: []].insert(index)
        }
        if case .object(let object) = instance {
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if case .object(let properties)? = schema["properties"] {
                for member in properties.members {
                    let property = pointer.appending("properties").appending(member.key)
                    if let value = object[member.key] {
                        presentSeen.insert(property)
                        if value == .null { nullSeen.insert(property) }
                        try walk(value, at: property, depth: depth + 1)
                    } else if !required.contains(member.key) {
                        absentSeen.insert(property)
                    }
                }
            }
            if schema["additionalProperties"]?.objectValue != nil {
                let declared = Set(schema["properties"]?.objectValue?.keys ?? [])
                for member in object.members where !declared.contains(member.key) {
                    try walk(member.value, at: pointer.appending("additionalProperties"), depth: depth + 1)
                }
            }
        }
        if case .array(let elements) = instance, schema["items"] != nil {
            sizeSeen[pointer, default: []].insert(Self.sizeClass(elements.count, JSONValue.object(schema)))
            for element in elements { try walk(element, at: pointer.appending("items"), depth: depth + 1) }
        }
    }

    /// Every `enum` in the schema, with its number of values.
    func enums() -> [(JSONPointer, Int)] {
        var result: [(JSONPointer, Int)] = []
        Self.visit(root, at: .root) { value, pointer in
            if case .array(let values)? = value["enum"] { result.append((pointer, values.count)) }
        }
        return result
    }

    /// The size classes an array schema distinguishes: `empty`/`non-empty` without `minItems`,
    /// else `minimum`/`above minimum` (one class, `exact`, when `minItems == maxItems`).
    static func sizeClasses(_ schema: JSONValue) -> [String] {
        let minimum = schema["minItems"]?.numberValue?.intValue ?? 0
        let maximum = schema["maxItems"]?.numberValue?.intValue
        if let maximum, maximum == minimum { return ["exact"] }
        return minimum == 0 ? ["empty", "non-empty"] : ["minimum", "above minimum"]
    }

    static func sizeClass(_ count: Int, _ schema: JSONValue) -> String {
        let minimum = schema["minItems"]?.numberValue?.intValue ?? 0
        if let maximum = schema["maxItems"]?.numberValue?.intValue, maximum == minimum { return "exact" }
        if minimum == 0 { return count == 0 ? "empty" : "non-empty" }
        return count == minimum ? "minimum" : "above minimum"
    }

    /// Every `anyOf`/`oneOf` branch of the schema.
    func branches() -> [JSONPointer] {
        var result: [JSONPointer] = []
        Self.visit(root, at: .root) { value, pointer in
            for keyword in ["anyOf", "oneOf"] {
                for index in value[keyword]?.arrayValue?.indices ?? 0..<0 { result.append(pointer.appending(keyword).appending(index)) }
            }
        }
        return result
    }

    /// Every array schema (one with `items`).
    func arrays() -> [(JSONPointer, [String])] {
        var result: [(JSONPointer, [String])] = []
        Self.visit(root, at: .root) { value, pointer in
            if value["items"] != nil { result.append((pointer, Self.sizeClasses(value))) }
        }
        return result
    }

    /// Every property declared under `properties`, and whether its parent requires it.
    func properties() -> [(JSONPointer, required: Bool)] {
        var result: [(JSONPointer, required: Bool)] = []
        Self.visit(root, at: .root) { value, pointer in
            guard case .object(let properties)? = value["properties"] else { return }
            let required = Set(value["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for key in properties.keys { result.append((pointer.appending("properties").appending(key), required.contains(key))) }
        }
        return result
    }

    /// Visits every schema object of the document (not inside `enum`, `const`, `examples`).
    private static func visit(_ value: JSONValue, at pointer: JSONPointer, _ body: (JSONValue, JSONPointer) -> Void) {
        switch value {
        case .object(let object):
            body(value, pointer)
            for member in object.members where !["enum", "const", "examples", "x-statuses", "x-invariants"].contains(member.key) {
                visit(member.value, at: pointer.appending(member.key), body)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { visit(element, at: pointer.appending(index), body) }
        default:
            break
        }
    }
}
