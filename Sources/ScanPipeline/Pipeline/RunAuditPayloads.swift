/// The payloads of the audit events a run writes: one type per action, so that the trail's shape
/// is explicit and stable.
package enum RunAuditPayload {
    package struct BatchOpened: AuditPayload {
        package static let actions: [AuditAction] = [.batchOpened]
        package var `operator`: String
        package var profile: String
        package var schutzbedarf: String
        package var plan: String
        package var planVersion: String
        package var engine: String
        package var languages: String
        package var workers: Int
        package var inputs: [String]
        /// On a shared store: how every host works on the batch's documents (in the trail, so
        /// that no one changes them unseen).
        package var workSettings: BatchWorkSettings? = nil
    }

    package struct BatchClosed: AuditPayload {
        package static let actions: [AuditAction] = [.batchClosed]
        /// The event right before `batch.closed`: the trail's head when the batch closed, one more anchor for its end.
        package struct Head: Codable, Sendable {
            package var sequence: Int64
            package var hash: String

            package init(sequence: Int64, hash: String) {
                self.sequence = sequence
                self.hash = hash
            }
        }
        package var documents: Int
        package var filed: Int
        package var needsReview: Int
        package var quarantined: Int
        package var duplicates: Int
        package var auditHead: Head
    }

    package struct FileIngested: AuditPayload {
        package static let actions: [AuditAction] = [.fileIngested]
        package var path: String
        package var sha256: String
        package var size: Int
        package var format: String
        package var pages: Int
        package var textLayerPages: Int
        package var warnings: [String]
        /// The scanner the file's metadata names (TIFF Make/Model/Software, PDF Creator/Producer).
        package var device: String?
        /// For an Akte of a delivery: what the delivery says of it, and each of its files.
        package var akte: AkteIngested?
    }

    /// An Akte as ingested: the delivery's description and every file with its hash and pages,
    /// so that each record page can be traced to the file it was scanned into.
    package struct AkteIngested: Codable, Sendable, Equatable {
        package struct File: Codable, Sendable, Equatable {
            package var name: String
            package var sha256: String
            package var size: Int
            package var format: String
            package var pages: Int
        }
        package var origin: String
        package var aktenzeichen: String?
        package var title: String?
        package var laufzeitVon: String?
        package var laufzeitBis: String?
        package var fields: [String: String]
        package var files: [File]

        package init(_ akte: DeliveryAkte) {
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

    package struct FileSkipped: AuditPayload {
        package static let actions: [AuditAction] = [.fileSkipped]
        package var path: String
        package var code: String
        package var reason: String
    }

    package struct FileDuplicate: AuditPayload {
        package static let actions: [AuditAction] = [.fileDuplicate]
        package var path: String
        package var sha256: String
        package var existingDocument: String
        package var existingState: String
        package var reason: String
    }

    package struct DocumentSeparated: AuditPayload {
        package static let actions: [AuditAction] = [.documentSeparated]
        package var rule: String
        package var pages: Int
        /// The source file's page numbers, for a document split from a larger one.
        package var sourcePages: [Int]? = nil
    }

    /// `document.split`: a source file divided at separator sheets.
    package struct DocumentSplit: AuditPayload {
        package static let actions: [AuditAction] = [.documentSplit]
        package struct Part: Codable, Sendable {
            package var document: String
            package var pages: [Int]
        }
        package var parts: [Part]
        package var separatorPages: [Int]
        package var barcodes: [Barcode]
    }

    package struct PageDerived: AuditPayload {
        package static let actions: [AuditAction] = [.pageDerived]
        package var page: Int
        package var imageSHA256: String
        package var width: Int
        package var height: Int
        package var resolution: Int
        package var resolutionSource: String
        package var rotationApplied: Int
        package var orientationDetector: String?
        package var orientationConfidence: Double?
        /// What recognising a strip both ways read, when a turn was considered.
        package var orientationEvidence: String?
        package var skewDetected: Double?
        package var skewApplied: Double
        /// Black and white, grey or colour, as scanned (and as the record keeps it).
        package var colours: String
        /// Share of the page covered by ink (percent, streaks, edges and punch holes left out) and
        /// the marks of 1 mm or more: what decided `blank`.
        package var inkPercent: Double?
        package var inkMarks: Int?
        package var blank: Bool
        /// Ink but no recognised text: handwriting, a drawing or a stamp.
        package var noTextRecognised: Bool
        package var separator: Bool
        package var barcodes: [Barcode]
        /// Why the page is flagged for rescan; empty when it passed the quality gate.
        package var quality: [String]
        package var warnings: [String]
    }

    package struct PageRecognised: AuditPayload {
        package static let actions: [AuditAction] = [.pageRecognised]
        package var page: Int
        package var engine: String
        package var engineVersion: String
        package var languages: String
        package var meanConfidence: Double?
        package var words: Int
        package var characters: Int
    }

    package struct DocumentRecognised: AuditPayload {
        package static let actions: [AuditAction] = [.documentRecognised]
        package var pages: Int
        package var blankPages: [Int]
        package var meanConfidence: Double?
    }

    package struct DocumentClassified: AuditPayload {
        package static let actions: [AuditAction] = [.documentClassified]
        package var classifier: String
        package var classifierVersion: String
        /// The trained model's version; nil when only the plan's layers classified.
        package var model: String?
        package var plan: String
        package var planVersion: String
        package var decision: String
        package var thresholds: [Double]
        package var filedUnder: String?
        package var reviewReason: String?
        package var references: [String]
        package var candidates: [ClassificationCandidate]
    }

    package struct RecordWritten: AuditPayload {
        package static let actions: [AuditAction] = [.recordWritten]
        package var record: String
        package var state: String
        package var pdfSHA256: String
        package var metadataSHA256: String
        package var pages: Int
        package var blankPagesLeftOut: [Int]
        package var planCode: String?
        package var retention: String?
        package var disposal: String?
        package var schutzbedarf: String
    }

    package struct Quarantined: AuditPayload {
        package static let actions: [AuditAction] = [.documentQuarantined, .fileQuarantined]
        package var path: String
        package var sha256: String?
        package var code: String
        package var reason: String
        package var storedAs: String?
    }

    /// `document.lease-expired`: whose lease lapsed, with which fencing token, on which attempt.
    package struct DocumentLeaseExpired: AuditPayload {
        package static let actions: [AuditAction] = [.documentLeaseExpired]
        package var worker: String
        package var token: Int64
        package var attempt: Int

        package init(worker: String, token: Int64, attempt: Int) {
            self.worker = worker
            self.token = token
            self.attempt = attempt
        }
    }
}
