import Foundation

extension HAR.Cookie {
    /// One `Set-Cookie` header value as a HAR cookie (name, value, attributes); `nil` when it
    /// has no `name=value` pair. Used by the recorder and by imports.
    public init?(setCookieHeader line: String) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        self.init(name: String(first[..<equals]), value: String(first[first.index(after: equals)...]))
        for attribute in parts.dropFirst() {
            let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            guard let key = pieces.first else { continue }
            let value = pieces.count > 1 ? pieces[1] : ""
            switch key.lowercased() {
            case "path": path = value
            case "domain": domain = value
            case "expires": expires = value
            case "httponly": httpOnly = true
            case "secure": secure = true
            case "samesite": sameSite = value
            default: break
            }
        }
    }
}
