/// RFC 3339 `full-date`, `full-time` and `date-time`, checked byte by byte (ASCII digits only),
/// with real month lengths, leap years and leap seconds (only at 23:59:60 UTC).
enum DateTimeFormats {
    static func isDate(_ text: String) -> Bool {
        withUTF8Bytes(text) { bytes in bytes.count == 10 && isDate(bytes) }
    }

    static func isTime(_ text: String) -> Bool {
        withUTF8Bytes(text) { bytes in isTime(bytes) }
    }

    static func isDateTime(_ text: String) -> Bool {
        withUTF8Bytes(text) { bytes in
            let start = bytes.startIndex
            guard bytes.count > 11, bytes[start + 10] == UInt8(ascii: "T") || bytes[start + 10] == UInt8(ascii: "t") else {
                return false
            }
            return isDate(bytes[start..<(start + 10)]) && isTime(bytes[(start + 11)...])
        }
    }

    private static func number(_ bytes: ByteSlice, _ offset: Int, _ count: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func byte(_ bytes: ByteSlice, _ offset: Int) -> UInt8? {
        let index = bytes.startIndex + offset
        return index < bytes.endIndex ? bytes[index] : nil
    }

    /// `YYYY-MM-DD`, exactly ten bytes.
    private static func isDate(_ bytes: ByteSlice) -> Bool {
        guard bytes.count == 10, byte(bytes, 4) == UInt8(ascii: "-"), byte(bytes, 7) == UInt8(ascii: "-"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            (1...12).contains(month), day >= 1
        else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `HH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`.
    private static func isTime(_ bytes: ByteSlice) -> Bool {
        guard byte(bytes, 2) == UInt8(ascii: ":"), byte(bytes, 5) == UInt8(ascii: ":"),
            let hour = number(bytes, 0, 2), let minute = number(bytes, 3, 2), let second = number(bytes, 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var offset = 8
        if byte(bytes, offset) == UInt8(ascii: ".") {
            offset += 1
            let digitsStart = offset
            while let next = byte(bytes, offset), next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") { offset += 1 }
            guard offset > digitsStart else { return false }
        }
        guard let zone = byte(bytes, offset) else { return false }
        var offsetMinutes = 0
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            guard bytes.count == offset + 1 else { return false }
        } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
            guard bytes.count == offset + 6, byte(bytes, offset + 3) == UInt8(ascii: ":"),
                let zoneHour = number(bytes, offset + 1, 2), let zoneMinute = number(bytes, offset + 4, 2),
                zoneHour <= 23, zoneMinute <= 59
            else { return false }
            offsetMinutes = (zoneHour * 60 + zoneMinute) * (zone == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return false
        }
        if second == 60 {
            // A leap second is only ever 23:59:60 in UTC.
            let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utcMinutes == 23 * 60 + 59
        }
        return true
    }
}
