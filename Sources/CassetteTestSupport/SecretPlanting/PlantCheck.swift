public import CassetteKit
public import Foundation

/// What redaction did with a planted document.
public enum RedactionOutcome: String, Sendable, CaseIterable {
    /// The write was refused with an error whose text holds no form of the secret.
    case refused
    /// Written, and no form of the secret is left in the written bytes.
    case redacted
    /// Written with a form of the secret in it: a leak.
    case survived
    /// Refused, but the error text itself holds a form of the secret: a leak.
    case leakyRefusal = "leaky-refusal"
    /// The planted document could not even be read as HAR (a corpus bug, or a reader refusing valid HAR).
    case unreadable

    /// Whether the secret stayed out of everything written or printed.
    public var isSafe: Bool { self == .refused || self == .redacted }
}

/// What the audit did with a raw planted document.
public enum AuditOutcome: String, Sendable, CaseIterable {
    /// At least one finding.
    case flagged
    /// No finding: `cassette audit` would pass the file.
    case missed
    /// The audit could not read the file (it exits non-zero, so the commit is blocked too).
    case unreadable

    /// Whether `cassette audit` blocks the file.
    public var blocks: Bool { self != .missed }
}

/// The two assertions of the planted-secret tests, through the public APIs `cassette import`
/// and `cassette audit` use. Answers are outcomes only; no value ever leaves these functions.
public enum PlantCheck {
    /// Decodes the raw HAR as a cassette, runs `Redaction/sanitize(_:policy:)` and searches the
    /// bytes a write would produce (or the refusal's text) for every form of the planted secrets.
    public static func sanitize(_ document: PlantedDocument, policy: RedactionPolicy = RedactionPolicy()) -> RedactionOutcome {
        let search = SecretSearch(needles: document.needles)
        let log: HAR.Log
        do {
            log = try CassetteFile.decode(document.har, path: "planted.har")
        } catch {
            return search.survives(in: error.description) ? .leakyRefusal : .unreadable
        }
        let clean: HAR.Log
        do {
            clean = try Redaction.sanitize(log, policy: policy)
        } catch {
            return search.survives(in: error.description) ? .leakyRefusal : .refused
        }
        guard let bytes = try? CassetteFile.encode(clean) else { return .refused }
        return written(bytes, search: search)
    }

    /// The outcome for bytes that were written: survived when any form of a secret is in them.
    public static func written(_ bytes: Data, search: SecretSearch) -> RedactionOutcome {
        search.survives(in: bytes) ? .survived : .redacted
    }

    /// Audits the raw document the way `cassette audit` audits a `.har.gz` file.
    public static func audit(_ document: PlantedDocument) -> AuditOutcome {
        guard let gzip = try? GzipCodec.gzip(document.har) else { return .unreadable }
        do {
            return try SecretAuditor().audit(data: gzip, path: "planted.har.gz").isEmpty ? .missed : .flagged
        } catch {
            return .unreadable
        }
    }
}
