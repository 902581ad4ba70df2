/// Why a schema could not be imported: what, where, next step.
public struct OpenAPIImportError: Error, Sendable, CustomStringConvertible {
    /// The message (names the document and the location).
    public let message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
