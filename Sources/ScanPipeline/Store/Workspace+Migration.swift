public import Foundation

/// What `scanctl workspace migrate` moved, and what checking the target found.
public struct WorkspaceMigration: Sendable, Codable, Equatable {
    public struct Table: Sendable, Codable, Equatable {
        public var name: String
        public var rows: Int
    }

    public var from: String
    public var to: String
    public var tables: [Table] = []
    public var files = 0
    /// Ingested files of unfinished documents copied for the workers (`sources/`).
    public var sourceCopies = 0
    /// Unfinished documents whose file could not be copied: a worker cannot read them; named.
    public var sourcesMissing: [String] = []
    public var auditEvents = 0
    public var auditHead: String = ""
    /// Problems found checking the target after the move; empty when it is the same workspace.
    public var problems: [String] = []

    public var verified: Bool { problems.isEmpty }
}

extension Workspace {
    /// Moves this workspace (SQLite) into an empty shared one: every table's rows as they are (the
    /// audit trail with its hashes, so it is the same chain), every file of `records/`,
    /// `quarantine/`, `models/` and `transfervermerke/` and the head file, and a copy of each
    /// unfinished document's file for the workers. The workspace is claimed meanwhile, so no run
    /// writes to it. Then the target is checked: the same rows in every table, the same audit head,
    /// its trail and record files verified. A `workspace.migrated` event in the target ends it.
    package func migrate(to target: Workspace, by operatorName: String) async throws -> WorkspaceMigration {
        guard let source = store as? any StoreExport else {
            throw ScanPipelineError(.workspace, path: root.path, "only an SQLite workspace can be moved from")
        }
        guard let sink = target.store as? any StoreImport else {
            throw ScanPipelineError(.workspace, path: target.databasePath, "this store cannot take a workspace")
        }
        return try await workQueue.holding(for: "scanctl workspace migrate") {
            let before = try await verifyTrail()
            guard before.isIntact else {
                throw ScanPipelineError(.brokenTrail, path: root.path, "the audit trail does not verify, so it is not moved: \(before.summary())")
            }
            guard try await sink.isEmpty() else {
                throw ScanPipelineError(.workspace, path: target.databasePath, "the target already holds a workspace: a move goes only into an empty one")
            }
            var report = WorkspaceMigration(from: databasePath, to: target.databasePath)
            let tables = try await source.exportedTables()
            for table in tables {
                let chunk = 1000
                var offset = 0
                while true {
                    let rows = try await source.rows(of: table, offset: offset, limit: chunk)
                    if rows.isEmpty { break }
                    try await sink.insert(rows, into: table)
                    offset += rows.count
                    if rows.count < chunk { break }
                }
                report.tables.append(.init(name: table.name, rows: offset))
            }
            try await sink.finishImport()
            report.files = try await BlockingWork.run { try self.copyFiles(to: target) }
            try await copySources(to: target, report: &report)

            // The same workspace, checked: every table's rows, the trail's end, and the trail and
            // record files verified where they are now.
            for table in tables {
                let (from, to) = (try await source.rowCount(of: table), try await sink.rowCount(of: table))
                if from != to { report.problems.append("table \(table.name): \(from) rows here, \(to) in the target") }
            }
            let (sourceHead, targetHead) = (try await auditLog.head(), try await target.auditLog.head())
            if sourceHead != targetHead {
                report.problems.append("the audit trail ends at event \(sourceHead.sequence) here, at \(targetHead.sequence) in the target")
            }
            let after = try await target.verifyTrail(records: true)
            report.problems += after.problems.map(\.message)
            report.auditEvents = after.events
            report.auditHead = after.lastHash
            if report.verified {
                try await target.auditLog.append(AuditEntry(
                    actor: .person(operatorName), action: .workspaceMigrated,
                    payload: WorkspaceMigratedPayload(from: report.from, to: report.to, auditHead: report.auditHead,
                                                      events: report.auditEvents, tables: report.tables.count,
                                                      rows: report.tables.reduce(0) { $0 + $1.rows }, files: report.files)))
            }
            return report
        }
    }

    /// Copies the folders of files into the target's file store (written under a temporary name and
    /// renamed, as every file of a shared store); returns how many files.
    private func copyFiles(to target: Workspace) throws -> Int {
        let fileManager = FileManager.default
        var copied = 0
        for folder in ["records", "quarantine", "models", "transfervermerke"] {
            let from = root.appendingPathComponent(folder, isDirectory: true)
            guard let walk = fileManager.enumerator(at: from, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let file as URL in walk {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = String(file.standardizedFileURL.path.dropFirst(from.standardizedFileURL.path.count + 1))
                // Partial writes of a killed run were never committed.
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".partial-") }) { continue }
                let destination = target.root.appendingPathComponent(folder, isDirectory: true).appendingPathComponent(relative)
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicWrite.write(try Data(contentsOf: file), to: destination)
                copied += 1
            }
        }
        // The head file last: it names the end of the trail that is in the target now.
        if fileManager.fileExists(atPath: auditHeadFile.path) {
            try AtomicWrite.write(try Data(contentsOf: auditHeadFile), to: target.auditHeadFile)
            copied += 1
        }
        return copied
    }

    /// A copy of each unfinished document's file in the target's `sources/`, which the workers read.
    private func copySources(to target: Workspace, report: inout WorkspaceMigration) async throws {
        let aliases = workFolder.appendingPathComponent("names", isDirectory: true)
        let copies = target.sourceCopies
        var seen: Set<String> = []
        for document in try await documents.unsettledDocuments() where seen.insert(document.sourceFile).inserted {
            var files: [(path: String, sha256: String)] = []
            if let akte = try await documents.sourceFile(document.sourceFile)?.akte {
                files = akte.members.compactMap { member in
                    member.sha256.map { (InputFile.openPath(forRecorded: member.path, aliases: aliases), $0) }
                }
            } else {
                files = [(InputFile.openPath(forRecorded: document.path, aliases: aliases), document.sourceFile)]
            }
            for file in files {
                do {
                    try await BlockingWork.run { try copies.keep(file.path, sha256: file.sha256) }
                    report.sourceCopies += 1
                } catch {
                    report.sourcesMissing.append("\(file.path): \(error)")
                }
            }
        }
    }
}

/// The `workspace.migrated` event: where from, and the trail's end as it arrived.
struct WorkspaceMigratedPayload: AuditPayload {
    static let actions: [AuditAction] = [.workspaceMigrated]
    var from: String
    var to: String
    var auditHead: String
    var events: Int
    var tables: Int
    var rows: Int
    var files: Int
}
