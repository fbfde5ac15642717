import Foundation

/// A record as an exporter sees it: its metadata and where its files are.
struct ExportableRecord: Sendable {
    /// The record's and its batch's ids, from the workspace database (output names are built from them).
    var id: String
    var batch: String
    /// Where the document was when it was listed for the export (the export moves it from there).
    var state: DocumentState
    var metadata: RecordMetadata
    var pdf: URL
    var metadataFile: URL
    /// The files' bytes as read and checked against the audit trail: exporters hand over these,
    /// never a second read of the files.
    var pdfData: Data
    var metadataData: Data
    /// The record's audit events, oldest first (xdomea carries them as its history).
    var history: [AuditEvent]
}

/// One file an exporter writes: a copy of a record file, or content it made.
struct ExportFile: Sendable {
    enum Content: Sendable {
        case copy(URL)
        case data(Data)
    }

    /// The file's name in the export folder; exporters build it from record ids, never from OCR text.
    var name: String
    var content: Content

    /// The bytes the file will have.
    func bytes() throws -> Data {
        switch content {
        case .copy(let url):
            do { return try Data(contentsOf: url) } catch {
                throw ScanPipelineError(.export, path: url.path, "the record file cannot be read: \(error.localizedDescription)")
            }
        case .data(let data): return data
        }
    }
}
