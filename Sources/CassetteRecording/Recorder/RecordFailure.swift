import CassetteAudit
import CassetteFormat
import CassetteProviders
public import CassetteRedaction
import Foundation

/// Why `cassette record` wrote nothing. Every message says what, where and the next step, and
/// none carries a credential or any other secret value. An existing cassette is left as it was.
public enum RecordFailure: Error, Sendable, CustomStringConvertible {
    /// The credential's environment variable is unset or empty.
    case missingCredential(variable: String, provider: String)
    /// The base URL is missing or not an http(s) URL.
    case invalidBaseURL(provider: String, detail: String)
    /// The service answered a status that was not accepted.
    case httpStatus(status: Int, url: String, hint: String)
    /// No answer within the timeout.
    case timeout(url: String, seconds: Double)
    /// The server could not be reached (refused, unknown host, connection lost).
    case network(url: String, detail: String)
    /// TLS failed (certificate, handshake).
    case tls(url: String, detail: String)
    /// Redaction could not prove the result clean.
    case unsafe(UnsafeCassetteError)
    /// The cassette could not be written.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case .missingCredential(let variable, let provider):
            return "error: the environment variable \(variable) is not set or is empty; \(provider) needs its credential there. "
                + "Run `export \(variable)=...` (the credential is read only from the environment), or name another variable with --credential-env. Nothing was written."
        case .invalidBaseURL(let provider, let detail):
            return "error: \(provider): \(detail). Pass --base-url https://your-host. Nothing was written."
        case .httpStatus(let status, let url, let hint):
            return "error: GET \(url) answered HTTP \(status): \(hint) Nothing was written; any existing cassette is untouched. "
                + "To record this error body on purpose, pass --accept-status \(status)."
        case .timeout(let url, let seconds):
            return
                "error: \(url) did not answer within \(Self.format(seconds)) s. Check the host is reachable, or raise --timeout. Nothing was written."
        case .network(let url, let detail):
            return "error: could not reach \(url): \(detail). Check --base-url and that the server is running. Nothing was written."
        case .tls(let url, let detail):
            return "error: TLS failed for \(url): \(detail). Check the certificate and the URL scheme. Nothing was written."
        case .unsafe(let error):
            return "error: \(error.description)"
        case .io(let path, let detail):
            return "error: could not write \(path): \(detail). Check the folder exists and is writable; any existing cassette is untouched."
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// What a refusal status usually means, and what to do.
    static func hint(status: Int, plan: RecordingPlan) -> String {
        switch status {
        case 400:
            return
                "the service refused the request (for Wacht, 400 means the session in \(plan.credentialSource) has no active sign-in); sign in again and export a fresh credential."
        case 401, 403:
            return "the credential in \(plan.credentialSource) was refused (wrong, expired or lacking permission); export a valid one."
        case 404:
            return "the path \(plan.profile.path) does not exist there; check --base-url."
        case 300..<400:
            return
                "the server redirected; redirects are not followed so the credential never goes to another host. Use the final URL as --base-url."
        case 500..<600:
            return "the service failed; try again later."
        default:
            return "the service did not answer with success."
        }
    }
}
