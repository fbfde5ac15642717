public import Foundation
import Yams

/// How a record's metadata fills a d.3 installation's index fields: the document type (`dokuart`)
/// and which `dok_dat_feld[N]` receives what. Which number means what is configured per d.3
/// installation, so it is read from a YAML file:
///
/// ```yaml
/// dokuart: SCAN
/// logi_verzeichnis: Fr        # optional
/// encoding: windows-1252      # or utf-8 (default)
/// fields:
///   - field: 1
///     value: plan.code
///   - field: 2
///     value: plan.title
///     max_length: 80
/// ```
public struct D3Mapping: Sendable, Equatable {
    /// What a field can be filled with.
    public enum Value: String, Sendable, CaseIterable {
        case recordID = "record.id"
        case batchID = "batch.id"
        case planCode = "plan.code"
        case planTitle = "plan.title"
        case planPath = "plan.path"
        case aktenzeichen
        case retention
        case retentionEnd = "retention.end"
        case disposal
        case schutzbedarf
        case decision
        case createdDate = "created.date"
        case sourceSHA256 = "source.sha256"
        case pdfSHA256 = "pdf.sha256"
        /// An Akte's title and Laufzeit as its delivery gives them (empty for other records).
        case akteTitle = "akte.title"
        case laufzeitVon = "akte.laufzeit_von"
        case laufzeitBis = "akte.laufzeit_bis"
    }

    public struct Field: Sendable, Equatable {
        public var number: Int
        public var value: Value
        /// Longer values are cut (d.3 fields have fixed lengths).
        public var maxLength: Int
    }

    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    public var documentType: String
    public var logicalFolder: String?
    public var encoding: Encoding
    public var fields: [Field]

    /// Used when no mapping file is given: a generic layout to adapt to the installation.
    public static let standard = D3Mapping(
        documentType: "SCAN", logicalFolder: nil, encoding: .utf8,
        fields: [(1, .planCode), (2, .planTitle), (3, .aktenzeichen), (4, .recordID), (5, .disposal), (6, .retentionEnd),
                 (7, .schutzbedarf), (8, .decision), (9, .akteTitle), (50, .createdDate)].map { Field(number: $0, value: $1, maxLength: 250) })

    init(documentType: String, logicalFolder: String?, encoding: Encoding, fields: [Field]) {
        self.documentType = documentType
        self.logicalFolder = logicalFolder
        self.encoding = encoding
        self.fields = fields
    }

    private struct File: Decodable {
        struct Field: Decodable {
            var field: Int
            var value: String
            var max_length: Int?
        }
        var dokuart: String
        var logi_verzeichnis: String?
        var encoding: String?
        var fields: [Field]
    }

    /// Reads a mapping file; every problem names the file and what is wrong.
    public static func load(from url: URL) throws -> D3Mapping {
        func fail(_ reason: String) -> ScanPipelineError { ScanPipelineError(.export, path: url.path, reason) }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw fail("the d.3 mapping cannot be read: \(error.localizedDescription)")
        }
        let file: File
        do { file = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw fail("is not a d.3 mapping (dokuart, fields: [{field, value}]): \(error)")
        }
        guard !file.dokuart.isEmpty, file.dokuart.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw fail("dokuart '\(file.dokuart)' must be letters and digits")
        }
        guard let encoding = Encoding(rawValue: (file.encoding ?? "utf-8").lowercased()) else {
            throw fail("encoding '\(file.encoding ?? "")' is not utf-8 or windows-1252")
        }
        var seen = Set<Int>()
        let fields = try file.fields.map { field -> Field in
            guard (1...99).contains(field.field) else { throw fail("field \(field.field) is not a dok_dat_feld number (1-99)") }
            guard seen.insert(field.field).inserted else { throw fail("field \(field.field) is mapped twice") }
            guard let value = Value(rawValue: field.value) else {
                throw fail("field \(field.field): unknown value '\(field.value)' (known: \(Value.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let maxLength = field.max_length ?? 250
            guard maxLength > 0 else { throw fail("field \(field.field): max_length must be positive") }
            return Field(number: field.field, value: value, maxLength: maxLength)
        }
        return D3Mapping(documentType: file.dokuart, logicalFolder: file.logi_verzeichnis, encoding: encoding, fields: fields)
    }
}
