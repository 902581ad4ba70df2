import CassetteKit

/// Compiles the keywords of one object schema into a ``SchemaNode``.
struct NodeBuilder {
    let location: SchemaLocation
    let base: String
    let resource: Int
    let object: JSONObject

    private var general: [Keyword] = []
    private var strings: [Keyword] = []
    private var numbers: [Keyword] = []
    private var objects: [Keyword] = []
    private var arrays: [Keyword] = []

    init(location: SchemaLocation, base: String, resource: Int, object: JSONObject) {
        self.location = location
        self.base = base
        self.resource = resource
        self.object = object
    }

    mutating func build(with compiler: inout SchemaCompiler, absoluteLocation: String) throws(SchemaError) -> SchemaNode {
        let vocabularies = compiler.vocabularies
        if vocabularies.validation { try buildTypeAndValues() }
        try buildReferences(with: &compiler)
        if vocabularies.applicator { try buildInPlaceApplicators(with: &compiler) }
        if vocabularies.validation { try buildStringAndNumberAssertions() }
        if compiler.formatAssertion || vocabularies.formatAssertion, case .string(let name)? = object["format"],
            let format = FormatKind(rawValue: name)
        {
            strings.append(.format(format))
        }
        var objectBuilder = ObjectKeywordBuilder(node: self)
        objects += try objectBuilder.build(with: &compiler, applicators: vocabularies.applicator, assertions: vocabularies.validation)
        var arrayBuilder = ArrayKeywordBuilder(node: self)
        arrays += try arrayBuilder.build(with: &compiler, applicators: vocabularies.applicator, assertions: vocabularies.validation)
        var unevaluatedProperties: Int?
        var unevaluatedItems: Int?
        if vocabularies.unevaluated {
            if object["unevaluatedProperties"] != nil { unevaluatedProperties = try schema("unevaluatedProperties", &compiler) }
            if object["unevaluatedItems"] != nil { unevaluatedItems = try schema("unevaluatedItems", &compiler) }
        }
        var dynamicAnchor: String?
        if case .string(let name)? = object["$dynamicAnchor"] { dynamicAnchor = name }
        return SchemaNode(
            kind: .keywords, absoluteLocation: absoluteLocation, resource: resource, dynamicAnchor: dynamicAnchor,
            general: general, forStrings: strings, forNumbers: numbers, forObjects: objects, forArrays: arrays,
            unevaluatedProperties: unevaluatedProperties, unevaluatedItems: unevaluatedItems)
    }

    // MARK: - Keyword groups

    private mutating func buildTypeAndValues() throws(SchemaError) {
        if let type = object["type"] {
            var set = TypeSet()
            let names: [JSONValue]
            switch type {
            case .string: names = [type]
            case .array(let elements): names = elements
            default: throw error("type", "must be a type name or an array of type names")
            }
            for name in names {
                guard case .string(let text) = name, let member = TypeSet(name: text) else {
                    throw error(
                        "type", "\(name.jsonText) is not a JSON Schema type (null, boolean, object, array, number, string, integer)")
                }
                set.insert(member)
            }
            general.append(.type(set))
        }
        if let values = object["enum"] {
            guard case .array(let elements) = values else { throw error("enum", "must be an array") }
            general.append(.enumeration(EnumValues(elements)))
        }
        if let value = object["const"] { general.append(.constant(value)) }
    }

    private mutating func buildReferences(with compiler: inout SchemaCompiler) throws(SchemaError) {
        if let reference = object["$ref"] {
            guard case .string(let text) = reference else { throw error("$ref", "must be a string (a URI reference)") }
            let target = try compiler.compileReference(text, base: base, keywordLocation: location.appending("$ref"))
            general.append(.ref(target.index))
        }
        if let reference = object["$dynamicRef"] {
            guard case .string(let text) = reference else { throw error("$dynamicRef", "must be a string (a URI reference)") }
            let target = try compiler.compileReference(text, base: base, keywordLocation: location.appending("$dynamicRef"))
            let fragment = URIText.fragment(target.absolute) ?? ""
            let anchor = fragment.isEmpty || fragment.hasPrefix("/") ? nil : fragment
            compiler.usesDynamicRef = true
            general.append(.dynamicRef(initial: target.index, anchor: anchor))
        }
    }

    private mutating func buildInPlaceApplicators(with compiler: inout SchemaCompiler) throws(SchemaError) {
        if object["allOf"] != nil { general.append(.allOf(try schemaArray("allOf", &compiler))) }
        if object["anyOf"] != nil { general.append(.anyOf(try schemaArray("anyOf", &compiler))) }
        if object["oneOf"] != nil { general.append(.oneOf(try schemaArray("oneOf", &compiler))) }
        if object["not"] != nil { general.append(.not(try schema("not", &compiler))) }
        if object["if"] != nil {
            let condition = try schema("if", &compiler)
            let then = object["then"] == nil ? nil : try schema("then", &compiler)
            let otherwise = object["else"] == nil ? nil : try schema("else", &compiler)
            // Even without then/else, `if` contributes annotations (unevaluated* sees them).
            general.append(.conditional(condition: condition, then: then, otherwise: otherwise))
        }
    }

    private mutating func buildStringAndNumberAssertions() throws(SchemaError) {
        if object["minLength"] != nil { strings.append(.minLength(try count("minLength"))) }
        if object["maxLength"] != nil { strings.append(.maxLength(try count("maxLength"))) }
        if let pattern = object["pattern"] {
            guard case .string(let source) = pattern else { throw error("pattern", "must be a string") }
            strings.append(.pattern(try compilePattern(source, keyword: "pattern")))
        }
        if object["minimum"] != nil { numbers.append(.minimum(try bound("minimum"))) }
        if object["exclusiveMinimum"] != nil { numbers.append(.exclusiveMinimum(try bound("exclusiveMinimum"))) }
        if object["maximum"] != nil { numbers.append(.maximum(try bound("maximum"))) }
        if object["exclusiveMaximum"] != nil { numbers.append(.exclusiveMaximum(try bound("exclusiveMaximum"))) }
        if object["multipleOf"] != nil {
            let divisor = try bound("multipleOf")
            guard divisor.value > 0 else { throw error("multipleOf", "must be greater than 0") }
            numbers.append(.multipleOf(divisor))
        }
    }

    // MARK: - Helpers shared with the object and array builders

    func error(_ keyword: String, _ reason: String) -> SchemaError {
        SchemaError(resource: base, location: location.pointer.appending(keyword), reason: "\(keyword) \(reason)")
    }

    func schema(_ keyword: String, _ compiler: inout SchemaCompiler) throws(SchemaError) -> Int {
        try compiler.compileNode(at: location.appending(keyword))
    }

    func schemaArray(_ keyword: String, _ compiler: inout SchemaCompiler) throws(SchemaError) -> [Int] {
        guard case .array(let elements)? = object[keyword], !elements.isEmpty else {
            throw error(keyword, "must be a non-empty array of schemas")
        }
        var result: [Int] = []
        for position in elements.indices {
            result.append(try compiler.compileNode(at: location.appending(keyword).appending(String(position))))
        }
        return result
    }

    func schemaMap(_ keyword: String, _ compiler: inout SchemaCompiler) throws(SchemaError) -> [(String, Int)] {
        guard case .object(let map)? = object[keyword] else { throw error(keyword, "must be an object of schemas") }
        var result: [(String, Int)] = []
        for member in map.members {
            result.append((member.key, try compiler.compileNode(at: location.appending(keyword).appending(member.key))))
        }
        return result
    }

    /// A non-negative integer keyword value (`2.0` accepted).
    func count(_ keyword: String) throws(SchemaError) -> Int {
        guard case .number(let number)? = object[keyword], number.isInteger, let value = number.intValue, value >= 0 else {
            throw error(keyword, "must be a non-negative integer")
        }
        return value
    }

    func bound(_ keyword: String) throws(SchemaError) -> NumericBound {
        guard case .number(let number)? = object[keyword], number.doubleValue.isFinite || number.doubleValue.isInfinite
        else { throw error(keyword, "must be a number") }
        return NumericBound(number)
    }

    func compilePattern(_ source: String, keyword: String) throws(SchemaError) -> PatternMatcher {
        do {
            return try PatternMatcher(source)
        } catch {
            throw self.error(keyword, "\"\(source)\" is \(error.reason)")
        }
    }
}
