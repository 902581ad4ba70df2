public import Foundation

/// Writes ``JSONValue`` as JSON text, deterministically: members in their stored order, numbers
/// as their literal, the same escaping every time. Equal values always give equal bytes.
public enum JSONSerializer {
    /// Output layout.
    public enum Style: Sendable {
        /// No whitespace at all.
        case compact
        /// Two-space indentation, one member per line, `": "` after keys.
        case pretty
    }

    /// Serializes a value to UTF-8 bytes.
    public static func data(_ value: JSONValue, style: Style = .compact) -> Data {
        var writer = Writer(pretty: style == .pretty)
        writer.write(value, indent: 0)
        if style == .pretty { writer.buffer.append(0x0A) }
        return Data(writer.buffer)
    }

    /// Serializes a value to a string.
    public static func string(_ value: JSONValue, style: Style = .compact) -> String {
        String(decoding: data(value, style: style), as: UTF8.self)
    }
}

extension JSONValue {
    /// Compact, deterministic JSON text for this value.
    public var jsonText: String { JSONSerializer.string(self) }
}

private struct Writer {
    let pretty: Bool
    var buffer: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        buffer.reserveCapacity(4096)
    }

    mutating func newline(_ indent: Int) {
        guard pretty else { return }
        buffer.append(0x0A)
        for _ in 0..<(indent * 2) { buffer.append(0x20) }
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: buffer.append(contentsOf: "null".utf8)
        case .bool(let flag): buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): buffer.append(contentsOf: number.literal.utf8)
        case .string(let string): writeString(string)
        case .array(let elements):
            if elements.isEmpty {
                buffer.append(contentsOf: "[]".utf8)
                return
            }
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent)
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                buffer.append(contentsOf: "{}".utf8)
                return
            }
            buffer.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writeString(member.key)
                buffer.append(UInt8(ascii: ":"))
                if pretty { buffer.append(0x20) }
                write(member.value, indent: indent + 1)
            }
            newline(indent)
            buffer.append(UInt8(ascii: "}"))
        }
    }

    mutating func writeString(_ string: String) {
        buffer.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: buffer.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: buffer.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
