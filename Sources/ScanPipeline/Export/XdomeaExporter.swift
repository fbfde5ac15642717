import Foundation
import ZIPFoundation

/// `--target xdomea`: one xdomea 3.0.0 Abgabe.Abgabe.0401 message per export, as the standard
/// names it: `<ProzessID>_Abgabe.Abgabe.0401.zip` holding `<ProzessID>_Abgabe.Abgabe.0401.xml` and
/// each record's PDF as `<record UUID>.pdf`. The process id and the message time follow from the
/// records (their ids, content hashes and latest creation time), so the same records give the same
/// message, byte for byte, and exporting them again changes nothing.
struct XdomeaExporter: RecordExporter {
    let target = ExportTarget.xdomea
    let parties: XdomeaParties

    /// The records travel inside the message, not beside it.
    func files(for record: ExportableRecord) throws -> [ExportFile] { [] }

    func summaryFiles(for records: [ExportableRecord]) throws -> [ExportFile] {
        guard !records.isEmpty else { return [] }
        let records = records.sorted { $0.id < $1.id }
        let pdfs = records.map(\.pdfData)
        let message = XdomeaAbgabeMessage(records: records, pdfHashes: pdfs.map(\.sha256Hex), parties: parties)
        let name = "\(message.processID)_Abgabe.Abgabe.0401"
        let xml = message.document()
        // Fixed entry times: ZIP headers carry them, and they must not make the same export differ.
        let time = message.createdDate ?? Date(timeIntervalSince1970: 0)
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
            try Self.add(xml, named: "\(name).xml", to: archive, time: time)
            for (record, pdf) in zip(records, pdfs) { try Self.add(pdf, named: "\(record.id).pdf", to: archive, time: time) }
        } catch {
            throw ScanPipelineError(.export, "the xdomea message cannot be packed: \(error)")
        }
        guard let data = archive.data else { throw ScanPipelineError(.export, "the xdomea message cannot be packed") }
        return [ExportFile(name: "\(name).zip", content: .data(data))]
    }

    /// Adds one deflated entry with a fixed time.
    static func add(_ data: Data, named name: String, to archive: Archive, time: Date) throws {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: time,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
