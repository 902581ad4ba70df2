import CassetteKit
import Foundation
import Yams

/// Reads a YAML or JSON document (JSON is YAML) into a ``JSONValue``, keeping member order.
enum YAMLTree {
    /// Why a document could not be read.
    struct Failure: Error {
        let reason: String
    }

    static func parse(_ text: String) throws(Failure) -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw Failure(reason: "not valid YAML or JSON (\(error))")
        }
        guard let node else { throw Failure(reason: "the document is empty") }
        return try convert(node, depth: 0)
    }

    private static func convert(_ node: Node, depth: Int) throws(Failure) -> JSONValue {
        guard depth < 256 else { throw Failure(reason: "nesting deeper than 256 levels") }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: Tag.Name(rawValue: node.tag.rawValue))
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try convert(element, depth: depth + 1)) }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                let name = key.string ?? key.scalar?.string ?? ""
                object[name] = try convert(value, depth: depth + 1)
            }
            return .object(object)
        case .alias:
            throw Failure(reason: "YAML aliases are not supported in OpenAPI documents here; expand them")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag.Name) -> JSONValue {
        let text = scalar.string
        switch tag {
        case .null: return .null
        case .bool: return .bool(Bool.construct(from: scalar) ?? false)
        case .int:
            if let value = Int.construct(from: scalar) { return .number(JSONNumber(value)) }
            return .string(text)
        case .float:
            if let value = Double.construct(from: scalar), value.isFinite {
                return .number(JSONNumber(value))
            }
            return .string(text)
        default:
            return .string(text)
        }
    }
}
