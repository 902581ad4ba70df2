import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The audit remembers, per run, values it found clean (so a thousand cassettes with the same
/// headers are fast). What a user relies on: remembering never hides a secret, whatever the
/// earlier files of the run showed.
@Suite("Audit run memory")
struct AuditRunMemoryTests {
    /// Cassettes whose response body is `json`, each under its own path, as one run audits them.
    private func sources(_ bodies: [String]) -> [AuditSource] {
        bodies.enumerated().map { index, body in
            .bytes(IssueHAR.responseBody(body), displayPath: "run/c\(index).har")
        }
    }

    /// Each file's path and rule ids, in order (an unreadable file counts as a finding `unreadable`).
    private func audit(_ bodies: [String]) -> [(path: String, rules: [String])] {
        SecretAuditor().audit(sources(bodies)).map { outcome in
            guard case .audited(let path, let findings) = outcome else { return (outcome.path, ["unreadable"]) }
            return (path, findings.map(\.ruleID))
        }
    }

    @Test("a value seen clean under a plain name is still a finding under a password name later in the run")
    func sameValueNewContext() throws {
        let value = RandomSecret.alphanumeric(24)
        let primers = Array(repeating: #"{"note":"\#(value)"}"#, count: 40)
        let later = Array(repeating: #"{"password":"\#(value)"}"#, count: 40)
        let outcomes = audit(primers + later)
        #expect(outcomes.prefix(40).allSatisfy { $0.rules.isEmpty }, "the value under a plain name is clean (the premise of this test)")
        for outcome in outcomes.dropFirst(40) {
            #expect(outcome.rules.contains(AuditRule.passwordKey.id), "\(outcome.path): the password was not reported")
        }
    }

    @Test("a token used as a member name is reported in every file, though a value holding it was clean in an earlier file")
    func memberNameInEveryFile() throws {
        let name = "ghp_" + RandomSecret.alphanumeric(36)
        // In the first files the name is reported inside `first`, so `second` (same name, later in
        // the same file) adds nothing there; in the later files `second` is alone and must report it.
        let second = #"{\"\#(name)\":\"later value\"}"#
        let both = #"{"first":"{\"\#(name)\":\"first value\"}","second":"\#(second)"}"#
        let alone = #"{"second":"\#(second)"}"#
        let outcomes = audit(Array(repeating: both, count: 40) + Array(repeating: alone, count: 40))
        for outcome in outcomes {
            #expect(outcome.rules.contains(AuditRule.secretMemberName.id), "\(outcome.path): the member name was not reported")
        }
    }

    @Test("the same secret in a thousand cassettes is reported in each")
    func repeatedSecretEveryFile() throws {
        let token = "ghp_" + RandomSecret.alphanumeric(36)
        let outcomes = audit(Array(repeating: #"{"data":{"label":"\#(token)"}}"#, count: 1000))
        #expect(outcomes.count == 1000)
        let missed = outcomes.filter { !$0.rules.contains(AuditRule.githubToken.id) }
        #expect(missed.isEmpty, "\(missed.count) cassettes without the GitHub token finding")
    }
}
