public import CassetteKit

/// A JSON Schema (draft 2020-12) validator.
///
/// The schema is compiled once, in `init`: references are resolved (including references to
/// `remotes` and to the 2020-12 meta-schemas, which are built in), patterns are compiled, and
/// keywords are grouped by the instance type they apply to. Validating is then a walk of that
/// compiled form; the validator is an immutable value, safe to share between tasks.
///
/// ```swift
/// let validator = try JSONSchemaValidator(schema: schema)
/// for error in validator.validate(document) {
///     print(error)   // "/user/email: string is not a valid email [schema: /properties/user/...]"
/// }
/// ```
///
/// Formats (`date-time`, `date`, `time`, `email`, `uri`, `uuid`, `ipv4`, `ipv6`, `hostname`, ...)
/// are asserted by default; pass `formatAssertion: false` for the specification's default, where
/// `format` is only an annotation. Unknown keywords (`x-secret`, `x-pii`, `$comment`, ...) are
/// ignored. Error messages never quote the instance's values (they may be secrets): they name the
/// location, the rule and the schema's own values.
public struct JSONSchemaValidator: Sendable {
    let program: CompiledSchema

    /// Compiles `schema`.
    ///
    /// - Parameters:
    ///   - schema: the root schema (an object or a boolean).
    ///   - baseURI: the URI the schema was retrieved from, used to resolve its relative `$id` and
    ///     `$ref` values; a private default when `nil`.
    ///   - remotes: other schema documents that references may point to, by retrieval URI
    ///     (each may also declare its own `$id`).
    ///   - formatAssertion: whether `format` is checked (default) or only an annotation.
    /// - Throws: ``SchemaError`` when the schema cannot be compiled (an unresolvable `$ref`, an
    ///   invalid pattern, a keyword with a value of the wrong type), naming the location.
    public init(
        schema: JSONValue, baseURI: String? = nil, remotes: [String: JSONValue] = [:], formatAssertion: Bool = true
    ) throws(SchemaError) {
        program = try SchemaCompiler.compile(
            schema: schema, baseURI: baseURI, remotes: remotes, formatAssertion: formatAssertion)
    }

    /// Every failure of `instance` against the schema, in evaluation order; empty when valid.
    ///
    /// Failures inside `anyOf`, `oneOf`, `not`, `if` and `contains` branches are summarised at the
    /// keyword that combines them rather than listed one by one.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        var evaluator = Evaluator(program: program, collectErrors: true)
        _ = evaluator.evaluateRoot(instance)
        return evaluator.errors
    }

    /// Whether `instance` is valid; stops at the first failure (faster than ``validate(_:)``).
    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = Evaluator(program: program, collectErrors: false)
        return evaluator.evaluateRoot(instance)
    }
}

/// One way an instance fails its schema, located in both documents.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance (`/user/email`; empty for the whole document).
    public let instanceLocation: JSONPointer
    /// The keyword path that failed, from the root schema through any `$ref` (`/properties/user/$ref/required`).
    public let schemaLocation: JSONPointer
    /// The failing keyword's absolute location: the resource URI and a pointer inside it
    /// (`https://example.com/user.json#/properties/email/format`).
    public let absoluteSchemaLocation: String
    /// What is wrong, without quoting the instance's value.
    public let message: String

    /// Creates an error (the validator builds these; public for tests and tools that report their own).
    public init(instanceLocation: JSONPointer, schemaLocation: JSONPointer, absoluteSchemaLocation: String, message: String) {
        self.instanceLocation = instanceLocation
        self.schemaLocation = schemaLocation
        self.absoluteSchemaLocation = absoluteSchemaLocation
        self.message = message
    }

    /// `"/user/email: not a valid email [schema /properties/user/properties/email/format]"`.
    /// The instance pointer and the message go through `SafeDisplay`: a member name that
    /// looks secret (a token used as a key) is hidden, `/users/<hidden:token>/name`.
    public var description: String {
        let instance = instanceLocation.tokens.isEmpty ? "(document)" : SafeDisplay.pointer(instanceLocation)
        let schema = schemaLocation.tokens.isEmpty ? "(root)" : SafeDisplay.pointer(schemaLocation)
        return "\(instance): \(SafeDisplay.text(message)) [schema \(schema)]"
    }
}

/// Why a schema cannot be compiled, and where.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema resource (its base URI) holding the problem.
    public let resource: String
    /// The location of the offending keyword inside the document that holds it.
    public let location: JSONPointer
    /// What is wrong and what to do.
    public let reason: String

    /// Creates an error.
    public init(resource: String, location: JSONPointer, reason: String) {
        self.resource = resource
        self.location = location
        self.reason = reason
    }

    public var description: String {
        let where_ = location.tokens.isEmpty ? "(root)" : location.description
        return "schema \(resource) at \(where_): \(reason)"
    }
}
