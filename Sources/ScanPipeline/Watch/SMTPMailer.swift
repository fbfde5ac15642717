import Foundation

/// Sends a ``BatchNotice`` over SMTP with curl (Debian's curl speaks SMTP and SMTPS, with TLS and
/// authentication from its netrc): a well-kept client, in a separate process with a time limit.
public struct SMTPMailer: Sendable {
    static let curl = ExternalTool(name: "curl", package: "curl", purpose: "to send notifications by e-mail")

    public let settings: MailSettings

    public init(settings: MailSettings) { self.settings = settings }

    public func send(_ notice: BatchNotice) async throws {
        let message = notice.message(from: settings.from, to: settings.to)
        let settings = settings
        try await BlockingWork.run {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-mail-\(UUID().uuidString).eml")
            try Data(message.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            var arguments = ["--silent", "--show-error", "--url", settings.server.absoluteString, "--mail-from", settings.from,
                             "--upload-file", file.path, "--max-time", "30"]
            for recipient in settings.to { arguments += ["--mail-rcpt", recipient] }
            let output = try Self.curl.run(arguments, timeout: 45)
            guard output.status == 0, !output.timedOut else {
                throw ScanPipelineError(.notification, "the SMTP server \(settings.server.absoluteString) did not take the message: "
                                        + (output.timedOut ? "no answer in 45 s" : output.standardError.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
    }
}
