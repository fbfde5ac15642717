/// The payloads of sample-check events: who drew or checked what, by which rule and seed, with
/// which result, and who released the paper and why.
enum QualityAuditPayload {
    /// A page as the trail names it: document, page number, source file name, image hash.
    struct Page: Codable, Sendable {
        var document: String
        var page: Int
        var file: String
        var imageSHA256: String
    }

    /// `qa.sample-drawn`: a round drawn from the batch's record pages.
    struct SampleDrawn: AuditPayload {
        static let actions: [AuditAction] = [.qualitySampleDrawn]
        var by: String
        var round: Int
        var roundID: String
        var seed: String
        var ratePercent: Double?
        var count: Int?
        var population: Int
        var sampleSize: Int
        /// The acceptance number c: at most this many defective pages in the round.
        var acceptance: Int
        var tightened: Bool
        var pages: [Page]
    }

    /// `qa.page-checked`: a sampled page compared with its paper.
    struct PageChecked: AuditPayload {
        static let actions: [AuditAction] = [.qualityPageChecked]
        var by: String
        var round: Int
        var page: Page
        /// `ok` or `defect`.
        var verdict: String
        var defect: String?
        var note: String?
        /// The verdict of the page before this check (nil: not checked before).
        var previous: String?
    }

    /// `qa.released`: the batch's paper released for destruction.
    struct Released: AuditPayload {
        static let actions: [AuditAction] = [.qualityReleased]
        var by: String
        var reason: String?
        var rounds: Int
        var sampleSize: Int
        var defects: Int
        var acceptance: Int
        var checks: Int
        var verdictReason: String
        /// Inputs of the batch that became no document, excepted from the release: their paper is
        /// in no record and must not be destroyed.
        var excepted: [String]?
    }
}
