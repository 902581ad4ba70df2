public import CassetteKit
public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `URLError`s a replaying session fails requests with. The cassette's own failures use
/// `URLError.Code.resourceUnavailable`, never a connection error, and carry their explanation
/// in the user info (see ``ReplayErrorKey``).
public enum ReplayFailure {
    /// No recorded interaction matches; the user info carries the `NearMissReport`.
    public static func miss(_ report: NearMissReport, url: URL?) -> URLError {
        error(report.description, url: url, extra: [ReplayErrorKey.nearMissReport: report])
    }

    /// Recording could not write a safe cassette (a secret survived redaction, or the disk
    /// refused); nothing was written.
    public static func recordingFailed(_ message: String, url: URL?) -> URLError {
        let message = SafeDisplay.location(message)
        return error(
            "cassette: recording failed, nothing was written: \(message)", url: url, extra: [ReplayErrorKey.recordingFailure: message])
    }

    /// The replaying session ended before the request was made.
    package static func sessionEnded(url: URL?) -> URLError {
        error(
            "cassette: this request was made through a replaying session that has already finished (its ReplaySession was released); keep the ReplaySession alive while its URLSession is in use.",
            url: url, extra: [:])
    }

    /// The request's body stream could not be read.
    package static func unreadableBody(url: URL?, detail: String) -> URLError {
        error("cassette: could not read the request body: \(detail)", url: url, extra: [:])
    }

    private static func error(_ message: String, url: URL?, extra: [String: any Sendable]) -> URLError {
        var userInfo: [String: Any] = [NSLocalizedDescriptionKey: message]
        if let url { userInfo[NSURLErrorFailingURLErrorKey] = url }
        for (key, value) in extra { userInfo[key] = value }
        return URLError(.resourceUnavailable, userInfo: userInfo)
    }
}

/// User-info keys of the errors a replaying session fails requests with.
public enum ReplayErrorKey {
    /// The `NearMissReport` of a request that matched nothing.
    public static let nearMissReport = "CassetteNearMissReport"
    /// Why recording failed (a message naming locations, never secret values).
    public static let recordingFailure = "CassetteRecordingFailure"
}

extension URLError {
    /// The near-miss report, when the cassette had no interaction for the request.
    public var nearMissReport: NearMissReport? {
        userInfo[ReplayErrorKey.nearMissReport] as? NearMissReport
    }
}

extension Error {
    /// The near-miss report carried by this error, when it is a replay miss.
    public var cassetteNearMissReport: NearMissReport? {
        if let urlError = self as? URLError { return urlError.nearMissReport }
        return (self as NSError).userInfo[ReplayErrorKey.nearMissReport] as? NearMissReport
    }
}
