/// Failure counts of the property test per choice (format, place, body format, encoding), printed
/// as lines of counts so a failing class stands out without any value.
public struct PlantPropertyTally: Sendable {
    private var totals: [String: Int] = [:]
    private var failures: [String: Int] = [:]

    public init() {}

    /// Adds one sample and whether it failed.
    public mutating func add(_ sample: PlantedSample, failed: Bool) {
        var keys = ["format \(sample.format.rawValue)", "place \(sample.place.rawValue)"]
        if let body = sample.bodyFormat { keys.append("body \(body.rawValue)") }
        if let encoding = sample.encoding { keys.append("encoding \(encoding.rawValue)") }
        keys.append(sample.neutralName ? "name neutral" : "name secret")
        if sample.echoed { keys.append("echoed") }
        for key in keys {
            totals[key, default: 0] += 1
            if failed { failures[key, default: 0] += 1 }
        }
    }

    /// `failed/total choice` lines, most failing first.
    public var lines: [String] {
        totals.keys.sorted { (failures[$0] ?? 0, $1) > (failures[$1] ?? 0, $0) }.map { key in
            "\(failures[key] ?? 0)/\(totals[key] ?? 0) \(key)"
        }
    }
}
