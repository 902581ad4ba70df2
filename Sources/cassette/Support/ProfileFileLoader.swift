import CassetteKit
import CassetteYAML
import Foundation

/// Reads a user's provider profile (`--profile FILE`) in JSON or YAML. YAML goes through the
/// toolkit's one YAML reader (`YAMLReader`), which keeps member order (request headers are
/// sent in the order written); the core has no YAML dependency.
enum ProfileFileLoader {
    static func load(_ path: String) throws -> ProviderProfile {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIFailure.usage(
                "error: cannot read the profile \(path): no such file or not readable. Check the path given to --profile.")
        }
        let json: JSONValue
        let isJSON =
            url.pathExtension.lowercased() == "json"
            || String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
        if isJSON {
            do throws(JSONParseError) {
                json = try JSONParser.parse(data)
            } catch {
                throw CLIFailure.usage(
                    "error: the profile \(path) is not valid JSON (\(error.description)). Fix the file, or write it as YAML.")
            }
        } else {
            do throws(YAMLReader.Failure) {
                json = try YAMLReader.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw CLIFailure.usage("error: the profile \(path): \(error.description)")
            }
        }
        do throws(ProviderProfileError) {
            return try ProviderProfile(json: json, source: path)
        } catch {
            throw CLIFailure.usage("error: \(error.description)")
        }
    }
}
