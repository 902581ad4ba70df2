import CassetteKit

/// One validation run over a ``CompiledSchema``.
///
/// Two modes share the code: `collectErrors: false` stops at the first failure and never builds
/// a location; `collectErrors: true` keeps going and records every failure with its instance and
/// keyword locations. Sub-evaluations whose failure is not itself an error (the branches of
/// `anyOf`, `oneOf`, `not`, `if`, `contains`) always run in the first mode ("probes").
struct Evaluator {
    /// How deep evaluation may nest before it is treated as runaway recursion.
    static let maximumDepth = 2048

    let program: CompiledSchema
    let nodes: [SchemaNode]
    /// Whether failures are being recorded (false inside probes).
    var collecting: Bool
    private(set) var errors: [ValidationError] = []
    /// Instance and keyword paths, maintained only while collecting.
    var instancePath: [String] = []
    var keywordPath: [String] = []
    /// Schema resources entered, outermost first (only when `$dynamicRef` is used).
    var scope: [Int] = []
    var depth = 0

    /// A step into the instance, for locations.
    enum Step {
        case none
        case key(String)
        case index(Int)
    }

    init(program: CompiledSchema, collectErrors: Bool) {
        self.program = program
        self.nodes = program.nodes
        self.collecting = collectErrors
    }

    mutating func evaluateRoot(_ instance: JSONValue) -> Bool {
        var annotations = Annotations()
        return evaluate(program.root, instance, collect: false, into: &annotations)
    }

    /// Evaluates node `index` against `instance`; when `collect`, adds what it evaluated to `annotations`.
    mutating func evaluate(_ index: Int, _ instance: JSONValue, collect: Bool, into annotations: inout Annotations) -> Bool {
        let node = nodes[index]
        switch node.kind {
        case .alwaysValid:
            return true
        case .alwaysInvalid:
            report(node, nil, "no value is allowed here (the schema is `false`)")
            return false
        case .keywords:
            break
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            report(node, nil, "evaluation nested deeper than \(Self.maximumDepth) schemas (runaway recursion)")
            return false
        }
        if !collecting, !program.usesDynamicScope {
            // Nothing recorded and no dynamic scope: a `$ref` adds nothing but its depth, and a
            // lone `type` needs no keyword loop.
            if let target = node.onlyReference { return evaluate(target, instance, collect: collect, into: &annotations) }
            if let types = node.onlyType { return types.admits(instance) }
            if node.isScalarLeaf { return checkScalarLeaf(node, instance) }
        }
        let entersResource = program.usesDynamicScope && scope.last != node.resource
        if entersResource { scope.append(node.resource) }
        defer { if entersResource { scope.removeLast() } }
        if node.needsAnnotations {
            // unevaluated* sees only what this schema's own keywords evaluated.
            var local = Annotations()
            let valid = evaluateKeywords(node, instance, collect: true, into: &local)
            if collect, valid { annotations.merge(local) }
            return valid
        }
        return evaluateKeywords(node, instance, collect: collect, into: &annotations)
    }

    private mutating func evaluateKeywords(
        _ node: SchemaNode, _ instance: JSONValue, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        var valid = true
        // Keywords are read in place: copying each out of its array retained its payload.
        let generalValid = node.general.withUnsafeBufferPointer { keywords in
            var valid = true
            for position in keywords.indices
            where !evaluateGeneral(keywords[position], node, instance, collect: collect, into: &annotations) {
                valid = false
                if !collecting { return false }
            }
            return valid
        }
        if !generalValid {
            valid = false
            if !collecting { return false }
        }
        switch instance {
        case .string(let string):
            if node.forStrings.isEmpty { break }
            let stringsValid = node.forStrings.withUnsafeBufferPointer { keywords in
                var valid = true
                for position in keywords.indices where !checkString(keywords[position], node, string) {
                    valid = false
                    if !collecting { return false }
                }
                return valid
            }
            if !stringsValid { valid = false }
        case .number(let number):
            guard !node.forNumbers.isEmpty else { break }
            let double = NumberText.double(number)
            let numbersValid = node.forNumbers.withUnsafeBufferPointer { keywords in
                var valid = true
                for position in keywords.indices where !checkNumber(keywords[position], node, number.literal, double) {
                    valid = false
                    if !collecting { return false }
                }
                return valid
            }
            if !numbersValid { valid = false }
        case .object(let object):
            let objectsValid = node.forObjects.withUnsafeBufferPointer { keywords in
                var valid = true
                for position in keywords.indices
                where !evaluateObject(keywords[position], node, object, collect: collect, into: &annotations) {
                    valid = false
                    if !collecting { return false }
                }
                return valid
            }
            if !objectsValid {
                valid = false
                if !collecting { return false }
            }
            if let unevaluated = node.unevaluatedProperties,
                !evaluateUnevaluatedProperties(unevaluated, node, object, into: &annotations)
            {
                valid = false
            }
        case .array(let array):
            let arraysValid = node.forArrays.withUnsafeBufferPointer { keywords in
                var valid = true
                for position in keywords.indices where !evaluateArray(keywords[position], node, array, collect: collect, into: &annotations)
                {
                    valid = false
                    if !collecting { return false }
                }
                return valid
            }
            if !arraysValid {
                valid = false
                if !collecting { return false }
            }
            if let unevaluated = node.unevaluatedItems, !evaluateUnevaluatedItems(unevaluated, node, array, into: &annotations) {
                valid = false
            }
        default:
            break
        }
        return valid
    }

    // MARK: - Stepping and reporting

    /// Evaluates a subschema reached through `keyword` (and `key`, e.g. a property name), at the
    /// instance reached by `step`.
    mutating func descend(
        _ index: Int, _ value: JSONValue, keyword: String, key: String? = nil, step: Step = .none,
        collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        guard collecting else { return evaluate(index, value, collect: collect, into: &annotations) }
        keywordPath.append(keyword)
        if let key { keywordPath.append(key) }
        switch step {
        case .none: break
        case .key(let name): instancePath.append(name)
        case .index(let position): instancePath.append(String(position))
        }
        let valid = evaluate(index, value, collect: collect, into: &annotations)
        keywordPath.removeLast(key == nil ? 1 : 2)
        if case .none = step {} else { instancePath.removeLast() }
        return valid
    }

    /// Evaluates a subschema when nothing is being recorded (no locations, no annotations).
    mutating func evaluateUntilFailure(_ index: Int, _ value: JSONValue) -> Bool {
        if !program.usesDynamicScope {
            // A member or item whose schema is a lone `type` (perhaps behind `$ref`s) is checked
            // here, with the depth `evaluate` would have counted (in-place `$ref` chains are acyclic).
            var target = index
            var levels = 1
            while let next = nodes[target].onlyReference {
                target = next
                levels += 1
            }
            if depth + levels <= Self.maximumDepth {
                let node = nodes[target]
                if let types = node.onlyType { return types.admits(value) }
                if node.isScalarLeaf { return checkScalarLeaf(node, value) }
            }
        }
        var scratch = Annotations()
        return evaluate(index, value, collect: false, into: &scratch)
    }

    /// A scalar leaf (``SchemaNode/isScalarLeaf``) when nothing is recorded: its keywords in order,
    /// stopping at the first failure, without the general evaluation's bookkeeping.
    private mutating func checkScalarLeaf(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        if let types = node.soleGeneralType {
            guard types.admits(value) else { return false }
        } else {
            var scratch = Annotations()
            for keyword in node.general where !evaluateGeneral(keyword, node, value, collect: false, into: &scratch) { return false }
        }
        // Keywords read in place, as in `evaluateKeywords`.
        switch value {
        case .string(let string):
            return node.forStrings.withUnsafeBufferPointer { keywords in
                for position in keywords.indices where !checkString(keywords[position], node, string) { return false }
                return true
            }
        case .number(let number):
            guard !node.forNumbers.isEmpty else { return true }
            let double = NumberText.double(number)
            return node.forNumbers.withUnsafeBufferPointer { keywords in
                for position in keywords.indices where !checkNumber(keywords[position], node, number.literal, double) { return false }
                return true
            }
        default:
            return true
        }
    }

    /// Evaluates a subschema only for its outcome: nothing it finds is reported.
    mutating func probe(_ index: Int, _ value: JSONValue, collect: Bool, into annotations: inout Annotations) -> Bool {
        let saved = collecting
        collecting = false
        defer { collecting = saved }
        return evaluate(index, value, collect: collect, into: &annotations)
    }

    /// Records a failure of `keyword` (nil: the schema itself) of `node` at the current location.
    /// The message is only built when failures are being recorded (never inside probes).
    mutating func report(
        _ node: SchemaNode, _ keyword: String?, key: String? = nil, at step: Step = .none, _ message: @autoclosure () -> String
    ) {
        guard collecting else { return }
        var keywordTokens = keywordPath
        var relative = ""
        if let keyword {
            keywordTokens.append(keyword)
            relative = JSONPointer(tokens: [keyword]).description
            if let key {
                keywordTokens.append(key)
                relative += JSONPointer(tokens: [key]).description
            }
        }
        var instanceTokens = instancePath
        switch step {
        case .none: break
        case .key(let name): instanceTokens.append(name)
        case .index(let position): instanceTokens.append(String(position))
        }
        errors.append(
            ValidationError(
                instanceLocation: JSONPointer(tokens: instanceTokens), schemaLocation: JSONPointer(tokens: keywordTokens),
                absoluteSchemaLocation: node.absoluteLocation + relative, message: message()))
    }

    /// The first failure of a branch that did not match, for summaries ("alternative 1: ...").
    mutating func firstFailure(of index: Int, _ value: JSONValue) -> String? {
        guard collecting else { return nil }
        let savedErrors = errors
        let savedPath = keywordPath
        errors = []
        var scratch = Annotations()
        _ = evaluate(index, value, collect: false, into: &scratch)
        let first = errors.first
        errors = savedErrors
        keywordPath = savedPath
        guard let first else { return nil }
        let relative = JSONPointer(tokens: Array(first.instanceLocation.tokens.dropFirst(instancePath.count)))
        return relative.tokens.isEmpty ? first.message : "\(relative): \(first.message)"
    }
}
