import CassetteKit

extension CassetteResponder {
    /// What `cassette serve` does with each request: answer it, and say on `log` what was asked
    /// and what was answered (`GET /path -> 200`), with the near-miss report when nothing matched.
    /// Every value logged goes through `SafeDisplay`; the report is bounded.
    public func serverHandler(log: ServerLog) -> ServerHandler {
        { request in
            let (response, report) = respond(request)
            let shown = shownRequests.shown(method: request.method, path: request.path)
            if let report {
                log("\(shown) -> \(CassetteResponder.missStatus) (no match)\n\(reportText(report))")
            } else {
                log("\(shown) -> \(response.status)")
            }
            return response
        }
    }
}
