import Foundation

/// What the library says in English (review reasons, retention, audit actions, timestamps), as the
/// workstation shows it to the authority's staff: in German. Only the wording changes, never a
/// figure; a sentence this table does not know is shown as the library wrote it.
enum GermanWording {
    /// `2026-12-03T10:53:31.123Z` as `03.12.2026, 11:53:31` in the town hall's time zone.
    static func dateTime(_ timestamp: String) -> String {
        guard let date = parse(timestamp) else { return timestamp }
        return formatter.string(from: date)
    }

    static func parse(_ timestamp: String) -> Date? {
        (try? Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(timestamp, strategy: Date.ISO8601FormatStyle()))
    }

    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "de_DE")
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        formatter.dateFormat = "dd.MM.yyyy, HH:mm:ss"
        return formatter
    }()

    /// `1.5` as `1,50`.
    static func decimal(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// `10 years` → `10 Jahre`, `1 year` → `1 Jahr`, `permanent` → `dauernd`.
    static func retention(_ text: String) -> String {
        replacing(text, [
            (#"^1 year$"#, "1 Jahr"), (#"^(\d+) years$"#, "$1 Jahre"), (#"^permanent$"#, "dauernd"),
        ])
    }

    /// A review reason (several are joined by "; ") in German.
    static func reviewReason(_ text: String) -> String {
        replacing(text, [
            (#"nothing in the text matches the file plan"#, "nichts im Text passt zum Aktenplan"),
            (#"not sure at level (\d+): best (.+?) with probability ([0-9.]+) < ([0-9.]+)"#,
             "unsicher auf Ebene $1: bester Vorschlag $2 mit Wahrscheinlichkeit $3 (Schwelle $4)"),
            (#"perhaps nicht aktenrelevant \(probability ([0-9.]+); (.*?)\): discard it with a reason, or file it"#,
             "vielleicht nicht aktenrelevant (Wahrscheinlichkeit $1; $2): mit Begründung aussondern oder ablegen"),
            (#"like documents discarded before"#, "wie früher ausgesonderte Dokumente"),
            (#"(\d+) page\(s\) flagged for rescan \("#, "$1 Seite(n) zum Nachscannen markiert ("),
            (#"\bpage (\d+): "#, "Seite $1: "),
            (#"resolution (\d+) dpi, below the minimum (\d+) dpi"#, "Auflösung $1 dpi, unter dem Minimum von $2 dpi"),
            (#"mean OCR confidence (\d+), below (\d+)"#, "mittlere OCR-Sicherheit $1, unter $2"),
            (#"almost empty \((\d+) words\) but not blank"#, "fast leer ($1 Wörter), aber nicht leer"),
            (#"skewed by ([0-9.]+)°, more than ([0-9.]+)°"#, "um $1° schief, mehr als $2°"),
            (#"no text recognised on page (\d+): handwriting or drawing\?"#,
             "auf Seite $1 wurde kein Text erkannt: Handschrift oder Zeichnung?"),
            (#"every page is blank: kept for completeness, check the scan"#,
             "alle Seiten sind leer: zur Vollständigkeit aufbewahrt, bitte den Scan prüfen"),
            (#"(\d+) pages, more than the (\d+) a document may have: check for a missing separator sheet"#,
             "$1 Seiten, mehr als die $2, die ein Dokument haben darf: fehlt ein Trennblatt?"),
            (#"marked "(.+?)" on its first page \(Schutzbedarf (\w+)\): a records manager files it"#,
             "auf der ersten Seite als „$1“ gekennzeichnet (Schutzbedarf $2): ein Records-Manager legt es ab"),
            (#"page\(s\) ([0-9, ]+) replaced by a rescan \((.+?)\): check the new page\(s\)"#,
             "Seite(n) $1 durch einen neuen Scan ersetzt ($2): bitte die neue(n) Seite(n) prüfen"),
            (#"the barcode (.+?) names (.+?), which has subdivisions"#,
             "der Barcode $1 nennt $2; dieser Knoten ist weiter untergliedert"),
            (#"the Aktenzeichen (.+?) has a record already \(document (\w+), ([\w-]+)\): delivered twice\? Compare them and discard the one that does not stand"#,
             "zum Aktenzeichen $1 gibt es schon einen Datensatz (Dokument $2, $3): doppelt geliefert? Beide vergleichen und den überzähligen aussondern"),
            (#"the delivery gives this Akte no Aktenzeichen \((.+?)\)"#, "die Lieferung nennt für diese Akte kein Aktenzeichen ($1)"),
            (#"the Aktenzeichen (.+?) \((.+?)\) names no node of the plan"#, "das Aktenzeichen $1 ($2) nennt keinen Knoten des Aktenplans"),
            (#"the delivery's manifest"#, "Lieferliste"),
            (#"the Akte's folder name"#, "Ordnername"),
        ])
    }

    /// A candidate's evidence (`keyword Bauantrag ×2`, `term bauantrag +0.41`) in German.
    static func evidence(_ text: String) -> String {
        replacing(text, [
            (#"^keyword "#, "Stichwort "),
            (#"^title word "#, "Titelwort "),
            (#"^term "#, "Begriff "),
            (#"^barcode "#, "Barcode "),
            (#"the delivery's manifest"#, "Lieferliste"),
            (#"the Akte's folder name"#, "Ordnername"),
        ])
    }

    /// An audit action (`document.reviewed`) as a records office names it.
    static func action(_ action: String) -> String {
        actions[action] ?? action
    }

    private static let actions: [String: String] = [
        "batch.opened": "Stapel geöffnet", "batch.closed": "Stapel geschlossen",
        "file.ingested": "Datei übernommen", "file.skipped": "Datei übersprungen", "file.duplicate": "Datei doppelt",
        "file.quarantined": "Datei in Quarantäne", "document.separated": "Dokument getrennt", "document.split": "Dokument aufgeteilt",
        "document.recognised": "Text erkannt (OCR)", "document.classified": "Klassifiziert",
        "document.quarantined": "Dokument in Quarantäne", "page.derived": "Seite aufbereitet", "page.recognised": "Seite erkannt",
        "record.written": "Akte geschrieben", "record.rewritten": "Akte neu geschrieben",
        "record.integrity-failed": "Integritätsprüfung fehlgeschlagen", "record.exported": "Exportiert",
        "export.files.written": "Exportdateien geschrieben", "review.requested": "Änderung beantragt (Vier-Augen-Prinzip)",
        "review.rejected": "Antrag abgelehnt", "document.rescanned": "Seiten nachgescannt und ersetzt",
        "document.rescan-accepted": "Markierung zum Nachscannen angenommen (Seite bleibt)", "document.reviewed": "Geprüft", "document.discarded": "Als nicht aktenrelevant ausgesondert",
        "qa.sample-drawn": "Stichprobe gezogen", "qa.page-checked": "Stichprobenseite geprüft",
        "qa.released": "Papier zur Vernichtung freigegeben",
        "quarantine.retried": "Aus der Quarantäne erneut verarbeitet", "quarantine.released": "Aus der Quarantäne freigegeben",
        "transfervermerk.written": "Transfervermerk geschrieben", "model.trained": "Modell trainiert",
        "transfervermerk.nachtrag-written": "Nachtrag zum Transfervermerk geschrieben",
        "aussonderung.offered": "Dem Archiv angeboten (0501)", "aussonderung.evaluated": "Vom Archiv bewertet (0502)",
        "aussonderung.handed-over": "An das Archiv ausgesondert (0503)", "aussonderung.confirmed": "Übernahme durch das Archiv bestätigt",
        "record.disposed": "Vernichtet (Löschprotokoll)",
        "user.added": "Benutzer angelegt", "user.disabled": "Benutzer gesperrt", "user.enabled": "Benutzer entsperrt",
        "user.password-changed": "Passwort geändert", "user.role-changed": "Rolle geändert", "user.logged-in": "Angemeldet",
        "user.login-refused": "Anmeldung abgewiesen", "audit.broken-trail-accepted": "Unterbrochener Prüfpfad anerkannt",
    ]

    private static func replacing(_ text: String, _ rules: [(pattern: String, template: String)]) -> String {
        rules.reduce(text) { text, rule in
            guard let expression = try? NSRegularExpression(pattern: rule.pattern) else { return text }
            return expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                       withTemplate: rule.template)
        }
    }
}
