import CassetteFormat
import CassetteProviders

/// The `x-secret` and `x-pii` annotations of a provider's JSON Schemas, as JSON-pointer patterns
/// (`*` stands for any array index or map key), so redaction reads exactly what the schema says.
struct SchemaAnnotations: Sendable {
    /// How much of a secret-annotated value is secret.
    enum SecretScope: Sendable, Hashable {
        /// `"x-secret": true`: the whole value.
        case whole
        /// `"x-secret": "url"`: only the secret query parameter or path part of a URL.
        case url
    }

    private(set) var secrets: [(pattern: [String], scope: SecretScope)] = []
    private(set) var personal: [(pattern: [String], kind: String)] = []

    /// No annotations.
    init() {}

    /// The annotations of every schema given.
    init(schemas: [JSONValue]) {
        for schema in schemas { collect(schema, root: schema, path: [], visiting: []) }
    }

    /// The built-in `me` and `error` schemas of a provider (none when it has no built-in schema),
    /// plus an extra schema the caller supplies.
    init(provider: String?, extra: JSONValue?) {
        if let provider, let builtIn = Self.builtIn[provider] {
            self = builtIn
        } else if let provider {
            self.init(schemas: Self.providerSchemas(provider))
        } else {
            self.init()
        }
        if let extra { collect(extra, root: extra, path: [], visiting: []) }
    }

    /// The built-in providers' annotations, read from their schema files once per process (every
    /// sanitize call used to read and parse them again). A constant, computed on first use.
    private static let builtIn: [String: SchemaAnnotations] = Dictionary(
        uniqueKeysWithValues: ProviderSchemas.builtInProviders.map { ($0, SchemaAnnotations(schemas: providerSchemas($0))) })

    private static func providerSchemas(_ provider: String) -> [JSONValue] {
        var schemas: [JSONValue] = []
        if let me = try? ProviderSchemas.me(for: provider) { schemas.append(me) }
        if let error = try? ProviderSchemas.error(for: provider) { schemas.append(error) }
        return schemas
    }

    /// The secret scope at a body location, if annotated.
    func secretScope(at pointer: JSONPointer) -> SecretScope? {
        var scope: SecretScope?
        for entry in secrets where Self.matches(entry.pattern, pointer.tokens) {
            if entry.scope == .whole { return .whole }
            scope = .url
        }
        return scope
    }

    /// The personal-data kind at a body location, if annotated.
    func personalKind(at pointer: JSONPointer) -> String? {
        personal.first { Self.matches($0.pattern, pointer.tokens) }?.kind
    }

    private static func matches(_ pattern: [String], _ tokens: [String]) -> Bool {
        guard pattern.count == tokens.count else { return false }
        return zip(pattern, tokens).allSatisfy { $0 == "*" || $0 == $1 }
    }

    private mutating func collect(_ node: JSONValue, root: JSONValue, path: [String], visiting: Set<String>) {
        guard case .object(let schema) = node, path.count <= 64 else { return }
        // A reference already being expanded (a recursive schema) is not followed again.
        if case .string(let reference) = schema["$ref"], reference.hasPrefix("#"), !visiting.contains(reference),
            let pointer = JSONPointer(String(reference.dropFirst())), let target = root.value(at: pointer)
        {
            collect(target, root: root, path: path, visiting: visiting.union([reference]))
        }
        switch schema["x-secret"] {
        case .bool(true)?: addSecret(path, .whole)
        case .string(let scope)? where scope == "url": addSecret(path, .url)
        case .string?: addSecret(path, .whole)
        default: break
        }
        if case .string(let kind) = schema["x-pii"], !personal.contains(where: { $0.pattern == path }) {
            personal.append((path, kind))
        }
        if case .object(let properties) = schema["properties"] {
            for member in properties { collect(member.value, root: root, path: path + [member.key], visiting: visiting) }
        }
        for key in ["items", "additionalProperties", "contains", "unevaluatedItems", "unevaluatedProperties"] {
            if let sub = schema[key] { collect(sub, root: root, path: path + ["*"], visiting: visiting) }
        }
        if case .array(let tuple) = schema["prefixItems"] {
            for sub in tuple { collect(sub, root: root, path: path + ["*"], visiting: visiting) }
        }
        if case .object(let patterns) = schema["patternProperties"] {
            for member in patterns { collect(member.value, root: root, path: path + ["*"], visiting: visiting) }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if case .array(let branches) = schema[key] {
                for branch in branches { collect(branch, root: root, path: path, visiting: visiting) }
            }
        }
        for key in ["if", "then", "else"] {
            if let sub = schema[key] { collect(sub, root: root, path: path, visiting: visiting) }
        }
    }

    private mutating func addSecret(_ path: [String], _ scope: SecretScope) {
        guard !secrets.contains(where: { $0.pattern == path && $0.scope == scope }) else { return }
        secrets.append((path, scope))
    }
}
