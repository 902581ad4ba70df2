public import CassetteKit

/// Why a schema could not be loaded for checking or synthesis: what, where, next step.
public struct SchemaLoadError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the provider or file.
    public let message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The compiled schemas of one built-in provider: its `/me` body and its error bodies.
///
/// ```swift
/// let zitadel = try ProviderValidators(provider: "zitadel")
/// let errors = zitadel.me.validate(body)
/// ```
public struct ProviderValidators: Sendable {
    /// The provider's name (`zitadel`).
    public let provider: String
    /// The `/me` body schema, as a JSON value (annotations such as `x-secret` included).
    public let meSchema: JSONValue
    /// The error body schema, as a JSON value.
    public let errorSchema: JSONValue
    /// The validator of the `/me` body.
    public let me: JSONSchemaValidator
    /// The validator of the error bodies.
    public let error: JSONSchemaValidator
    /// The `/me` schema's invariants (`x-invariants`).
    public let meInvariants: InvariantChecker

    /// Loads and compiles the provider's shipped schemas.
    ///
    /// - Throws: ``SchemaLoadError`` when the provider is unknown, a file is missing, or a
    ///   schema does not compile.
    public init(provider: String) throws(SchemaLoadError) {
        guard ProviderSchemas.builtInProviders.contains(provider) else {
            throw SchemaLoadError(
                "unknown provider \"\(provider)\"; the built-in providers are "
                    + ProviderSchemas.builtInProviders.joined(separator: ", ") + ", or pass a schema file (.json)")
        }
        self.provider = provider
        do {
            meSchema = try ProviderSchemas.me(for: provider)
            errorSchema = try ProviderSchemas.error(for: provider)
        } catch {
            throw SchemaLoadError(error.description)
        }
        do {
            me = try JSONSchemaValidator(schema: meSchema, baseURI: "urn:cassette:provider:\(provider):me")
            self.error = try JSONSchemaValidator(schema: errorSchema, baseURI: "urn:cassette:provider:\(provider):error")
        } catch {
            throw SchemaLoadError("the built-in schema of \(provider) does not compile: \(error.description)")
        }
        do {
            meInvariants = try InvariantChecker(schema: meSchema)
        } catch {
            throw SchemaLoadError("the built-in schema of \(provider) declares a bad invariant: \(error.description)")
        }
    }
}
