public import CassetteFormat
import Foundation

/// Why a provider profile could not be read: which file, which member, what to do.
public struct ProviderProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or built-in resource) the profile came from.
    public let source: String
    /// What is wrong, with the member's JSON pointer.
    public let detail: String

    /// Creates the error for a profile file (`source`) and what is wrong in it.
    public init(source: String, detail: String) {
        self.source = source
        self.detail = detail
    }

    public var description: String {
        "provider profile \(source): \(detail). See README \"Recording\" for the profile format."
    }
}

extension ProviderProfile {
    /// Reads a profile from its JSON form:
    ///
    /// ```json
    /// { "name": "atoms", "displayName": "Smallest.ai Atoms",
    ///   "request": { "method": "GET", "path": "/atoms/v1/user", "headers": { "Accept": "application/json" } },
    ///   "credential": { "type": "bearer", "header": "Authorization", "env": "ATOMS_API_KEY" },
    ///   "baseURL": "https://api.smallest.ai",
    ///   "response": { "contentType": "application/json", "errorStatuses": [401, 500] },
    ///   "secretFields": [], "personalFields": ["/data/userEmail"] }
    /// ```
    ///
    /// `credential.type` is `bearer` (header defaults to `Authorization`), `header` (the raw
    /// value in `header`) or `cookie` (`Cookie: <cookie>=<value>`). `baseURL` may be `null` or
    /// absent when each deployment has its own; `exampleBaseURL` (optional) is the base URL of
    /// synthesized cassettes (see ``synthesisBaseURL``). `source` names the file in errors.
    public init(json: JSONValue, source: String) throws(ProviderProfileError) {
        let reader = ProfileReader(source: source)
        guard case .object(let root) = json else { throw reader.failure("/", "must be a JSON object") }
        let name = try reader.string(root, "name", at: "")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }),
            !name.hasPrefix(".")
        else {
            throw reader.failure("/name", "must be letters, digits, '-', '_' or '.', as it names the folder Cassettes/<name>/")
        }
        let request = try reader.object(root, "request", at: "")
        let path = try reader.string(request, "path", at: "/request")
        guard path.hasPrefix("/") else { throw reader.failure("/request/path", "must start with '/'") }
        let method = try reader.optionalString(request, "method", at: "/request")?.uppercased() ?? "GET"
        var headers: [HAR.NameValue] = []
        if let headerObject = try reader.optionalObject(request, "headers", at: "/request") {
            for member in headerObject.members {
                guard case .string(let value) = member.value else {
                    throw reader.failure("/request/headers/\(member.key)", "must be a string")
                }
                headers.append(HAR.NameValue(name: member.key, value: value))
            }
        } else {
            headers = [HAR.NameValue(name: "Accept", value: "application/json")]
        }
        let credentialObject = try reader.object(root, "credential", at: "")
        let type = try reader.string(credentialObject, "type", at: "/credential")
        let placement: CredentialPlacement
        switch type {
        case "bearer":
            placement = .bearer(header: try reader.optionalString(credentialObject, "header", at: "/credential") ?? "Authorization")
        case "header":
            placement = .header(try reader.string(credentialObject, "header", at: "/credential"))
        case "cookie":
            placement = .cookie(try reader.string(credentialObject, "cookie", at: "/credential"))
        default:
            throw reader.failure("/credential/type", "is \"\(type)\"; expected \"bearer\", \"header\" or \"cookie\"")
        }
        let environment = try reader.string(credentialObject, "env", at: "/credential")
        guard !environment.isEmpty, environment.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw reader.failure("/credential/env", "must be an environment variable name (letters, digits, '_')")
        }
        let baseURL = try reader.optionalString(root, "baseURL", at: "")
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil
            else {
                throw reader.failure("/baseURL", "must be an http(s) URL such as https://api.example.com")
            }
        }
        let response = try reader.optionalObject(root, "response", at: "") ?? JSONObject()
        let contentType = try reader.optionalString(response, "contentType", at: "/response") ?? "application/json"
        let errorStatuses = try reader.integers(response, "errorStatuses", at: "/response") ?? [401]
        let exampleBaseURL = try reader.optionalString(root, "exampleBaseURL", at: "")
        if let exampleBaseURL, URL(string: exampleBaseURL)?.host == nil {
            throw reader.failure("/exampleBaseURL", "must be an http(s) URL such as https://api.example.com")
        }
        self.init(
            name: name, displayName: try reader.optionalString(root, "displayName", at: ""), method: method, path: path,
            credential: placement, credentialEnvironmentVariable: environment, defaultBaseURL: baseURL,
            requestHeaders: headers, responseContentType: contentType, errorStatuses: errorStatuses,
            secretFields: try reader.strings(root, "secretFields", at: "") ?? [],
            personalFields: try reader.strings(root, "personalFields", at: "") ?? [],
            schema: try reader.optionalString(response, "schema", at: "/response"),
            errorSchema: try reader.optionalString(response, "errorSchema", at: "/response"))
        self.exampleBaseURL = exampleBaseURL
    }
}

/// Typed member access with errors that name the member's JSON pointer.
private struct ProfileReader {
    let source: String

    func failure(_ pointer: String, _ detail: String) -> ProviderProfileError {
        ProviderProfileError(source: source, detail: "\(pointer) \(detail)")
    }

    func string(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> String {
        guard let value = try optionalString(object, key, at: base) else { throw failure("\(base)/\(key)", "is missing") }
        return value
    }

    func optionalString(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let other?: throw failure("\(base)/\(key)", "must be a string, found \(other.typeName)")
        }
    }

    func object(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> JSONObject {
        guard let value = try optionalObject(object, key, at: base) else { throw failure("\(base)/\(key)", "is missing") }
        return value
    }

    func optionalObject(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> JSONObject? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let value)?: return value
        case let other?: throw failure("\(base)/\(key)", "must be an object, found \(other.typeName)")
        }
    }

    func strings(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> [String]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { throw failure("\(base)/\(key)/\(index)", "must be a string") }
                result.append(text)
            }
            return result
        case let other?: throw failure("\(base)/\(key)", "must be an array of strings, found \(other.typeName)")
        }
    }

    func integers(_ object: JSONObject, _ key: String, at base: String) throws(ProviderProfileError) -> [Int]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var result: [Int] = []
            for (index, item) in items.enumerated() {
                guard case .number(let number) = item, let value = number.intValue else {
                    throw failure("\(base)/\(key)/\(index)", "must be an integer")
                }
                result.append(value)
            }
            return result
        case let other?: throw failure("\(base)/\(key)", "must be an array of integers, found \(other.typeName)")
        }
    }
}
