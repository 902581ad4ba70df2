public import CassetteKit

/// A relation between values of one document that the schema alone cannot say: timestamps in
/// order, an id equal to the member it names, a value that is one of a list.
///
/// Declared as data beside the schema, in its `x-invariants` array, so the synthesizer satisfies
/// them, `cassette validate` checks them, and a user's own schema can declare its own:
///
/// ```json
/// "x-invariants": [
///   {"kind": "order", "pointers": ["/user/details/creationDate", "/user/details/changeDate"]},
///   {"kind": "order", "pointers": ["/data/user_email_addresses/*/created_at", "/data/user_email_addresses/*/updated_at"]},
///   {"kind": "equal", "pointers": ["/data/primary_email_address/id", "/data/primary_email_address_id"]},
///   {"kind": "equal", "pointers": ["/data/totp_secret", "/data/user_authenticator/otp_url#secret"]},
///   {"kind": "member", "pointer": "/user/preferredLoginName", "of": "/user/loginNames"}
/// ]
/// ```
///
/// - `order`: the values (RFC 3339 timestamps or numbers) do not decrease in the order given.
/// - `equal`: the values are equal; the first pointer is the source the synthesizer copies from.
/// - `member`: the value at `pointer` equals one element of the array at `of`.
/// - `together`: the values are all set or all unset (absent or `null`), like an id and the
///   member it names; the first pointer decides when the synthesizer repairs.
///
/// A pointer may hold one `*` token (each element of an array; pointers whose text before the `*`
/// is the same walk the same element together) and may end in `#name`, which stands for the
/// query parameter `name` of the URL found there. Except for `together`, a relation holds
/// vacuously where a value is absent or `null`.
public struct Invariant: Sendable, Hashable {
    /// The relation kinds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case order, equal, member
        /// All set (present and not null) or none: an id and the member it names.
        case together
    }

    /// The relation.
    public let kind: Kind
    /// The related locations (for `member`: the value, then the array).
    public let pointers: [InvariantPointer]
    /// Where the declaration sits in the schema (`/x-invariants/2`), for messages.
    public let declaredAt: JSONPointer

    /// Creates an invariant.
    public init(kind: Kind, pointers: [InvariantPointer], declaredAt: JSONPointer = .root) {
        self.kind = kind
        self.pointers = pointers
        self.declaredAt = declaredAt
    }

    /// The invariants a schema declares in its root `x-invariants` (none when it has none).
    ///
    /// - Throws: ``InvariantDeclarationError`` naming the entry and what is wrong with it.
    public static func declared(in schema: JSONValue) throws(InvariantDeclarationError) -> [Invariant] {
        guard let declarations = schema["x-invariants"] else { return [] }
        let base = JSONPointer(tokens: ["x-invariants"])
        guard case .array(let entries) = declarations else {
            throw InvariantDeclarationError(location: base, reason: "x-invariants must be an array of relations")
        }
        var result: [Invariant] = []
        for (index, entry) in entries.enumerated() {
            result.append(try parse(entry, at: base.appending(index)))
        }
        return result
    }

    private static func parse(_ entry: JSONValue, at location: JSONPointer) throws(InvariantDeclarationError) -> Invariant {
        guard case .string(let kindName)? = entry["kind"], let kind = Kind(rawValue: kindName) else {
            throw InvariantDeclarationError(
                location: location, reason: "\"kind\" must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var texts: [String] = []
        switch kind {
        case .order, .equal, .together:
            guard case .array(let list)? = entry["pointers"], list.count >= 2 else {
                throw InvariantDeclarationError(
                    location: location, reason: "\(kindName) needs \"pointers\": an array of at least two JSON pointers")
            }
            for item in list {
                guard let text = item.stringValue else {
                    throw InvariantDeclarationError(location: location, reason: "every entry of \"pointers\" must be a string")
                }
                texts.append(text)
            }
        case .member:
            guard let value = entry["pointer"]?.stringValue, let array = entry["of"]?.stringValue else {
                throw InvariantDeclarationError(
                    location: location, reason: "member needs \"pointer\" (the value) and \"of\" (the array), both JSON pointers")
            }
            texts = [value, array]
        }
        var pointers: [InvariantPointer] = []
        for text in texts {
            guard let pointer = InvariantPointer(text) else {
                throw InvariantDeclarationError(
                    location: location, reason: "\"\(text)\" is not a JSON pointer with at most one * and an optional #parameter")
            }
            pointers.append(pointer)
        }
        if kind == .member, pointers[1].parameter != nil {
            throw InvariantDeclarationError(location: location, reason: "\"of\" must name an array, not a URL parameter")
        }
        return Invariant(kind: kind, pointers: pointers, declaredAt: location)
    }
}

/// Why an `x-invariants` entry cannot be used: where it is and what to fix.
public struct InvariantDeclarationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The entry's location in the schema.
    public let location: JSONPointer
    /// What is wrong.
    public let reason: String

    public var description: String { "\(location): \(reason)" }
}

/// A location an invariant relates: a JSON pointer with at most one `*` token, optionally
/// followed by `#name` (the query parameter `name` of the URL found there).
public struct InvariantPointer: Sendable, Hashable, CustomStringConvertible {
    /// The tokens; `*` stands for each element of an array.
    public let tokens: [String]
    /// The URL query parameter, for `…/otp_url#secret`.
    public let parameter: String?
    /// Where the `*` is among the tokens, if there is one.
    let star: Int?
    /// The tokens before the `*` (the array walked), or `nil` without one.
    let wildcardArray: JSONPointer?

    /// Parses `"/a/*/b#name"`; `nil` for text that is not a pointer or has more than one `*`.
    public init?(_ text: String) {
        var path = Substring(text)
        var parameter: String?
        if let hash = text.firstIndex(of: "#") {
            let name = text[text.index(after: hash)...]
            guard !name.isEmpty else { return nil }
            parameter = String(name)
            path = text[..<hash]
        }
        guard let pointer = JSONPointer(String(path)) else { return nil }
        guard pointer.tokens.filter({ $0 == "*" }).count <= 1 else { return nil }
        tokens = pointer.tokens
        self.parameter = parameter
        let star = pointer.tokens.firstIndex(of: "*")
        self.star = star
        wildcardArray = star.map { JSONPointer(tokens: Array(pointer.tokens[..<$0])) }
    }

    /// The value at ``concrete(index:)`` in `document` (as `document.value(at:)` finds it),
    /// without building the pointer.
    func value(index: Int?, in document: JSONValue) -> JSONValue? {
        var current = document
        for position in tokens.indices {
            let isStar = position == star
            switch current {
            case .object(let object):
                guard let next = object[isStar ? String(index ?? 0) : tokens[position]] else { return nil }
                current = next
            case .array(let elements):
                guard let element = isStar ? (index ?? 0) : Int(tokens[position]), elements.indices.contains(element) else { return nil }
                current = elements[element]
            default:
                return nil
            }
        }
        return current
    }

    /// The concrete pointer for one element index (ignored without a `*`).
    func concrete(index: Int?) -> JSONPointer {
        JSONPointer(tokens: tokens.map { $0 == "*" ? String(index ?? 0) : $0 })
    }

    public var description: String {
        JSONPointer(tokens: tokens).description + (parameter.map { "#" + $0 } ?? "")
    }
}
