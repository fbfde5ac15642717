import Foundation
internal import GRDB

extension BatchRun {
    /// Puts aside a file that never became a document (unreadable, not a scan, damaged header).
    /// When its hash is known it is registered as a quarantined document, so that the same bad file
    /// given again is reported as a duplicate rather than quarantined twice.
    func quarantineUnregistered(path: String, sha256: String?, size: Int?, error: ScanPipelineError) async throws {
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let stored = try await BlockingWork.run {
            try quarantine.keep(path: path, sha256: sha256, error: error, batch: batch, time: now)
        }
        let document = sha256 == nil ? nil : UUID().uuidString.lowercased()
        let payload = RunAuditPayload.Quarantined(path: path, sha256: sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: stored)
        let actor = runner.componentActor
        try await database.write { db in
            if let sha256, let document, let size {
                try db.execute(sql: "INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt) VALUES (?, ?, ?, ?, NULL, ?)",
                               arguments: [sha256, batch, path, size, now])
                try db.execute(sql: """
                    INSERT INTO document (id, batch, sourceFile, state, pageCount, problemCode, problem, updatedAt)
                    VALUES (?, ?, ?, ?, 0, ?, ?, ?)
                    """, arguments: [document, batch, sha256, DocumentState.quarantined.rawValue, error.code.rawValue,
                                     error.reason, now])
            }
            try AuditTrail.append(db, actor: actor, action: "file.quarantined",
                                  subjects: AuditSubjects(batch: batch, file: sha256, document: document), payload: payload)
        }
        let outcome = DocumentOutcome(document: document ?? "", source: path, sha256: sha256, state: .quarantined,
                                      note: "\(error.reason) [\(error.code.rawValue)]", pages: 0, blankPages: 0)
        settle(outcome)
        await events(.quarantined(path: path, error: error))
        await events(.settled(outcome))
    }

    /// Puts aside a registered document whose pages could not be read or recognised.
    func quarantine(_ item: WorkItem, error: ScanPipelineError) async throws {
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let stored = try await BlockingWork.run {
            try quarantine.keep(path: item.path, sha256: item.sha256, error: error, batch: batch, time: now)
        }
        let payload = RunAuditPayload.Quarantined(path: item.path, sha256: item.sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: stored)
        let actor = runner.componentActor
        try await database.write { db in
            try Self.move(db, document: item.document, to: .quarantined, extra: [
                "problemCode": error.code.rawValue, "problem": error.reason,
            ])
            try AuditTrail.append(db, actor: actor, action: "document.quarantined",
                                  subjects: AuditSubjects(batch: item.batch, file: item.sha256, document: item.document),
                                  payload: payload)
        }
        try? FileManager.default.removeItem(at: workFolder.appendingPathComponent(item.document))
        let outcome = DocumentOutcome(document: item.document, source: item.path, sha256: item.sha256, state: .quarantined,
                                      note: "\(error.reason) [\(error.code.rawValue)]", pages: item.pageCount, blankPages: 0)
        settle(outcome)
        await events(.quarantined(path: item.path, error: error))
        await events(.settled(outcome))
    }

    /// Records a settled document in the summary.
    func settle(_ outcome: DocumentOutcome) {
        summary.documents.append(outcome)
        switch outcome.state {
        case .filed: summary.filed += 1
        case .needsReview: summary.needsReview += 1
        case .quarantined: summary.quarantined += 1
        default: break
        }
    }

    /// Moves a document to `state`, refusing transitions the state machine does not allow.
    static func move(_ db: Database, document: String, to state: DocumentState, extra: [String: (any DatabaseValueConvertible)?] = [:]) throws {
        guard let current = try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [document])
            .flatMap(DocumentState.init(rawValue:)) else {
            throw ScanPipelineError(.workspace, "document \(document) is not in the workspace")
        }
        guard current == state || current.successors.contains(state) else {
            throw ScanPipelineError(.workspace, "document \(document) cannot move from \(current.rawValue) to \(state.rawValue)")
        }
        var assignments = ["state = ?", "updatedAt = ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [state.rawValue, AuditTrail.timestamp(Date())]
        for (column, value) in extra.sorted(by: { $0.key < $1.key }) {
            assignments.append("\(column) = ?")
            arguments.append(value)
        }
        arguments.append(document)
        try db.execute(sql: "UPDATE document SET \(assignments.joined(separator: ", ")) WHERE id = ?",
                       arguments: StatementArguments(arguments))
    }
}
