import Crypto
import FilePlan
import Foundation

/// The XML of an Abgabe.Abgabe.0401 message (xdomea 3.0.0): the head, then the records as
/// Schriftgutobjekte (``XdomeaSchriftgut``: an Akte per plan node, the records as Dokumente with
/// their history as readable text and their PDFs as the Primaerdokument).
struct XdomeaAbgabeMessage {
    let records: [ExportableRecord]
    let pdfHashes: [String]
    let parties: XdomeaParties
    /// Derived from the records, so the same records give the same message.
    let processID: String
    /// The newest record's creation time, not the clock's: the same records give the same message.
    let created: String

    init(records: [ExportableRecord], pdfHashes: [String], parties: XdomeaParties) {
        self.records = records
        self.pdfHashes = pdfHashes
        self.parties = parties
        // Everything the message says, so that different content never reuses a process id: the
        // records' ids, PDFs, metadata files, newest history event, and the parties.
        let identity = zip(records, pdfHashes).map { record, pdf in
            // The bytes checked against the trail, not a second read of the file.
            let metadata = record.metadataData.sha256Hex
            let history = record.history.last { $0.knownAction != .recordExported }?.hash ?? "-"
            return "\(record.id):\(pdf):\(metadata):\(history)"
        }.joined(separator: "\n")
        processID = Self.nameUUID("xdomea-0401\n\(parties.sender)\n\(parties.recipient)\n\(identity)")
        created = records.map(\.metadata.createdAt).max() ?? "1970-01-01T00:00:00Z"
    }

    var createdDate: Date? {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return (try? fractional.parse(created)) ?? (try? Date.ISO8601FormatStyle().parse(created))
    }

    func document() -> Data {
        let schriftgut = XdomeaSchriftgut(records: records, akteID: { Self.nameUUID("akte\n\(processID)\n\($0)") },
                                          withFiles: true, proposesAppraisal: false)
        let head = XdomeaSchriftgut.head(processID: processID, type: "0401", typeName: "Abgabe.Abgabe", created: created,
                                         parties: parties, software: records.first?.metadata.software.scanctl ?? "",
                                         flags: [("Importbestaetigung", true), ("Empfangsbestaetigung", true)])
        return XdomeaSchriftgut.message("Abgabe.Abgabe.0401", head: head, body: schriftgut.objects())
    }

    static func fileName(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// `1.5` from the `%PDF-1.5` header; `1.4` when it cannot be read.
    static func pdfVersion(_ url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 8),
              let text = String(data: head, encoding: .ascii), text.hasPrefix("%PDF-") else { return "1.4" }
        try? handle.close()
        return String(text.dropFirst(5).prefix(3))
    }

    /// A name-based UUID from SHA-256 (RFC 9562 version 8, custom): the same name, the same id.
    static func nameUUID(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
