import CassetteFormat
import CassetteProviders

/// The state of one redaction pass over a cassette (or one live request): the rules, the
/// placeholder numbering, the fake personal data and what was redacted where.
struct RedactionSession: Sendable {
    let policy: RedactionPolicy
    let knownSecrets: KnownSecretForms
    let schema: SchemaAnnotations
    var ledger: PlaceholderLedger
    var pseudonyms = Pseudonymizer()
    private(set) var items: Set<RedactionReport.Item> = []
    private(set) var pseudonymized: Set<RedactionReport.Item> = []
    /// Bodies no reader understood (refused unless the policy allows opaque bodies).
    var unreadable: [UnreadableBody] = []
    /// How many body readers are nested right now (a multipart part, JSON in an HTML script).
    var readerDepth = 0

    /// Interaction being redacted.
    var entry = 0
    /// `request` or `response`.
    var side = "request"
    /// How deep the root of the JSON being walked sits, counting the JSON-in-string layers
    /// around it (0 for a body): embedded JSON gets only the depth left (`JSONParser/parseEmbedded(_:at:budget:)`).
    var jsonLayerDepth = 0

    init(policy: RedactionPolicy, schema: SchemaAnnotations, existingText: [String]) {
        self.policy = policy
        self.knownSecrets = KnownSecretForms(policy.knownSecrets)
        self.schema = schema
        self.ledger = PlaceholderLedger(continuingAfter: existingText)
    }

    var inRequest: Bool { side == "request" }

    /// The report of this pass.
    var report: RedactionReport {
        RedactionReport(items: Array(items), pseudonymized: Array(pseudonymized))
    }

    mutating func record(kind: String, location: String, rule: String) {
        items.insert(RedactionReport.Item(entry: entry, side: side, kind: kind, location: safe(location), rule: rule))
    }

    /// A location with any secret-looking part hidden (a JSON member named by a secret).
    private func safe(_ location: String) -> String {
        LeakCheck(knownSecrets: knownSecrets).mask(location)
    }

    mutating func recordPseudonym(location: String, kind: String) {
        pseudonymized.insert(RedactionReport.Item(entry: entry, side: side, kind: "body", location: safe(location), rule: "pii:\(kind)"))
    }

    /// The placeholder for a whole secret value; empty values and placeholders stay as they are.
    /// `secret` is the value the number is keyed on when it differs from `value` (the decoded
    /// form of a percent-encoded value).
    mutating func replaceWhole(_ value: String, kind: String, location: String, rule: String, secret: String? = nil) -> String {
        guard !value.isEmpty, !Placeholder.isPlaceholder(value) else { return value }
        record(kind: kind, location: location, rule: rule)
        return ledger.placeholder(for: secret ?? value)
    }

    /// A text with every secret found by value replaced: known credentials in their raw,
    /// percent-encoded and base64 forms, JWTs, `otpauth://` seeds, token formats, scheme
    /// credentials, URL user-info and secret-named parameters. JSON inside the text is
    /// redacted as JSON. `kind`/`location` name the place in the report; `depth` is how deep the
    /// text sits in the JSON around it, across layers (the current layer's root when `nil`).
    mutating func redactText(_ text: String, kind: String, location: String, depth: Int? = nil) -> String {
        guard !text.isEmpty, !Placeholder.isPlaceholder(text) else { return text }
        if let embedded = redactEmbeddedJSON(text, kind: kind, location: location, depth: depth ?? jsonLayerDepth) { return embedded }
        let matches = TextMatch.nonOverlapping(knownSecrets.matches(in: text) + ValueRules.matches(in: text))
        return apply(matches, to: text, kind: kind, location: location)
    }

    /// Replaces non-overlapping matches (sorted by position) with placeholders.
    mutating func apply(_ matches: [TextMatch], to text: String, kind: String, location: String) -> String {
        guard !matches.isEmpty else { return text }
        var output = ""
        var cursor = text.startIndex
        for match in matches {
            output.unicodeScalars.append(contentsOf: text.unicodeScalars[cursor..<match.range.lowerBound])
            let original = String(text.unicodeScalars[match.range])
            if Placeholder.isPlaceholder(original) {
                output += original
            } else {
                if let parameter = match.parameter, kind == "url" {
                    record(kind: "query", location: parameter, rule: match.rule)
                } else {
                    record(kind: kind, location: location, rule: match.rule)
                }
                let after = text.utf8[match.range.upperBound...].first
                output += ledger.placeholder(for: match.secret, between: output, and: after)
            }
            cursor = match.range.upperBound
        }
        output.unicodeScalars.append(contentsOf: text.unicodeScalars[cursor...])
        return output
    }

    /// A string that holds a JSON object or array, redacted as JSON and written back compactly;
    /// `nil` when the text is not JSON (or nothing changed).
    private mutating func redactEmbeddedJSON(_ text: String, kind: String, location: String, depth: Int) -> String? {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = trimmed.first, first == "{" || first == "[" else { return nil }
        guard let parsed = try? JSONParser.parseEmbedded(text, at: depth) else { return nil }
        let enclosing = jsonLayerDepth
        jsonLayerDepth = depth + 1
        defer { jsonLayerDepth = enclosing }
        let redacted = redactJSON(parsed, at: .root, kind: kind, prefix: location + "#")
        guard redacted != parsed else { return nil }
        return redacted.jsonText
    }
}
