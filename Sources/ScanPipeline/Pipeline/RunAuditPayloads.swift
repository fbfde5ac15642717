/// The payloads of the audit events a run writes: one type per action, so that the trail's shape
/// is explicit and stable.
enum RunAuditPayload {
    struct BatchOpened: AuditPayload {
        static let actions: [AuditAction] = [.batchOpened]
        var `operator`: String
        var profile: String
        var schutzbedarf: String
        var plan: String
        var planVersion: String
        var engine: String
        var languages: String
        var workers: Int
        var inputs: [String]
    }

    struct BatchClosed: AuditPayload {
        static let actions: [AuditAction] = [.batchClosed]
        /// The event right before `batch.closed`: the trail's head when the batch closed, one more anchor for its end.
        struct Head: Codable, Sendable {
            var sequence: Int64
            var hash: String
        }
        var documents: Int
        var filed: Int
        var needsReview: Int
        var quarantined: Int
        var duplicates: Int
        var auditHead: Head
    }

    struct FileIngested: AuditPayload {
        static let actions: [AuditAction] = [.fileIngested]
        var path: String
        var sha256: String
        var size: Int
        var format: String
        var pages: Int
        var textLayerPages: Int
        var warnings: [String]
        /// The scanner the file's metadata names (TIFF Make/Model/Software, PDF Creator/Producer).
        var device: String?
        /// For an Akte of a delivery: what the delivery says of it, and each of its files.
        var akte: AkteIngested?
    }

    /// An Akte as ingested: the delivery's description and every file with its hash and pages,
    /// so that each record page can be traced to the file it was scanned into.
    struct AkteIngested: Codable, Sendable, Equatable {
        struct File: Codable, Sendable, Equatable {
            var name: String
            var sha256: String
            var size: Int
            var format: String
            var pages: Int
        }
        var origin: String
        var aktenzeichen: String?
        var title: String?
        var laufzeitVon: String?
        var laufzeitBis: String?
        var fields: [String: String]
        var files: [File]

        init(_ akte: DeliveryAkte) {
            origin = akte.origin.rawValue
            aktenzeichen = akte.aktenzeichen
            title = akte.title
            laufzeitVon = akte.laufzeitVon
            laufzeitBis = akte.laufzeitBis
            fields = akte.fields
            files = akte.members.map {
                File(name: $0.name, sha256: $0.sha256 ?? "", size: $0.size ?? 0, format: $0.format ?? "", pages: $0.pages ?? 0)
            }
        }
    }

    struct FileSkipped: AuditPayload {
        static let actions: [AuditAction] = [.fileSkipped]
        var path: String
        var code: String
        var reason: String
    }

    struct FileDuplicate: AuditPayload {
        static let actions: [AuditAction] = [.fileDuplicate]
        var path: String
        var sha256: String
        var existingDocument: String
        var existingState: String
        var reason: String
    }

    struct DocumentSeparated: AuditPayload {
        static let actions: [AuditAction] = [.documentSeparated]
        var rule: String
        var pages: Int
        /// The source file's page numbers, for a document split from a larger one.
        var sourcePages: [Int]? = nil
    }

    /// `document.split`: a source file divided at separator sheets.
    struct DocumentSplit: AuditPayload {
        static let actions: [AuditAction] = [.documentSplit]
        struct Part: Codable, Sendable {
            var document: String
            var pages: [Int]
        }
        var parts: [Part]
        var separatorPages: [Int]
        var barcodes: [Barcode]
    }

    struct PageDerived: AuditPayload {
        static let actions: [AuditAction] = [.pageDerived]
        var page: Int
        var imageSHA256: String
        var width: Int
        var height: Int
        var resolution: Int
        var resolutionSource: String
        var rotationApplied: Int
        var orientationDetector: String?
        var orientationConfidence: Double?
        /// What recognising a strip both ways read, when a turn was considered.
        var orientationEvidence: String?
        var skewDetected: Double?
        var skewApplied: Double
        /// Black and white, grey or colour, as scanned (and as the record keeps it).
        var colours: String
        /// Share of the page covered by ink (percent, streaks, edges and punch holes left out) and
        /// the marks of 1 mm or more: what decided `blank`.
        var inkPercent: Double?
        var inkMarks: Int?
        var blank: Bool
        /// Ink but no recognised text: handwriting, a drawing or a stamp.
        var noTextRecognised: Bool
        var separator: Bool
        var barcodes: [Barcode]
        /// Why the page is flagged for rescan; empty when it passed the quality gate.
        var quality: [String]
        var warnings: [String]
    }

    struct PageRecognised: AuditPayload {
        static let actions: [AuditAction] = [.pageRecognised]
        var page: Int
        var engine: String
        var engineVersion: String
        var languages: String
        var meanConfidence: Double?
        var words: Int
        var characters: Int
    }

    struct DocumentRecognised: AuditPayload {
        static let actions: [AuditAction] = [.documentRecognised]
        var pages: Int
        var blankPages: [Int]
        var meanConfidence: Double?
    }

    struct DocumentClassified: AuditPayload {
        static let actions: [AuditAction] = [.documentClassified]
        var classifier: String
        var classifierVersion: String
        /// The trained model's version; nil when only the plan's layers classified.
        var model: String?
        var plan: String
        var planVersion: String
        var decision: String
        var thresholds: [Double]
        var filedUnder: String?
        var reviewReason: String?
        var references: [String]
        var candidates: [ClassificationCandidate]
    }

    struct RecordWritten: AuditPayload {
        static let actions: [AuditAction] = [.recordWritten]
        var record: String
        var state: String
        var pdfSHA256: String
        var metadataSHA256: String
        var pages: Int
        var blankPagesLeftOut: [Int]
        var planCode: String?
        var retention: String?
        var disposal: String?
        var schutzbedarf: String
    }

    struct Quarantined: AuditPayload {
        static let actions: [AuditAction] = [.documentQuarantined, .fileQuarantined]
        var path: String
        var sha256: String?
        var code: String
        var reason: String
        var storedAs: String?
    }
}
