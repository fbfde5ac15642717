import FilePlan
import Foundation

/// `--target json`: `<record>.pdf` and `<record>.json` (its metadata.json) per record, and
/// `manifest.json` listing every record of the export with its files and their SHA-256. The
/// manifest holds no time, so exporting the same records again gives the same bytes.
struct JSONExporter: RecordExporter {
    let target = ExportTarget.json

    struct Manifest: Encodable {
        struct Entry: Encodable {
            var record: String
            var batch: String
            var planCode: String?
            var planTitle: String?
            var decision: String
            var retentionEnd: RetentionEndSummary?
            var pdf: String
            var pdfSHA256: String
            var metadata: String
            var metadataSHA256: String
        }

        struct RetentionEndSummary: Encodable {
            var status: String
            var date: String?
            var disposal: String
        }

        var format = "scanctl-export"
        var formatVersion = 1
        var target = "json"
        var records: [Entry]
    }

    func files(for record: ExportableRecord) throws -> [ExportFile] {
        [ExportFile(name: "\(record.id).pdf", content: .data(record.pdfData)),
         ExportFile(name: "\(record.id).json", content: .data(record.metadataData))]
    }

    func summaryFiles(for records: [ExportableRecord]) throws -> [ExportFile] {
        let entries = records.sorted { $0.id < $1.id }.map { record in
            let metadata = record.metadata
            return Manifest.Entry(
                record: record.id, batch: metadata.batch, planCode: metadata.plan.code, planTitle: metadata.plan.title,
                decision: metadata.classification.decision.rawValue,
                retentionEnd: metadata.retentionEnd.map {
                    .init(status: $0.status.rawValue, date: $0.date?.description, disposal: $0.disposal.rawValue)
                },
                pdf: "\(record.id).pdf", pdfSHA256: record.pdfData.sha256Hex,
                metadata: "\(record.id).json",
                metadataSHA256: record.metadataData.sha256Hex)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [ExportFile(name: "manifest.json", content: .data(try encoder.encode(Manifest(records: entries))))]
    }
}
