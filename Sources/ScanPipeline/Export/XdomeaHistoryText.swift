import Foundation

/// A record's audit events as the history an archive's staff read (xdomea
/// HistorienProtokollInformation): who, when, what changed from what to what, and why, in German
/// sentences. No server paths (a file is named by its name alone) and no raw JSON: the audit trail
/// keeps every detail, the history says what happened. Per-page events (derived, recognised) are
/// summed up by the document's recognition, so a record's history stays a few lines.
enum XdomeaHistoryText {
    struct Entry: Sendable, Equatable {
        var actor: String
        var time: String
        var action: String
        var remark: String?
        /// What changed (xdomea MetadatumName) from what to what.
        var field: String?
        var oldValue: String?
        var newValue: String?
    }

    static func entries(for events: [AuditEvent]) -> [Entry] {
        events.compactMap(entry)
    }

    /// The entry for one event; nil for the per-page events a document's recognition sums up.
    static func entry(_ event: AuditEvent) -> Entry? {
        let who = actor(event)
        var entry = Entry(actor: who, time: event.time, action: "")
        switch event.knownAction {
        case .pageDerived?, .pageRecognised?:
            return nil
        case .batchOpened?:
            let batch = event.payload(as: RunAuditPayload.BatchOpened.self)
            entry.actor = batch?.operator ?? who
            entry.action = "Eingescannt von \(batch?.operator ?? who) am \(day(event.time))"
                + (batch.map { " (Scanprofil \($0.profile), Schutzbedarf \($0.schutzbedarf))" } ?? "")
        case .fileIngested?:
            let file = event.payload(as: RunAuditPayload.FileIngested.self)
            if let file, let akte = file.akte {
                // An Akte of a delivery: its folder, its files, and where its Aktenzeichen came from.
                entry.action = "Akte aus der Lieferung eingelesen: „\(name(file.path))“ (\(pages(file.pages)) in \(akte.files.count) "
                    + "Datei\(akte.files.count == 1 ? "" : "en")" + (akte.aktenzeichen.map {
                        ", Aktenzeichen \($0) laut \(akte.origin == DeliveryAkte.Origin.manifest.rawValue ? "Lieferliste" : "Ordnername")"
                    } ?? "") + (file.device.map { ", Scanner \($0)" } ?? "") + ")"
            } else {
                entry.action = "Datei eingelesen" + (file.map { ": „\(name($0.path))“ (\($0.format.uppercased()), \(pages($0.pages)))" } ?? "")
            }
        case .documentSeparated?:
            let separated = event.payload(as: RunAuditPayload.DocumentSeparated.self)
            entry.action = "Als Dokument erfasst" + (separated.map { " mit \(pages($0.pages))" } ?? "")
        case .documentSplit?:
            entry.action = "An Trennblättern in Dokumente geteilt"
        case .documentRecognised?:
            let recognised = event.payload(as: RunAuditPayload.DocumentRecognised.self)
            entry.action = "Texterkennung" + (recognised.map { payload in
                " für \(pages(payload.pages))"
                    + (payload.meanConfidence.map { String(format: ", mittlere Erkennungssicherheit %.0f %%", $0 <= 1 ? $0 * 100 : $0) } ?? "")
                    + (payload.blankPages.isEmpty ? "" : ", leere Seiten: \(list(payload.blankPages))")
            } ?? "")
        case .documentClassified?:
            let classified = event.payload(as: RunAuditPayload.DocumentClassified.self)
            entry.field = "Aktenplaneinheit"
            entry.newValue = classified?.filedUnder
            if let classified {
                let placed = classified.filedUnder.map { "der Aktenplaneinheit \($0) zugeordnet" } ?? "keiner Aktenplaneinheit zugeordnet"
                entry.action = "Automatisch \(placed)" + (classified.decision == "filed" ? " und abgelegt" : ", zur Prüfung vorgelegt")
                entry.remark = "Klassifikator \(classified.classifierVersion), Aktenplan \(classified.planVersion)"
                    + (classified.reviewReason.map { "; Grund der Prüfung: \($0)" } ?? "")
            } else {
                entry.action = "Automatisch klassifiziert"
            }
        case .recordWritten?:
            let written = event.payload(as: RunAuditPayload.RecordWritten.self)
            entry.action = "Als PDF/A-Aktenstück abgelegt" + (written.map { payload in
                " (\(pages(payload.pages))"
                    + (payload.blankPagesLeftOut.isEmpty ? "" : ", leere Seiten \(list(payload.blankPagesLeftOut)) nicht übernommen")
                    + ")" + (payload.retention.map { "; Aufbewahrung \(german(retention: $0))" } ?? "")
                    + (payload.disposal.map { ", Aussonderungsart \($0)" } ?? "")
            } ?? "")
        case .recordRewritten?:
            entry.action = "Metadaten des Aktenstücks nach der Prüfung neu geschrieben"
        case .documentReviewed?:
            let reviewed = event.payload(as: ReviewAuditPayload.Reviewed.self)
            entry.field = "Aktenplaneinheit"
            entry.oldValue = reviewed?.previousCode
            entry.newValue = reviewed?.code
            if let reviewed {
                entry.action = reviewed.decision == "reclassified"
                    ? "Umgeordnet von \(reviewed.previousCode ?? "ohne Zuordnung") nach \(reviewed.code) durch \(reviewed.reviewer)"
                    : "Zuordnung zu \(reviewed.code) geprüft und bestätigt durch \(reviewed.reviewer)"
                entry.remark = because(reviewed.reason, approvedBy: reviewed.approvedBy)
            } else {
                entry.action = "Geprüft"
            }
        case .reviewRequested?:
            let requested = event.payload(as: ReviewAuditPayload.Requested.self)
            entry.action = requested.map { "Umordnung von \($0.fromCode ?? "ohne Zuordnung") nach \($0.toCode) beantragt (Vier-Augen-Prinzip)" }
                ?? "Änderung beantragt"
            entry.remark = requested.map { "Grund: \($0.reason)" }
        case .reviewRejected?:
            let rejected = event.payload(as: ReviewAuditPayload.Rejected.self)
            entry.action = rejected.map { ($0.withdrawn ? "Antrag zurückgezogen" : "Antrag abgelehnt") + ": \($0.fromCode ?? "ohne Zuordnung") nach \($0.toCode)" }
                ?? "Antrag abgelehnt"
            entry.remark = rejected.map { "Grund: \($0.reason)" }
        case .documentDiscarded?:
            let discarded = event.payload(as: ReviewAuditPayload.Discarded.self)
            entry.action = "Als nicht aktenrelevant ausgesondert"
            entry.remark = discarded.flatMap { because($0.reason, approvedBy: $0.approvedBy) }
        case .documentRescanned?:
            let rescanned = event.payload(as: RescanAuditPayload.Rescanned.self)
            entry.action = rescanned.map { "Seiten \(list($0.pages.map(\.number))) neu eingescannt aus Datei „\(name($0.file))“" }
                ?? "Seiten neu eingescannt"
            entry.remark = rescanned?.reason.map { "Grund: \($0)" }
        case .rescanFlagAccepted?:
            let accepted = event.payload(as: RescanAuditPayload.Accepted.self)
            entry.action = accepted.map { "Seiten \(list($0.pages.map(\.number))) ohne Neuscan angenommen" } ?? "Seiten ohne Neuscan angenommen"
            entry.remark = accepted.map { "Grund: \($0.reason)" }
        case .documentQuarantined?:
            entry.action = "Zurückgestellt (Quarantäne)"
        case .quarantineRetried?:
            entry.action = "Erneut verarbeitet"
        case .recordIntegrityFailed?:
            let failed = event.payload(as: Workspace.IntegrityFailed.self)
            entry.action = "Integritätsprüfung fehlgeschlagen" + (failed.map { ": Datei „\(name($0.file))“ \($0.problem)" } ?? "")
        case .aussonderungOffered?:
            let offered = event.payload(as: Workspace.AussonderungOffered.self)
            entry.action = "Dem Archiv zur Übernahme angeboten (Anbieteverzeichnis)"
            entry.remark = offered.map { "Aussonderungsart \($0.disposal), Aufbewahrungsende \($0.retentionEnd ?? "-")" }
        case .aussonderungEvaluated?:
            let evaluated = event.payload(as: Workspace.AussonderungEvaluated.self)
            entry.field = "Bewertung"
            entry.newValue = evaluated.map { $0.decision == "A" ? "archivwürdig" : "kassabel" }
            entry.action = "Vom Archiv bewertet" + (entry.newValue.map { ": \($0)" } ?? "")
        case .aussonderungHandedOver?:
            entry.action = "An das Archiv ausgesondert (Aussonderung)"
        case .aussonderungConfirmed?:
            entry.action = "Übernahme durch das Archiv bestätigt"
        case .qualityPageChecked?:
            // The sample check of one of the record's pages against its paper (TR-RESISCAN).
            let checked = event.payload(as: QualityAuditPayload.PageChecked.self)
            entry.action = checked.map { check in
                "Stichprobe: Seite \(check.page.page) mit dem Papier verglichen: "
                    + (check.verdict == QualityReport.Outcome.ok.rawValue ? "in Ordnung"
                        : "Mangel „\(check.defect.flatMap(QualityDefect.init(rawValue:))?.germanName ?? check.defect ?? "")“")
            } ?? "Stichprobe: Seite mit dem Papier verglichen"
            entry.remark = checked?.note.map { "Beschreibung: \($0)" }
        case .qualitySampleDrawn?:
            entry.action = "Stichprobe gezogen"
        case .qualityReleased?:
            entry.action = "Papier zur Vernichtung freigegeben"
        default:
            entry.action = "Bearbeitet (\(event.action))"
        }
        return entry
    }

    /// A person by name; a component with its version.
    static func actor(_ event: AuditEvent) -> String {
        switch event.actorKind {
        case .person: event.actorName
        case .component: event.actorVersion.map { "\(event.actorName) \($0) (automatisch)" } ?? "\(event.actorName) (automatisch)"
        }
    }

    /// `2026-12-01T…` → `01.12.2026`.
    static func day(_ time: String) -> String { D3Exporter.germanDate(time) }

    /// A file's name without the folders it was in on the server.
    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    static func pages(_ count: Int) -> String { count == 1 ? "1 Seite" : "\(count) Seiten" }

    static func list(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ", ") }

    /// `10 years` → `10 Jahre`, `permanent` → `dauernd`.
    static func german(retention: String) -> String {
        retention == "permanent" ? "dauernd" : retention.replacingOccurrences(of: "years", with: "Jahre")
            .replacingOccurrences(of: "year", with: "Jahr")
    }

    private static func because(_ reason: String?, approvedBy: String?) -> String? {
        let parts = [reason.map { "Grund: \($0)" }, approvedBy.map { "freigegeben von \($0) (Vier-Augen-Prinzip)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
