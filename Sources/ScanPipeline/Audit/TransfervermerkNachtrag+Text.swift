import Foundation

extension TransfervermerkNachtrag {
    /// The supplement in German, as its `.txt` file holds it.
    public var text: String { text(in: .german) }

    /// The supplement for people: the sample checks with every check by file and page, the rescans
    /// since the Transfervermerk, the release. Values from outside are escaped onto their line.
    public func text(in language: Transfervermerk.Language) -> String {
        let de = language == .german
        func say(_ german: String, _ english: String) -> String { de ? german : english }
        let line = PlainText.line
        let time = { (stamp: String) in Transfervermerk.time(stamp, de) }
        let byReference = Dictionary(places.map { ($0.reference, $0) }) { first, _ in first }
        func place(_ page: QualityReport.Page) -> String {
            guard let found = byReference[page.reference] else {
                return say("Datei \(line(page.file)), Seite \(page.page)", "file \(line(page.file)), page \(page.page)")
            }
            let akte = found.aktenzeichen.map { say("Akte \(line($0)), Seite \(page.page): ", "Akte \(line($0)), page \(page.page): ") } ?? ""
            return akte + say("Datei \(line(found.file)), Seite \(found.filePage)", "file \(line(found.file)), page \(found.filePage)")
        }
        var lines = [
            say("Nachtrag zum Transfervermerk (BSI TR-03138 TR-RESISCAN): Sichtprüfung und Freigabe",
                "Supplement to the Transfervermerk (BSI TR-03138 TR-RESISCAN): visual check and release"),
            say("Stapel:                     ", "Batch:                      ") + batch,
            say("Zum Transfervermerk:        ", "Completes:                  ") + "\(transfervermerk), SHA-256 \(transfervermerkSHA256)",
            say("Geschrieben:                ", "Written:                    ") + time(writtenAt),
            "",
            say("1. Stichprobenprüfung (Sichtvergleich mit dem Papier)", "1. Sample check (visual comparison with the paper)"),
        ]
        for round in quality.rounds {
            let asked = round.ratePercent.map { String(format: "%g %%", $0) } ?? round.count.map { say("\($0) Seiten", "\($0) pages") } ?? ""
            let result = switch round.result {
            case .passed: say("bestanden", "passed")
            case .failed: say("nicht bestanden", "failed")
            case .open: say("nicht abgeschlossen", "not finished")
            }
            lines.append(say("  Runde \(round.number)\(round.tightened ? " (verschärft)" : ""): \(asked), \(round.sampleSize) von \(round.population) Seiten, "
                             + "zulässig höchstens \(round.acceptance) \(round.acceptance == 1 ? "Mangel" : "Mängel"); Startwert \(round.seed); gezogen von \(line(round.drawnBy)) am \(time(round.drawnAt)); "
                             + "geprüft \(round.checked), Mängel \(round.defects): \(result)",
                             "  Round \(round.number)\(round.tightened ? " (tightened)" : ""): \(asked), \(round.sampleSize) of \(round.population) pages, "
                             + "at most \(round.acceptance) defect\(round.acceptance == 1 ? "" : "s") allowed; seed \(round.seed); drawn by \(line(round.drawnBy)) on \(time(round.drawnAt)); "
                             + "checked \(round.checked), defects \(round.defects): \(result)"))
        }
        lines.append(say("  Prüfungen:", "  Checks:"))
        for check in quality.checks {
            let outcome = check.outcome == .ok ? say("in Ordnung", "in order")
                : say("Mangel „\(check.defect?.germanName ?? "?")“", "defect \(check.defect?.rawValue ?? "?")") + (check.note.map { ": \(line($0))" } ?? "")
            lines.append("    \(place(check.page)) — \(outcome) — " + say("geprüft von \(line(check.checkedBy)) am \(time(check.checkedAt))",
                                                                         "checked by \(line(check.checkedBy)) on \(time(check.checkedAt))")
                         + (check.superseded ? say(" (durch eine spätere Prüfung ersetzt)", " (replaced by a later check)") : ""))
        }
        lines.append(say("  Ergebnis: ", "  Result: ") + (quality.verdict == .passed ? say("bestanden", "passed") : line(quality.verdict.rawValue))
                     + " (\(line(de ? quality.germanVerdictReason : quality.verdictReason)))")
        lines.append(say("  Mängel behoben: \(quality.resolvedDefects.count), offen: \(quality.openDefects.count)",
                         "  Defects resolved: \(quality.resolvedDefects.count), open: \(quality.openDefects.count)"))
        lines.append("")
        lines.append(say("2. Nachscans seit dem Transfervermerk", "2. Rescans since the Transfervermerk") + (rescans.isEmpty ? say(": keine", ": none") : ""))
        for rescan in rescans {
            let pages = rescan.pages.map(String.init).joined(separator: ", ")
            let what = rescan.kind == "replaced" ? say("Seite(n) \(pages) ersetzt", "page(s) \(pages) replaced")
                : say("Markierung der Seite(n) \(pages) belassen", "flag of page(s) \(pages) accepted")
            lines.append("  " + say("Dokument", "document") + " \(rescan.document.prefix(8)): \(what), "
                         + say("von \(line(rescan.by)) am \(time(rescan.at))", "by \(line(rescan.by)) on \(time(rescan.at))")
                         + (rescan.reason.map { ": \(line($0))" } ?? ""))
        }
        lines.append("")
        lines.append(say("3. Freigabe zur Vernichtung des Papiers", "3. Release of the paper for destruction"))
        if let release = quality.release {
            lines.append(say("  Freigegeben von \(line(release.by)) am \(time(release.at))", "  Released by \(line(release.by)) on \(time(release.at))")
                         + (release.reason.map { say("; Grund: ", "; reason: ") + line($0) } ?? ""))
            lines.append(say("  Voraussetzungen erfüllt: Stichprobe bestanden, jeder Mangel behoben, keine Seite zum Nachscannen markiert, keine Datei in Quarantäne.",
                             "  Conditions met: sample passed, every defect resolved, no page flagged for rescan, no file in quarantine."))
            lines.append(say("  Die Freigabe gilt für das Papier dieser Akten und Dokumente (je mit Datensatz):",
                             "  The release covers the paper of these Akten and documents (each with a record):"))
            lines += covered.map { "    \(line($0))" }
            if !quality.unprocessed.isEmpty {
                lines.append(say("  Ausgenommen (nicht verarbeitet, kein Datensatz: das Papier darf nicht vernichtet werden):",
                                 "  Excepted (not processed, no record: the paper must not be destroyed):"))
                lines += quality.unprocessed.map { "    \(line($0.path)): \(line($0.reason))" }
            }
        } else {
            lines.append(say("  Noch nicht freigegeben.", "  Not released yet."))
        }
        lines.append("")
        lines.append(say("Prüfpfad beim Schreiben: Ereignis \(auditHead.sequence), Hash \(auditHead.hash)",
                         "Audit trail at writing: event \(auditHead.sequence), hash \(auditHead.hash)"))
        return lines.joined(separator: "\n") + "\n"
    }
}
