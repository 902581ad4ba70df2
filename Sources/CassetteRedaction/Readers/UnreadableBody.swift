import CassetteFormat

/// A body redaction could not read by structure: what it is, where it is and why. Never holds
/// any part of the body.
public struct UnreadableBody: Sendable, Hashable, CustomStringConvertible {
    /// Index of the interaction in the log.
    public var entry: Int
    /// `request` or `response`.
    public var side: String
    /// The media type without parameters (`image/png`), printable ASCII only, or `(none)`.
    public var contentType: String
    /// The `Content-Encoding` that stood in the way, when it was the encoding.
    public var encoding: String?
    /// Why it could not be read (`no reader for this content type`, ...).
    public var reason: String

    /// Creates the description of a refused body.
    public init(entry: Int, side: String, contentType: String, encoding: String? = nil, reason: String) {
        self.entry = entry
        self.side = side
        self.contentType = Self.printable(contentType)
        self.encoding = encoding.map(Self.printable)
        self.reason = reason
    }

    /// `entry 2 response body (content type image/png): no reader for this content type`.
    public var description: String {
        let encodingText = encoding.map { ", Content-Encoding \($0)" } ?? ""
        return "entry \(entry) \(side) body (content type \(contentType)\(encodingText)): \(reason)"
    }

    /// The media type without parameters (a boundary or charset is not needed to say what it
    /// is), limited to printable ASCII and 64 characters.
    private static func printable(_ text: String) -> String {
        let bare = text.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let kept = bare.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.prefix(64)
        let result = String(String.UnicodeScalarView(kept)).lowercased()
        return result.isEmpty ? "(none)" : result
    }
}
