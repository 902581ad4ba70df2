public import CassetteKit
public import Foundation

/// A built-in provider, for the synthesizer's library API: one per `<name>.profile.json` in the
/// provider folder (`ProviderResources`), so a provider added there as files is one here too.
/// The four shipped ones have names (`.zitadel`); ``allCases`` lists them all.
public struct BuiltInProvider: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The provider's name (`zitadel`).
    public let rawValue: String

    /// The built-in provider with this name, or `nil` when the provider folder has no such profile.
    public init?(rawValue: String) {
        guard Self.profiles[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    private init(named name: String) { rawValue = name }

    /// Smallest.ai Atoms.
    public static let atoms = BuiltInProvider(named: "atoms")
    /// Unleash.
    public static let unleash = BuiltInProvider(named: "unleash")
    /// Wacht.
    public static let wacht = BuiltInProvider(named: "wacht")
    /// ZITADEL.
    public static let zitadel = BuiltInProvider(named: "zitadel")

    /// Every built-in provider, sorted by name, read from the provider folder.
    public static var allCases: [BuiltInProvider] { ProviderSchemas.builtInProviders.map(BuiltInProvider.init(named:)) }

    public var description: String { rawValue }

    /// The built-in profiles, read once.
    private static let profiles: [String: ProviderProfile] = (try? ProviderCatalog.builtIn().profiles) ?? [:]

    /// The provider's profile; `nil` only when the provider folder is missing.
    public var profile: ProviderProfile? { Self.profiles[rawValue] }

    /// Where the `/me` request goes, and how it authenticates (for synthesized cassettes): the
    /// profile's path and credential, and its `ProviderProfile/synthesisBaseURL`.
    public var endpoint: (baseURL: String, path: String, credentialHeader: String, credentialPrefix: String) {
        guard let profile else { return ("https://\(rawValue).example.com", "/me", "Authorization", "Bearer ") }
        switch profile.credential {
        case .bearer(let header): return (profile.synthesisBaseURL, profile.path, header, "Bearer ")
        case .header(let header): return (profile.synthesisBaseURL, profile.path, header, "")
        case .cookie(let cookie): return (profile.synthesisBaseURL, profile.path, "Cookie", "\(cookie)=")
        }
    }
}

/// A synthesized response: a status and a JSON body valid against the provider's schema.
public struct SynthesizedResponse: Sendable, Hashable {
    /// The HTTP status (200 for `/me` bodies; 400, 401, 500 ... for error bodies).
    public let status: Int
    /// The body.
    public let body: JSONValue

    /// Creates a response.
    public init(status: Int, body: JSONValue) {
        self.status = status
        self.body = body
    }

    /// The body as compact JSON bytes.
    public var data: Data { JSONSerializer.data(body) }
}

/// Schema-valid variants of a built-in provider's `/me` body or error bodies, as a sequence.
///
/// ```swift
/// for body in try Variants(of: .zitadel, strategy: .edge, seed: 7) {
///     // body: JSONValue, valid against zitadel.me.schema.json
/// }
/// let errors = try Variants(of: .wacht, errors: true, count: 3)   // 400, 401, 500 bodies
/// let log = errors.cassette()                                       // replayable HAR log
/// ```
public struct Variants: Sequence, Sendable {
    /// The provider.
    public let provider: BuiltInProvider
    /// The responses, in order.
    public let responses: [SynthesizedResponse]
    /// What each response exercises, in the same order: an edge case's or mutation's name
    /// (`/user/human/phone: absent`), or `variant <n>`.
    public let names: [String]
    /// For mutations: the recorded interaction they replay with.
    let recording: RecordedTemplate?

    init(provider: BuiltInProvider, responses: [SynthesizedResponse], names: [String], recording: RecordedTemplate?) {
        self.provider = provider
        self.responses = responses
        self.names = names
        self.recording = recording
    }

    /// Makes `count` variants (for `edge`, all the edge cases when `count` is `nil`).
    ///
    /// Error variants cycle through the statuses the error schema lists in `x-statuses`, with the
    /// values it gives for each status (`code: 16` for ZITADEL's 401).
    public init(
        of provider: BuiltInProvider, errors: Bool = false, strategy: SynthesisStrategy = .random, seed: UInt64 = 0, count: Int? = nil
    ) throws(SynthesisError) {
        self.provider = provider
        recording = nil
        let schema: JSONValue
        do {
            schema = errors ? try ProviderSchemas.error(for: provider.rawValue) : try ProviderSchemas.me(for: provider.rawValue)
        } catch {
            throw SynthesisError(schemaLocation: .root, instanceLocation: .root, reason: error.description)
        }
        let synthesizer = try FixtureSynthesizer(schema: schema)
        let bodies: [JSONValue]
        if strategy == .edge, count == nil {
            let edges = try synthesizer.edgeCases(seed: seed)
            bodies = edges.map(\.value)
            names = edges.map(\.name)
        } else {
            bodies = try synthesizer.variants(count: count ?? 10, strategy: strategy, seed: seed)
            names = bodies.indices.map { "variant \($0 + 1)" }
        }
        guard errors else {
            responses = bodies.map { SynthesizedResponse(status: 200, body: $0) }
            return
        }
        let hints = ErrorStatusHints(schema: schema)
        responses = bodies.enumerated().map { index, body in
            let status = hints.statuses.isEmpty ? 500 : hints.statuses[index % hints.statuses.count]
            return SynthesizedResponse(status: status, body: hints.apply(status: status, to: body, validator: synthesizer.validator))
        }
    }

    public func makeIterator() -> IndexingIterator<[JSONValue]> {
        responses.map(\.body).makeIterator()
    }

    /// The bodies as compact JSON bytes.
    public var data: [Data] { responses.map(\.data) }

    /// A cassette replaying the responses in order, one interaction each, to `GET <base>/<me path>`
    /// with a placeholder credential (`_cassette.source` is `synth`).
    public func cassette() -> HAR.Log {
        guard let recording else { return SynthesizedCassette.log(provider: provider, responses: responses) }
        var log = recording.cassette(body: Data())
        log.entries = cassettes().flatMap(\.entries)
        return log
    }

    /// One cassette per response. Mutations replay with the recorded request, status and headers
    /// (only the body and its `Content-Length` change); other variants get a synthesized `GET`.
    public func cassettes() -> [HAR.Log] {
        responses.map { response in
            recording?.cassette(body: response.data) ?? SynthesizedCassette.log(provider: provider, responses: [response])
        }
    }
}

/// The per-status values an error schema gives in `x-statuses`.
struct ErrorStatusHints {
    let statuses: [Int]
    private let hints: [Int: JSONValue]

    init(schema: JSONValue) {
        var hints: [Int: JSONValue] = [:]
        if case .object(let map)? = schema["x-statuses"] {
            for member in map.members {
                if let status = Int(member.key) { hints[status] = member.value }
            }
        }
        self.hints = hints
        statuses = hints.keys.sorted()
    }

    /// The body with the status's values laid over it, if the result stays valid.
    func apply(status: Int, to body: JSONValue, validator: JSONSchemaValidator) -> JSONValue {
        guard let hint = hints[status], case .object(var object) = body else { return body }
        switch hint {
        case .object(let values):
            for member in values.members { object[member.key] = member.value }
        case .array:
            // A bare list: the messages of the first array-valued member (`errors`).
            guard let key = object.members.first(where: { $0.value.arrayValue != nil })?.key else { return body }
            object[key] = hint
        default:
            return body
        }
        // Envelopes that repeat the HTTP code (Wacht's `status`) get this status.
        if case .number? = object["status"], hint["status"] == nil { object["status"] = .number(JSONNumber(status)) }
        let candidate = JSONValue.object(object)
        return validator.isValid(candidate) ? candidate : body
    }
}

/// Builds replayable cassettes from synthesized responses.
public enum SynthesizedCassette {
    /// A HAR log with one `GET` interaction per response, credentials as placeholders.
    public static func log(provider: BuiltInProvider, responses: [SynthesizedResponse]) -> HAR.Log {
        let endpoint = provider.endpoint
        return log(
            baseURL: endpoint.baseURL, path: endpoint.path, provider: provider.rawValue,
            credential: HAR.NameValue(name: endpoint.credentialHeader, value: endpoint.credentialPrefix + Placeholder.make(1)),
            responses: responses)
    }

    /// A HAR log with one `GET baseURL+path` interaction per response.
    public static func log(
        baseURL: String, path: String, provider: String?, credential: HAR.NameValue?, responses: [SynthesizedResponse]
    ) -> HAR.Log {
        let entries = responses.map { response -> HAR.Entry in
            var headers = [HAR.NameValue(name: "Accept", value: "application/json")]
            if let credential { headers.append(credential) }
            let body = response.data
            let request = HAR.Request(
                method: "GET", url: baseURL + path, httpVersion: "HTTP/1.1", cookies: [], headers: headers, queryString: [],
                postData: nil, headersSize: -1, bodySize: 0)
            let content = HAR.Content(body: body, mimeType: "application/json")
            let responseValue = HAR.Response(
                status: response.status, statusText: HTTPStatusText.text(for: response.status), httpVersion: "HTTP/1.1", cookies: [],
                headers: [
                    HAR.NameValue(name: "Content-Type", value: "application/json"),
                    HAR.NameValue(name: "Content-Length", value: String(body.count)),
                ],
                content: content, redirectURL: "", headersSize: -1, bodySize: body.count)
            return HAR.Entry(
                startedDateTime: "2024-01-02T03:04:05Z", time: 0, request: request, response: responseValue, timings: HAR.Timings())
        }
        let metadata = CassetteMetadata(provider: provider, source: "synth", baseURL: baseURL)
        return HAR.Log(
            version: "1.2", creator: HAR.Creator(name: "cassette", version: CassetteKitVersion.current), entries: entries,
            cassette: metadata)
    }
}

/// Reason phrases for the statuses synthesized responses use.
enum HTTPStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        default: return ""
        }
    }
}
