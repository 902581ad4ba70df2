import CassetteFormat

/// Text values the audit already scanned without a finding, each with everything that decided
/// that outcome, so the same value in the same context (the `Accept` header of every cassette,
/// the `created_at` of every page) is not taken through every rule and decoding layer again.
///
/// The context is all that ``AuditScan/scanText(_:at:depth:)`` reads besides the value: where it
/// sits (the location's base and JSON pointer, which also decide whether a form there is an OAuth
/// callback), the key and carrier that judge it, the decoding depth, the JSON-in-string layer
/// depth and the parser's depth limit. Only scans that reported nothing and did not depend on
/// what the file had shown before are remembered (see ``AuditScan``'s counters); the work they
/// charged to the file's ``ReadBudget`` is charged again on every reuse, so budgets end where
/// they would without the cache. Bounded: values up to ``maximumTextBytes``, at most
/// ``maximumStoredBytes`` in all; past that nothing more is remembered.
struct CleanTextCache: Sendable {
    /// One value in its context. Hashed once when made (a lookup and an insert then reuse it).
    struct Entry: Hashable, Sendable {
        var text: String
        var base: String
        var pointer: JSONPointer?
        var key: String?
        var carrierRule: AuditRule?
        var isCredentialCarrier: Bool
        var isFreeText: Bool
        var depth: Int
        var jsonLayerDepth: Int
        var depthLimit: Int
        private var digest = 0

        init(
            text: String, base: String, pointer: JSONPointer?, key: String?, carrierRule: AuditRule?,
            isCredentialCarrier: Bool, isFreeText: Bool, depth: Int, jsonLayerDepth: Int, depthLimit: Int
        ) {
            self.text = text
            self.base = base
            self.pointer = pointer
            self.key = key
            self.carrierRule = carrierRule
            self.isCredentialCarrier = isCredentialCarrier
            self.isFreeText = isFreeText
            self.depth = depth
            self.jsonLayerDepth = jsonLayerDepth
            self.depthLimit = depthLimit
            var hasher = Hasher()
            hasher.combine(text)
            hasher.combine(base)
            // The pointer's length and last token only (equality compares it whole): hashing
            // every token of every value's pointer was a visible share of the audit.
            hasher.combine(pointer?.tokens.count ?? -1)
            hasher.combine(pointer?.tokens.last)
            hasher.combine(key)
            hasher.combine(carrierRule)
            hasher.combine(isCredentialCarrier)
            hasher.combine(isFreeText)
            hasher.combine(depth)
            hasher.combine(jsonLayerDepth)
            hasher.combine(depthLimit)
            digest = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.digest == rhs.digest && lhs.text == rhs.text && lhs.base == rhs.base && lhs.pointer == rhs.pointer
                && lhs.key == rhs.key && lhs.carrierRule == rhs.carrierRule && lhs.isCredentialCarrier == rhs.isCredentialCarrier
                && lhs.isFreeText == rhs.isFreeText && lhs.depth == rhs.depth && lhs.jsonLayerDepth == rhs.jsonLayerDepth
                && lhs.depthLimit == rhs.depthLimit
        }

        /// About what the entry keeps in memory.
        var storedBytes: Int {
            64 + text.utf8.count + base.utf8.count + (key?.utf8.count ?? 0)
                + (pointer?.tokens.reduce(0) { $0 + 16 + $1.utf8.count } ?? 0)
        }
    }

    /// Shorter values cost less to scan than to look up.
    static let minimumTextBytes = 8
    /// Longer values are scanned every time (and are rarely repeated).
    static let maximumTextBytes = 64 * 1024
    /// What one run of the audit keeps per worker.
    static let maximumStoredBytes = 4 * 1024 * 1024

    private var workByEntry: [Entry: Int] = [:]
    private var storedBytes = 0

    /// The budget work a clean scan of `entry` charged, when it was scanned before.
    func work(for entry: Entry) -> Int? {
        workByEntry[entry]
    }

    /// Remembers a clean scan and the work it charged.
    mutating func remember(_ entry: Entry, work: Int) {
        let size = entry.storedBytes
        guard storedBytes + size <= Self.maximumStoredBytes else { return }
        if workByEntry.updateValue(work, forKey: entry) == nil { storedBytes += size }
    }
}

/// What the audit learns in one run and reuses from file to file: key judgements and clean
/// values. One per worker, never shared between threads.
struct AuditRunMemory: Sendable {
    var keys = SecretKeyCache()
    var cleanTexts = CleanTextCache()
    /// Member names of 16 bytes or more that hold no token format.
    var cleanMemberNames: Set<String> = []
}

extension AuditScan {
    /// Swaps the run's memory in (before a scan) or back out (after it): no copy of the caches.
    mutating func borrow(_ memory: inout AuditRunMemory) {
        swap(&keyCache, &memory.keys)
        swap(&cleanTexts, &memory.cleanTexts)
        swap(&cleanMemberNames, &memory.cleanMemberNames)
    }
}
