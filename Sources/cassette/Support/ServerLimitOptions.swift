import ArgumentParser
import CassetteServer

/// The bounds of `cassette serve` and `cassette emulate`, one flag each (see `ServerLimits`).
struct ServerLimitOptions: ParsableArguments {
    @Option(help: "Longest request line in bytes; longer ones get 414.")
    var maxRequestLine: Int = ServerLimits().maxRequestLineBytes

    @Option(help: "Most bytes of headers in one request; more get 431.")
    var maxHeaderBytes: Int = ServerLimits().maxHeaderBytes

    @Option(help: "Most header fields in one request; more get 431.")
    var maxHeaders: Int = ServerLimits().maxHeaderCount

    @Option(help: "Largest request body in bytes (read as it streams in); larger ones get 413.")
    var maxBodyBytes: Int = ServerLimits().maxBodyBytes

    @Option(help: "Seconds a request may take to arrive whole once it started; slower ones get 408.")
    var requestTimeout: Double = ServerLimits().requestTimeout

    @Option(help: "Seconds a connection may stay open with nothing to read.")
    var idleTimeout: Double = ServerLimits().idleTimeout

    @Option(help: "Most connections at once; one more gets 503.")
    var maxConnections: Int = ServerLimits().maxConnections

    func validate() throws {
        let counts = [maxRequestLine, maxHeaderBytes, maxHeaders, maxBodyBytes, maxConnections]
        guard counts.allSatisfy({ $0 > 0 }), requestTimeout > 0, idleTimeout > 0 else {
            throw ValidationError("every limit must be greater than 0")
        }
    }

    var limits: ServerLimits {
        ServerLimits(
            maxRequestLineBytes: maxRequestLine, maxHeaderBytes: maxHeaderBytes, maxHeaderCount: maxHeaders,
            maxBodyBytes: maxBodyBytes, requestTimeout: requestTimeout, idleTimeout: idleTimeout, maxConnections: maxConnections)
    }
}
