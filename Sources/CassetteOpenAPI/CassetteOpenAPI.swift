import CassetteKit
import OpenAPIKit
import Yams
// The CassetteOpenAPI module: OpenAPI to JSON Schema import.
