public import CassetteKit
import Foundation

extension Variants {
    /// One-place variants of a recorded response (see ``MutationSynthesizer``), named by pointer
    /// and change (`/user/human/phone: absent`).
    ///
    /// ```swift
    /// let log = try CassetteFile.read(URL(fileURLWithPath: "Cassettes/zitadel/me.har.gz"))
    /// let variants = try Variants(mutating: log)
    /// for (name, body) in zip(variants.names, variants) { ... }
    /// let replayable = variants.cassettes()   // the recorded request, status and headers, one body changed
    /// ```
    ///
    /// The body mutated is the first successful (status below 400) JSON response of `log`.
    /// With `count`, a seeded sample of that many variants is kept, in document order.
    ///
    /// - Throws: ``SynthesisError`` when the provider is unknown, the log has no successful JSON
    ///   response, or the recorded body does not match the provider's schema and invariants
    ///   (run `cassette validate` on it to see where).
    public init(mutating log: HAR.Log, provider: BuiltInProvider? = nil, count: Int? = nil, seed: UInt64 = 0) throws(SynthesisError) {
        guard let chosen = provider ?? log.cassette?.provider.flatMap(BuiltInProvider.init(rawValue:)) else {
            throw SynthesisError(
                schemaLocation: .root, instanceLocation: .root,
                reason:
                    "the cassette names no built-in provider in _cassette.provider; pass one (\(BuiltInProvider.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let schema: JSONValue
        do {
            schema = try ProviderSchemas.me(for: chosen.rawValue)
        } catch {
            throw SynthesisError(schemaLocation: .root, instanceLocation: .root, reason: error.description)
        }
        let mutator = try MutationSynthesizer(schema: schema)
        guard let (index, body) = Self.recordedBody(in: log) else {
            throw SynthesisError(
                schemaLocation: .root, instanceLocation: .root,
                reason: "the cassette has no successful (status below 400) JSON response to mutate")
        }
        if let failure = mutator.validator.validate(body).first {
            throw SynthesisError(
                schemaLocation: failure.schemaLocation, instanceLocation: failure.instanceLocation,
                reason: "the recorded body of entry \(index) does not match the \(chosen.rawValue) schema (\(failure.message)); "
                    + "run `cassette validate` on the cassette")
        }
        if let broken = mutator.invariants.violations(in: body).first {
            throw SynthesisError(
                schemaLocation: broken.declaredAt, instanceLocation: .root,
                reason: "the recorded body of entry \(index) breaks an invariant: \(broken); run `cassette validate` on the cassette")
        }
        var variants = mutator.mutations(of: body)
        if let count, count < variants.count {
            var generator = SeededGenerator(seed: SeedDerivation.derive(seed, "mutate"))
            var positions = Array(variants.indices)
            for position in stride(from: positions.count - 1, to: 0, by: -1) {
                positions.swapAt(position, generator.below(position + 1))
            }
            let kept = Set(positions.prefix(Swift.max(0, count)))
            variants = variants.indices.filter { kept.contains($0) }.map { variants[$0] }
        }
        let status = log.entries[index].response.status
        self.init(
            provider: chosen, responses: variants.map { SynthesizedResponse(status: status, body: $0.value) }, names: variants.map(\.name),
            recording: RecordedTemplate(log: log, entry: index))
    }

    /// The first successful JSON response body, with its entry index.
    static func recordedBody(in log: HAR.Log) -> (Int, JSONValue)? {
        for (index, entry) in log.entries.enumerated() where entry.response.status < 400 {
            guard BodyEncoding.isJSON(mimeType: entry.response.content.mimeType), let data = entry.response.content.bodyData,
                let body = try? JSONParser.parse(data)
            else { continue }
            return (index, body)
        }
        return nil
    }
}

/// The recorded interaction mutations replay with: its request, status and headers.
struct RecordedTemplate: Sendable {
    let log: HAR.Log
    let entry: Int

    /// A one-interaction cassette: the recorded entry with `body` in place of its body.
    func cassette(body: Data) -> HAR.Log {
        var copy = log
        var entry = log.entries[entry]
        entry.response.content = HAR.Content(body: body, mimeType: entry.response.content.mimeType)
        entry.response.bodySize = body.count
        entry.response.headers = entry.response.headers.map { header in
            header.name.lowercased() == "content-length" ? HAR.NameValue(name: header.name, value: String(body.count)) : header
        }
        copy.entries = [entry]
        copy.cassette?.source = "synth"
        return copy
    }
}
