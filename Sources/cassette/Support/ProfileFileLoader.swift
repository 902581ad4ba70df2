import CassetteKit
import Foundation
import Yams

/// Reads a user's provider profile (`--profile FILE`) in JSON or YAML. YAML is parsed here, in
/// the CLI, and turned into the same JSON form the core reads: the core has no YAML dependency.
enum ProfileFileLoader {
    static func load(_ path: String) throws -> ProviderProfile {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIFailure.usage("error: cannot read the profile \(path): no such file or not readable. Check the path given to --profile.")
        }
        let json: JSONValue
        let isJSON = url.pathExtension.lowercased() == "json"
            || String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
        if isJSON {
            do throws(JSONParseError) {
                json = try JSONParser.parse(data)
            } catch {
                throw CLIFailure.usage("error: the profile \(path) is not valid JSON (\(error.description)). Fix the file, or write it as YAML.")
            }
        } else {
            do {
                let text = String(decoding: data, as: UTF8.self)
                json = try YAMLToJSON.convert(try Yams.load(yaml: text) as Any?, at: "")
            } catch let failure as CLIFailure {
                throw CLIFailure.usage("error: the profile \(path): \(failure.message)")
            } catch {
                throw CLIFailure.usage("error: the profile \(path) is not valid YAML (\(error)). Fix the file.")
            }
        }
        do throws(ProviderProfileError) {
            return try ProviderProfile(json: json, source: path)
        } catch {
            throw CLIFailure.usage("error: \(error.description)")
        }
    }
}

/// Converts what Yams loads (dictionaries, arrays, scalars) into ``JSONValue``; keys are sorted
/// so the result does not depend on dictionary order.
enum YAMLToJSON {
    static func convert(_ value: Any?, at pointer: String) throws -> JSONValue {
        switch value {
        case nil: return .null
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(JSONNumber(number))
        case let number as Double:
            guard number.isFinite else { throw CLIFailure.usage("\(SafeDisplay.pointer(pointer.isEmpty ? "/" : pointer)) is not a finite number") }
            return .number(JSONNumber(number))
        case let list as [Any]:
            return .array(try list.enumerated().map { try convert($0.element, at: "\(pointer)/\($0.offset)") })
        case let map as [String: Any]:
            var pairs: [(String, JSONValue)] = []
            for key in map.keys.sorted() { pairs.append((key, try convert(map[key], at: "\(pointer)/\(key)"))) }
            return .object(JSONObject(pairs))
        case let map as [AnyHashable: Any]:
            var pairs: [(String, JSONValue)] = []
            for key in map.keys.map({ "\($0)" }).sorted() {
                let value = map.first { "\($0.key)" == key }?.value
                pairs.append((key, try convert(value, at: "\(pointer)/\(key)")))
            }
            return .object(JSONObject(pairs))
        case is NSNull: return .null
        default:
            throw CLIFailure.usage("\(SafeDisplay.pointer(pointer.isEmpty ? "/" : pointer)) has a value of an unsupported YAML type")
        }
    }
}
