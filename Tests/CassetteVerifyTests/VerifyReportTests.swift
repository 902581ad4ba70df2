import CassetteKit
import CassetteVerify
import Testing

/// The exit code and summary a scheduled job acts on.
@Suite("verify report: exit codes and summary")
struct VerifyReportTests {
    private func result(_ name: String, _ verdict: VerificationResult.Verdict) -> VerificationResult {
        VerificationResult(name: name, path: "/tmp/\(name).har.gz", provider: "zitadel", verdict: verdict)
    }

    @Test(
        "0 when nothing drifted, 1 when something drifted even if another could not be checked, 2 when something could not be checked or nothing could"
    )
    func exitCodes() {
        let clean = result("a/me", .noDrift)
        let drifted = result("b/me", .drifted([Drift(.memberRemoved(pointer: "/lastLogin"))]))
        let unreachable = result("c/me", .notVerified("could not reach http://127.0.0.1:9/me: connection refused"))
        let skipped = result("d/me", .skipped("no provider"))
        #expect(VerifyReport(results: [clean]).exitCode == 0)
        #expect(VerifyReport(results: [clean, drifted]).exitCode == 1)
        #expect(VerifyReport(results: [drifted, unreachable]).exitCode == 1)
        #expect(VerifyReport(results: [clean, unreachable]).exitCode == 2)
        #expect(VerifyReport(results: [skipped]).exitCode == 2)
        #expect(
            VerifyReport(results: [clean, drifted, unreachable, skipped]).summary
                == "verified 2 of 4 cassettes: 1 drifted, 1 without drift, 1 not verified, 1 skipped")
    }

    @Test("a line names places and kinds in the issue's words")
    func line() {
        let drifted = result(
            "zitadel/me",
            .drifted([
                Drift(.memberRemoved(pointer: "/lastLogin")), Drift(.memberAdded(pointer: "/user/human/profile/nickName", kinds: "string")),
                Drift(.typeChanged(pointer: "/user/details/sequence", recorded: "string", live: "number")),
                Drift(.schema(errors: 1, pointers: ["/user/details/sequence"])),
            ]))
        #expect(
            drifted.line
                == "zitadel/me: /lastLogin removed; /user/human/profile/nickName added (string); /user/details/sequence string -> number; schema: 1 error at /user/details/sequence"
        )
    }
}
