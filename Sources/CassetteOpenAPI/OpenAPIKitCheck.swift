import CassetteKit
import Foundation

#if OpenAPIKitWarnings
    import OpenAPIKit
    import OpenAPIKit30

    /// Asks OpenAPIKit whether the document is valid OpenAPI, for a warning only: the import works
    /// on the raw tree either way (real documents are often not quite valid). Compiled only with the
    /// `OpenAPIKitWarnings` package trait.
    enum OpenAPIKitCheck {
        static func warnings(document: JSONValue, version: String) -> [String] {
            let data = JSONSerializer.data(document)
            do {
                if version.hasPrefix("3.0") {
                    _ = try JSONDecoder().decode(OpenAPIKit30.OpenAPI.Document.self, from: data)
                } else {
                    _ = try JSONDecoder().decode(OpenAPIKit.OpenAPI.Document.self, from: data)
                }
                return []
            } catch {
                let pretty = OpenAPIKit.OpenAPI.Error(from: error)
                var detail = pretty.localizedDescription
                if detail.count > 400 { detail = String(detail.prefix(397)) + "..." }
                let path = pretty.codingPathString
                return [
                    "warning: OpenAPIKit does not accept this document as OpenAPI \(version)\(path.isEmpty ? "" : " at \(path)"): \(detail) (imported anyway)"
                ]
            }
        }
    }
#else
    /// Without the `OpenAPIKitWarnings` trait the import walks the raw tree only and adds no
    /// OpenAPIKit warning.
    enum OpenAPIKitCheck {
        static func warnings(document: JSONValue, version: String) -> [String] { [] }
    }
#endif
