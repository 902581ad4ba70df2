import CassetteFormat

/// GraphQL documents (`application/graphql`, and the `query` of a JSON GraphQL request), in
/// one pass over the UTF-8 bytes: a string (or block string) that is the value of a
/// secret-named argument or input field (`login(password: "…")`, `{token: "…"}`, also inside
/// a list after the name) is replaced whole; every other string goes through the value rules.
/// Variables travel as JSON and are redacted there. An unterminated string is not GraphQL:
/// `nil`.
extension RedactionSession {
    mutating func readGraphQL(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var edits = MarkupEdits()
        var index = 0
        var lastName: Range<Int>?
        var argumentName: String?
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""):
                let block = index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") && bytes[index + 2] == UInt8(ascii: "\"")
                guard let end = Self.graphQLStringEnd(bytes, from: index, block: block) else { return nil }
                let quote = block ? 3 : 1
                let content = (index + quote)..<(end - quote)
                let value = String(decoding: bytes[content], as: UTF8.self)
                let redacted: String
                if let argumentName, BodyRedaction.isSecretName(argumentName, inRequest: inRequest) {
                    redacted = replaceWhole(value, kind: "body", location: "(graphql) " + argumentName, rule: "graphql:\(argumentName)")
                } else {
                    redacted = redactText(value, kind: "body", location: "(graphql)")
                }
                if redacted != value { edits.replace(content, with: redacted) }
                index = end
                lastName = nil
            case UInt8(ascii: ":"):
                if let lastName { argumentName = String(decoding: bytes[lastName], as: UTF8.self) }
                lastName = nil
                index += 1
            case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "{"), UInt8(ascii: "("):
                argumentName = nil
                lastName = nil
                index += 1
            default:
                if Self.isGraphQLNameByte(byte) {
                    let start = index
                    while index < bytes.count, Self.isGraphQLNameByte(bytes[index]) { index += 1 }
                    lastName = start..<index
                } else {
                    if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                        lastName = nil
                    }
                    index += 1
                }
            }
        }
        return String(decoding: edits.apply(to: bytes), as: UTF8.self)
    }

    private static func graphQLStringEnd(_ bytes: [UInt8], from start: Int, block: Bool) -> Int? {
        if block {
            var index = start + 3
            while index + 2 < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == UInt8(ascii: "\""), bytes[index + 1] == UInt8(ascii: "\""), bytes[index + 2] == UInt8(ascii: "\"") {
                    return index + 3
                }
                index += 1
            }
            return nil
        }
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\n"): return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func isGraphQLNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
