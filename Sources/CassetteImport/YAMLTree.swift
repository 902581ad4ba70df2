public import CassetteKit
import CassetteYAML
public import Foundation

/// Turns YAML text into the toolkit's order-preserving `JSONValue` tree, with errors naming the
/// file: the toolkit's one YAML reader (`YAMLReader`), kept under this name for importers.
///
/// Scalars are typed by the YAML 1.1 core resolver (what PyYAML and Ruby's Psych write); a scalar
/// tagged `!!binary` or `!binary` becomes the object `{"!!binary": "<base64>"}`, which
/// ``YAMLTree/binaryData(_:)`` reads back.
public enum YAMLTree {
    /// The key of the object a binary scalar becomes.
    public static let binaryKey = YAMLReader.binaryKey

    /// Parses one YAML document. `path` is only used in error messages.
    public static func parse(_ text: String, path: String) throws(ImportError) -> JSONValue {
        do throws(YAMLReader.Failure) {
            return try YAMLReader.parse(text)
        } catch {
            throw ImportError(path: path, problem: error.problem, nextStep: error.nextStep)
        }
    }

    /// The bytes of a value produced from a `!!binary` scalar, or `nil` for any other value.
    public static func binaryData(_ value: JSONValue) -> Data? {
        YAMLReader.binaryData(value)
    }
}
