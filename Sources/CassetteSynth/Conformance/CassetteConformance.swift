public import CassetteKit
import Foundation

/// Checks the JSON response bodies of a cassette against schemas: the drift check.
///
/// Successful responses (status below 400) are checked against `success`, error responses
/// against `failure` (or `success` when no error schema is given). Bodies that are not JSON by
/// their media type are skipped; a body labelled JSON that does not parse is a finding.
public struct CassetteConformance: Sendable {
    /// The schema of successful bodies.
    public let success: JSONSchemaValidator
    /// The schema of error bodies (status 400 and above); `nil` checks them against `success`.
    public let failure: JSONSchemaValidator?
    /// The relations successful bodies keep (the success schema's `x-invariants`).
    public let invariants: InvariantChecker

    /// Creates a checker.
    public init(
        success: JSONSchemaValidator, failure: JSONSchemaValidator? = nil, invariants: InvariantChecker = InvariantChecker(invariants: [])
    ) {
        self.success = success
        self.failure = failure
        self.invariants = invariants
    }

    /// Checks against a provider's `/me` and error schemas and the `/me` schema's invariants.
    public init(provider: ProviderValidators) {
        self.init(success: provider.me, failure: provider.error, invariants: provider.meInvariants)
    }

    /// The outcome for one interaction.
    public struct EntryResult: Sendable, Hashable {
        /// What happened to the response body.
        public enum Outcome: Sendable, Hashable {
            /// The body fits its schema.
            case valid
            /// The body breaks its schema, at these locations.
            case invalid([ValidationError])
            /// The body is labelled JSON but does not parse (the reason has no body text).
            case unparsable(String)
            /// Not checked: the body is not JSON, or empty.
            case skipped(String)
        }

        /// The interaction's index in the log (`entries[index]`).
        public let index: Int
        /// `GET /auth/v1/users/me`, for messages.
        public let request: String
        /// The response status.
        public let status: Int
        /// Which schema the body was checked against: `success` or `error`.
        public let schemaRole: String
        /// The result.
        public let outcome: Outcome

        /// Whether this interaction is a finding (invalid or unparsable).
        public var isFinding: Bool {
            switch outcome {
            case .invalid, .unparsable: return true
            case .valid, .skipped: return false
            }
        }
    }

    /// Checks every interaction of `log`.
    public func check(_ log: HAR.Log) -> [EntryResult] {
        log.entries.enumerated().map { index, entry in check(entry, index: index) }
    }

    /// Checks one interaction.
    public func check(_ entry: HAR.Entry, index: Int) -> EntryResult {
        let status = entry.response.status
        let isError = status >= 400
        let validator = isError ? (failure ?? success) : success
        let role = isError && failure != nil ? "error" : "success"
        let request = "\(entry.request.method) \(Self.path(of: entry.request.url))"
        func result(_ outcome: EntryResult.Outcome) -> EntryResult {
            EntryResult(index: index, request: request, status: status, schemaRole: role, outcome: outcome)
        }
        let content = entry.response.content
        guard BodyEncoding.isJSON(mimeType: content.mimeType) || content.mimeType.isEmpty else {
            return result(.skipped("the body is \(content.mimeType), not JSON"))
        }
        guard let data = content.bodyData else { return result(.unparsable("the base64 body text is invalid")) }
        if data.isEmpty { return result(.skipped("the body is empty")) }
        let body: JSONValue
        do {
            body = try JSONParser.parse(data)
        } catch {
            return result(.unparsable("the body is not valid JSON (\(error.description))"))
        }
        var errors = validator.validate(body)
        if !isError { errors += invariants.violations(in: body).map(\.validationError) }
        return result(errors.isEmpty ? .valid : .invalid(errors))
    }

    /// The path of a URL (no query: it may hold a secret).
    static func path(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "(unparsable URL)" }
        return components.path.isEmpty ? "/" : components.path
    }
}
