public import Foundation
import FilePlan

/// How a batch's documents are worked on, as the run that enqueued it was told: kept with the
/// batch in a shared workspace (in its `batch.opened` event), so that a worker on any
/// host processes them with the same profile, separation, Schutzbedarf, languages and thresholds
/// as a run on one machine would, not with its own defaults.
public struct BatchWorkSettings: Sendable, Codable, Equatable {
    public var operatorName: String
    public var profile: String?
    public var schutzbedarf: String?
    public var languages: String?
    public var noSeparation: Bool
    public var separateAtBlankPages: Bool
    public var maximumPagesPerDocument: Int?
    public var thresholds: [Double]
    /// The batch is a delivery of Akten (one document each, every sheet in its record).
    public var delivery: Bool

    public init(_ request: RunSetup.Request) {
        operatorName = request.operatorName
        profile = request.profile
        schutzbedarf = request.schutzbedarf?.rawValue
        languages = request.languagesGiven ? request.ocr.languages : nil
        noSeparation = request.noSeparation
        separateAtBlankPages = request.separateAtBlankPages
        maximumPagesPerDocument = request.maximumPagesPerDocument
        thresholds = request.policy.thresholds
        delivery = request.delivery != nil
    }

    /// `request` (a worker's) with the batch's settings.
    public func apply(to request: inout RunSetup.Request) {
        request.operatorName = operatorName
        request.profile = profile
        request.schutzbedarf = schutzbedarf.flatMap(Schutzbedarf.init(rawValue:))
        if let languages {
            request.ocr.languages = languages
            request.languagesGiven = true
        }
        request.noSeparation = noSeparation
        request.separateAtBlankPages = separateAtBlankPages
        request.maximumPagesPerDocument = maximumPagesPerDocument
        if !thresholds.isEmpty { request.policy = DecisionPolicy(thresholds: thresholds) }
        // Only the delivery's effects matter to a worker; its folder was read at the enqueue.
        request.delivery = delivery ? DeliveryOptions(source: .folder) : nil
    }
}

extension Workspace {
    /// The settings a shared batch was enqueued with, from its `batch.opened` event; nil for a
    /// batch without (a run on SQLite).
    public func settings(ofBatch batch: String) async throws -> BatchWorkSettings? {
        let opened = try await auditLog.events(AuditEventQuery(batch: batch, actions: [.batchOpened], limit: 1))
        return opened.first?.payload(as: RunAuditPayload.BatchOpened.self)?.workSettings
    }
}
