/// A record file that does not match what the audit trail recorded when scanctl wrote it.
struct RecordFileFinding: Sendable, Equatable, Encodable {
    enum Problem: String, Sendable, Encodable {
        /// The file's SHA-256 differs from the recorded one.
        case changed
        /// The trail recorded the file; it is gone.
        case missing
        /// A file in a record folder the trail never recorded.
        case unexpected
        /// The workspace has a record the trail never recorded as written.
        case unrecorded
    }

    /// The file, relative to the workspace (`records/<id>/document.pdf`).
    var file: String
    var problem: Problem
    /// The SHA-256 the trail recorded, and the event that recorded it.
    var expected: String?
    var recordedBy: Int64?
    /// The SHA-256 found now (nil when the file is missing).
    var found: String?

    var reason: String {
        switch problem {
        case .changed:
            "changed since it was written (SHA-256 \(expected ?? "-") recorded by event \(recordedBy ?? 0), now \(found ?? "-"))"
        case .missing:
            "missing (SHA-256 \(expected ?? "-") recorded by event \(recordedBy ?? 0))"
        case .unexpected:
            "not written by scanctl: the audit trail records no such file in this record" + (found.map { " (SHA-256 \($0))" } ?? "")
        case .unrecorded:
            "the audit trail records no record.written event for this record"
        }
    }

    var message: String { "\(file): \(reason)" }

    var error: ScanPipelineError { ScanPipelineError(.recordIntegrity, path: file, reason) }
}
