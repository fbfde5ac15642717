import Foundation

/// Writes one record folder, `records/<id>/`, all or nothing: the files go into
/// `records/.partial-<id>/`, are synced, and the folder is renamed into place. A run killed halfway
/// leaves only a partial folder, which the next run removes.
struct RecordWriter: Sendable {
    let records: URL

    struct Written: Sendable {
        var pdfSHA256: String
        var metadataSHA256: String
    }

    func write(id: String, pages: [URL], metadata: RecordMetadata) throws -> Written {
        let fileManager = FileManager.default
        let partial = records.appendingPathComponent(".partial-\(id)", isDirectory: true)
        let final = records.appendingPathComponent(id, isDirectory: true)
        try? fileManager.removeItem(at: partial)
        try fileManager.createDirectory(at: partial, withIntermediateDirectories: true)

        let pdf = partial.appendingPathComponent(metadata.pdf)
        guard !pages.isEmpty else { throw ScanPipelineError(.emptyDocument, path: metadata.source.path, "no page for the record") }
        if pages.count == 1 {
            try fileManager.copyItem(at: pages[0], to: pdf)
        } else {
            let output = try ExternalTool(name: "pdfunite", package: "poppler-utils")
                .run(pages.map(\.path) + [pdf.path], timeout: 300)
            guard output.status == 0, !output.timedOut else {
                throw ScanPipelineError(.externalTool, path: metadata.source.path,
                                        "pdfunite could not join the pages: \(output.standardError)")
            }
        }
        try AtomicWrite.sync(pdf)
        let pdfHash = try FileHasher.sha256(path: pdf.path).hash

        var complete = metadata
        complete.pdfSHA256 = pdfHash
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(complete)
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
}
