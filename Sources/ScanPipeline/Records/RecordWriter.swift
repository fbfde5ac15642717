import Foundation

/// Writes one record folder, `records/<id>/` (document.pdf as PDF/A-2b, metadata.json), all or
/// nothing: the files go into `records/.partial-<id>/`, are synced, and the folder is renamed into place. A run killed halfway
/// leaves only a partial folder, which the next run removes.
struct RecordWriter: Sendable {
    let records: URL

    struct Written: Sendable {
        var pdfSHA256: String
        var metadataSHA256: String
    }

    /// `pages` are the record's pages in order (Tesseract's one-page PDFs, or a PDF source's pages
    /// with their text layers); `created` is the
    /// record's creation time as metadata.json states it.
    func write(id: String, pages: [RecordPage], metadata: RecordMetadata, created: Date) throws -> Written {
        let partial = records.appendingPathComponent(".partial-\(id)", isDirectory: true)
        do {
            return try write(id: id, pages: pages, metadata: metadata, created: created, partial: partial)
        } catch {
            // Nothing half-written stays: a full disk leaves no partial record behind.
            try? FileManager.default.removeItem(at: partial)
            if let problem = StorageFailure.problem(in: records) { throw problem }
            throw error
        }
    }

    private func write(id: String, pages: [RecordPage], metadata: RecordMetadata, created: Date, partial: URL) throws -> Written {
        let fileManager = FileManager.default
        let final = records.appendingPathComponent(id, isDirectory: true)
        try? fileManager.removeItem(at: partial)
        do {
            try fileManager.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw StorageFailure.error(error, writing: partial.path)
        }

        let pdf = partial.appendingPathComponent(metadata.pdf)
        guard !pages.isEmpty else { throw ScanPipelineError(.emptyDocument, path: metadata.source.path, "no page for the record") }
        var complete = metadata
        complete.pdfFormat = ArchivalPDFWriter.format
        complete.software.qpdf = QPDFDocument.version
        let description = ArchivalPDFDescription(record: complete, created: created, qpdfVersion: QPDFDocument.version)
        try ArchivalPDFWriter().write(pages: pages, description: description, to: pdf)
        try AtomicWrite.sync(pdf)
        let pdfHash = try FileHasher.sha256(path: pdf.path).hash

        complete.pdfSHA256 = pdfHash
        let data = try Self.encoded(complete)
        try AtomicWrite.write(data, to: partial.appendingPathComponent("metadata.json"))
        let metadataHash = data.sha256Hex

        // The record's id is the document's: a record written before a kill, but not committed,
        // is replaced here, never duplicated.
        if fileManager.fileExists(atPath: final.path) { try fileManager.removeItem(at: final) }
        guard rename(partial.path, final.path) == 0 else {
            throw ScanPipelineError(.workspace, path: final.path, "cannot move the finished record into place")
        }
        AtomicWrite.syncFolder(records)
        return Written(pdfSHA256: pdfHash, metadataSHA256: metadataHash)
    }

    /// Rewrites a record whose placement a review changed: the PDF/A keeps its pages and gets the
    /// new description; metadata.json is replaced. The folder stays in place and each file is
    /// replaced by a rename, so the record is never absent; a crash between the two renames
    /// leaves the workspace's pending update set, and doing it again gives the same files.
    func rewrite(id: String, metadata: RecordMetadata, created: Date, modified: Date) throws -> Written {
        let folder = records.appendingPathComponent(id, isDirectory: true)
        let pdf = folder.appendingPathComponent(metadata.pdf)
        guard FileManager.default.fileExists(atPath: pdf.path) else {
            throw ScanPipelineError(.workspace, path: pdf.path, "the record's PDF is missing")
        }
        var complete = Self.completed(metadata, pdfSHA256: metadata.pdfSHA256)
        let description = ArchivalPDFDescription(record: complete, created: created, modified: modified,
                                                 qpdfVersion: QPDFDocument.version)
        let replacement = folder.appendingPathComponent(".\(metadata.pdf).partial")
        try ArchivalPDFWriter().write(pages: [pdf], description: description, to: replacement)
        try AtomicWrite.sync(replacement)
        guard rename(replacement.path, pdf.path) == 0 else {
            throw ScanPipelineError(.workspace, path: pdf.path, "cannot replace the record's PDF")
        }
        complete.pdfSHA256 = try FileHasher.sha256(path: pdf.path).hash
        let data = try Self.encoded(complete)
        try AtomicWrite.write(data, to: folder.appendingPathComponent("metadata.json"))
        AtomicWrite.syncFolder(folder)
        return Written(pdfSHA256: complete.pdfSHA256, metadataSHA256: data.sha256Hex)
    }

    /// The metadata as a rewrite stores it: the PDF/A format, the qpdf that made it, the PDF's hash.
    static func completed(_ metadata: RecordMetadata, pdfSHA256: String) -> RecordMetadata {
        var complete = metadata
        complete.pdfFormat = ArchivalPDFWriter.format
        complete.software.qpdf = QPDFDocument.version
        complete.pdfSHA256 = pdfSHA256
        return complete
    }

    static func encoded(_ metadata: RecordMetadata) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(metadata)
    }
}
