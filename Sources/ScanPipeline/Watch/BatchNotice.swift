public import Foundation

/// What a batch needs someone to look at, as the e-mail to the mailroom says it (in German: it
/// is read by the authority's staff): files in quarantine, pages to rescan, documents left
/// unfinished.
public struct BatchNotice: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    public var batch: String
    public var inbox: String
    public var quarantined: [File]
    public var rescanPages: Int
    /// Documents the run could not finish (they stay for the next run).
    public var unfinished: Int
    public var filed: Int
    public var inReview: Int

    /// Whether anything calls for a person.
    public var isWorthSending: Bool { !quarantined.isEmpty || rescanPages > 0 || unfinished > 0 }

    public var subject: String {
        var parts: [String] = []
        if !quarantined.isEmpty { parts.append("\(quarantined.count) \(quarantined.count == 1 ? "Datei" : "Dateien") in Quarantäne") }
        if rescanPages > 0 { parts.append("\(rescanPages) \(rescanPages == 1 ? "Seite" : "Seiten") zum Nachscannen") }
        if unfinished > 0 { parts.append("\(unfinished) unfertig") }
        return "scanctl: Stapel \(batch.prefix(8)) – " + parts.joined(separator: ", ")
    }

    public var body: String {
        var lines = ["Stapel \(batch) aus \(inbox):", "",
                     "abgelegt: \(filed), in Prüfung: \(inReview), in Quarantäne: \(quarantined.count), "
                        + "Seiten zum Nachscannen: \(rescanPages), unfertig: \(unfinished)", ""]
        if !quarantined.isEmpty {
            lines.append("In Quarantäne (scanctl quarantine list, oder im Browser unter Quarantäne):")
            for file in quarantined { lines.append("  - \(file.name): \(file.reason)") }
            lines.append("")
        }
        if rescanPages > 0 { lines += ["Seiten zum Nachscannen: in der Prüfliste mit dem Hinweis „zum Nachscannen“.", ""] }
        if unfinished > 0 { lines += ["Unfertige Dokumente werden beim nächsten Lauf fortgesetzt.", ""] }
        lines.append("Diese Nachricht wurde von scanctl watch automatisch erstellt.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The message as RFC 5322 text: UTF-8 subject encoded-word, body in base64.
    public func message(from: String, to: [String], date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let body = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
            "X-Scanctl-Batch: \(batch)", "", body, "",
        ].joined(separator: "\r\n")
    }
}
