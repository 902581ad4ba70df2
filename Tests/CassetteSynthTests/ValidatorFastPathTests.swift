import CassetteKit
import CassetteSynth
import Testing

/// `isValid` takes a fast path (it stops at the first failure, records nothing, counts `required`
/// names during the member pass, skips `$ref`-only schemas); `validate` evaluates everything.
/// Their answers must agree on every document, valid or not.
@Suite("JSONSchemaValidator: isValid agrees with validate on generated and mutated documents")
struct ValidatorFastPathTests {
    static let schemas: [String] = BuiltInProvider.allCases.flatMap { ["\($0.rawValue).me", "\($0.rawValue).error"] }

    @Test("synthesized variants of every strategy, and 3 mutations of each, get the same answer from both", arguments: schemas)
    func generatedAndMutated(name: String) throws {
        let schema = try ProviderResources.json(named: "\(name).schema.json")
        let validator = try JSONSchemaValidator(schema: schema)
        let synthesizer = try FixtureSynthesizer(schema: schema)
        var random = SplitMix64(seed: 0x5EED_F00D)
        var valid = 0
        var invalid = 0
        for strategy in SynthesisStrategy.allCases {
            for variant in try synthesizer.variants(count: 150, strategy: strategy, seed: 0xFA57) {
                var documents = [variant]
                for _ in 0..<3 {
                    var mutated = variant
                    for _ in 0...random.below(3) { mutated = DocumentMutator.mutate(mutated, &random) }
                    documents.append(mutated)
                }
                for document in documents {
                    let full = validator.validate(document).isEmpty
                    #expect(
                        validator.isValid(document) == full, "\(name): isValid and validate disagree on \(document.jsonText.prefix(300))")
                    if full { valid += 1 } else { invalid += 1 }
                }
            }
        }
        // Both answers were exercised many times.
        #expect(valid > 200 && invalid > 200, "\(name): \(valid) valid, \(invalid) invalid")
    }

    @Test("required names folded into the properties pass: missing, present, canonically equivalent spellings")
    func requiredCountedByProperties() throws {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let schema: JSONValue = [
            "type": "object",
            "required": ["id", JSONValue.string(composed)],
            "properties": ["id": ["type": "integer"], composed: ["type": "string"], "note": ["type": "string"]],
            "additionalProperties": ["type": "boolean"],
        ]
        let validator = try JSONSchemaValidator(schema: schema)
        let documents: [JSONValue] = [
            ["id": 1, composed: "x"],
            ["id": 1],
            [composed: "x"],
            ["id": 1, decomposed: "x"],
            ["id": 1, decomposed: true],
            ["id": 1, composed: "x", decomposed: true],
            ["id": 1, "note": "n", "other": true, composed: "x"],
            ["id": 1, "note": "n", "other": "no", composed: "x"],
            [:],
            "not an object",
        ]
        for document in documents {
            let full = validator.validate(document).isEmpty
            #expect(validator.isValid(document) == full, "\(document.jsonText)")
        }
        #expect(validator.isValid(["id": 1, composed: "x"]))
        #expect(!validator.isValid(["id": 1]))
    }
}

/// Small deterministic generator for the mutations (SplitMix64).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

/// One random change somewhere in a document: a member dropped or added, a value of another
/// type, a string that breaks formats and patterns, a number out of range, an array resized.
enum DocumentMutator {
    static let replacements: [JSONValue] = [
        .null, true, 0, -1, 42, .number(JSONNumber(literal: "1.5")), .number(JSONNumber(literal: "1e400")), "", "x",
        "2021-02-30T25:00:00Z", "2021-07-06T15:04:55.123Z", "not an email", "user@example.com", "https://example.com/a?b#c",
        "ADMIN", "default", "00000000-0000-0000-0000-000000000000", "caf\u{E9}", .string(String(repeating: "a", count: 300)), [], [:],
        [1, 1],
    ]

    static func mutate(_ value: JSONValue, _ random: inout SplitMix64) -> JSONValue {
        switch value {
        case .object(var object) where !object.isEmpty && random.below(4) != 0:
            let key = object.keys[random.below(object.count)]
            switch random.below(5) {
            case 0: object[key] = nil
            case 1: object["zz_unexpected_\(random.below(3))"] = replacements[random.below(replacements.count)]
            default: object[key] = mutate(object[key] ?? .null, &random)
            }
            return .object(object)
        case .array(var elements) where !elements.isEmpty && random.below(4) != 0:
            switch random.below(5) {
            case 0: elements.removeLast()
            case 1: elements.append(elements[random.below(elements.count)])
            default:
                let position = random.below(elements.count)
                elements[position] = mutate(elements[position], &random)
            }
            return .array(elements)
        case .string(let text) where random.below(2) == 0:
            let edits = [text + "!", String(text.dropLast()), text.uppercased(), text + "\u{301}", ""]
            return .string(edits[random.below(edits.count)])
        default:
            return replacements[random.below(replacements.count)]
        }
    }
}
