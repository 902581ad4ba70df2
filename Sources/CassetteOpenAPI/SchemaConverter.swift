import CassetteKit

/// Converts OpenAPI schema objects to JSON Schema 2020-12, collecting the components they
/// reference into `$defs` (each once, so reference cycles are fine).
struct SchemaConverter {
    let document: JSONValue
    let isOpenAPI30: Bool
    let source: String
    /// Converted components by their `$defs` name, in the order first referenced.
    private(set) var definitions = JSONObject()
    private(set) var warnings: [String] = []
    private var pending: [(name: String, pointer: JSONPointer)] = []
    private var claimed: [String: String] = [:]

    /// Keywords whose value is one schema.
    static let singleSchema: Set<String> = [
        "additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema",
    ]
    /// Keywords whose value maps names to schemas.
    static let schemaMap: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    /// Keywords whose value is a list of schemas.
    static let schemaList: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    /// OpenAPI-only keywords with no JSON Schema meaning, dropped.
    static let openAPIOnly: Set<String> = ["nullable", "discriminator", "xml", "externalDocs", "example"]

    init(document: JSONValue, isOpenAPI30: Bool, source: String) {
        self.document = document
        self.isOpenAPI30 = isOpenAPI30
        self.source = source
    }

    /// Converts the response schema, then every component it reaches.
    mutating func convertRoot(_ schema: JSONValue, at pointer: JSONPointer) throws(OpenAPIImportError) -> JSONValue {
        let root = try convert(schema, at: pointer)
        while !pending.isEmpty {
            let (name, location) = pending.removeFirst()
            guard let value = document.value(at: location) else {
                throw OpenAPIImportError("\(source): \(location) is referenced but does not exist")
            }
            definitions[name] = try convert(value, at: location)
        }
        return root
    }

    private mutating func convert(_ schema: JSONValue, at pointer: JSONPointer) throws(OpenAPIImportError) -> JSONValue {
        guard case .object(let object) = schema else {
            if case .bool = schema { return schema }
            throw OpenAPIImportError("\(source) \(pointer): a schema must be an object, found \(schema.typeName)")
        }
        var result = JSONObject()
        for member in object.members {
            let key = member.key
            let value = member.value
            let here = pointer.appending(key)
            if Self.openAPIOnly.contains(key) { continue }
            if key == "$ref", case .string(let reference) = value {
                result[key] = .string(try rewrite(reference, at: here))
            } else if key == "type" {
                result[key] = convertType(value, at: here)
            } else if Self.singleSchema.contains(key), value.objectValue != nil || value.boolValue != nil {
                result[key] = try convert(value, at: here)
            } else if Self.schemaMap.contains(key), case .object(let map) = value {
                var converted = JSONObject()
                for entry in map.members { converted[entry.key] = try convert(entry.value, at: here.appending(entry.key)) }
                result[key] = .object(converted)
            } else if Self.schemaList.contains(key) || key == "items", case .array(let list) = value {
                var converted: [JSONValue] = []
                for (index, element) in list.enumerated() { converted.append(try convert(element, at: here.appending(index))) }
                // 3.0 never allows an items array; 2019-09 style tuples become prefixItems.
                result[key == "items" ? "prefixItems" : key] = .array(converted)
            } else if key == "enum", case .array(let values) = value {
                result[key] = .array(flattenFernEnum(values, at: here))
            } else {
                result[key] = value
            }
        }
        if let example = object["example"], result["examples"] == nil { result["examples"] = .array([example]) }
        if isOpenAPI30 { convertExclusiveBounds(&result, object) }
        if object["nullable"] == .bool(true) { return makeNullable(result) }
        return .object(result)
    }

    /// `type` as written, with the YAML null of `type: null` read as the type "null".
    private mutating func convertType(_ value: JSONValue, at pointer: JSONPointer) -> JSONValue {
        switch value {
        case .null:
            warnings.append("\(source) \(pointer): `type: null` is not valid OpenAPI 3.0; read as the JSON type \"null\"")
            return "null"
        case .array(let names):
            return .array(names.map { $0 == .null ? "null" : $0 })
        default:
            return value
        }
    }

    /// Fern renders string enums as `[{value: X}]`: a string type can never equal an object, so
    /// such an enum is read as the plain values.
    private mutating func flattenFernEnum(_ values: [JSONValue], at pointer: JSONPointer) -> [JSONValue] {
        let flattened = values.compactMap { value -> JSONValue? in
            guard case .object(let object) = value, object.count == 1, let inner = object["value"], inner.stringValue != nil else {
                return nil
            }
            return inner
        }
        guard !values.isEmpty, flattened.count == values.count else { return values }
        warnings.append("\(source) \(pointer): enum values written as {value: X} objects were read as the plain values X")
        return flattened
    }

    /// 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` modify `minimum`/`maximum`; 2020-12's are numbers.
    private func convertExclusiveBounds(_ result: inout JSONObject, _ object: JSONObject) {
        for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            guard case .bool(let flag)? = object[exclusive] else { continue }
            result[exclusive] = nil
            if flag, let value = object[bound] {
                result[exclusive] = value
                result[bound] = nil
            }
        }
    }

    /// `nullable: true`: "null" joins the type (and the enum); a bare `$ref` becomes `anyOf`.
    private func makeNullable(_ schema: JSONObject) -> JSONValue {
        var result = schema
        if case .array(var values)? = result["enum"], !values.contains(.null) {
            values.append(.null)
            result["enum"] = .array(values)
        }
        switch result["type"] {
        case .string(let name)?:
            result["type"] = name == "null" ? .string(name) : .array([.string(name), "null"])
            return .object(result)
        case .array(let names)?:
            result["type"] = .array(names.contains("null") ? names : names + ["null"])
            return .object(result)
        default:
            if result["enum"] != nil, result["$ref"] == nil, result["allOf"] == nil { return .object(result) }
            var nullable = JSONObject()
            nullable["anyOf"] = .array([.object(result), ["type": "null"]])
            return .object(nullable)
        }
    }

    /// Rewrites a reference into the document to point into `$defs`, scheduling the component.
    private mutating func rewrite(_ reference: String, at pointer: JSONPointer) throws(OpenAPIImportError) -> String {
        guard reference.hasPrefix("#"), let target = JSONPointer(String(reference.dropFirst())) else {
            throw OpenAPIImportError(
                "\(source) \(pointer): the reference \(reference) points outside this document; bundle the document first (e.g. `redocly bundle`)"
            )
        }
        let tokens = target.tokens
        // #/components/schemas/Name[/more] → #/$defs/Name[/more]; any other place → #/$defs/<path joined>.
        let componentTokens: [String]
        let rest: [String]
        if tokens.count >= 3, tokens[0] == "components", tokens[1] == "schemas" {
            componentTokens = Array(tokens.prefix(3))
            rest = Array(tokens.dropFirst(3))
        } else {
            componentTokens = tokens
            rest = []
        }
        let componentPointer = JSONPointer(tokens: componentTokens)
        guard document.value(at: componentPointer) != nil else {
            throw OpenAPIImportError("\(source) \(pointer): the reference \(reference) names nothing in this document")
        }
        let wanted =
            componentTokens.count == 3 && componentTokens[1] == "schemas" ? componentTokens[2] : componentTokens.joined(separator: "_")
        let name = claim(wanted, for: componentPointer.description)
        return "#" + JSONPointer(tokens: ["$defs", name] + rest).description
    }

    /// A unique `$defs` name for a component location, scheduling its conversion the first time.
    private mutating func claim(_ wanted: String, for location: String) -> String {
        if let existing = claimed.first(where: { $0.value == location })?.key { return existing }
        var name = wanted
        var number = 2
        while claimed[name] != nil {
            name = "\(wanted)_\(number)"
            number += 1
        }
        claimed[name] = location
        if let pointer = JSONPointer(location) { pending.append((name, pointer)) }
        return name
    }
}
