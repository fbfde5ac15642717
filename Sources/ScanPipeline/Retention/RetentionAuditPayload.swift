/// The payloads of Aussonderung and disposal events: which process and message, what the archive
/// said, which files were removed, who (the event's actor), when (its time) and why.
extension Workspace {
    /// `aussonderung.offered`: the record is listed in an Anbieteverzeichnis (0501).
    struct AussonderungOffered: AuditPayload {
        static let actions: [AuditAction] = [.aussonderungOffered]
        var process: String
        var message: String
        var messageSHA256: String
        /// The Schriftgutobjekt (Akte) the message lists the record in.
        var akte: String
        /// A or B; A is proposed as archivwürdig (Bewertungsvorschlag).
        var disposal: String
        var retentionEnd: String?
        var previousState: String
    }

    /// `aussonderung.evaluated`: the archive's Bewertung (0502) of the record.
    struct AussonderungEvaluated: AuditPayload {
        static let actions: [AuditAction] = [.aussonderungEvaluated]
        var process: String
        var message: String
        var messageSHA256: String
        /// A (archivwürdig) or V (kassabel).
        var decision: String
        /// The Schriftgutobjekt the Bewertung named (the Akte, or the record itself).
        var evaluatedObject: String
    }

    /// `aussonderung.handed-over`: the record and its files in an Aussonderung (0503).
    struct AussonderungHandedOver: AuditPayload {
        static let actions: [AuditAction] = [.aussonderungHandedOver]
        var process: String
        var message: String
        var messageSHA256: String
        var pdfSHA256: String
        var metadataSHA256: String
    }

    /// `aussonderung.confirmed`: a receipt of the archive read. A 0506 confirms the import per
    /// Schriftgutobjekt (success, or the archive's error); 0504, 0505 and 0507 confirm receipt of
    /// a message and carry no record.
    struct AussonderungConfirmed: AuditPayload {
        static let actions: [AuditAction] = [.aussonderungConfirmed]
        var process: String
        var message: String
        var messageSHA256: String
        /// 0504, 0505, 0506 or 0507.
        var messageType: String
        var object: String?
        var success: Bool?
        var archiveID: String?
        var error: String?
    }

    /// `record.disposed`: the deletion protocol (Löschprotokoll). The record's files were removed
    /// after this event was committed; the trail keeps the record's history and these hashes.
    struct RecordDisposed: AuditPayload, Equatable {
        static let actions: [AuditAction] = [.recordDisposed]
        struct File: Codable, Sendable, Equatable {
            var name: String
            var sha256: String
        }

        var record: String
        var aktenzeichen: String?
        var planCode: String?
        var planTitle: String?
        var title: String
        var retentionEnd: String?
        var disposal: String?
        /// `vernichten` (V, retention ended), `kassabel` (the archive's Bewertung) or `archiviert`
        /// (the archive confirmed the import).
        var grounds: String
        var process: String?
        var reason: String
        var previousState: String
        var files: [File]
        /// The protocol's file in the workspace (`loeschprotokolle/<name>`).
        var protocolFile: String
    }
}
