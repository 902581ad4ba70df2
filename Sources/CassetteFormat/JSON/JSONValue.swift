/// A JSON value that keeps exactly what the document said: object members in their order and
/// numbers as their literal text (so a 64-bit snowflake id such as Wacht's
/// `user_email_address_id` survives a round trip without losing precision).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in reports and schemas (`"null"`, `"boolean"`, `"number"`, ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let number): return number.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The string payload, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object payload, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The array payload, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The boolean payload, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number payload, when this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Member lookup for objects; `nil` for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Equality as JSON Schema and body matchers understand it: object member order is ignored
    /// and numbers compare by value (`1.0` equals `1`).
    public func isSemanticallyEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.isNumericallyEqual(to: b)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a.members {
                guard let counterpart = b[member.key], member.value.isSemanticallyEqual(to: counterpart)
                else { return false }
            }
            return true
        default: return false
        }
    }
}

/// A JSON number kept as its literal text, with its numeric value at hand.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the document (or as produced by an initializer).
    public let literal: String

    /// Creates a number from a literal that is already valid JSON number syntax.
    public init(literal: String) {
        self.literal = literal
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// Creates a number from a double; integral values are written without a fraction. JSON
    /// has no infinity or NaN, so they are never written: infinity becomes the largest finite
    /// double of its sign, NaN becomes 0 (readers refuse such values before they get here).
    public init(_ value: Double) {
        let finite =
            value.isNaN ? 0 : (value.isInfinite ? (value > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude) : value)
        if finite == finite.rounded(), abs(finite) < 1e15 {
            self.literal = String(Int64(finite))
        } else {
            self.literal = "\(finite)"
        }
    }

    /// The value as a double (large integers lose precision here, never in ``literal``).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// The value as an exact integer, when the literal is one that fits in `Int`.
    public var intValue: Int? {
        if let exact = Int(literal) { return exact }
        let value = doubleValue
        guard value.isFinite, value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// Whether the value is mathematically an integer (`1.0` is, `1.5` is not).
    public var isInteger: Bool {
        if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return true }
        let value = doubleValue
        return value.isFinite && value == value.rounded()
    }

    /// Numeric equality (`1.0 == 1`); exact for integer literals of any size.
    public func isNumericallyEqual(to other: JSONNumber) -> Bool {
        if literal == other.literal { return true }
        if let a = Int(literal), let b = Int(other.literal) { return a == b }
        return doubleValue == other.doubleValue
    }

    public var description: String { literal }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string literal is a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a JSON boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
    /// An integer literal is a JSON number.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// An array literal is a JSON array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal is a JSON object (members in the order written).
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}
