import CassetteFormat

/// Key-based redaction over ``TolerantJSON``'s reading, in one pass with an explicit stack.
extension RedactionSession {
    private struct Frame {
        var isObject: Bool
        /// Inside a secret-named member: every string and number below is replaced.
        var secret: Bool
        /// The member key whose value is read next (objects only).
        var key: String?
        var expectingKey: Bool
    }

    /// One JSON value that the strict parser refused; `nil` when it is not JSON at all.
    mutating func redactTolerantJSON(_ slice: ArraySlice<UInt8>) -> [UInt8]? {
        let bytes = Array(slice)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var stack: [Frame] = []
        var index = 0
        var started = false
        while index < bytes.count {
            let blanksEnd = TolerantJSON.skipBlanksAndComments(bytes, from: index)
            output += bytes[index..<blanksEnd]
            index = blanksEnd
            guard index < bytes.count else { break }
            if started, stack.isEmpty { return nil }
            started = true
            let byte = bytes[index]
            if var top = stack.last, top.isObject, top.expectingKey {
                switch byte {
                case UInt8(ascii: "}"):
                    stack.removeLast()
                    output.append(byte)
                    index += 1
                case UInt8(ascii: ","):
                    output.append(byte)
                    index += 1
                default:
                    guard let (key, keyEnd) = readKey(bytes, at: index) else { return nil }
                    output += redactedString(bytes[index..<keyEnd], decoded: key, location: "(member name)", secret: false, rule: "")
                    index = TolerantJSON.skipBlanksAndComments(bytes, from: keyEnd)
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    output += bytes[keyEnd...index]
                    index += 1
                    top.key = key
                    top.expectingKey = false
                    stack[stack.count - 1] = top
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let top = stack.last, top.isObject == (byte == UInt8(ascii: "}")) else { return nil }
                stack.removeLast()
                output.append(byte)
                index += 1
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { return nil }
                if stack[stack.count - 1].isObject { stack[stack.count - 1].expectingKey = true }
                output.append(byte)
                index += 1
            default:
                let context = valueContext(stack)
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = byte == UInt8(ascii: "{")
                    stack.append(Frame(isObject: isObject, secret: context.secret, key: nil, expectingKey: isObject))
                    output.append(byte)
                    index += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard let end = TolerantJSON.stringEnd(bytes, from: index) else { return nil }
                    let decoded = TolerantJSON.decodeString(bytes[index..<end])
                    output += redactedString(
                        bytes[index..<end], decoded: decoded, location: context.location, secret: context.secret, rule: context.rule)
                    index = end
                default:
                    guard TolerantJSON.isBareByte(byte) else { return nil }
                    let start = index
                    while index < bytes.count, TolerantJSON.isBareByte(bytes[index]) { index += 1 }
                    let word = bytes[start..<index]
                    let isNumber =
                        word.first.map { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") } ?? false
                    if context.secret, isNumber, !word.elementsEqual("0".utf8), !word.elementsEqual("-Infinity".utf8) {
                        record(kind: "body", location: context.location, rule: context.rule)
                        output.append(UInt8(ascii: "0"))
                    } else {
                        output += word
                    }
                }
            }
        }
        guard started, stack.isEmpty else { return nil }
        return output
    }

    /// Whether the value read next is secret, and where it is for the report.
    private func valueContext(_ stack: [Frame]) -> (secret: Bool, location: String, rule: String) {
        guard let top = stack.last else { return (false, "/", "") }
        let key = top.isObject ? top.key : nil
        let location = "/" + (key ?? "(element)")
        if let key, SecretNames.isSecretMember(key, inRequest: inRequest) { return (true, location, "key:\(key)") }
        return (top.secret, location, "key:(secret parent)")
    }

    /// A member name: a quoted string or a bare word.
    private func readKey(_ bytes: [UInt8], at index: Int) -> (String, Int)? {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            guard let end = TolerantJSON.stringEnd(bytes, from: index) else { return nil }
            return (TolerantJSON.decodeString(bytes[index..<end]), end)
        }
        var end = index
        while end < bytes.count, TolerantJSON.isBareByte(bytes[end]) { end += 1 }
        guard end > index else { return nil }
        return (String(decoding: bytes[index..<end], as: UTF8.self), end)
    }

    /// A string token: replaced whole when secret, else through the value rules; the original
    /// bytes when nothing changed, a JSON string otherwise.
    private mutating func redactedString(_ raw: ArraySlice<UInt8>, decoded: String, location: String, secret: Bool, rule: String) -> [UInt8]
    {
        let redacted: String
        if secret, decoded != "true", decoded != "false" {
            if Self.looksLikeURL(decoded) {
                redacted = redactText(
                    redactSecretURL(decoded, kind: "body", location: location, rule: rule), kind: "body", location: location)
            } else {
                redacted = replaceWhole(decoded, kind: "body", location: location, rule: rule)
            }
        } else if location == "/query", let document = readGraphQL(decoded), document != decoded {
            redacted = redactText(document, kind: "body", location: location)
        } else {
            redacted = redactText(decoded, kind: "body", location: location)
        }
        guard redacted != decoded else { return Array(raw) }
        return Array(JSONValue.string(redacted).jsonText.utf8)
    }
}
