import Foundation
internal import GRDB

/// Rewrites `audit-head.json` after every commit that appended audit events, so that no call site
/// has to remember: registered on the workspace's writer connection for the workspace's lifetime.
///
/// GRDB calls it on the writer's queue only, one transaction at a time, so `appended` needs no lock.
final class AuditHeadObserver: TransactionObserver {
    private let file: URL
    private var appended = false

    init(file: URL) { self.file = file }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(let table) = eventKind { return table == "auditEvent" }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) {
        appended = true
        // One insert is enough to know the head moved; the rest of the transaction need not be reported.
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseWillCommit() throws {}

    func databaseDidCommit(_ db: Database) {
        guard appended else { return }
        appended = false
        // A failure leaves the file behind the trail, which verification accepts; the commit
        // itself has happened and must not be reported as failed.
        try? Self.writeHead(db, to: file)
    }

    func databaseDidRollback(_ db: Database) { appended = false }

    /// Writes the trail's current last event to `file`.
    static func writeHead(_ db: Database, to file: URL) throws {
        let head = try AuditTrail.head(db)
        try AuditHeadFile(sequence: head.sequence, hash: head.hash, time: AuditTrail.timestamp(Date())).write(to: file)
    }
}
