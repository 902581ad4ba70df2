public import CassetteFormat
import Foundation

/// How one service's "current user" endpoint is called and what it answers: the data behind
/// `cassette record <provider>`. The four built-in services and any user profile (`--profile`)
/// are written in the same JSON form (see ``ProviderProfile/init(json:source:)``).
public struct ProviderProfile: Sendable, Hashable {
    /// Short name used on the command line and in `Cassettes/<name>/` (`atoms`, `zitadel`).
    public var name: String
    /// Human-readable service name.
    public var displayName: String
    /// HTTP method of the request (`GET`).
    public var method: String
    /// Path appended to the base URL (`/atoms/v1/user`).
    public var path: String
    /// How the credential travels.
    public var credential: CredentialPlacement
    /// The environment variable the credential is read from by default (`ATOMS_API_KEY`).
    public var credentialEnvironmentVariable: String
    /// The service's public base URL, or `nil` when every deployment has its own.
    public var defaultBaseURL: String?
    /// Extra request headers sent as they are (`Accept: application/json`). Never credentials.
    public var requestHeaders: [HAR.NameValue]
    /// The media type a successful answer carries (`application/json`).
    public var responseContentType: String
    /// The statuses the service answers on failure (documentation and emulator; e.g. 401, 400).
    public var errorStatuses: [Int]
    /// JSON pointers of response fields that carry secrets (informational; redaction also
    /// applies its own rules everywhere).
    public var secretFields: [String]
    /// JSON pointers of response fields that carry personal data.
    public var personalFields: [String]
    /// Resource file name of the success-body JSON Schema, when there is one.
    public var schema: String?
    /// Resource file name of the error-body JSON Schema, when there is one.
    public var errorSchema: String?
    /// The base URL synthesized cassettes use (`exampleBaseURL` in the profile file); `nil` for
    /// the default, see ``synthesisBaseURL``.
    public var exampleBaseURL: String? = nil

    /// The base URL synthesized cassettes use: the profile's `exampleBaseURL`, else its public
    /// `baseURL`, else `https://<name>.example.com`.
    public var synthesisBaseURL: String { exampleBaseURL ?? defaultBaseURL ?? "https://\(name).example.com" }

    /// A profile from its parts.
    public init(
        name: String, displayName: String? = nil, method: String = "GET", path: String,
        credential: CredentialPlacement, credentialEnvironmentVariable: String, defaultBaseURL: String? = nil,
        requestHeaders: [HAR.NameValue] = [HAR.NameValue(name: "Accept", value: "application/json")],
        responseContentType: String = "application/json", errorStatuses: [Int] = [401],
        secretFields: [String] = [], personalFields: [String] = [], schema: String? = nil, errorSchema: String? = nil
    ) {
        self.name = name
        self.displayName = displayName ?? name
        self.method = method
        self.path = path
        self.credential = credential
        self.credentialEnvironmentVariable = credentialEnvironmentVariable
        self.defaultBaseURL = defaultBaseURL
        self.requestHeaders = requestHeaders
        self.responseContentType = responseContentType
        self.errorStatuses = errorStatuses
        self.secretFields = secretFields
        self.personalFields = personalFields
        self.schema = schema
        self.errorSchema = errorSchema
    }
}

/// Where the credential goes in the request.
public enum CredentialPlacement: Sendable, Hashable, CustomStringConvertible {
    /// `<header>: Bearer <credential>` (usually `Authorization`).
    case bearer(header: String)
    /// `<header>: <credential>`, the raw value (Unleash's `Authorization: <token>`).
    case header(String)
    /// `Cookie: <name>=<credential>` (Wacht's `__session`).
    case cookie(String)

    /// The request header that carries the credential and its value.
    public func header(for credential: String) -> HAR.NameValue {
        switch self {
        case .bearer(let header): return HAR.NameValue(name: header, value: "Bearer \(credential)")
        case .header(let header): return HAR.NameValue(name: header, value: credential)
        case .cookie(let name): return HAR.NameValue(name: "Cookie", value: "\(name)=\(credential)")
        }
    }

    /// Extracts the credential from request headers the way the service reads it; `nil` when
    /// absent. Used by the emulator, which checks credentials exactly as the service does.
    public func credential(in headers: [HAR.NameValue]) -> String? {
        switch self {
        case .bearer(let header):
            guard let value = headers.value(named: header) else { return nil }
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        case .header(let header):
            return headers.value(named: header)
        case .cookie(let name):
            let cookies = headers.filter { $0.name.caseInsensitiveCompare("Cookie") == .orderedSame }
            for line in cookies {
                for pair in line.value.split(separator: ";") {
                    let trimmed = pair.trimmingCharacters(in: .whitespaces)
                    guard let equals = trimmed.firstIndex(of: "=") else { continue }
                    if trimmed[..<equals] == name { return String(trimmed[trimmed.index(after: equals)...]) }
                }
            }
            return nil
        }
    }

    /// `Authorization: Bearer <credential>` style description for progress output (no value).
    public var description: String {
        switch self {
        case .bearer(let header): return "\(header): Bearer <credential>"
        case .header(let header): return "\(header): <credential>"
        case .cookie(let name): return "Cookie: \(name)=<credential>"
        }
    }
}
