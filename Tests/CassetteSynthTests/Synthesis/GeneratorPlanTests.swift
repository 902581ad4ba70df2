import CassetteKit
import CassetteSynth
import Foundation
import Testing

@Suite("generator plan: compiled once, the same values as merging every place, bounded on hostile schemas")
struct GeneratorPlanTests {
    /// Variants of every strategy, as bytes, from one synthesizer.
    static func bytes(_ synthesizer: FixtureSynthesizer, count: Int, seed: UInt64) throws -> [SynthesisStrategy: [Data]] {
        var result: [SynthesisStrategy: [Data]] = [:]
        for strategy in SynthesisStrategy.allCases {
            result[strategy] = try synthesizer.variants(count: count, strategy: strategy, seed: seed).map { JSONSerializer.data($0) }
        }
        return result
    }

    @Test(
        "the shipped schemas give the same bytes with the plan as without it, for every strategy",
        arguments: FixtureSynthesizerTests.schemas)
    func planChangesNothing(name: String) throws {
        let schema = try FixtureSynthesizerTests.schema(name)
        let planned = try Self.bytes(FixtureSynthesizer(schema: schema, planned: true), count: 60, seed: 0x5EED)
        let unplanned = try Self.bytes(FixtureSynthesizer(schema: schema, planned: false), count: 60, seed: 0x5EED)
        for strategy in SynthesisStrategy.allCases {
            #expect(planned[strategy] == unplanned[strategy], "\(name) \(strategy)")
        }
        let plannedEdges = try FixtureSynthesizer(schema: schema, planned: true).edgeCases(seed: 3)
        let unplannedEdges = try FixtureSynthesizer(schema: schema, planned: false).edgeCases(seed: 3)
        #expect(plannedEdges == unplannedEdges, "\(name) edge cases")
    }

    /// Branches that bring their own branches, a recursive `$ref`, more combinations than a
    /// site keeps (`cube`: 729), `prefixItems` with `contains`, pattern properties: the places
    /// the plan leaves to merging, next to the ones it compiles.
    static func awkward() throws -> JSONValue {
        try JSONParser.parse(awkwardText)
    }

    static let awkwardText =
        #"""
        {
          "$defs": {
            "node": {"type": "object", "required": ["name"], "properties": {
              "name": {"type": "string", "pattern": "^n[0-9]{2}$"},
              "next": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]}
            }},
            "choice": {"anyOf": [
              {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 3}, {"type": "string", "enum": ["x", "y"]}]},
              {"oneOf": [{"type": "boolean"}, {"type": "null"}]}
            ]},
            "wide": {"anyOf": [{"const": 0}, {"const": 1}, {"const": 2}, {"const": 3}, {"const": 4}, {"const": 5}, {"const": 6}, {"const": 7}, {"const": 8}]},
            "low": {"anyOf": [{"minimum": 0}, {"minimum": 1}, {"minimum": 2}, {"minimum": 3}, {"minimum": 4}, {"minimum": 5}, {"minimum": 6}, {"minimum": 7}, {"minimum": 8}]},
            "low2": {"anyOf": [{"minimum": 0}, {"minimum": 1}, {"minimum": 2}, {"minimum": 3}, {"minimum": 4}, {"minimum": 5}, {"minimum": 6}, {"minimum": 7}, {"minimum": 8}]},
            "high": {"anyOf": [{"maximum": 100}, {"maximum": 101}, {"maximum": 102}, {"maximum": 103}, {"maximum": 104}, {"maximum": 105}, {"maximum": 106}, {"maximum": 107}, {"maximum": 108}]}
          },
          "type": "object",
          "required": ["head", "choice", "grid", "cube", "tuple"],
          "properties": {
            "head": {"$ref": "#/$defs/node"},
            "choice": {"$ref": "#/$defs/choice"},
            "cube": {"type": "integer", "allOf": [{"$ref": "#/$defs/low"}, {"$ref": "#/$defs/high"}, {"$ref": "#/$defs/low2"}]},
            "grid": {"allOf": [{"$ref": "#/$defs/wide"}, {"anyOf": [{"$ref": "#/$defs/wide"}, {"type": "integer"}]}]},
            "tuple": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer", "maximum": 1000}],
                      "contains": {"type": "integer", "minimum": 100}, "minContains": 3, "items": {"type": "integer"}},
            "tags": {"type": "object", "patternProperties": {"^t_[a-z]+$": {"type": "string", "minLength": 2}}, "additionalProperties": false}
          }
        }
        """#

    @Test("places the plan leaves to merging (nested branches, recursion, wide combinations) give the same valid values")
    func awkwardSchema() throws {
        let schema = try Self.awkward()
        let validator = try JSONSchemaValidator(schema: schema)
        let planned = try FixtureSynthesizer(schema: schema, planned: true)
        let unplanned = try FixtureSynthesizer(schema: schema, planned: false)
        let plannedBytes = try Self.bytes(planned, count: 80, seed: 17)
        #expect(plannedBytes == (try Self.bytes(unplanned, count: 80, seed: 17)))
        for strategy in SynthesisStrategy.allCases {
            for variant in try planned.variants(count: 80, strategy: strategy, seed: 17) {
                #expect(validator.isValid(variant), "\(strategy): \(variant.jsonText)")
            }
        }
        #expect((try planned.edgeCases(seed: 1)) == (try unplanned.edgeCases(seed: 1)))
    }

    @Test("a schema with more places than the plan keeps compiles in bounded time and still gives valid variants")
    func hostileWidth() throws {
        // 3,000 members, each its own place: beyond the plan's bound, the rest is merged as reached.
        var properties = JSONObject()
        for index in 0..<3000 { properties["p\(index)"] = ["type": "string", "maxLength": .number(JSONNumber(index % 7 + 1))] }
        let required = JSONValue.array(properties.keys.map { .string($0) })
        let schema: JSONValue = ["type": "object", "properties": .object(properties), "required": required]
        let validator = try JSONSchemaValidator(schema: schema)
        let synthesizer = try FixtureSynthesizer(schema: schema)
        let variants = try synthesizer.variants(count: 3, strategy: .random, seed: 2)
        for variant in variants {
            #expect(validator.isValid(variant))
            #expect(variant.objectValue?.count == 3000)
        }
        let unplanned = try FixtureSynthesizer(schema: schema, planned: false).variants(count: 3, strategy: .random, seed: 2)
        #expect(variants.map { JSONSerializer.data($0) } == unplanned.map { JSONSerializer.data($0) })
    }
}
