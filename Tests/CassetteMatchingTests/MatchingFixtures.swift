import CassetteTestSupport

/// The interactions the matching tests build (shared with the replay tests).
typealias ReplayFixtures = SampleEntries
