public import CassetteFormat
public import Foundation
import Yams

/// The toolkit's one YAML reader: YAML text (JSON is YAML) into the order-preserving
/// `JSONValue` tree, used by cassette import (vcrpy, Ruby VCR), OpenAPI schema import and
/// provider profiles written in YAML.
///
/// - Member order is kept as written.
/// - Scalars are typed by the YAML 1.1 core resolver (what PyYAML and Ruby's Psych write):
///   integers and floats become numbers, `true`/`false` (and `yes`/`on`) booleans, `~`/`null`
///   null, everything else (including quoted numbers) strings.
/// - A scalar tagged `!!binary` (vcrpy's bytes bodies) or `!binary` (older Ruby VCR) becomes
///   the object `{"!!binary": "<base64>"}`, so that callers can tell bytes from text;
///   ``binaryData(_:)`` reads it back.
/// - Hostile input ends early: nesting is bounded, aliases are refused, and the node count is
///   bounded by twice the text's size ("billion laughs" cannot expand).
public enum YAMLReader {
    /// The key of the object a binary scalar becomes.
    public static let binaryKey = "!!binary"
    /// The deepest nesting read.
    public static let maximumDepth = 256

    /// Why a document could not be read: what, and the line when known. Never quotes the input.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong (`not valid YAML (could not find expected ':' at line 3)`).
        public let problem: String
        /// What to do about it.
        public let nextStep: String

        public var description: String { "\(problem). \(nextStep)" }
    }

    /// Parses one YAML document.
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Failure(problem: "not valid YAML (\(describe(error)))", nextStep: "Check that the file is a YAML or JSON document.")
        } catch {
            throw Failure(problem: "not valid YAML", nextStep: "Check that the file is a YAML or JSON document.")
        }
        guard let node else { throw Failure(problem: "the document is empty", nextStep: "Pass a non-empty file.") }
        // Anchors and aliases share nodes, so a small file can describe an exponentially large
        // tree. Alias-free YAML has fewer nodes than twice its bytes; past that, aliases are
        // expanding it.
        var remainingNodes = 2 * text.utf8.count + 16
        return try convert(node, depth: 0, remainingNodes: &remainingNodes)
    }

    /// The bytes of a value produced from a `!!binary` scalar, or `nil` for any other value.
    public static func binaryData(_ value: JSONValue) -> Data? {
        guard case .object(let object) = value, object.count == 1, case .string(let base64)? = object[binaryKey] else {
            return nil
        }
        return Data(base64Encoded: base64, options: .ignoreUnknownCharacters)
    }

    private static func convert(_ node: Node, depth: Int, remainingNodes: inout Int) throws(Failure) -> JSONValue {
        guard depth < maximumDepth else {
            throw Failure(problem: "nesting deeper than \(maximumDepth) levels", nextStep: "Flatten the document.")
        }
        remainingNodes -= 1
        guard remainingNodes >= 0 else {
            throw Failure(
                problem: "YAML aliases expand the document beyond twice the file's size (line \(line(node)))",
                nextStep: "Expand the aliases in the file or remove them.")
        }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: node.tag)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence {
                elements.append(try convert(element, depth: depth + 1, remainingNodes: &remainingNodes))
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [(String, JSONValue)] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Failure(problem: "a mapping key at line \(line(key)) is not a plain string", nextStep: "Use string keys.")
                }
                members.append((keyScalar.string, try convert(value, depth: depth + 1, remainingNodes: &remainingNodes)))
            }
            return .object(JSONObject(members))
        case .alias:
            throw Failure(problem: "YAML aliases are not supported (line \(line(node)))", nextStep: "Expand the alias in the file.")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag) -> JSONValue {
        let text = scalar.string
        let tagName = tag.rawValue
        if tagName == Tag.Name.binary.rawValue || tagName.hasSuffix("binary") {
            return .object(JSONObject([(binaryKey, .string(text.filter { !$0.isWhitespace }))]))
        }
        switch Tag.Name(rawValue: tagName) {
        case .null:
            return .null
        case .bool:
            return .bool(["true", "yes", "on", "y"].contains(text.lowercased()))
        case .int:
            if let value = Int(text.replacingOccurrences(of: "_", with: "")) ?? Int.construct(from: scalar) {
                return .number(JSONNumber(value))
            }
            return .string(text)
        case .float:
            if let value = Double(text.replacingOccurrences(of: "_", with: "")) ?? Double.construct(from: scalar), value.isFinite {
                return .number(JSONNumber(value))
            }
            return .string(text)
        default:
            return .string(text)
        }
    }

    private static func line(_ node: Node) -> Int {
        node.mark?.line ?? 0
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line)"
        default:
            return "a YAML syntax error"
        }
    }
}
