import CassetteKit
import Foundation

/// A place in the schema document being synthesized from.
struct SchemaReference: Hashable, Sendable {
    let value: JSONValue
    let pointer: JSONPointer
}

/// The schema document the synthesizer reads, with its local references resolved.
///
/// Local references only (`#/$defs/user`, `#anchor`, or the document's own `$id` followed by a
/// fragment): the synthesizer works on one self-contained document (`cassette schema import`
/// produces those). Anything else is a clear ``SynthesisError``.
struct SchemaDocument: Sendable {
    let root: JSONValue
    private let rootID: String?
    private let anchors: [String: JSONPointer]
    /// Every `$ref` of the document that resolves, resolved once (each generated value used to
    /// parse its reference's pointer again).
    private var resolved: [String: SchemaReference] = [:]

    init(_ root: JSONValue) {
        self.root = root
        rootID = root["$id"]?.stringValue.map { $0.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? $0 }
        var anchors: [String: JSONPointer] = [:]
        Self.collectAnchors(root, at: .root, into: &anchors)
        self.anchors = anchors
        var references: Set<String> = []
        Self.collectReferences(root, into: &references)
        for reference in references {
            if let target = try? resolveUncached(reference, at: .root, instance: .root) { resolved[reference] = target }
        }
    }

    var rootReference: SchemaReference { SchemaReference(value: root, pointer: .root) }

    /// The target of a `$ref` found at `location`.
    func resolve(_ reference: String, at location: JSONPointer, instance: JSONPointer) throws(SynthesisError) -> SchemaReference {
        if let target = resolved[reference] { return target }
        return try resolveUncached(reference, at: location, instance: instance)
    }

    private func resolveUncached(_ reference: String, at location: JSONPointer, instance: JSONPointer) throws(SynthesisError)
        -> SchemaReference
    {
        var fragment: Substring
        if reference.hasPrefix("#") {
            fragment = reference.dropFirst()
        } else if let rootID, reference.hasPrefix(rootID), reference.dropFirst(rootID.count).first.map({ $0 == "#" }) ?? true {
            fragment = reference.dropFirst(rootID.count).drop { $0 == "#" }
        } else {
            throw SynthesisError(
                schemaLocation: location, instanceLocation: instance,
                reason: "the reference \"\(reference)\" points outside this document; make the schema self-contained ($defs)")
        }
        let decoded = String(fragment).removingPercentEncoding ?? String(fragment)
        if decoded.isEmpty { return rootReference }
        if decoded.hasPrefix("/") {
            if let pointer = JSONPointer(decoded), let value = root.value(at: pointer) {
                return SchemaReference(value: value, pointer: pointer)
            }
        } else if let pointer = anchors[decoded], let value = root.value(at: pointer) {
            return SchemaReference(value: value, pointer: pointer)
        }
        throw SynthesisError(
            schemaLocation: location, instanceLocation: instance, reason: "the reference \"\(reference)\" names nothing in this document")
    }

    private static func collectReferences(_ value: JSONValue, into references: inout Set<String>) {
        switch value {
        case .object(let object):
            if case .string(let reference)? = object["$ref"] { references.insert(reference) }
            for member in object.members where member.key != "enum" && member.key != "const" && member.key != "examples" {
                collectReferences(member.value, into: &references)
            }
        case .array(let elements):
            for element in elements { collectReferences(element, into: &references) }
        default:
            break
        }
    }

    private static func collectAnchors(_ value: JSONValue, at pointer: JSONPointer, into anchors: inout [String: JSONPointer]) {
        switch value {
        case .object(let object):
            if case .string(let name)? = object["$anchor"], anchors[name] == nil { anchors[name] = pointer }
            if case .string(let name)? = object["$dynamicAnchor"], anchors[name] == nil { anchors[name] = pointer }
            for member in object.members where member.key != "enum" && member.key != "const" && member.key != "examples" {
                collectAnchors(member.value, at: pointer.appending(member.key), into: &anchors)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectAnchors(element, at: pointer.appending(index), into: &anchors)
            }
        default:
            break
        }
    }
}
