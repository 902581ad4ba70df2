import CassetteFormat

/// JSON values and pointers made safe for one-line display.
///
/// Strings are judged under their member name (masked whole when the name announces a secret,
/// else as text), numbers under a secret name are hidden, member names are judged by format and
/// entropy (a token used as a member name is hidden), and the output stops after `limit`
/// characters, always after masking, so a cut never shows the start of a secret.
enum JSONDisplay {
    /// How deep containers are shown; deeper ones print as `…`.
    static let maximumDepth = 8

    static func value(_ value: JSONValue, name: String?, limit: Int) -> String {
        var output = ""
        var truncated = false
        write(value, name: name, depth: 0, limit: Swift.max(limit, 8), into: &output, truncated: &truncated)
        if truncated || output.count > limit {
            return String(output.prefix(Swift.max(limit, 8))) + "…"
        }
        return output
    }

    private static func write(
        _ value: JSONValue, name: String?, depth: Int, limit: Int, into output: inout String, truncated: inout Bool
    ) {
        guard !truncated else { return }
        if output.utf8.count > limit * 4 {
            truncated = true
            return
        }
        let kind = name.flatMap { SecretLikeness.kind(ofName: $0) }
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += kind?.mask ?? number.literal
        case .string(let text):
            let shown = kind.map { ValueMasking.maskAll(text[...], kind: $0) } ?? TextDisplay.display(text[...], depth: 1)
            output += JSONValue.string(shown).jsonText
        case .array(let items):
            guard depth < maximumDepth else {
                output += "[…]"
                return
            }
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                write(item, name: name, depth: depth + 1, limit: limit, into: &output, truncated: &truncated)
                if truncated { return }
            }
            output += "]"
        case .object(let object):
            guard depth < maximumDepth else {
                output += "{…}"
                return
            }
            output += "{"
            for (position, member) in object.members.enumerated() {
                if position > 0 { output += "," }
                output += JSONValue.string(memberName(member.key)).jsonText + ":"
                write(member.value, name: member.key, depth: depth + 1, limit: limit, into: &output, truncated: &truncated)
                if truncated { return }
            }
            output += "}"
        }
    }

    /// A member name (or any name) shown as written unless it looks secret itself.
    static func memberName(_ name: String) -> String {
        if name.isEmpty || ValueMasking.isHarmless(name[...]) { return name }
        if let kind = TextDisplay.judge(name[...]) { return kind.mask }
        return TextDisplay.display(name[...], depth: 1)
    }

    /// RFC 6901 text with each reference token judged as a member name.
    static func pointer(tokens: some Sequence<String>) -> String {
        var output = ""
        for token in tokens {
            output += "/"
            let shown = memberName(token)
            for character in shown {
                switch character {
                case "~": output += "~0"
                case "/": output += "~1"
                default: output.append(character)
                }
            }
        }
        return output
    }

    /// RFC 6901 text (`/a/b~1c`) taken apart, judged token by token and put back together;
    /// text that is not a pointer is judged as free text.
    static func pointer(text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "/") else { return TextDisplay.display(text[...], depth: 0) }
        let tokens = text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { raw in
            unescape(Substring(raw))
        }
        return pointer(tokens: tokens)
    }

    private static func unescape(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        var output = ""
        var pendingTilde = false
        for character in token {
            if pendingTilde {
                pendingTilde = false
                switch character {
                case "0": output += "~"
                case "1": output += "/"
                default: output += "~" + String(character)
                }
            } else if character == "~" {
                pendingTilde = true
            } else {
                output.append(character)
            }
        }
        if pendingTilde { output += "~" }
        return output
    }
}
