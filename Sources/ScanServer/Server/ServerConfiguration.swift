public import Foundation
public import ScanPipeline

/// How `scanctl serve` runs: where the workspace is, where it listens, whom it trusts.
public struct ServerConfiguration: Sendable {
    /// The workspace folder.
    public var workspace: URL
    public var host: String
    public var port: Int
    /// Addresses of the town hall's reverse proxy: only requests from these may name their user in
    /// ``proxyUserHeader``. Empty: the header is ignored.
    public var trustedProxies: Set<String>
    public var proxyUserHeader: String
    /// Session cookies carry Secure and the `__Host-` prefix. Off only for plain-HTTP tests on loopback.
    public var secureCookies: Bool
    /// A session ends after this long without a request (with a warning shortly before).
    public var idleTimeout: Duration
    /// A session ends this long after login, whatever happens.
    public var absoluteTimeout: Duration
    /// The scanctl version, named in the events of records a review rewrites.
    public var software: String
    /// Seals the Transfervermerk of a batch a retry from the Quarantäne page runs.
    public var sealKey: SealKey?
    /// OCR workers of such a retry (one file at a time, next to the pages being served).
    public var retryWorkers = 1

    public init(workspace: URL, host: String = "127.0.0.1", port: Int = 8080,
                trustedProxies: Set<String> = [], proxyUserHeader: String = "Remote-User", secureCookies: Bool = true,
                idleTimeout: Duration = .seconds(30 * 60), absoluteTimeout: Duration = .seconds(10 * 3600),
                software: String) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.trustedProxies = trustedProxies
        self.proxyUserHeader = proxyUserHeader
        self.secureCookies = secureCookies
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.software = software
    }

    /// The session cookie's name: `__Host-` needs Secure, so plain-HTTP tests use another.
    var sessionCookieName: String { secureCookies ? "__Host-scanctl-sitzung" : "scanctl-sitzung" }
}
