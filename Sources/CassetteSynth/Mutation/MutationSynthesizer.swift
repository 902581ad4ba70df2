public import CassetteKit

/// Variants of a recorded body that change one location at a time, within the schema and its
/// invariants: each optional member dropped, each nullable value set to null, each other enum
/// value, the other boolean, boundary numbers, empty, non-ASCII and long strings, empty and
/// longer arrays. Everything else stays equal to the recording.
///
/// ```swift
/// let mutator = try MutationSynthesizer(schema: ProviderSchemas.me(for: "zitadel"))
/// for variant in mutator.mutations(of: recordedBody) {
///     print(variant.name)   // "/user/human/phone: absent", "/user/state: \"USER_STATE_LOCKED\"", ...
/// }
/// ```
///
/// Each variant is named `<instance pointer>: <change>`. A candidate that breaks the schema (a
/// required member, a pattern) or an invariant (`x-invariants`) is left out, never repaired, so
/// a variant differs from the recording in exactly one place.
public struct MutationSynthesizer: Sendable {
    /// The schema the variants keep to.
    public let schema: JSONValue
    /// Its validator.
    public let validator: JSONSchemaValidator
    /// Its invariants.
    public let invariants: InvariantChecker
    /// The most variants one body gives (bounds the work on large recordings).
    public static let maximumVariants = 5000
    /// Strings of the `long` change are this many code points.
    static let longLength = 300

    /// Prepares the mutator.
    ///
    /// - Throws: ``SynthesisError`` when the schema does not compile or declares a bad invariant.
    public init(schema: JSONValue) throws(SynthesisError) {
        self.schema = schema
        do {
            validator = try JSONSchemaValidator(schema: schema)
        } catch {
            throw SynthesisError(
                schemaLocation: error.location, instanceLocation: .root, reason: "the schema does not compile: \(error.reason)")
        }
        do {
            invariants = try InvariantChecker(schema: schema)
        } catch {
            throw SynthesisError(schemaLocation: error.location, instanceLocation: .root, reason: "bad x-invariants entry: \(error.reason)")
        }
    }

    /// Every valid one-place change of `body`, in document order, named by pointer and change.
    public func mutations(of body: JSONValue) -> [NamedVariant] {
        let lookup = SchemaLookup(root: schema)
        var result: [NamedVariant] = []
        var seen: Set<JSONValue> = [body]
        var locations: [(JSONPointer, JSONValue)] = []
        Self.collect(body, at: .root, into: &locations)
        for (pointer, value) in locations {
            for (change, candidate) in candidates(for: value, at: pointer, in: body, lookup: lookup) {
                guard result.count < Self.maximumVariants else { return result }
                guard !seen.contains(candidate), validator.isValid(candidate), invariants.holds(in: candidate) else { continue }
                seen.insert(candidate)
                let place = pointer.tokens.isEmpty ? "(document)" : pointer.description
                result.append(NamedVariant(name: "\(place): \(change)", value: candidate))
            }
        }
        return result
    }

    /// Every location of the document, parents before children (bounded).
    private static func collect(_ value: JSONValue, at pointer: JSONPointer, into result: inout [(JSONPointer, JSONValue)]) {
        guard result.count < maximumVariants, pointer.tokens.count <= 64 else { return }
        result.append((pointer, value))
        switch value {
        case .object(let object):
            for member in object.members { collect(member.value, at: pointer.appending(member.key), into: &result) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collect(element, at: pointer.appending(index), into: &result) }
        default:
            break
        }
    }

    /// The candidate changes at one location, as whole documents.
    private func candidates(for value: JSONValue, at pointer: JSONPointer, in body: JSONValue, lookup: SchemaLookup) -> [(
        String, JSONValue
    )] {
        guard !pointer.tokens.isEmpty else { return [] }
        var result: [(String, JSONValue)] = []
        func replace(_ change: String, _ newValue: JSONValue) {
            if newValue != value, let changed = body.setting(newValue, at: pointer) { result.append((change, changed)) }
        }
        if let parent = body.value(at: JSONPointer(tokens: Array(pointer.tokens.dropLast()))), parent.objectValue != nil,
            let removed = body.removing(at: pointer)
        {
            result.append(("absent", removed))
        }
        replace("null", .null)
        for option in lookup.enumValues(at: pointer) {
            replace(option.jsonText, option)
        }
        switch value {
        case .bool(let flag):
            replace(flag ? "false" : "true", .bool(!flag))
        case .number:
            replace("0", .number(JSONNumber(0)))
            replace("-1", .number(JSONNumber(-1)))
            replace("2^53 + 1", .number(JSONNumber(literal: "9007199254740993")))
        case .string(let text):
            replace("empty string", .string(""))
            replace("non-ASCII", .string(ValueGenerator.nonASCIIText + " " + text))
            var long = text.isEmpty ? "x" : text
            while long.unicodeScalars.count < Self.longLength { long += " " + (text.isEmpty ? "x" : text) }
            replace("long string", .string(String(String.UnicodeScalarView(long.unicodeScalars.prefix(Self.longLength)))))
        case .array(let elements):
            replace("empty array", .array([]))
            if let last = elements.last { replace("\(elements.count + 1) elements", .array(elements + [last])) }
        default:
            break
        }
        return result
    }
}
