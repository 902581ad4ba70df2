import CassetteImport
import CassetteKit
import Foundation

/// `cassette-bench hostile`: each hostile input through each operation that reads it
/// (`import`, `match`, `audit`, `read`), one subprocess per pair so that a crash, a hang or the
/// peak memory of one cannot hide another. Prints, per pair, the outcome, the wall time, the
/// peak resident memory and whether it met the goal (under 2 s and 200 MB, release build).
/// Exit code 1 when any pair missed it.
struct HostileBenchmark {
    /// Seconds after which a pair is stopped and counted as a hang.
    var timeout: Double
    /// Only pairs whose `name operation` contains this.
    var only: String?

    static let secondsGoal = 2.0
    static let mebibytesGoal = 200

    func run() throws -> Int32 {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cassette-hostile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = try HostileInputs.write(into: folder)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        print(pad("case", 4) + pad("input", 20) + pad("operation", 10) + pad("wall", 9) + pad("peak RSS", 10) + pad("goal", 6) + "outcome")
        var missed = 0
        for input in inputs {
            for operation in input.operations {
                if let only, !"\(input.name) \(operation)".contains(only) { continue }
                let row = try runChild(executable, input: input, operation: operation, folder: folder)
                let met = row.finished && row.seconds < Self.secondsGoal && (row.mebibytes ?? Int.max) < Self.mebibytesGoal
                if !met { missed += 1 }
                let rss = row.mebibytes.map { "\($0) MB" } ?? "?"
                print(
                    pad("\(input.issueCase)", 4) + pad(input.name, 20) + pad(operation, 10) + pad(String(format: "%.2f s", row.seconds), 9)
                        + pad(rss, 10) + pad(met ? "met" : "MISSED", 6) + row.outcome)
            }
        }
        print("\(missed == 0 ? "all inputs met" : "\(missed) missed") the goal of \(Int(Self.secondsGoal)) s and \(Self.mebibytesGoal) MB")
        return missed == 0 ? 0 : 1
    }

    private struct Row {
        var outcome: String
        var seconds: Double
        var mebibytes: Int?
        var finished: Bool
    }

    private func runChild(_ executable: URL, input: HostileInputs.Input, operation: String, folder: URL) throws -> Row {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["hostile-case", "--file", input.file.path, "--operation", operation, "--out", folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let deadline = DispatchTime.now() + timeout
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        var timedOut = false
        if done.wait(timeout: deadline) == .timedOut {
            timedOut = true
            process.terminate()
            done.wait()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        if timedOut { return Row(outcome: "hang: stopped after \(Int(timeout)) s", seconds: seconds, mebibytes: nil, finished: false) }
        guard process.terminationReason == .exit, let result = lines.last(where: { $0.hasPrefix("outcome\t") }) else {
            return Row(outcome: "crashed (signal \(process.terminationStatus))", seconds: seconds, mebibytes: nil, finished: false)
        }
        let fields = result.split(separator: "\t", maxSplits: 2).map(String.init)
        return Row(
            outcome: fields.count > 2 ? fields[2] : "", seconds: seconds, mebibytes: fields.count > 1 ? Int(fields[1]) : nil, finished: true
        )
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// `cassette-bench hostile-case`: one operation on one input, in this process; prints
/// `outcome<TAB>peak MiB<TAB>what happened`.
struct HostileCase {
    var file: URL
    var operation: String
    var output: URL

    func run() {
        let outcome: String
        do {
            outcome = try perform()
        } catch {
            outcome = "refused: " + Self.firstLine(String(describing: error))
        }
        print("outcome\t\(Self.peakMebibytes())\t\(outcome)")
    }

    private func perform() throws -> String {
        switch operation {
        case "import":
            let log = try CassetteImporter(format: .har).importCassette(from: [file])
            try CassetteFile.write(log, to: output.appendingPathComponent(file.lastPathComponent + ".imported.har.gz"))
            return "imported \(log.entries.count) interactions"
        case "match":
            let log = try CassetteFile.read(file)
            guard let request = log.entries.first?.request else { return "no interactions" }
            let player = CassettePlayer(
                log: log, options: CassettePlayer.Options(context: ReplayContext(cassetteName: file.lastPathComponent)))
            switch player.peek(request) {
            case .answer(let playback): return "matched interaction #\(playback.index)"
            case .miss: return "no match (a near-miss report)"
            }
        case "audit":
            let findings = try SecretAuditor().audit(data: Data(contentsOf: file), path: file.path)
            return "audited: \(findings.count) findings"
        case "read":
            let log = try CassetteFile.read(file)
            return "read \(log.entries.count) interactions"
        case "display":
            // The file is plain text: what a message would show of it (text, URL and pointer forms).
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let shown = SafeDisplay.text(text).utf8.count + SafeDisplay.url(text).utf8.count + SafeDisplay.pointer(text).utf8.count
            return "displayed \(shown) bytes"
        default:
            throw BenchFailure("unknown operation \(operation)")
        }
    }

    /// Peak resident memory of this process (`VmHWM`), in MiB.
    static func peakMebibytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return -1 }
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (kilobytes + 1023) / 1024
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return line.count > 160 ? String(line.prefix(157)) + "..." : line
    }
}
