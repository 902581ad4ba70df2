import CassetteKit
import CassetteTestSupport
import Foundation

/// Cassettes and git repositories for the CLI audit and hook tests.
enum AuditCLISupport {
    /// A one-interaction cassette log; `token` (when given) sits in the response body as `access_token`.
    static func log(token: String? = nil) -> HAR.Log {
        var body = #"{"user":{"id":"69629012906488334","state":"USER_STATE_ACTIVE","hasSecret":true}"#
        if let token { body += #","access_token":"\#(token)""# }
        body += "}"
        let entry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z",
            request: HAR.Request(
                method: "GET", url: "https://acme.zitadel.cloud/auth/v1/users/me",
                headers: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")]),
            response: HAR.Response(
                status: 200, statusText: "OK", headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(body: Data(body.utf8), mimeType: "application/json")))
        return HAR.Log(entries: [entry], cassette: CassetteMetadata(provider: "zitadel", source: "test"))
    }

    /// Writes a cassette (clean, or leaking `token`) at `relativePath` under `folder`.
    static func write(_ relativePath: String, in folder: TemporaryDirectory, token: String? = nil) throws {
        try write(relativePath, in: folder.url, token: token)
    }

    /// Writes a cassette (clean, or leaking `token`) at `relativePath` under `folder`.
    static func write(_ relativePath: String, in folder: URL, token: String? = nil) throws {
        let url = folder.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CassetteFile.write(log(token: token), to: url)
    }

    /// An environment for git that ignores the user's configuration and identity.
    static func gitEnvironment(home: URL, path: String? = nil) -> [String: String] {
        var changes: [String: String?] = [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
            "PRE_COMMIT_HOME": home.appendingPathComponent("pre-commit-cache").path,
        ]
        if let path { changes["PATH"] = path }
        return ProcessRunner.environment(changes)
    }

    /// Runs git in `folder`, failing the caller on a non-zero exit.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> ProcessResult {
        let result = try ProcessRunner.run("git", arguments, environment: environment, currentDirectory: folder)
        guard result.status == 0 else { throw GitFailure(arguments: arguments, output: result.stderr + result.stdout) }
        return result
    }

    /// A fresh repository in a temporary folder (with `repo/` and `home/` inside).
    static func repository(_ temporary: TemporaryDirectory) throws -> (repo: URL, environment: [String: String]) {
        let repo = temporary.file("repo")
        let home = temporary.file("home")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let environment = gitEnvironment(home: home)
        try git(["init", "-q", "-b", "main"], in: repo, environment: environment)
        return (repo, environment)
    }
}

struct GitFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var output: String
    var description: String { "git \(arguments.joined(separator: " ")) failed: \(output)" }
}
