public import CassetteKit

/// What `cassette verify` found for one cassette.
public struct VerificationResult: Sendable {
    /// The verdict.
    public enum Verdict: Sendable, Equatable {
        /// The live answer has the cassette's structure and fits the schema.
        case noDrift
        /// The live answer differs: the changes, by place and kind.
        case drifted([Drift])
        /// The cassette could not be checked (no credential, unreachable service, refused
        /// credential, unreadable cassette); the reason says what and the next step.
        case notVerified(String)
        /// Nothing to verify (no known provider, no interaction for the provider's endpoint).
        case skipped(String)
    }

    /// What `--update` did.
    public enum Update: Sendable, Equatable {
        /// The drifted cassette was re-recorded atomically; the lines name what changed.
        case rewritten
        /// The content equals the cassette on disk (timestamps aside): left byte-identical.
        case unchanged
        /// Not re-recorded, and why (a status that is not the recorded one, a write failure).
        case refused(String)
    }

    /// The cassette's name in reports (`zitadel/me`).
    public var name: String
    /// The cassette file.
    public var path: String
    /// The provider it was recorded from, when known.
    public var provider: String?
    /// The verdict.
    public var verdict: Verdict
    /// What `--update` did, when it was asked and the cassette drifted.
    public var update: Update?
    /// The cassette is older than `--max-age` (or its age is unknown).
    public var staleness: CassetteStaleness?

    /// Creates a result.
    public init(name: String, path: String, provider: String?, verdict: Verdict, update: Update? = nil) {
        self.name = name
        self.path = path
        self.provider = provider
        self.verdict = verdict
        self.update = update
    }

    /// The changes, when it drifted.
    public var drifts: [Drift] {
        if case .drifted(let drifts) = verdict { return drifts }
        return []
    }

    /// One line: `zitadel/me: /lastLogin removed; /user/human/profile/nickName added (string)`.
    /// Names, places and kinds only: places and reasons go through the display path; the
    /// cassette's name and path are the user's own file names, shown as they are.
    public var line: String {
        let shownName = name
        var text: String
        switch verdict {
        case .noDrift: text = "\(shownName): no drift"
        case .drifted(let drifts): text = "\(shownName): " + drifts.map(\.description).joined(separator: "; ")
        case .notVerified(let reason): text = "\(shownName): not verified: \(SafeDisplay.location(reason))"
        case .skipped(let reason): text = "\(shownName): skipped: \(SafeDisplay.location(reason))"
        }
        if let staleness { text += "; \(staleness.description)" }
        switch update {
        case .rewritten?: text += " (re-recorded \(path))"
        case .unchanged?: text += " (--update: content unchanged, file left as it was)"
        case .refused(let reason)?: text += " (not re-recorded: \(SafeDisplay.location(reason)))"
        case nil: break
        }
        return text
    }
}
