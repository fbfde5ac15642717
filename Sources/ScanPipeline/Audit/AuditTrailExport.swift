import CSV
public import Foundation

/// The audit trail as a file for an external auditor: every event with its stored fields (the
/// payload as the exact canonical JSON text that was hashed), and the chain's head, so the auditor
/// can recompute `hash = SHA-256(previousHash ‖ canonical event)` for every row and compare the
/// last hash with the head stated here (and in a Transfervermerk's seal).
public struct AuditTrailExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case json
        case csv
    }

    public var verification: AuditTrail.Verification
    public var events: [AuditEvent]
    /// The whole trail's last event, whatever the filter (verified only when the chain is intact).
    public var headSequence: Int64
    public var headHash: String
    public var exportedAt: Date

    static let columns = ["sequence", "time", "actorKind", "actorName", "actorVersion", "action", "batch", "file", "document",
                          "payload", "previousHash", "hash"]

    public func data(_ format: Format) throws -> Data {
        switch format {
        case .json: try json()
        case .csv: try csv()
        }
    }

    private struct Document: Encodable {
        struct Head: Encodable {
            var sequence: Int64
            var hash: String
        }
        var format = "scanctl audit trail export 1"
        var hashRule = "hash = SHA-256(previousHash || canonical event JSON with sorted keys, payload verbatim)"
        var exportedAt: String
        var intact: Bool
        var firstBroken: AuditTrail.Verification.BrokenEvent?
        var head: Head
        var events: [AuditEvent]
    }

    private func json() throws -> Data {
        let document = Document(exportedAt: AuditTrail.timestamp(exportedAt), intact: verification.isIntact,
                                firstBroken: verification.firstBroken,
                                head: .init(sequence: headSequence, hash: headHash), events: events)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// RFC 4180 (CSV.swift quotes fields with commas, quotes or line breaks), one event per row; the
    /// last row's hash is the head when the whole trail is exported.
    private func csv() throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: Self.columns)
        for event in events {
            try writer.write(row: [String(event.sequence), event.time, event.actorKind.rawValue, event.actorName,
                                   event.actorVersion ?? "", event.action, event.batch ?? "", event.file ?? "",
                                   event.document ?? "", event.payload, event.previousHash, event.hash])
        }
        writer.stream.close()
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw ScanPipelineError(.workspace, "the CSV export could not be assembled")
        }
        data.append(contentsOf: Array("\r\n".utf8))
        return data
    }
}

extension Workspace {
    /// The full document or batch id the audit trail names for an id or its start (at least 4
    /// characters); an error when none or several match, so a filter never silently selects nothing.
    public func auditSubject(_ reference: String, column: AuditSubjectColumn) async throws -> String {
        let matches = try await auditLog.subjects(matching: reference, in: column)
        if matches.contains(reference) { return reference }
        guard matches.count == 1, let match = matches.first else {
            throw ScanPipelineError(.workspace, matches.isEmpty
                ? "no audit event names a \(column.rawValue) \(reference)\(reference.count < 4 ? " (give at least 4 characters)" : "")"
                : "\(reference) is the start of \(matches.count) \(column.rawValue) ids; give more characters")
        }
        return match
    }

    /// The audit trail (or the events about one batch or document) with the chain's verification.
    public func auditTrailExport(document: String? = nil, batch: String? = nil) async throws -> AuditTrailExport {
        let verification = try await verifyAuditTrail()
        let events = try await auditEvents(document: document, batch: batch)
        let head = try await auditLog.head()
        return AuditTrailExport(verification: verification, events: events, headSequence: head.sequence,
                                headHash: head.hash, exportedAt: Date())
    }
}

/// Which subject column an id names: a document or a batch.
public enum AuditSubjectColumn: String, Sendable {
    case document
    case batch
}
