public import Foundation

/// Where notifications go: an SMTP server (`smtp://host:port`, `smtps://` for TLS), the sender and
/// the recipients.
public struct MailSettings: Sendable, Equatable {
    public var server: URL
    public var from: String
    public var to: [String]

    public init(server: URL, from: String, to: [String]) {
        self.server = server
        self.from = from
        self.to = to
    }
}
