import CLibFuzzer
import Foundation

/// The signature libFuzzer calls for each input (`LLVMFuzzerTestOneInput`).
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Runs libFuzzer with this process's arguments (corpus folders, `-max_total_time=`, ...) and
/// exits with its status. Called from each fuzz target's `main.swift`.
public func runFuzzer(_ callback: FuzzCallback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The bytes of one fuzz input as `Data` (a copy: the callee may keep it).
public func fuzzData(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let start, count > 0 else { return Data() }
    return Data(bytes: start, count: count)
}

/// Stops the run as a crash (libFuzzer keeps the input) when a property of the code under test
/// does not hold. `what` names the property; it never carries input bytes or secrets.
public func invariant(_ holds: @autoclosure () -> Bool, _ what: StaticString, file: StaticString = #file, line: UInt = #line) {
    if !holds() { fatalError("fuzz invariant violated: \(what)", file: file, line: line) }
}
