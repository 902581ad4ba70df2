import CassetteTestSupport

/// The HAR values the near-miss safety tests build (shared with the redaction tests).
typealias RedactionFixtures = SampleExchanges
