import CassetteKit

/// Compares the values an `order` invariant relates: two numbers, or two RFC 3339 timestamps
/// (any offset, any number of fractional digits), by the instant they name.
enum OrderedValue {
    /// Negative, zero or positive as `lhs` is before, at or after `rhs`; `nil` when they are not
    /// both numbers or both timestamps (the schema reports such values, not the invariant).
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            let x = a.doubleValue
            let y = b.doubleValue
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let a), .string(let b)):
            guard let x = Instant(a), let y = Instant(b) else { return nil }
            if x.seconds != y.seconds { return x.seconds < y.seconds ? -1 : 1 }
            return x.nanoseconds < y.nanoseconds ? -1 : (x.nanoseconds > y.nanoseconds ? 1 : 0)
        default:
            return nil
        }
    }
}

/// An RFC 3339 date-time as seconds since 0001-01-01T00:00:00Z and nanoseconds, read by a linear
/// scanner (no regular expression).
struct Instant: Equatable {
    let seconds: Int64
    let nanoseconds: Int

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 64 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D, let day = number(8, 2),
            bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A, let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var position = 19
        var nanos = 0
        if bytes[position] == 0x2E {
            position += 1
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(bytes[position] - 0x30) }
                digits += 1
                position += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        guard position < bytes.count else { return nil }
        var offset = 0
        switch bytes[position] {
        case 0x5A, 0x7A:
            guard position + 1 == bytes.count else { return nil }
        case 0x2B, 0x2D:
            guard position + 6 == bytes.count, let hours = number(position + 1, 2), bytes[position + 3] == 0x3A,
                let minutes = number(position + 4, 2)
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[position] == 0x2B ? 1 : -1)
        default:
            return nil
        }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        nanoseconds = nanos
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}

/// Reads and replaces one query parameter of a URL, by a linear scan (no decoding beyond what the
/// comparison needs: values are compared as written).
enum QueryParameter {
    /// The raw value of the first `name=` parameter, or `nil`.
    static func value(of name: String, in url: String) -> String? {
        guard let range = valueRange(of: name, in: url) else { return nil }
        return String(url[range])
    }

    /// The URL with the first `name=` parameter's value replaced; `nil` when it has none.
    static func replacing(_ name: String, with value: String, in url: String) -> String? {
        guard let range = valueRange(of: name, in: url) else { return nil }
        var copy = url
        copy.replaceSubrange(range, with: value)
        return copy
    }

    private static func valueRange(of name: String, in url: String) -> Range<String.Index>? {
        guard let question = url.firstIndex(of: "?") else { return nil }
        var start = url.index(after: question)
        let end = url.firstIndex(of: "#") ?? url.endIndex
        while start < end {
            let next = url[start..<end].firstIndex(of: "&") ?? end
            let pair = url[start..<next]
            if let equals = pair.firstIndex(of: "="), pair[..<equals] == name[...] {
                return url.index(after: equals)..<next
            }
            start = next < end ? url.index(after: next) : end
        }
        return nil
    }
}
