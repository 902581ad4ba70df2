public import Foundation
import Synchronization

/// A long-running child process (`cassette serve`, `cassette emulate`) that prints the URL it
/// listens on to stderr; stopped with SIGTERM when the test is done.
public final class ServingProcess: Sendable {
    /// Why the process could not be started or did not announce its URL.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What the child wrote to stderr, and the URL it announced, shared with the pipe's reader.
    private final class Collector: Sendable {
        let text = Mutex("")
        let output = Mutex("")
        let announced = Mutex<URL?>(nil)
    }

    private let process: Process
    private let collector: Collector
    /// The `http://127.0.0.1:<port>` the process announced.
    public let baseURL: URL

    private init(process: Process, collector: Collector, baseURL: URL) {
        self.process = process
        self.collector = collector
        self.baseURL = baseURL
    }

    /// Starts `executable arguments` and waits (up to `timeout` seconds) for an
    /// `http://127.0.0.1:<port>` URL on its stderr.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 60
    ) throws -> ServingProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let errPipe = Pipe()
        process.standardError = errPipe
        let outPipe = Pipe()
        process.standardOutput = outPipe
        let collector = Collector()
        outPipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            guard !chunk.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            collector.output.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            guard !chunk.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            let text = collector.text.withLock { all in
                all += String(decoding: chunk, as: UTF8.self)
                return all
            }
            if collector.announced.withLock({ $0 }) == nil, let url = firstURL(in: text) {
                collector.announced.withLock { $0 = url }
            }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let url = collector.announced.withLock({ $0 }) {
                return ServingProcess(process: process, collector: collector, baseURL: url)
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        throw Failure(description: "\(executable) did not announce a URL; stderr: \(collector.text.withLock { $0 })")
    }

    /// The child's process id (for reading its `/proc` status).
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Whether the child is still running.
    public var isRunning: Bool { process.isRunning }

    /// Waits (up to `timeout` seconds) until stderr contains `text`; whether it did.
    public func waitForStderr(containing text: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return stderr.contains(text)
    }

    /// Waits (up to `timeout` seconds) until stdout contains `text`; whether it did.
    public func waitForStdout(containing text: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return stdout.contains(text)
    }

    /// The child's resident size now (`VmRSS`) and at its peak (`VmHWM`), in MiB; 0 where
    /// `/proc` is not available.
    public func residentMebibytes() -> (now: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            for line in status.split(separator: "\n") where line.hasPrefix(name) {
                return (line.split(separator: " ").compactMap { Int($0) }.first ?? 0) / 1024
            }
            return 0
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }

    /// Everything the process wrote to stderr so far.
    public var stderr: String { collector.text.withLock { $0 } }

    /// Everything the process wrote to stdout so far.
    public var stdout: String { collector.output.withLock { $0 } }

    /// Stops the process (SIGTERM) and waits for it.
    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    private static func firstURL(in text: String) -> URL? {
        // The first loopback URL the child names (`127.0.0.1` or `[::1]`); our own output.
        guard let range = text.range(of: #"http://(127\.0\.0\.1|\[::1\]):[0-9]+"#, options: .regularExpression) else { return nil }
        return URL(string: String(text[range]))
    }
}
