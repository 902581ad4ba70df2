import CassetteKit
import CassetteSynth
import Foundation
import Testing

@Suite("FixtureSynthesizer: schema-valid, deterministic variants of the providers' bodies")
struct FixtureSynthesizerTests {
    /// The eight shipped schemas: each provider's `/me` body and error bodies.
    static let schemas: [String] = BuiltInProvider.allCases.flatMap { ["\($0.rawValue).me", "\($0.rawValue).error"] }

    static func schema(_ name: String) throws -> JSONValue {
        try ProviderResources.json(named: "\(name).schema.json")
    }

    @Test(
        "500 variants per strategy, all valid by a freshly compiled validator and keeping every x-invariants relation", arguments: schemas)
    func manyVariantsAreValid(name: String) throws {
        let schema = try Self.schema(name)
        let synthesizer = try FixtureSynthesizer(schema: schema)
        let validator = try JSONSchemaValidator(schema: schema)
        let invariants = try InvariantChecker(schema: schema)
        for strategy in SynthesisStrategy.allCases {
            let variants = try synthesizer.variants(count: 500, strategy: strategy, seed: 0xC0FFEE)
            #expect(variants.count == 500)
            for (index, variant) in variants.enumerated() {
                let errors = validator.validate(variant).map(\.description) + invariants.violations(in: variant).map(\.description)
                #expect(errors.isEmpty, "\(name) \(strategy) #\(index): \(errors.prefix(3))")
                if !errors.isEmpty { break }
            }
        }
    }

    @Test("the same seed gives the same bytes; another seed gives other values", arguments: schemas)
    func determinism(name: String) throws {
        let schema = try Self.schema(name)
        for strategy in SynthesisStrategy.allCases {
            let first = try FixtureSynthesizer(schema: schema).variants(count: 20, strategy: strategy, seed: 42)
            let again = try FixtureSynthesizer(schema: schema).variants(count: 20, strategy: strategy, seed: 42)
            let other = try FixtureSynthesizer(schema: schema).variants(count: 20, strategy: strategy, seed: 43)
            let bytes = first.map { JSONSerializer.data($0) }
            #expect(bytes == again.map { JSONSerializer.data($0) }, "\(name) \(strategy)")
            // minimal may have nothing to vary (ZITADEL requires no field: every minimal body is {}).
            if strategy != .minimal {
                #expect(bytes != other.map { JSONSerializer.data($0) }, "\(name) \(strategy): seed 43 repeated seed 42")
            }
        }
    }

    @Test("edge covers every enum value, null for every nullable field, absence and presence of every optional field", arguments: schemas)
    func edgeCoverage(name: String) throws {
        let schema = try Self.schema(name)
        let edges = try FixtureSynthesizer(schema: schema).edgeCases(seed: 7)
        var coverage = SchemaCoverage(schema: schema)
        for edge in edges { try coverage.walk(edge.value) }
        for (pointer, count) in coverage.enums() {
            let seen = coverage.enumSeen[pointer] ?? []
            #expect(seen.count == count, "\(name): enum at \(pointer) saw values \(seen.sorted()) of \(count)")
        }
        for (property, required) in coverage.properties() {
            #expect(coverage.presentSeen.contains(property), "\(name): \(property) never present")
            if !required { #expect(coverage.absentSeen.contains(property), "\(name): optional \(property) never absent") }
            if try coverage.validator(at: property).isValid(.null) {
                #expect(coverage.nullSeen.contains(property), "\(name): nullable \(property) never null")
            }
        }
        #expect(Set(edges.map(\.name)).count == edges.count, "edge case names are unique")
    }

    @Test("secrets are placeholders (shaped where the schema asks for a format) and personal data is fake (reserved example domains)")
    func secretsAndPersonalData() throws {
        for provider in BuiltInProvider.allCases {
            let bodies = try Variants(of: provider, strategy: .maximal, seed: 3, count: 30)
            for body in bodies {
                var strings: [(JSONPointer, String)] = []
                Self.strings(in: body, at: .root, into: &strings)
                for (pointer, text) in strings {
                    let last = pointer.lastToken?.lowercased() ?? ""
                    if ["secret", "totp_secret"].contains(last) || pointer.tokens.contains("backup_codes") {
                        #expect(Placeholder.isPlaceholder(text), "\(provider) \(pointer) is not a placeholder")
                    }
                    if ["otp_url", "invitelink"].contains(last) { #expect(!Placeholder.spans(in: text).isEmpty, "\(provider) \(pointer)") }
                    if text.contains("@") && !text.hasPrefix("otpauth:") {
                        let domain = text.split(separator: "@").last.map(String.init) ?? ""
                        let reserved = ["example.com", "example.org", "example.net"].contains { domain == $0 || domain.hasSuffix("." + $0) }
                        #expect(reserved, "\(provider) \(pointer): \(text)")
                    }
                }
            }
        }
    }

    @Test("minLength above maxLength is an error naming both locations")
    func unsatisfiableSchemaFailsFast() throws {
        let schema: JSONValue = [
            "type": "object", "required": ["name"],
            "properties": ["name": ["type": "string", "minLength": 10, "maxLength": 3]],
        ]
        let synthesizer = try FixtureSynthesizer(schema: schema)
        #expect {
            _ = try synthesizer.variants(count: 1, strategy: .random, seed: 1)
        } throws: { error in
            guard let failure = error as? SynthesisError else { return false }
            return failure.instanceLocation.description == "/name" && failure.schemaLocation.description == "/properties/name"
                && failure.description.contains("minLength (10) is above maxLength (3)")
        }
    }

    @Test(
        "an unsatisfiable schema is a located error, not an endless loop",
        arguments: [
            #"{"type": "integer", "minimum": 5, "maximum": 4}"#,
            #"{"type": "array", "minItems": 3, "maxItems": 1}"#,
            #"{"allOf": [{"type": "string"}, {"type": "integer"}]}"#,
            #"{"type": "object", "required": ["a"], "properties": {"a": false}}"#,
            #"{"enum": ["a", "b"], "type": "integer"}"#,
            #"{"type": "string", "not": {"type": "string"}}"#,
        ])
    func unsatisfiableSchemas(text: String) throws {
        let synthesizer = try FixtureSynthesizer(schema: try JSONParser.parse(text))
        #expect(throws: SynthesisError.self) {
            _ = try synthesizer.variants(count: 1, strategy: .random, seed: 1)
        }
        #expect(throws: SynthesisError.self) {
            _ = try synthesizer.edgeCases()
        }
    }

    @Test(
        "formats and patterns are honoured", arguments: ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"])
    func formats(format: String) throws {
        let schema: JSONValue = ["type": "string", "format": .string(format)]
        let validator = try JSONSchemaValidator(schema: schema)
        for value in try FixtureSynthesizer(schema: schema).variants(count: 200, strategy: .random, seed: 11) {
            #expect(validator.isValid(value), "\(format): \(value.jsonText)")
        }
    }

    @Test(
        "patterns from a regex subset generate matching strings",
        arguments: [
            "^[0-9]+$", #"^\d{4}-\d{2}$"#, "^(foo|bar)[a-z]{2,5}_?[A-Z0-9]*$", "^[^@ ]+@example\\.org$", "^ab+c?(?:de){1,3}$",
            #"^[A-Z2-7]{32}$"#, "abc", #"^\w+\s\w+$"#, #"^[\u0041-\u005A]{3}$"#,
        ])
    func patterns(pattern: String) throws {
        let schema: JSONValue = ["type": "string", "pattern": .string(pattern)]
        let validator = try JSONSchemaValidator(schema: schema)
        for value in try FixtureSynthesizer(schema: schema).variants(count: 100, strategy: .random, seed: 5) {
            #expect(validator.isValid(value), "\(pattern): \(value.jsonText)")
        }
    }

    @Test("adding a property does not reshuffle its siblings")
    func siblingsAreStable() throws {
        let before: JSONValue = [
            "type": "object", "required": ["a", "c"], "properties": ["a": ["type": "integer"], "c": ["type": "string"]],
        ]
        let after: JSONValue = [
            "type": "object", "required": ["a", "b", "c"],
            "properties": ["a": ["type": "integer"], "b": ["type": "boolean"], "c": ["type": "string"]],
        ]
        let old = try FixtureSynthesizer(schema: before).variants(count: 10, strategy: .random, seed: 9)
        let new = try FixtureSynthesizer(schema: after).variants(count: 10, strategy: .random, seed: 9)
        for (x, y) in zip(old, new) {
            #expect(x["a"] == y["a"])
            #expect(x["c"] == y["c"])
        }
    }

    @Test("error variants carry the statuses and values of x-statuses", arguments: BuiltInProvider.allCases)
    func errorVariants(provider: BuiltInProvider) throws {
        let variants = try Variants(of: provider, errors: true, strategy: .random, seed: 1, count: 12)
        let statuses = Set(variants.responses.map(\.status))
        #expect(statuses.count >= 2, "\(provider): \(statuses)")
        let validator = try JSONSchemaValidator(schema: ProviderSchemas.error(for: provider.rawValue))
        for response in variants.responses { #expect(validator.isValid(response.body)) }
        if provider == .zitadel {
            let unauthorized = variants.responses.filter { $0.status == 401 }
            #expect(!unauthorized.isEmpty && unauthorized.allSatisfy { $0.body["code"] == .number(JSONNumber(16)) })
        }
        let log = variants.cassette()
        #expect(log.cassette?.source == "synth")
        #expect(log.entries.map(\.response.status) == variants.responses.map(\.status))
    }

    private static func strings(in value: JSONValue, at pointer: JSONPointer, into result: inout [(JSONPointer, String)]) {
        switch value {
        case .string(let text): result.append((pointer, text))
        case .object(let object):
            for member in object.members { strings(in: member.value, at: pointer.appending(member.key), into: &result) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { strings(in: element, at: pointer.appending(index), into: &result) }
        default: break
        }
    }
}
