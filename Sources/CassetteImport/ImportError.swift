import CassetteKit

/// Why files could not be imported. Each case names the file, what is wrong, and what to do next;
/// none carries a value from the file (which may hold a secret). The problem's location (a JSON
/// pointer whose member names come from the file) is printed through `SafeDisplay`, so a token
/// used as a member name is hidden.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that could not be imported.
    public var path: String
    /// What is wrong, with a location (JSON pointer or YAML line) where known.
    public var problem: String
    /// The next step for the user.
    public var nextStep: String

    /// Creates an import error.
    public init(path: String, problem: String, nextStep: String) {
        self.path = path
        self.problem = problem
        self.nextStep = nextStep
    }

    public var description: String {
        "\(path): \(SafeDisplay.location(problem)). \(nextStep)"
    }
}
