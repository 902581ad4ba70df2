/// Why a document is not valid JSON, and where: byte offset, line and column (1-based) and the
/// JSON pointer of the value being read.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public let offset: Int
    /// Line of the problem (1-based).
    public let line: Int
    /// Column of the problem (1-based).
    public let column: Int
    /// What is wrong there (never the input's text).
    public let reason: String
    /// The value being read when reading stopped (`/log/entries/3/time`); the root when the
    /// error is outside any member.
    public internal(set) var pointer: JSONPointer = .root
    /// Set when the text was refused for its ``ReadBudget`` (depth across JSON-in-string layers,
    /// work), not for its syntax.
    public internal(set) var budgetExceeded: ReadBudgetExceeded?

    init(offset: Int, line: Int, column: Int, reason: String, budgetExceeded: ReadBudgetExceeded? = nil) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
        self.budgetExceeded = budgetExceeded
    }

    public var description: String {
        let place = pointer.tokens.isEmpty ? "" : " at \(Self.displayPointer(pointer))"
        return "line \(line), column \(column)\(place): \(reason)"
    }

    /// The pointer with member names that do not look like plain identifiers (up to 32 letters,
    /// digits, `_`, `-`, `.`, `$`, `@`) shown as `*`, since a member name can be a secret.
    static func displayPointer(_ pointer: JSONPointer) -> String {
        var text = ""
        for token in pointer.tokens {
            text.append("/")
            let plain =
                !token.isEmpty && token.utf8.count <= 32
                && token.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "@")
                }
            text.append(plain ? token : "*")
        }
        return text
    }

    /// This error seen from one level up: `token` prepended to its pointer.
    func within(_ token: String) -> JSONParseError {
        var copy = self
        copy.pointer = JSONPointer(tokens: [token] + pointer.tokens)
        return copy
    }
}
