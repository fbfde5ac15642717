import Foundation

/// Quarantine you can act on: listing what was put aside, releasing it with a reason, and finding
/// the file to run again for a retry (the run itself is a `BatchRunner` run with
/// `RunConfiguration.retrying`, which closes the quarantined document in the transaction that
/// registers its successor).
extension Workspace {
    /// What a retry will run for one quarantined document.
    public struct QuarantineRetry: Sendable, Codable, Equatable {
        public var id: String
        /// The file to run: the original path, or the copy kept in quarantine when it is gone.
        public var path: String
        public var fromCopy: Bool
        /// The file at the original path has other content than the one quarantined.
        public var replacement: Bool
    }

    /// Every quarantined document (open, released or retried), oldest first.
    public func quarantineEntries(only ids: [String]? = nil) async throws -> [QuarantineEntry] {
        let folder = quarantineFolder
        // The store keeps names relative to the quarantine folder; people are shown where the files are.
        let entries = try await quarantineLedger.quarantineEntries().map { stored in
            var entry = stored
            entry.storedAs = stored.storedAs.map { folder.appendingPathComponent($0).path }
            entry.reasonFile = folder.appendingPathComponent(stored.reasonFile).path
            return entry
        }
        guard let ids else { return entries }
        return ids.compactMap { id in entries.first { $0.id == id } }
    }

    /// The full ids for ids or unique starts of ids (at least 4 characters) of quarantined documents.
    public func quarantineIDs(_ references: [String]) async throws -> [String] {
        let all = try await quarantineLedger.quarantinedDocumentIDs()
        return try references.map { reference in
            let wanted = reference.lowercased()
            guard wanted.count >= 4 else {
                throw ScanPipelineError(.quarantine, "\(reference): give at least 4 characters of the quarantined document's id")
            }
            let matches = all.filter { $0.hasPrefix(wanted) }
            guard matches.count == 1, let match = matches.first else {
                throw ScanPipelineError(.quarantine, matches.isEmpty
                    ? "no quarantined document has an id starting with \(reference) (scanctl quarantine list shows them)"
                    : "\(reference) is the start of \(matches.count) quarantined document ids; give more characters")
            }
            return match
        }
    }

    /// One quarantined document in full, with its reason file and audit history.
    public func quarantineDetail(_ id: String) async throws -> QuarantineDetail {
        guard let entry = try await quarantineEntries(only: [id]).first else {
            throw ScanPipelineError(.quarantine, "document \(id) was never quarantined")
        }
        let inspected = try await BlockingWork.run { () -> (QuarantineDetail.ReasonFile?, Bool, Bool?, Bool) in
            let fileManager = FileManager.default
            let reason = fileManager.contents(atPath: entry.reasonFile)
                .flatMap { try? JSONDecoder().decode(QuarantineDetail.ReasonFile.self, from: $0) }
            let present = fileManager.fileExists(atPath: entry.source)
            let unchanged = present ? (try? Ingestor.hash(entry.source)).map { $0.hash == entry.sha256 } : nil
            return (reason, present, unchanged, entry.storedAs.map { fileManager.fileExists(atPath: $0) } ?? false)
        }
        return QuarantineDetail(entry: entry, reasonFile: inspected.0, sourcePresent: inspected.1, sourceUnchanged: inspected.2,
                                copyPresent: inspected.3, history: try await auditEvents(document: id))
    }

    /// Releases as ``releaseFromQuarantine(_:reason:operatorName:)``, by an authenticated user
    /// whose role handles the quarantine (the browser workstation).
    public func releaseFromQuarantine(_ id: String, reason: String, by user: AuthenticatedUser) async throws -> QuarantineEntry {
        try user.require(.handleQuarantine, to: "release documents from quarantine")
        return try await releaseFromQuarantine(id, reason: reason, operatorName: user.name)
    }

    /// Closes an open quarantined document with a reason (returned to the sender, not needed): its
    /// state, its quarantine row and the `quarantine.released` event change in one transaction.
    public func releaseFromQuarantine(_ id: String, reason: String, operatorName: String) async throws -> QuarantineEntry {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3 else {
            throw ScanPipelineError(.quarantine, "a release needs a reason (--reason, at least 3 characters): why no record is made")
        }
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScanPipelineError(.quarantine, "say who releases it (--operator NAME)")
        }
        let now = Date()
        try await quarantineLedger.release(id) { stored in
            guard stored.state == .quarantined else {
                let closed = stored.retriedAs.map { "was retried as document \($0)" }
                    ?? "was released already by \(stored.closedBy ?? "?") at \(stored.closedAt ?? "?")"
                throw ScanPipelineError(.quarantine, "document \(id) \(closed)")
            }
            let next = try DocumentLifecycle.target(of: .released, from: stored.state)
            let payload = QuarantineAuditPayload.Released(
                operator: operatorName, previousState: stored.state.rawValue, state: next.rawValue, reason: reason,
                code: stored.problemCode, path: stored.path)
            return QuarantineRelease(state: next, closedBy: operatorName, reason: reason,
                                     audit: AuditEntry(actor: .person(operatorName), subjects: stored.subjects, payload: payload, at: now))
        }
        return try await quarantineEntries(only: [id])[0]
    }

    /// The file to run for each document to retry, checked before anything runs: the document must
    /// be open or released; the file at its original path is run (the same file, or a replacement
    /// put in its place), else the copy kept in quarantine. A document split from a file whose
    /// other documents are filed is refused when the same file would run again: they would be
    /// filed twice.
    public func retryPlan(_ ids: [String]) async throws -> [QuarantineRetry] {
        let entries = try await quarantineEntries(only: ids)
        var plans: [QuarantineRetry] = []
        for entry in entries {
            switch entry.status {
            case .retried:
                throw ScanPipelineError(.quarantine, "document \(entry.id) was retried already, as document \(entry.retriedAs ?? "?")"
                                        + " (\(entry.retriedState ?? "?")); retry that one if it is quarantined again")
            case .open, .released: break
            }
            let found = try await BlockingWork.run { () -> (path: String, fromCopy: Bool, sha256: String)? in
                if let hashed = try? Ingestor.hash(entry.source) { return (entry.source, false, hashed.hash) }
                if let copy = entry.storedAs, let hashed = try? Ingestor.hash(copy) { return (copy, true, hashed.hash) }
                return nil
            }
            guard let found else {
                throw ScanPipelineError(.quarantine, path: entry.source, "document \(entry.id): neither the file nor a copy in "
                                        + "quarantine is there to run again; put the file (or a new scan of it) back at this path")
            }
            if found.sha256 != entry.sha256, try await quarantineLedger.documentsOutsideQuarantine(sourceFile: found.sha256) > 0 {
                // Run, it would only be reported as a duplicate and the entry would stay open.
                throw ScanPipelineError(.quarantine, path: found.path, "document \(entry.id): the file now at this path is already "
                                        + "in the workspace as another document; release this one with a reason instead")
            }
            if found.sha256 == entry.sha256 {
                let live = try await quarantineLedger.documentsOutsideQuarantine(sourceFile: entry.sha256)
                if live > 0 {
                    throw ScanPipelineError(.quarantine, path: found.path, "document \(entry.id) was split from this file, whose "
                                            + "other \(live) document(s) are filed: running it again would file them twice; "
                                            + "scan this document on its own, put it at \(entry.source) and retry")
                }
            }
            plans.append(QuarantineRetry(id: entry.id, path: found.path, fromCopy: found.fromCopy,
                                         replacement: found.sha256 != entry.sha256))
        }
        return plans
    }
}
