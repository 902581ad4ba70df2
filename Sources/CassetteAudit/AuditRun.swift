public import CassetteFormat
public import Foundation
import Synchronization

/// Something to audit: a file on disk, or bytes from elsewhere (a git blob) under a display path.
public enum AuditSource: Sendable, Hashable {
    case file(URL, displayPath: String)
    case bytes(Data, displayPath: String)

    /// The path reports name.
    public var displayPath: String {
        switch self {
        case .file(_, let path), .bytes(_, let path): return path
        }
    }
}

/// The audit of one source.
public enum AuditOutcome: Sendable, Hashable {
    /// Read and audited; no findings means clean.
    case audited(path: String, findings: [AuditFinding])
    /// Could not be read as a cassette: never clean. `reason` says what and what to do.
    case unreadable(path: String, reason: String)

    /// The path the outcome is about.
    public var path: String {
        switch self {
        case .audited(let path, _), .unreadable(let path, _): return path
        }
    }
}

extension SecretAuditor {
    /// The file extensions the audit reads when walking folders.
    public static let auditedExtensions = [".har.gz", ".har", ".json"]

    /// Audits many sources, decoding them in parallel; outcomes come back in the sources' order.
    public func audit(_ sources: [AuditSource], limit: Int = GzipCodec.defaultDecompressionLimit) -> [AuditOutcome] {
        let results = Mutex([AuditOutcome?](repeating: nil, count: sources.count))
        // One worker per core this process may use, each taking the next file when it is done
        // with one (uneven files balance by themselves); each keeps what it learns from file to
        // file (key judgements, clean values: names and values repeat across cassettes).
        let workers = min(sources.count, UsableCores.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var memory = AuditRunMemory()
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < sources.count else { break }
                let outcome = auditOne(sources[index], limit: limit, memory: &memory)
                results.withLock { $0[index] = outcome }
            }
        }
        return results.withLock { $0 }.enumerated().map { index, outcome in
            outcome ?? .unreadable(path: sources[index].displayPath, reason: "\(sources[index].displayPath): not audited")
        }
    }

    private func auditOne(_ source: AuditSource, limit: Int, memory: inout AuditRunMemory) -> AuditOutcome {
        let path = source.displayPath
        do throws(CassetteError) {
            let data: Data
            switch source {
            case .file(let url, _):
                data = try AuditFileReader.read(url, limit: limit)
            case .bytes(let bytes, _):
                data = bytes
            }
            return .audited(path: path, findings: try audit(data: data, path: path, limit: limit, memory: &memory))
        } catch {
            return .unreadable(path: path, reason: error.description)
        }
    }

    /// The files to audit under the given paths: files as given, folders walked recursively for
    /// ``auditedExtensions`` (skipping `.git`, `.build` and `node_modules`), sorted.
    /// Throws `CassetteError/notFound(path:)` for a path that does not exist.
    public static func discover(_ paths: [String]) throws(CassetteError) -> [AuditSource] {
        var sources: [AuditSource] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path: path) }
            guard isDirectory.boolValue else {
                sources.append(.file(URL(fileURLWithPath: path), displayPath: path))
                continue
            }
            var found: [(display: String, absolute: String)] = []
            let root = URL(fileURLWithPath: path)
            let rootPath = root.standardizedFileURL.path
            guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else {
                throw .io(path: path, detail: "cannot list the folder")
            }
            for case let url as URL in walker {
                let name = url.lastPathComponent
                if [".git", ".build", "node_modules", ".swiftpm"].contains(name) {
                    walker.skipDescendants()
                    continue
                }
                guard auditedExtensions.contains(where: { name.hasSuffix($0) }) else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
                let display = (path.hasSuffix("/") ? String(path.dropLast()) : path) + relative
                found.append((display, rootPath + relative))
            }
            for file in found.sorted(by: { $0.display < $1.display }) {
                var isFolder: ObjCBool = false
                if manager.fileExists(atPath: file.display, isDirectory: &isFolder), !isFolder.boolValue {
                    // An absolute URL: reading it later needs no working directory lookups.
                    sources.append(.file(URL(fileURLWithPath: file.absolute, isDirectory: false), displayPath: file.display))
                }
            }
        }
        return sources
    }
}
