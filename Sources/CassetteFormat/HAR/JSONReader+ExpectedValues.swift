import Foundation

/// Reading values of an expected type, for the fast HAR decoder: each gives up (`GiveUp`) on
/// anything unexpected, and the general reader takes over.
extension JSONReader {
    // MARK: Reading values of an expected type

    /// Calls `body` with each member's key, the reader positioned at the member's value (which
    /// `body` must consume). The value must be an object.
    mutating func members(_ body: (inout JSONReader, String) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw GiveUp() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw GiveUp() }
            let key: String
            do { key = try parseString() } catch { throw GiveUp() }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw GiveUp() }
            index += 1
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw GiveUp()
        }
    }

    /// Calls `body` for each element, the reader positioned at it. The value must be an array.
    mutating func elements(_ body: (inout JSONReader) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw GiveUp() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try body(&self)
            skipWhitespace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            throw GiveUp()
        }
    }

    /// Whether the next value is `null` (consumed if so).
    mutating func takeNull() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        do { try expectLiteral("null") } catch { return false }
        return true
    }

    /// A string (`HARReader.string`).
    mutating func string() throws(GiveUp) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw GiveUp() }
        do { return try parseString() } catch { throw GiveUp() }
    }

    /// A string or `null` (`HARReader.optionalString`).
    mutating func optionalString() throws(GiveUp) -> String? {
        if takeNull() { return nil }
        return try string()
    }

    /// A number, or the default for `null` (`HARReader.number`).
    mutating func number(default fallback: Double?) throws(GiveUp) -> Double {
        if let fallback, takeNull() { return fallback }
        guard index < bytes.count,
            bytes[index] == UInt8(ascii: "-") || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
        else { throw GiveUp() }
        if let integer = plainInteger() { return Double(integer) }
        do { return try parseNumber().doubleValue } catch { throw GiveUp() }
    }

    /// A short integer literal read straight from the bytes (most HAR numbers: sizes, statuses,
    /// timings): an optional `-`, 1 to 15 digits without a leading zero, no fraction or exponent,
    /// and not `-0`. `nil` (the reader unmoved) for anything else, which the full number reader
    /// takes. Exact: every such value is a whole double.
    private mutating func plainInteger() -> Int? {
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value = 0
        while position < bytes.count, isDigit(bytes[position]), position - digitsStart < 16 {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - digitsStart
        guard digits > 0, digits <= 15, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), !(negative && value == 0) else {
            return nil
        }
        if position < bytes.count {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || isDigit(next) { return nil }
        }
        index = position
        return negative ? -value : value
    }

    /// An integral number below 10^15, or the default (`HARReader.integer`).
    mutating func integer(default fallback: Int?) throws(GiveUp) -> Int {
        let value = try number(default: fallback.map(Double.init))
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { throw GiveUp() }
        return Int(value)
    }

    /// A boolean; any other value is read and counts as absent (`HARReader.optionalBool`).
    mutating func optionalBool(depth: Int) throws(GiveUp) -> Bool? {
        if index < bytes.count, bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: "f") {
            do {
                if bytes[index] == UInt8(ascii: "t") {
                    try expectLiteral("true")
                    return true
                }
                try expectLiteral("false")
                return false
            } catch { throw GiveUp() }
        }
        try skip(depth: depth)
        return nil
    }

    /// Reads and discards one value (still checked: invalid JSON gives up).
    mutating func skip(depth: Int) throws(GiveUp) {
        do { _ = try parseValue(depth: depth) } catch { throw GiveUp() }
    }

    /// One value as a tree (for the few members decoded through the full path's readers).
    mutating func tree(depth: Int) throws(GiveUp) -> JSONValue {
        do { return try parseValue(depth: depth) } catch { throw GiveUp() }
    }
}
