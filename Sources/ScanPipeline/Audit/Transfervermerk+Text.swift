import Foundation

extension Transfervermerk {
    /// The languages the note is rendered in: German for the authority's staff (the `.txt` file,
    /// the workstation), English on request.
    public enum Language: String, Sendable, CaseIterable {
        case german = "de"
        case english = "en"
    }

    /// The note in German, as `<batch>.txt` holds it.
    public var text: String { text(in: .german) }

    /// The note for people, in the order TR-RESISCAN's Transfervermerk asks for: the capture (who,
    /// when, which device and settings), the result, the checks, the anomalies by file and page,
    /// the sample check and release (recorded in a supplement), the hashes. Every value from
    /// outside (file names, names typed by people, reasons) is escaped onto its line: a file name
    /// with a line break cannot add a line such as "Automatische Prüfungen: bestanden".
    public func text(in language: Language) -> String {
        let de = language == .german
        func say(_ german: String, _ english: String) -> String { de ? german : english }
        let line = PlainText.line
        func field(_ label: String, _ value: String) -> String {
            (label + ":").padding(toLength: 28, withPad: " ", startingAt: 0) + value
        }
        var lines = [
            say("Transfervermerk nach BSI TR-03138 (TR-RESISCAN)", "Transfervermerk (transfer note, BSI TR-03138 TR-RESISCAN)"),
            field(say("Stapel", "Batch"), batch),
            "",
            say("1. Erfassung", "1. Capture"),
            field(say("Eingescannt von", "Scanned by"), line(operatorName)),
            field(say("Zeitraum", "Time"), "\(Self.time(openedAt, de)) \(say("bis", "to")) "
                  + (closedAt.map { Self.time($0, de) } ?? say("nicht abgeschlossen", "not closed"))),
            field(say("Scanprofil", "Scanner profile"), line(profile)),
            field("Schutzbedarf", line(schutzbedarf)),
        ]
        if let capture {
            lines.append(field(say("Scanner (laut Dateien)", "Scanner (as the files say)"), capture.devices.isEmpty
                ? say("in den Dateien nicht angegeben", "not named in the files") : line(capture.devices.joined(separator: "; "))))
            lines.append(field(say("Auflösung", "Resolution"), Self.counted(capture.resolutions, de) { $0 }))
            lines.append(field(say("Farbtiefe", "Colours"), Self.counted(capture.colours, de) { Self.colours($0, de) }))
        }
        lines.append(field("Software", line(Self.software(software, de))))
        lines.append(field(say("Aktenplan", "File plan"), line(planVersion)))
        lines.append("")

        lines.append(say("2. Ergebnis", "2. Result"))
        let discarded = counts.discarded.map { say(", nicht aktenrelevant \($0)", ", discarded as nicht aktenrelevant \($0)") } ?? ""
        lines.append(field(say("Dokumente", "Documents"), say(
            "\(counts.documents) (abgelegt \(counts.filed), in Prüfung \(counts.needsReview), in Quarantäne \(counts.quarantined): ohne Datensatz\(discarded))",
            "\(counts.documents) (filed \(counts.filed), in review \(counts.needsReview), quarantined \(counts.quarantined): no record\(discarded))")))
        lines.append(field(say("Seiten", "Pages"), say(
            "\(counts.pages), davon leer \(counts.blankPagesLeftOut), Trennblätter \(counts.separatorSheets ?? 0), zum Nachscannen markiert \(counts.flaggedForRescan ?? 0)",
            "\(counts.pages), of them blank \(counts.blankPagesLeftOut), separator sheets \(counts.separatorSheets ?? 0), flagged for rescan \(counts.flaggedForRescan ?? 0)")))
        if let documents, !documents.isEmpty {
            lines.append(say("Akten und Dokumente:", "Akten and documents:"))
            for document in documents {
                let name = [document.aktenzeichen, document.title].compactMap { $0 }.joined(separator: " ")
                let state = Self.state(document.state, de)
                let placed = document.planCode.map { say(" unter \($0)", " under \($0)") } ?? ""
                let record = document.record ? say("Datensatz \(document.document.prefix(8))", "record \(document.document.prefix(8))")
                    : say("kein Datensatz", "no record")
                let shown = name.isEmpty || name == document.file ? document.file : "\(name) (\(document.file))"
                lines.append("  \(line(shown)): \(document.pages) "
                             + say("Seite(n)", "page(s)") + ", \(state)\(placed), \(record)")
            }
        }
        lines.append("")

        let passed = qualityCheck.result == "passed"
        lines.append(say("3. Automatische Prüfungen: ", "3. Automatic checks: ") + (passed ? say("bestanden", "passed") : say("Auffälligkeiten", "anomalies")))
        lines += qualityCheck.checks.map { "  [\($0.passed ? "x" : " ")] \(line(de ? Self.germanCheck($0) : $0.check))" }
        lines.append("")
        lines.append(say("4. Auffälligkeiten: ", "4. Anomalies: ") + (anomalies.isEmpty ? say("keine", "none") : String(anomalies.count)))
        for anomaly in anomalies {
            let place: String = if let file = anomaly.file, let page = anomaly.page {
                say("Datei \(line(file)), Seite \(page)", "file \(line(file)), page \(page)")
            } else {
                line(anomaly.subject)
            }
            // A manifest row's reason names its line and Aktenzeichen: kept beside the German words.
            let code = anomaly.code.flatMap(SkippedInput.Code.init(rawValue:))
            var detail = !de ? line(anomaly.detail) : code.map { code in
                Self.germanReason(code) + (code == .missingAkte ? " (\(line(anomaly.detail)))" : "")
            } ?? line(anomaly.detail)
            if de, let file = anomaly.sameAsFile {
                detail = "dasselbe Seitenbild wie Datei \(line(file)), Seite \(anomaly.sameAsPage ?? 0): fehlt eine Seite?"
            }
            lines.append("  \(Self.kind(anomaly.kind, de)): \(place): \(detail)")
        }
        lines.append("")
        lines.append(say("5. Sichtprüfung (Stichprobe) und Freigabe", "5. Visual check (sample) and release"))
        lines.append(say("  Stehen aus, wenn dieser Vermerk geschrieben wird: Stichprobe (scanctl qa sample), ihre Prüfung",
                         "  Pending when this note is written: the sample (scanctl qa sample), its check"))
        lines.append(say("  (scanctl qa check) und die Freigabe zur Vernichtung des Papiers (scanctl qa release) stehen im",
                         "  (scanctl qa check) and the release for destruction of the paper (scanctl qa release) are"))
        lines.append(say("  Nachtrag zu diesem Vermerk (transfervermerke/nachtraege/).",
                         "  recorded in this note's supplement (transfervermerke/nachtraege/)."))
        lines.append("")
        lines.append(say("6. Dateien und Seitenbilder (SHA-256)", "6. Files and page images (SHA-256)"))
        lines.append(say("Quelldateien:", "Source files:"))
        for source in sourceFiles {
            lines.append("  \(source.sha256)  \(line(source.path))" + (source.files == nil ? "" : say(" (Akte; ihre Dateien:)", " (Akte; its files:)")))
            lines += (source.files ?? []).map { "    \($0.sha256)  \(line($0.path))" }
        }
        lines.append(say("Seitenbilder:", "Page images:"))
        lines += pageImages.map { page in
            let place = page.file.map { say("Datei \(line($0)), Seite \(page.filePage ?? page.page)", "file \(line($0)), page \(page.filePage ?? page.page)") }
                ?? say("Dokument \(page.document) Seite \(page.page)", "document \(page.document) page \(page.page)")
            let marks = [page.blank ? say("leer", "blank") : nil, page.separator == true ? say("Trennblatt", "separator sheet") : nil]
                .compactMap { $0 }
            return "  \(page.sha256)  \(place)" + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))")
        }
        lines.append("")
        lines.append(say("Prüfpfad beim Schreiben: Ereignis \(auditHead.sequence), Hash \(auditHead.hash)",
                         "Audit trail at writing: event \(auditHead.sequence), hash \(auditHead.hash)"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `scanctl 0.1.0, tesseract 5.3.0, Sprachen deu`: the recorded versions in reading order.
    static func software(_ software: [String: String], _ german: Bool) -> String {
        var parts = [software["scanctl"].map { "scanctl \($0)" }, software["engine"]].compactMap { $0 }
        if let languages = software["languages"] { parts.append((german ? "Sprachen " : "languages ") + languages) }
        parts += software.keys.filter { !["scanctl", "engine", "languages"].contains($0) }.sorted().map { "\($0) \(software[$0] ?? "")" }
        return parts.joined(separator: ", ")
    }

    /// `2026-12-03T13:44:27.123Z` → `03.12.2026, 13:44 UTC` (German) or `2026-12-03 13:44 UTC`.
    static func time(_ timestamp: String, _ german: Bool) -> String {
        let date = timestamp.prefix(10), clock = timestamp.dropFirst(11).prefix(5)
        let parts = date.split(separator: "-")
        guard parts.count == 3, clock.count == 5 else { return timestamp }
        return german ? "\(parts[2]).\(parts[1]).\(parts[0]), \(clock) UTC" : "\(date) \(clock) UTC"
    }

    static func counted(_ counts: [Capture.Count], _ german: Bool, name: (String) -> String) -> String {
        guard !counts.isEmpty else { return german ? "unbekannt" : "unknown" }
        return counts.map { "\(name($0.value)) (\($0.pages) \(german ? "Seite(n)" : "page(s)"))" }.joined(separator: ", ")
    }

    static func colours(_ value: String, _ german: Bool) -> String {
        switch value {
        case PageColours.bilevel.rawValue: german ? "schwarz-weiß" : "black and white"
        case "grey": german ? "Graustufen" : "greyscale"
        case "colour": german ? "Farbe" : "colour"
        default: PlainText.line(value)
        }
    }

    static func state(_ state: String, _ german: Bool) -> String {
        german ? DocumentState(rawValue: state)?.germanName ?? state : state
    }

    static func kind(_ kind: String, _ german: Bool) -> String {
        guard german else { return PlainText.line(kind) }
        return switch kind {
        case "quarantined": "In Quarantäne"
        case "low OCR confidence": "Niedrige OCR-Konfidenz"
        case "flagged for rescan": "Zum Nachscannen markiert"
        case "not processed": "Nicht verarbeitet"
        case "not a page": "Keine Seite"
        case "duplicate page": "Doppelte Seite"
        default: PlainText.line(kind)
        }
    }

    /// Why an input was not processed, in German (the English reason stays in the JSON).
    static func germanReason(_ code: SkippedInput.Code) -> String {
        switch code {
        case .hiddenName: "versteckter oder temporärer Name (beginnt mit einem Punkt): nicht gelesen"
        case .linkOutsideFolder: "symbolische Verknüpfung aus dem Eingabeordner hinaus: nicht gefolgt"
        case .brokenLink: "symbolische Verknüpfung ins Leere"
        case .linkLoop: "Verknüpfung auf einen schon gelesenen Ordner: nicht erneut gelesen"
        case .sameFile: "dieselbe Datei, über eine Verknüpfung erneut erreicht: einmal verarbeitet"
        case .notRegularFile: "keine gewöhnliche Datei (FIFO, Gerät, Socket): nicht geöffnet"
        case .fileTooLarge: "größer als die Grenze für eine Datei: nicht gelesen"
        case .unreadableFolder: "Ordner nicht lesbar (keine Berechtigung)"
        case .notAPage: "Prüfsummen, Notiz oder Liste: nicht verarbeitet"
        case .outsideAkte: "in keiner Akte (lose im Lieferordner oder in keiner Zeile der Lieferliste): nicht verarbeitet"
        case .missingAkte: "Akte der Lieferung ohne Seite (Ordner leer oder fehlt, Zeile doppelt oder ungültig): kein Datensatz"
        }
    }

    static func germanCheck(_ check: QualityCheck.Check) -> String {
        switch check.id {
        case "inputs": "Jede Eingabe wurde verarbeitet (keine in Quarantäne, keine übersprungen; Prüfsummen und Listen ausgenommen)"
        case "confidence": String(format: "Jede Seite mit Text wurde mit mittlerer Konfidenz ≥ %.0f erkannt", lowConfidence)
        case "rescan": "Keine Seite wurde zum Nachscannen markiert (Auflösung, OCR-Konfidenz, fast leer, Schräglage)"
        case "sheets":
            if let figures = check.figures, figures.count == 3 {
                "Blattzahl abgeglichen: \(figures[0]) Seite(n) gescannt = \(figures[1]) in Dokumenten (Datensätze, leer, Trennblätter) "
                    + "+ \(figures[2]) in Dateien in Quarantäne"
            } else {
                check.check
            }
        case "records": "Jedes Dokument hat einen Datensatz oder steht in der Prüfliste (eines in Quarantäne nicht)"
        default: check.check
        }
    }
}
