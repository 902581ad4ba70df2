public import CassetteReplay
import XCTest

/// Where the XCTest helpers send a finished session's findings. ``xcTest`` fails the test
/// with `XCTFail` (failures) or prints (warnings); tests of the helpers pass their own.
public struct CassetteFailureReporter: Sendable {
    /// Receives one message: whether it fails the test, the text, and the caller's location.
    public typealias Sink = @Sendable (_ isFailure: Bool, _ message: String, _ file: StaticString, _ line: UInt) -> Void

    private let sink: Sink

    /// A reporter sending each finding to `sink`.
    public init(_ sink: @escaping Sink) {
        self.sink = sink
    }

    /// Fails the running test with `XCTFail` for each failure; prints warnings.
    public static let xcTest = CassetteFailureReporter { isFailure, message, file, line in
        if isFailure {
            XCTFail(message, file: file, line: line)
        } else {
            print("warning: \(message)")
        }
    }

    /// Reports findings, failures and warnings alike, in order.
    public func report(_ findings: [ReplayFinding], _ file: StaticString, _ line: UInt) {
        for finding in findings {
            sink(finding.severity == .failure, finding.message, file, line)
        }
    }

    /// The `swift test --filter` argument for an XCTest name (`-[Suite testX]` on Apple
    /// platforms, `Suite.testX` on Linux): `Suite/testX`.
    public static func filterName(forTestNamed name: String) -> String {
        var text = name
        if text.hasPrefix("-["), text.hasSuffix("]") {
            text = String(text.dropFirst(2).dropLast())
            return text.replacingOccurrences(of: " ", with: "/")
        }
        let parts = text.split(separator: ".")
        guard parts.count >= 2 else { return text }
        return "\(parts[parts.count - 2])/\(parts[parts.count - 1])"
    }
}
