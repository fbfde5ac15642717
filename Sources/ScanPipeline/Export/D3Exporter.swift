import FilePlan
import Foundation

/// `--target d3`: d.3 hostimport. Each record's PDF as `<record>.pdf` with `<record>.jpl` beside
/// it: `key = "value"` lines, the document type and the index fields from a ``D3Mapping``.
struct D3Exporter: RecordExporter {
    let target = ExportTarget.d3
    let mapping: D3Mapping

    func files(for record: ExportableRecord) throws -> [ExportFile] {
        var lines = ["dokuart = \(Self.quoted(mapping.documentType, maxLength: 250))"]
        if let folder = mapping.logicalFolder { lines.append("logi_verzeichnis = \(Self.quoted(folder, maxLength: 250))") }
        for field in mapping.fields.sorted(by: { $0.number < $1.number }) {
            guard let value = value(field.value, of: record.metadata), !value.isEmpty else { continue }
            lines.append("dok_dat_feld[\(field.number)] = \(Self.quoted(value, maxLength: field.maxLength))")
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let data: Data
        switch mapping.encoding {
        case .utf8: data = Data(text.utf8)
        case .windows1252:
            // Characters Windows-1252 lacks become '?', rather than failing the whole export.
            let representable = String(text.unicodeScalars.map { scalar in
                String(scalar).data(using: .windowsCP1252) == nil ? "?" : Character(scalar)
            })
            data = representable.data(using: .windowsCP1252) ?? Data(representable.utf8)
        }
        return [ExportFile(name: "\(record.id).pdf", content: .data(record.pdfData)),
                ExportFile(name: "\(record.id).jpl", content: .data(data))]
    }

    func summaryFiles(for records: [ExportableRecord]) throws -> [ExportFile] { [] }

    /// A value as a JPL string literal. OCR text can contain anything: line breaks, tabs and other
    /// control characters become spaces (a `.jpl` is one assignment per line), double quotes become
    /// single quotes and backslashes slashes (JPL has no escape for them that every d.3 version
    /// reads), runs of spaces one space; then it is cut to `maxLength` characters.
    static func quoted(_ value: String, maxLength: Int) -> String {
        var cleaned = ""
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            var character = Character(scalar)
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" || character.isNewline {
                character = " "
            } else if character == "\"" {
                character = "'"
            } else if character == "\\" {
                character = "/"
            }
            if character == " " {
                if lastWasSpace || cleaned.isEmpty { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            cleaned.append(character)
        }
        while cleaned.last == " " { cleaned.removeLast() }
        return "\"" + String(cleaned.prefix(maxLength)) + "\""
    }

    private func value(_ value: D3Mapping.Value, of metadata: RecordMetadata) -> String? {
        switch value {
        case .recordID: metadata.record
        case .batchID: metadata.batch
        case .planCode: metadata.plan.code
        case .planTitle: metadata.plan.title
        case .planPath: metadata.plan.path.joined(separator: " > ")
        case .aktenzeichen: metadata.aktenzeichen.first
        case .retention: metadata.retention
        case .retentionEnd:
            metadata.retentionEnd.map { end in
                switch end.status {
                case .until: end.date.map { String(format: "%02d.%02d.%04d", $0.day, $0.month, $0.year) } ?? ""
                case .open: "offen"
                case .permanent: "dauernd"
                }
            }
        case .disposal: metadata.disposal
        case .schutzbedarf: metadata.schutzbedarf
        case .decision: metadata.classification.decision.rawValue
        case .createdDate: Self.germanDate(metadata.createdAt)
        case .sourceSHA256: metadata.source.sha256
        case .pdfSHA256: metadata.pdfSHA256
        case .akteTitle: metadata.akte?.title
        case .laufzeitVon: metadata.akte?.laufzeitVon
        case .laufzeitBis: metadata.akte?.laufzeitBis
        }
    }

    /// `2026-12-01T03:04:05.678Z` → `01.12.2026`, the date form d.3 date fields take.
    static func germanDate(_ timestamp: String) -> String {
        let parts = timestamp.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return timestamp }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}
