import CassetteKit

extension Evaluator {
    /// Keywords that apply to any instance: type, enum, const, references and combinators.
    mutating func evaluateGeneral(
        _ keyword: Keyword, _ node: SchemaNode, _ instance: JSONValue, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        switch keyword {
        case .type(let types):
            if types.admits(instance) { return true }
            let expected = types.names.joined(separator: " or ")
            report(node, "type", "expected \(expected), found \(instance.typeName)")
            return false
        case .enumeration(let values):
            if values.contains(instance) { return true }
            report(node, "enum", "not one of the allowed values \(Self.preview(values.values))")
            return false
        case .constant(let value):
            if JSONEquality.equal(value, instance) { return true }
            report(node, "const", "must be exactly \(Self.preview([value]).dropFirst().dropLast())")
            return false
        case .ref(let target):
            return descend(target, instance, keyword: "$ref", collect: collect, into: &annotations)
        case .dynamicRef(let initial, let anchor):
            let target = dynamicTarget(initial: initial, anchor: anchor)
            return descend(target, instance, keyword: "$dynamicRef", collect: collect, into: &annotations)
        case .allOf(let targets):
            var valid = true
            for (position, target) in targets.enumerated()
            where !descend(target, instance, keyword: "allOf", key: String(position), collect: collect, into: &annotations) {
                valid = false
                if !collecting { return false }
            }
            return valid
        case .anyOf(let targets):
            return evaluateAnyOf(targets, node, instance, collect: collect, into: &annotations)
        case .oneOf(let targets):
            return evaluateOneOf(targets, node, instance, collect: collect, into: &annotations)
        case .not(let target):
            var scratch = Annotations()
            guard probe(target, instance, collect: false, into: &scratch) else { return true }
            report(node, "not", "must not match the schema under `not`")
            return false
        case .conditional(let condition, let then, let otherwise):
            var conditionAnnotations = Annotations()
            if probe(condition, instance, collect: collect, into: &conditionAnnotations) {
                if collect { annotations.merge(conditionAnnotations) }
                guard let then else { return true }
                return descend(then, instance, keyword: "then", collect: collect, into: &annotations)
            }
            guard let otherwise else { return true }
            return descend(otherwise, instance, keyword: "else", collect: collect, into: &annotations)
        default:
            return true
        }
    }

    /// The outermost `$dynamicAnchor` of that name in the dynamic scope, when the static target
    /// declares it too (draft 2020-12 section 8.2.3.2); otherwise the static target.
    private func dynamicTarget(initial: Int, anchor: String?) -> Int {
        guard let anchor, nodes[initial].dynamicAnchor == anchor else { return initial }
        for resource in scope {
            if let target = program.dynamicAnchors[resource][anchor] { return target }
        }
        return initial
    }

    private mutating func evaluateAnyOf(
        _ targets: [Int], _ node: SchemaNode, _ instance: JSONValue, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        var matched = false
        for target in targets {
            var branch = Annotations()
            if probe(target, instance, collect: collect, into: &branch) {
                matched = true
                guard collect else { break }
                annotations.merge(branch)
            }
        }
        if matched { return true }
        if collecting {
            let summary = branchSummary(targets, instance)
            report(node, "anyOf", "matches none of the \(targets.count) alternatives\(summary)")
        }
        return false
    }

    private mutating func evaluateOneOf(
        _ targets: [Int], _ node: SchemaNode, _ instance: JSONValue, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        var matches: [Int] = []
        var matchedAnnotations = Annotations()
        for (position, target) in targets.enumerated() {
            var branch = Annotations()
            guard probe(target, instance, collect: collect, into: &branch) else { continue }
            matches.append(position)
            if matches.count == 1 {
                matchedAnnotations = branch
            } else if !collecting {
                return false
            }
        }
        if matches.count == 1 {
            if collect { annotations.merge(matchedAnnotations) }
            return true
        }
        if collecting {
            if matches.isEmpty {
                let summary = branchSummary(targets, instance)
                report(node, "oneOf", "matches none of the \(targets.count) alternatives\(summary)")
            } else {
                let list = matches.map(String.init).joined(separator: ", ")
                report(node, "oneOf", "matches \(matches.count) alternatives (\(list)); exactly one must match")
            }
        }
        return false
    }

    /// ` (0: expected string, found integer; 1: ...)`, at most four branches.
    private mutating func branchSummary(_ targets: [Int], _ instance: JSONValue) -> String {
        var parts: [String] = []
        for (position, target) in targets.prefix(4).enumerated() {
            if let failure = firstFailure(of: target, instance) { parts.append("\(position): \(failure)") }
        }
        if targets.count > 4 { parts.append("...") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// A short rendering of schema values for messages (never instance values).
    static func preview(_ values: [JSONValue]) -> String {
        var text = "["
        for (position, value) in values.prefix(12).enumerated() {
            if position > 0 { text += ", " }
            let rendered = value.jsonText
            text += rendered.count > 60 ? String(rendered.prefix(57)) + "..." : rendered
        }
        if values.count > 12 { text += ", ... (\(values.count) in all)" }
        return text + "]"
    }
}
