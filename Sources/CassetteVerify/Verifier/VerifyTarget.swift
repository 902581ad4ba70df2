import CassetteKit
import Foundation

/// Which interaction of a cassette `cassette verify` checks, and where its service lives.
enum VerifyTarget {
    /// The interaction made by the profile's request: the first with its method and path.
    static func entry(in log: HAR.Log, profile: ProviderProfile) -> HAR.Entry? {
        log.entries.first { entry in
            entry.request.method.uppercased() == profile.method.uppercased()
                && (URLComponents(string: entry.request.url)?.path).map { $0.hasSuffix(profile.path) } == true
        }
    }

    /// The cassette's own base URL, unless it cannot be the live service: a cassette from the
    /// emulator or the synthesizer, a loopback host (an emulator's old port), or an example
    /// address (`unleash.example.com`, `app.example.wacht.dev`, the profile's example URL).
    static func recordedBaseURL(of log: HAR.Log, profile: ProviderProfile) -> URL? {
        guard let metadata = log.cassette, let text = metadata.baseURL, let url = URL(string: text),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host?.lowercased()
        else { return nil }
        if ["emulator", "synth"].contains(metadata.source) { return nil }
        if isExampleOrLoopback(host) { return nil }
        if let example = profile.exampleBaseURL.flatMap(URL.init(string:))?.host?.lowercased(), example == host { return nil }
        return url
    }

    /// Whether a host is loopback or an example address (RFC 2606 names and `example` labels).
    static func isExampleOrLoopback(_ host: String) -> Bool {
        let labels = host.split(separator: ".").map(String.init)
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "[::1]" || labels.first == "127" {
            return true
        }
        if labels.contains("example") || labels.last == "test" || labels.last == "invalid" { return true }
        return false
    }

    /// The base URL the cassette was stored with (kept by `--update`, so replaying tests still
    /// match the request URL).
    static func storedBaseURL(of log: HAR.Log) -> URL? {
        log.cassette?.baseURL.flatMap(URL.init(string:))
    }
}
