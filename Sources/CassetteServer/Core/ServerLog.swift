import CassetteAudit

/// Where a server says what happened (the command's stderr, or nothing). Every line passed here
/// is built from values already shown through `SafeDisplay`.
public struct ServerLog: Sendable {
    let write: @Sendable (String) -> Void

    /// Sends each line to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Says nothing (library use, tests).
    public static let silent = ServerLog { _ in }

    /// Says `line`.
    public func callAsFunction(_ line: String) {
        write(line)
    }
}
